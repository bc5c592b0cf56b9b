"""The strict build, a crawl of every internal link in the built site, GitHub's heading ids
on every page, and mutation tests proving that a broken link, anchor, snippet path or image
makes the build fail (in copies of the project, ``project_copy``: marked ``slow``, ``make check``
skips them, ``make test`` runs them).
The loop of adding a note is tests/test_new_note.py."""

from __future__ import annotations

import json
import re
import subprocess
import types
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from mkdocs.exceptions import PluginError

from hooks.headings import order
from hooks.headings.note_list import NoteList
from hooks.headings.slugs import Slugger
from tools import ROOT
from tools.harness.build import build_site
from tools.harness.copies import free_day, linked_notes
from tools.harness.html import crawl, load_search_index, parse_html


def test_strict_build_passes(site_dir):
    assert (site_dir / "index.html").exists()
    assert (site_dir / "day12" / "day12" / "index.html").exists() or (site_dir / "day12" / "day12.html").exists()


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


def _article(page: Path) -> str:
    m = re.search(r'<article class="md-content__inner[^"]*">(.*)</article>', page.read_text(encoding="utf-8"), re.S)
    assert m, f"{page}: no article"
    return m.group(1)


def test_every_heading_id_follows_githubs_rule(site_dir):
    """On every built page (Markdown notes and notebooks alike) each heading's id is
    GitHub's id for its text, de-duplicated in page order (-1, -2): tests/test_github_slugs.py
    proves the rule, this proves the site applies it everywhere."""
    checked = 0
    for page in sorted(site_dir.rglob("index.html")):
        if page.parent.name in ("search", "assets"):
            continue
        slugger = Slugger()
        for _level, hid, text, _ in parse_html(_article(page)).headings:
            assert hid == slugger.slug(text), f"{page.relative_to(site_dir)}: {text!r} has id {hid!r}"
            checked += 1
    assert checked > 80


def test_permalinks_toc_and_search_use_the_heading_ids(site_dir):
    """The ¶ permalink of each heading, the TOC sidebar and the search index point at the
    ids the headings have (one rule for all four)."""
    index = load_search_index(site_dir)
    by_page: dict[str, set[str]] = {}
    for doc in index["docs"]:
        page, _, frag = doc["location"].partition("#")
        if frag:
            by_page.setdefault(page, set()).add(unquote(frag))
    assert sum(map(len, by_page.values())) > 80
    for page in sorted(site_dir.rglob("index.html")):
        rel = page.parent.relative_to(site_dir).as_posix()
        if rel.startswith(("search", "assets")):
            continue
        text = page.read_text(encoding="utf-8")
        headings = parse_html(_article(page)).headings
        ids = {h[1] for h in headings}
        permalinks = set(re.findall(r'<a class="headerlink" href="#([^"]+)"', text))
        toc = set(re.findall(r'<a href="#([^"]+)" class="md-nav__link">', text))
        key = "" if rel == "." else rel + "/"
        assert permalinks == ids, rel
        assert toc <= ids, rel
        # a page with sections has a table of contents; a note with only its `# title` has none to show
        assert bool(toc) == any(level >= 2 for level, *_ in headings), rel
        assert by_page.get(key, set()) <= ids, rel


def test_navigation_sort_key_compares_day_numbers_as_numbers():
    """hooks/headings/order.py: day9 < day11 < day99 < day100; in a folder index, then the
    note named like the folder, then notebooks; a folder's pages before its sub-folders."""
    uris = [
        "day100/day100.md",
        "day11/practice_1.ipynb",
        "index.md",
        "day9/day9.md",
        "day11/day11.md",
        "day99/day99.md",
        "day11/practice_10.ipynb",
        "day11/practice_2.ipynb",
        "day11/index.md",
        "day11/extra/a.md",
        "about.md",
    ]
    assert sorted(uris, key=order.sort_key) == [
        "index.md",
        "about.md",
        "day9/day9.md",
        "day11/index.md",
        "day11/day11.md",
        "day11/practice_1.ipynb",
        "day11/practice_2.ipynb",
        "day11/practice_10.ipynb",
        "day11/extra/a.md",
        "day99/day99.md",
        "day100/day100.md",
    ]


