"""Practice notebooks: stored outputs equal a fresh run, and the built pages serve them.

Each notebook is executed once per session from a clean ``python3`` kernel of the test venv
(``tools.execute_notebooks.execute``, which also proves the kernel runs this interpreter). The stored
file must equal the canonical fresh run: first the text outputs cell by cell (readable diff),
then byte for byte. Further tests prove the checker is not vacuous (an altered, missing or
extra output, a source edit and output outside the rule are all caught) and that ``make
update`` rewrites a stale file. The site tests read the strictly built site: the pages exist,
carry no JupyterLab CSS and no CDN scripts, the download link serves the valid notebook, code
stays out of the search index while the Korean markdown cells are in it, and the pages look
right in light and dark mode with every foreign request blocked.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from urllib.parse import unquote

import nbformat
import pytest

from tools import ROOT
from tools import execute_notebooks as nbtool
from tools import update as update_tool
from tools.harness.build import build_site
from tools.harness.html import load_search_index, parse_html

NOTEBOOKS = nbtool.notebook_files()
IDS = [p.stem for p in NOTEBOOKS]


def test_the_two_practice_notebooks_exist():
    assert [p.relative_to(nbtool.ROOT).as_posix() for p in NOTEBOOKS] == [
        "docs/day12/practice_1.ipynb",
        "docs/day12/practice_2.ipynb",
    ]


@pytest.fixture(scope="session")
def fresh() -> dict[Path, nbformat.NotebookNode]:
    """Every notebook executed once from a clean kernel (canonical form)."""
    return {path: nbtool.execute(path) for path in NOTEBOOKS}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_stored_outputs_match_a_fresh_run(path, fresh):
    nbtool.check(path, fresh=fresh[path])  # NotebookStale (an AssertionError) with a diff


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_code_cell_has_checked_output_or_is_setup(path, fresh):
    """The notebooks show their results: all but the setup cell print something."""
    code = [c for c in fresh[path].cells if c.cell_type == "code"]
    silent = [i for i, c in enumerate(code) if not c.outputs]
    assert silent == [0], f"code cells without output: {silent}"
    assert len(code) >= 10


def test_update_is_a_registered_generator():
    assert "tools.execute_notebooks" in update_tool.GENERATORS


# --- the checker is not vacuous ---------------------------------------------------------------


def _stored(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def _stdout(nb, which: str):
    """(cell, output) of the ``first`` or ``last`` stdout output of the notebook: a check that
    only ever sees a change in the first cell must not pass."""
    found = [(cell, out) for cell in nb.cells for out in cell.get("outputs", []) if out.output_type == "stream"]
    assert len(found) >= 2, "fewer than two stdout outputs"
    return found[0] if which == "first" else found[-1]


@pytest.mark.parametrize("which", ["first", "last"])
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_altered_stored_output_is_detected(fresh, path, which):
    stored = _stored(path)
    nbtool.compare(stored, fresh[path], path.name)  # untouched: passes
    cell, out = _stdout(stored, which)
    original = out.text
    line = next(x for x in original.splitlines() if x.strip())
    out.text = original.replace(line, line + " 7", 1)
    with pytest.raises(nbtool.NotebookStale) as info:
        nbtool.compare(stored, fresh[path], path.name)
    message = str(info.value)
    assert "stale outputs" in message and "make update" in message
    assert f"--- cell {stored.cells.index(cell)}: " in message  # the diff names the cell
    assert "-" + line + " 7" in message  # the stored line
    assert "+" + line in message  # the fresh line


@pytest.mark.parametrize("which", ["first", "last"])
def test_missing_or_extra_output_is_detected(fresh, which):
    path = NOTEBOOKS[1]
    missing = _stored(path)
    cell, _ = _stdout(missing, which)
    cell.outputs = []
    with pytest.raises(nbtool.NotebookStale, match="stale outputs"):
        nbtool.compare(missing, fresh[path], path.name)
    extra = _stored(path)
    cell, out = _stdout(extra, which)
    cell.outputs.append(copy.deepcopy(out))
    with pytest.raises(nbtool.NotebookStale, match="stale outputs"):
        nbtool.compare(extra, fresh[path], path.name)


def test_edited_source_without_update_is_detected(fresh):
    path = NOTEBOOKS[0]
    stored = _stored(path)
    code = next(c for c in stored.cells if c.cell_type == "code" and c.outputs)
    code.source += "\n# an edit nobody re-ran"
    with pytest.raises(nbtool.NotebookStale, match="canonical"):
        nbtool.compare(stored, fresh[path], path.name)


def _tiny_notebook() -> nbformat.NotebookNode:
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x")], metadata={"description": "설명"})


def test_a_notebook_needs_a_description():
    nb = _tiny_notebook()
    del nb.metadata["description"]
    with pytest.raises(nbtool.NotebookError, match="description"):
        nbtool.canonical(nb, "t")


def test_output_rule_rejects_stderr_and_machine_specific_text():
    nb = _tiny_notebook()
    nb.cells[0].outputs = [nbformat.v4.new_output("stream", name="stderr", text="UserWarning: ...\n")]
    with pytest.raises(nbtool.NotebookError, match="stderr"):
        nbtool.canonical(nb, "t")
    nb.cells[0].outputs = [
        nbformat.v4.new_output("execute_result", data={"text/plain": "<torch._C.Generator at 0x7f63f47372d0>"}, execution_count=1)
    ]
    with pytest.raises(nbtool.NotebookError, match="machine-specific"):
        nbtool.canonical(nb, "t")
    nb.cells[0].outputs = [nbformat.v4.new_output("display_data", data={"text/plain": "x", "image/png": "iVBOR"})]
    with pytest.raises(nbtool.NotebookError, match="text/plain"):
        nbtool.canonical(nb, "t")


def test_output_rule_joins_stdout_chunks_and_keeps_what_a_terminal_shows():
    nb = _tiny_notebook()
    nb.cells[0].outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="epoch: 0/2\r"),
        nbformat.v4.new_output("stream", name="stdout", text="epoch: 1/2\repoch: 2/2\n"),
        nbformat.v4.new_output("stream", name="stdout", text="done\n"),
    ]
    out = nbtool.canonical(nb, "t").cells[0].outputs
    assert [o.text for o in out] == ["epoch: 2/2\ndone\n"]


def test_update_rewrites_a_stale_file_and_then_leaves_it_alone(fresh, tmp_path, monkeypatch):
    path = NOTEBOOKS[0]
    target = tmp_path / path.name
    stale = _stored(path)
    _stdout(stale, "first")[1].text = "stale\n"
    stale.metadata["language_info"] = {"name": "python", "version": "3.0.0"}  # noise to drop
    target.write_text(nbformat.writes(stale), encoding="utf-8")
    monkeypatch.setattr(nbtool, "execute", lambda p: fresh[path])
    assert nbtool.update(target) is True
    assert target.read_text(encoding="utf-8") == path.read_text(encoding="utf-8")
    assert nbtool.update(target) is False


def test_canonical_form_is_stable_and_clean(fresh):
    for path, nb in fresh.items():
        text = nbtool.dumps(nb)
        assert nbtool.dumps(nbtool.canonical(nbformat.reads(text, as_version=4), path.stem)) == text
        data = json.loads(text)
        assert data["metadata"] == {
            "description": data["metadata"]["description"],
            "kernelspec": nbtool.KERNELSPEC,
            "language_info": {"name": "python"},
        }
        counts = [c["execution_count"] for c in data["cells"] if c["cell_type"] == "code"]
        assert counts == list(range(1, len(counts) + 1))
        assert all(set(c["metadata"]) <= {"tags"} for c in data["cells"])
        assert all("execution" not in c["metadata"] for c in data["cells"])  # no timings
        assert " at 0x" not in text


# --- the built pages --------------------------------------------------------------------------


def _page(site_dir: Path, path: Path) -> Path:
    return site_dir / "day12" / path.stem / "index.html"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_page_is_built_light_and_offline(site_dir, path):
    page = _page(site_dir, path)
    assert page.exists(), f"{page} missing"
    html = page.read_text(encoding="utf-8")
    assert 'class="jupyter-wrapper"' in html
    assert html.count('class="jp-Cell jp-CodeCell') >= 10
    # JupyterLab's CSS and the MathJax / mermaid / require.js loaders are gone
    assert "--jp-" not in html and "<style" not in html
    assert "mathjax" not in html.lower() and "mermaid" not in html.lower() and "requirejs" not in html.lower()
    links = parse_html(html)
    srcs = [s["src"] for s in links.scripts if s.get("src")]
    assert srcs and all(not re.match(r"(https?:)?//", s) for s in srcs), srcs
    assert len(html.encode()) < 250_000, "notebook page weight regressed (was ~120 KB)"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_download_link_serves_the_valid_notebook(site_dir, path):
    page = _page(site_dir, path)
    links = parse_html(page.read_text(encoding="utf-8"))
    downloads = [a for a in links.anchors if "download" in a]
    assert len(downloads) == 1, downloads
    href = downloads[0]["href"]
    assert href == path.name and downloads[0]["download"] == path.name
    served = page.parent / unquote(href)
    assert served.read_bytes() == path.read_bytes()
    nb = nbformat.reads(served.read_text(encoding="utf-8"), as_version=4)
    nbformat.validate(nb)


@pytest.mark.parametrize("path, section", list(zip(NOTEBOOKS, ["필수-과제-1", "필수-과제-2"])), ids=IDS)
def test_notebook_and_note_link_each_other(site_dir, path, section):
    page = _page(site_dir, path)
    links = parse_html(page.read_text(encoding="utf-8"))
    back = [unquote(a["href"]) for a in links.anchors if unquote(a.get("href", "")).endswith(f"#{section}")]
    assert back and set(back) == {f"../day12/#{section}"}, back
    note = site_dir / "day12" / "day12" / "index.html"
    note_html = note.read_text(encoding="utf-8")
    assert f'id="{section}"' in note_html
    # the note's section points at the notebook page, inside the practice part
    part = note_html.split(f'id="{section}"', 1)[1].split("<h3", 1)[0]
    assert f'href="../{path.stem}/"' in part


def test_a_notebook_link_to_a_missing_page_breaks_the_build(tmp_path, project_copy):
    """MkDocs does not check links inside notebooks; the hook does, and fails the build."""
    project = project_copy(notes=("day12",))
    target = project / NOTEBOOKS[0].relative_to(ROOT)
    nb = nbformat.read(target, as_version=4)
    nb.cells[0].source += "\n\n[없는 노트](missing.md#제목)"
    nbformat.write(nb, target)
    proc = build_site(project, tmp_path / "site")
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "link to 'missing.md': no such page" in out
    # a content error: the notebook and the cell are named, with the fix; no traceback
    assert "notebooks: docs/day12/practice_1.ipynb: the notebook cannot go into a page" in out, out
    assert f"cell 1 (markdown, id {nb.cells[0].id}): link to 'missing.md'" in out and "fix the link" in out
    assert "Traceback" not in out


def test_code_stays_out_of_the_search_index_but_markdown_cells_are_in(site_dir):
    index = load_search_index(site_dir)
    docs = [d for d in index["docs"] if "/practice_" in "/" + d["location"]]
    text = " ".join(d["title"] + " " + d["text"] for d in docs)
    # markdown cells: Korean prose and the headings (with Hangul ids) are searchable
    assert "노트에서 손으로 따라간 칸 하나를 확인한다" in text
    assert "worker 0과 worker 1의 난수가 똑같다" in text
    # ... each paragraph under its own heading (not in the page's top entry)
    section = {d["location"].split("#")[-1]: d["text"] for d in docs}
    assert "worker 0과 worker 1의 난수가 똑같다" in section["5-num_workers와-worker_init_fn"]
    assert "노트에서 손으로 따라간 칸 하나를 확인한다" in section["1-gather-2차원"]
    # code cells are not: sources, outputs, prompts and copy-button text
    for needle in ("torch.arange(1, 16)", "class NoisyDataset", "[850, 636]", "In [", "Copied!"):
        assert needle not in text, needle
    # ... nor their names: no notebook section gets the hidden `code` field (API names of code
    # blocks, outputs included) that Markdown pages get from their snippets
    assert not [d["location"] for d in docs if d.get("code")]
    assert len(json.dumps(docs, ensure_ascii=False).encode()) < 25_000


def test_pages_render_in_light_and_dark_mode_without_foreign_requests(page, site_url):
    """One page, both schemes: code blocks on Material's code background, hidden copy text."""
    script = """() => {
      const q = (s) => document.querySelector(s);
      const style = (s) => getComputedStyle(q(s));
      return {
        codeBg: style('.jupyter-wrapper .jp-InputArea-editor').backgroundColor,
        mdCodeBg: getComputedStyle(document.body).getPropertyValue('--md-code-bg-color').trim(),
        codeColor: style('.jupyter-wrapper .highlight-ipynb pre').color,
        outColor: style('.jupyter-wrapper .jp-OutputArea-output pre').color,
        bodyBg: getComputedStyle(document.body).backgroundColor,
        copyText: style('.jupyter-wrapper .clipboard-copy-txt').display,
        keyword: style('.jupyter-wrapper .highlight-ipynb .kn').color,
        outputs: document.querySelectorAll('.jp-OutputArea-output pre').length,
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        scheme: document.body.getAttribute('data-md-color-scheme'),
      };
    }"""
    seen = {}
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.set_viewport_size({"width": 390, "height": 800})
        page.goto(site_url + "day12/practice_1/")
        seen[scheme] = info = page.evaluate(script)
        assert info["copyText"] == "none", info
        assert info["outputs"] >= 10, info
        assert info["overflow"] <= 0, info  # long code scrolls inside its block on a phone
        assert info["codeBg"] != "rgba(0, 0, 0, 0)", info
        assert info["outColor"] != info["bodyBg"] and info["codeColor"] != info["codeBg"], info
        assert info["keyword"] != info["codeColor"], "no syntax colours"
    assert seen["light"]["scheme"] == "default" and seen["dark"]["scheme"] == "slate"
    assert seen["light"]["codeBg"] != seen["dark"]["codeBg"]
    assert seen["light"]["outColor"] != seen["dark"]["outColor"]
