"""The strict build, a crawl of every internal link in the built site, and mutation tests
proving that a broken link, anchor, snippet path or image makes the build fail."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from support import Html, build_site, copy_project, mkdocs_config, parse_html
from tools import snippet_outputs


def _target_file(site: Path, page: Path, ref: str) -> Path:
    path = unquote(urlsplit(ref).path)
    base = site if path.startswith("/") else page.parent
    target = (base / path.lstrip("/")).resolve() if path else page
    if target.is_dir():
        target = target / "index.html"
    return target


def crawl(site: Path) -> list[str]:
    """Every broken internal href/src/#fragment in the built site, as readable lines."""
    parsed: dict[Path, Html] = {}

    def get(p: Path) -> Html:
        if p not in parsed:
            parsed[p] = parse_html(p)
        return parsed[p]

    problems = []
    for page in sorted(site.rglob("*.html")):
        for attr, ref in get(page).refs:
            parts = urlsplit(ref)
            if parts.scheme or ref.startswith("//"):
                continue  # external (checked by the no-foreign-request browser tests)
            target = _target_file(site, page, ref)
            where = f"{page.relative_to(site)}: {attr}={ref!r}"
            if not target.resolve().is_relative_to(site.resolve()):
                problems.append(f"{where} points outside the site")
                continue
            if not target.exists():
                problems.append(f"{where} -> missing {target.relative_to(site.resolve())}")
                continue
            frag = unquote(parts.fragment)
            if frag and target.suffix == ".html" and frag not in get(target).ids:
                problems.append(f"{where} -> no id {frag!r} in {target.relative_to(site.resolve())}")
    return problems


def test_strict_build_passes(site_dir):
    assert (site_dir / "index.html").exists()
    assert (site_dir / "day12" / "day12" / "index.html").exists() or (
        site_dir / "day12" / "day12.html"
    ).exists()


def test_every_internal_link_and_anchor_resolves(site_dir):
    problems = crawl(site_dir)
    assert not problems, "broken links in site/:\n" + "\n".join(problems)


def test_crawl_counts_real_links(site_dir):
    """The crawl is not vacuous: it sees many links, fragments and images."""
    refs = [r for p in site_dir.rglob("*.html") for _, r in parse_html(p).refs]
    assert len(refs) > 100
    assert sum("#" in r for r in refs) > 20


def test_seed_anchors_are_github_compatible(site_dir):
    html = (site_dir / "day12" / "day12" / "index.html").read_text(encoding="utf-8")
    ids = parse_html(site_dir / "day12" / "day12" / "index.html").ids
    # The seed's own table of contents links (written for GitHub) keep working.
    assert "1-과제-내용-정리" in ids
    assert "2-학습-회고" in ids
    assert 'href="#1-과제-내용-정리"' in html
    assert 'href="#2-학습-회고"' in html
    # and the seed's link to the day11 note resolves to a built page
    assert re.search(r'href="\.\./\.\./day11/day11/"', html), "day11 link missing"
    assert (site_dir / "day11" / "day11" / "index.html").exists()


@pytest.mark.parametrize(
    "heading, anchor",
    [
        ("### 1. 과제 내용 정리", "1-과제-내용-정리"),
        ("### torch.gather", "torchgather"),
        ("#### nn.Module 컨테이너 (Sequential)", "nnmodule-컨테이너-sequential"),
        ("## DataLoader의 collate_fn", "dataloader의-collate_fn"),
    ],
)
def test_slugs_match_github(heading, anchor):
    """Heading ids follow GitHub's rule: lower-case, punctuation dropped, spaces -> '-',
    Hangul kept. Checked against the configured slugify itself."""
    slugify = mkdocs_config().mdx_configs["toc"]["slugify"]
    assert slugify(heading.lstrip("# "), "-") == anchor


# --- mutation tests: each deliberate break must fail the strict build -------------------

MUTATIONS = {
    "broken link": ("[고장 난 링크](../day99/day99.md)", "day99"),
    "broken anchor": ("[고장 난 앵커](#없는-제목)", "없는-제목"),
    "missing snippet": ('```python\n--8<-- "day12/no_such_snippet.py"\n```', "no_such_snippet"),
    "missing image": ("![없는 그림](no_such_image.png)", "no_such_image"),
}


@pytest.mark.parametrize("kind", MUTATIONS)
def test_mutation_breaks_the_build(kind, tmp_path):
    text, needle = MUTATIONS[kind]
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "day12" / "day12.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n\n{text}\n", encoding="utf-8")
    proc = build_site(project, tmp_path / "site")
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0, f"{kind}: the strict build passed:\n{output}"
    assert needle in output, f"{kind}: the failure does not name the problem:\n{output}"


def test_unmutated_copy_builds(tmp_path):
    """Control for the mutation tests: the same copy without a mutation builds."""
    project = copy_project(tmp_path / "project")
    proc = build_site(project, tmp_path / "site")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_a_new_note_is_picked_up_without_config(tmp_path):
    """Adding docs/day13/day13.md + snippets/day13/*.py needs no nav/test/config change:
    the build lists the page in the navigation and embeds the snippet (after `make update`
    ran it and recorded its versions for the badge under the code block)."""
    project = copy_project(tmp_path / "project")
    (project / "snippets" / "day13").mkdir()
    (project / "snippets" / "day13" / "probe_01.py").write_text(
        "print(sum(range(4)))\n#> 6\n", encoding="utf-8"
    )
    snippet_outputs.update(project / "snippets" / "day13" / "probe_01.py")
    (project / "docs" / "day13").mkdir()
    (project / "docs" / "day13" / "day13.md").write_text(
        "---\ntitle: 새 노트\n---\n\n# 새 노트\n\n## 합계 구하기\n\n"
        '```python\n--8<-- "day13/probe_01.py"\n```\n\n[gather](../day12/day12.md#1-과제-내용-정리)\n',
        encoding="utf-8",
    )
    site = tmp_path / "site"
    proc = build_site(project, site)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    page = (site / "day13" / "day13" / "index.html").read_text(encoding="utf-8")
    assert "sum</span><span class=\"p\">(</span>" in page or "sum(range(4))" in page
    assert 'id="합계-구하기"' in page
    assert "에서 실행해 확인한 출력</p>" in page
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "day13/day13/" in home, "new note missing from the navigation"
    assert not crawl(site)


def test_unwrapped_code_spans_lose_no_colour(site_dir):
    """hooks/strip_code_spans.py drops Pygments' `.n` and `.w` spans; that is only
    invisible while Material colours names with the code block's own colour."""
    css = "".join(p.read_text(encoding="utf-8") for p in (site_dir / "assets" / "stylesheets").glob("main.*.css"))
    assert "--md-code-hl-name-color:var(--md-code-fg-color)" in css
    assert not re.search(r"\.highlight \.w\b", css)
    html = (site_dir / "day12" / "day12" / "index.html").read_text(encoding="utf-8")
    assert '<span class="n">' not in html and '<span class="w">' not in html
    assert '<span class="p">' in html  # coloured tokens stay


def test_no_source_or_config_files_are_published(site_dir):
    """Hooks, their data files and snippets stay out of site/ (only what readers need ships;
    notebooks are published on purpose as the download)."""
    leaked = [p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*")
              if p.is_file() and p.suffix in {".py", ".yml", ".yaml", ".toml", ".pyc"}]
    assert not leaked, f"build-internal files in site/: {leaked}"
    assert not (site_dir / "hooks").exists()