def test_home_note_list_needs_its_marker():
    """hooks/headings/note_list.py: docs/index.md without the marker (or with two) fails the build."""
    page = types.SimpleNamespace(file=types.SimpleNamespace(src_uri="index.md"))
    with pytest.raises(PluginError, match="<!-- note-list -->"):
        NoteList().insert("# 홈\n", page)
    with pytest.raises(PluginError, match="found 2"):
        NoteList().insert("<!-- note-list -->\n<!-- note-list -->\n", page)
    assert "<!-- note-list -->" in (ROOT / "docs" / "index.md").read_text(encoding="utf-8")


# --- mutation tests: each deliberate break must fail the strict build -------------------

_MISSING_DAY = free_day(ROOT, 99)  # a note nobody wrote (day99 once a learner writes it, then day100...)
MUTATIONS = {
    "broken link": (f"[고장 난 링크](../day{_MISSING_DAY}/day{_MISSING_DAY}.md)", f"day{_MISSING_DAY}"),
    "broken anchor": ("[고장 난 앵커](#없는-제목)", "없는-제목"),
    "missing snippet": ('```python\n--8<-- "day12/no_such_snippet.py"\n```', "no_such_snippet"),
    "missing image": ("![없는 그림](no_such_image.png)", "no_such_image"),
}


@pytest.mark.parametrize("kind", MUTATIONS)
def test_mutation_breaks_the_build(kind, tmp_path, project_copy):
    text, needle = MUTATIONS[kind]
    project = project_copy(notes=("day12",))
    page = project / "docs" / "day12" / "day12.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n\n{text}\n", encoding="utf-8")
    proc = build_site(project, tmp_path / "site")
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0, f"{kind}: the strict build passed:\n{output}"
    assert needle in output, f"{kind}: the failure does not name the problem:\n{output}"


def test_a_copy_of_one_note_takes_the_notes_it_needs(tmp_path):
    """copy_project(notes=...): the notes asked for, the notes their pages and notebooks
    link to (and so on), and the notes the home page links to; no other note."""
    docs = tmp_path / "docs"
    pages = {
        "index.md": "[d5](day5/day5.md)",
        "day1/day1.md": "[d2](../day2/day2.md#x)",
        "day2/practice.ipynb": '{"cells": [{"source": "[d3](../day3/day3.md)"}]}',
        "day2/day2.md": "",
        "day3/day3.md": "[d1](../day1/day1.md)",
        "day4/day4.md": "[d1](../day1/day1.md)",
        "day5/day5.md": "",
    }
    for name, text in pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    assert linked_notes({"day1"}, docs) == {"day1", "day2", "day3", "day5"}
    assert linked_notes({"day4"}, docs) == {"day1", "day2", "day3", "day4", "day5"}
    with pytest.raises(FileNotFoundError, match="docs/day9: no such note"):
        linked_notes({"day9"}, docs)


def test_unmutated_copy_builds(tmp_path, project_copy):
    """Control for the mutation tests: the same copy without a mutation builds."""
    project = project_copy(notes=("day12",))
    proc = build_site(project, tmp_path / "site")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_unwrapped_code_spans_lose_no_colour(site_dir):
    """hooks/output/code_spans.py drops Pygments' `.n`, `.w`, `.p` and `.o` spans; that is only
    invisible while names, punctuation and operators have the code block's own colour (Material
    for names, our extra.css, loaded after Material's, for punctuation and operators)."""
    css = "".join(p.read_text(encoding="utf-8") for p in (site_dir / "assets" / "stylesheets").glob("main.*.css"))
    assert "--md-code-hl-name-color:var(--md-code-fg-color)" in css
    assert not re.search(r"\.highlight \.w\b", css)
    extra = (site_dir / "assets" / "stylesheets" / "extra.css").read_text(encoding="utf-8")
    for kind in ("punctuation", "operator"):
        assert re.search(rf"--md-code-hl-{kind}-color:\s*var\(--md-code-fg-color\)", extra), kind
    html = (site_dir / "day12" / "day12" / "index.html").read_text(encoding="utf-8")
    for kind in ("n", "w", "p", "o"):
        assert f'<span class="{kind}">' not in html, kind
    assert '<span class="mi">' in html and '<span class="ow">' in html  # coloured tokens stay


def test_every_code_block_starts_in_the_tab_order(site_dir):
    """With content.lazy (mkdocs.yml, needed by extra.css's content-visibility) Material decides
    whether a code block is focusable only when the block first comes into view; until then every
    block is (hooks/output/code_spans.py), or a keyboard reader could not reach and scroll a wide
    block below the first screen (axe: scrollable-region-focusable)."""
    blocks = {}
    for page in site_dir.rglob("index.html"):
        attrs = re.findall(r"<pre><span></span><code([^>]*)>", page.read_text(encoding="utf-8"))
        if attrs:
            blocks[page.relative_to(site_dir).as_posix()] = attrs
    assert "day12/day12/index.html" in blocks, sorted(blocks)
    unfocusable = {page: sum(a != ' tabindex="0"' for a in attrs) for page, attrs in blocks.items()}
    unfocusable = {page: n for page, n in unfocusable.items() if n}
    assert not unfocusable, f'code blocks without tabindex="0" (page: count): {unfocusable}'


def _top_level(markdown_text: str) -> list[tuple[str, list[str]]]:
    """The top level of ``markdown_text`` rendered with the chunks' extension: (tag, the tags
    inside) per block."""
    import xml.etree.ElementTree as ET

    import markdown

    from hooks.output.chunks import CLASS, ChunksExtension

    root = ET.fromstring("<root>" + markdown.markdown(markdown_text, extensions=[ChunksExtension()]) + "</root>")
    return [(b.tag if b.get("class") != CLASS else "chunk", [c.tag for c in b] if b.get("class") == CLASS else []) for b in root]


def test_chunks_hold_the_text_between_headings_after_the_first_screen():
    """hooks/output/chunks.py: the first FIRST_DRAWN blocks stay outside chunks (the first screen
    is drawn at once), every heading stays outside (Material reads their positions), each run of
    blocks between two headings after that is one chunk, which always follows a heading."""
    from hooks.output.chunks import FIRST_DRAWN

    short = "\n\n".join(f"para {i}" for i in range(FIRST_DRAWN)) + "\n\n## heading\n\nlast\n"
    assert [tag for tag, _ in _top_level(short)] == ["p"] * FIRST_DRAWN + ["h2", "chunk"]
    assert _top_level(short)[-1][1] == ["p"]
    head = "\n\n".join(f"para {i}" for i in range(FIRST_DRAWN + 3))  # the first chunk starts at a heading
    text = head + "\n\n## a\n\none\n\n- two\n\n### b\n\n#### c\n\nthree\n"
    blocks = _top_level(text)
    assert [tag for tag, _ in blocks] == ["p"] * (FIRST_DRAWN + 3) + ["h2", "chunk", "h3", "h4", "chunk"]
    assert [inside for tag, inside in blocks if tag == "chunk"] == [["p", "ul"], ["p"]]
    assert "chunk" not in [tag for tag, _ in _top_level("\n\n".join(f"p{i}" for i in range(FIRST_DRAWN + 5)))]


def test_each_chunk_gets_a_stand_in_height_from_what_it_holds():
    """chunks.add_heights: every chunk's opening tag carries --chunk-height, which grows with its
    code lines, text, boxes and figures; a chunk whose <div> never closes is a build error that
    names the page (never a silently wrong page)."""
    from hooks.output.chunks import add_heights

    def bound(content: str) -> int:
        page = add_heights(f'<h2>a</h2>\n<div class="md-chunk">{content}</div>\n<h2>b</h2>', "docs/x.md")
        found = re.findall(r'<div class="md-chunk" style="--chunk-height: (\d+)px">', page)
        assert len(found) == 1 and page.endswith(f"{content}</div>\n<h2>b</h2>"), page
        return int(found[0])

    plain = bound("<p>짧은 문단</p>")
    assert plain < bound("<p>" + "긴 문단 " * 200 + "</p>")
    assert plain < bound("<p>짧은 문단</p><pre><code>" + "x = 1\n" * 30 + "</code></pre>")
    assert plain < bound('<div class="admonition note"><p>짧은 문단</p></div>')
    assert bound('<p><svg height="600"></svg></p>') >= bound("<p></p>") + 600
    assert bound('<div class="gather-explorer" data-gather-explorer></div>') > plain + 1000
    with pytest.raises(PluginError, match=r"docs/x\.md: a chunk's <div> is never closed"):
        add_heights('<div class="md-chunk"><p>cut', "docs/x.md")


def test_long_notes_are_drawn_in_chunks(site_dir):
    """day12 (the longest note) has its text between headings in chunks, none holds a heading,
    and the search index is built from the text, not the wrapper (no chunk in it)."""
    html = (site_dir / "day12" / "day12" / "index.html").read_text(encoding="utf-8")
    chunks = re.findall(r'<div class="md-chunk" style="--chunk-height: (\d+)px">(.*?)\n</div>\n<h[1-6]', html, flags=re.S)
    assert len(chunks) >= 40, len(chunks)
    assert not [c for _, c in chunks if re.search(r"<h[1-6][ >]", c)], "a chunk holds a heading"
    assert "md-chunk" not in (site_dir / "search" / "search_index.json").read_text(encoding="utf-8")


def test_output_lines_are_marked_apart_from_comments(site_dir):
    """Every `#>` line of every page carries the output class (styled apart from comments in
    extra.css, light and dark); no other comment does; the text stays a `#` comment, so a
    copied block is valid Python; no element is added for it."""
    pages = [p for p in site_dir.rglob("index.html") if re.search(r'<span class="c1[^"]*">#&gt;', p.read_text(encoding="utf-8"))]
    assert len(pages) >= 2
    for page in pages:
        html = page.read_text(encoding="utf-8")
        marked = re.findall(r'<span class="c1 output">(#&gt;[^<]*)</span>', html)
        assert marked, page
        assert not re.search(r'<span class="c1">#&gt;', html), page  # none left unmarked
        assert not re.search(r'<span class="c1 output">(?!#&gt;)', html), page  # only output lines
    css = (site_dir / "assets" / "stylesheets" / "extra.css").read_text(encoding="utf-8")
    assert ".highlight .c1.output{" in css.replace(" {", "{") and "[data-md-color-scheme=slate]" in css.replace('"', "")


def test_no_source_or_config_files_are_published(site_dir):
    """Hooks, their data files and snippets stay out of site/ (only what readers need ships;
    notebooks are published on purpose as the download)."""
    leaked = [
        p.relative_to(site_dir).as_posix()
        for p in site_dir.rglob("*")
        if p.is_file() and p.suffix in {".py", ".yml", ".yaml", ".toml", ".pyc"}
    ]
    assert not leaked, f"build-internal files in site/: {leaked}"
    assert not (site_dir / "hooks").exists()


def test_emoji_render_offline():
    """`:tada:` is the Unicode character (no CDN <img>); Material's icons stay inline SVG."""
    import markdown

    from hooks.output import emoji
    from tools.harness.build import mkdocs_config

    cfg = mkdocs_config()
    events = next(h for name, h in cfg["hooks"].items() if str(name).endswith("events.py"))
    assert any(getattr(f, "__qualname__", "") == "Output.use_offline_emoji" for f in events.on_config.methods)
    emoji.install(cfg)
    html = markdown.markdown(
        ":tada: 축하 :material-github:",
        extensions=["pymdownx.emoji"],
        extension_configs={"pymdownx.emoji": cfg.mdx_configs["pymdownx.emoji"]},
    )
    assert '<span aria-label="tada" class="emoji" role="img">🎉</span>' in html, html
    assert "<svg" in html and "<img" not in html and "jsdelivr" not in html, html
    # a generator set elsewhere is refused in one line, naming the hook
    with pytest.raises(PluginError, match=r"hooks/output/emoji\.py"):
        emoji.install(cfg)  # now it is no longer Material's to_svg


def test_the_run_order_is_the_order_written_in_events_py():
    """hooks/events.py lists each event's handlers top to bottom; a priority may move one past
    the theme's plugins but never past a handler listed above it, so what is written there is
    what MkDocs runs."""
    from tools.harness.build import mkdocs_config

    cfg = mkdocs_config()
    name, events = next((n, h) for n, h in cfg["hooks"].items() if str(n).endswith("hooks/events.py"))
    assert list(cfg["hooks"]) == [name], "mkdocs.yml lists hooks/events.py alone"
    declared = {e[3:]: [m.__qualname__ for m in getattr(events, e).methods] for e in dir(events) if e.startswith("on_")}
    assert len(declared) >= 12 and sum(map(len, declared.values())) >= 35
    origins = cfg.plugins._event_origins
    for event, handlers in declared.items():
        running = [m.__qualname__ for m in cfg.plugins.events[event] if str(origins.get(m, "")).endswith("hooks/events.py")]
        assert running == handlers, f"on_{event}: written {handlers}, run {running}"


def test_home_lists_every_note_on_disk_newest_first(site_dir):
    """The home page's table, read from the built page, against the notes on disk (found here,
    not with the hook): every dayN folder, newest day first; in a day the note, then its
    notebooks; each row's title and description from the file's own front matter/metadata."""
    import html as html_lib

    import yaml

    rows = re.findall(
        r'<tr>\s*<td><a href="([^"]+)">(.*?)</a></td>\s*<td>(.*?)</td>\s*</tr>',
        (site_dir / "index.html").read_text(encoding="utf-8"),
        re.S,
    )
    expected = []
    days = sorted((d for d in (ROOT / "docs").iterdir() if re.fullmatch(r"day\d+", d.name)), key=lambda d: -int(d.name[3:]))
    for day in days:
        note = day / f"{day.name}.md"
        front = yaml.safe_load(note.read_text(encoding="utf-8").split("---")[1])
        expected.append((f"{day.name}/{day.name}/", front["title"], front["description"]))
        for nb_path in sorted(day.glob("*.ipynb")):
            nb = json.loads(nb_path.read_text(encoding="utf-8"))
            first = "".join(next(c["source"] for c in nb["cells"] if c["cell_type"] == "markdown"))
            title = re.search(r"^#\s+(.+?)\s*$", first, re.M).group(1)
            expected.append((f"{day.name}/{nb_path.stem}/", title, nb["metadata"]["description"]))
    got = [
        (href, html_lib.unescape(re.sub(r"<[^>]+>", "", t)), html_lib.unescape(re.sub(r"<[^>]+>", "", d))) for href, t, d in rows
    ]
    assert len(expected) >= 4
    assert got == expected


def test_sitemap_dates_are_the_pages_commit_dates(site_dir):
    """<lastmod> is the day (Asia/Seoul, the site's timezone) of the page's last commit, read
    here from git, not the build date (a build on another day must not change the sitemap)."""
    import datetime
    import zoneinfo

    seoul = zoneinfo.ZoneInfo("Asia/Seoul")
    xml = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    entries = [
        (urlsplit(loc).path.lstrip("/"), lastmod)
        for loc, lastmod in re.findall(r"<loc>([^<]*)</loc>\s*<lastmod>([^<]+)</lastmod>", xml)
    ]
    docs = ROOT / "docs"
    sources = {  # site URL -> the page's source file
        "" if p == docs / "index.md" else f"{p.relative_to(docs).with_suffix('')}/": p
        for p in docs.rglob("*")
        if p.suffix in (".md", ".ipynb")
    }
    checked = 0
    for url, lastmod in entries:
        log = ["git", "log", "-1", "--format=%ct", "--", str(sources[url])]
        stamp = subprocess.run(log, cwd=ROOT, capture_output=True, text=True).stdout.strip()
        if not stamp:
            continue  # not committed yet: the plugin falls back to the build date
        assert lastmod == datetime.datetime.fromtimestamp(int(stamp), seoul).date().isoformat(), url
        checked += 1
    assert checked >= 3, entries


def test_our_assets_are_published_minified(site_dir):
    """Our JS and CSS keep their comments in the repository and lose them in site/."""
    sources = [
        *(ROOT / "docs" / "assets").rglob("*.js"),
        *(ROOT / "docs" / "assets").rglob("*.css"),
        *(ROOT / "overrides" / "assets").rglob("*.js"),
    ]
    assert len(sources) >= 4
    for source in sources:
        base = ROOT / "docs" if source.is_relative_to(ROOT / "docs") else ROOT / "overrides"
        published = site_dir / source.relative_to(base)
        text, small = source.read_text(encoding="utf-8"), published.read_text(encoding="utf-8")
        comment = next(line.strip() for line in text.splitlines() if line.strip().startswith(("/*", "//")))
        assert comment not in small and len(small) < 0.9 * len(text), f"{published.relative_to(site_dir)} is not minified"


def test_page_scripts_are_inline_minified_after_the_bundle(site_dir):
    """hooks/output/page_scripts: every theme page runs a11y and the search-highlight guard
    inline, minified, right after Material's bundle (before it reads ?h= on DOMContentLoaded);
    they are no longer files of their own (two requests cost day11 its blocking time)."""
    from hooks.output import page_scripts

    scripts = page_scripts.minified()
    assert set(scripts) == {"a11y", "search_highlight"}
    for name, file in page_scripts.NAMES.items():
        source = (page_scripts.SOURCES / file).read_text(encoding="utf-8")
        comment = next(line.strip() for line in source.splitlines() if line.strip().startswith("//"))
        assert comment not in scripts[name] and len(scripts[name]) < 0.6 * len(source), f"{file} is not minified"
        assert not list(site_dir.rglob(file)), f"{file} is published as a file too"
    pages = [p for p in sorted(site_dir.rglob("*.html")) if "assets/javascripts/bundle." in p.read_text(encoding="utf-8")]
    assert len(pages) >= 6
    for page in pages:
        html = page.read_text(encoding="utf-8")
        tail = html[html.index("assets/javascripts/bundle.") :]
        bodies = re.findall(r"<script>(.*?)</script>", tail, re.S)
        where = page.relative_to(site_dir).as_posix()
        assert bodies[:2] == [scripts["a11y"], scripts["search_highlight"]], f"{where}: the page scripts after the bundle"


@pytest.mark.parametrize(
    ("source", "error"),
    [("/* only a comment */\n", "returned nothing"), ('const a = "</script>";\n', "cannot stand in an inline <script>")],
)
def test_a_page_script_that_cannot_be_inlined_fails_the_build_by_name(source, error, tmp_path, monkeypatch):
    from hooks.output import page_scripts

    for file in page_scripts.NAMES.values():
        (tmp_path / file).write_text("const fine = 1;\n", encoding="utf-8")
    (tmp_path / "a11y.js").write_text(source, encoding="utf-8")
    monkeypatch.setattr(page_scripts, "SOURCES", tmp_path)
    with pytest.raises(PluginError, match=re.escape(error)) as exc:
        page_scripts.minified()
    assert "a11y.js" in str(exc.value)
