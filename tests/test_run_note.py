"""Run this note (hooks/runnable/, tools/colab_notebooks.py): every note page offers its code
as a notebook built from the same snippet files, which validates and runs in a fresh kernel
to the outputs it carries; an "Open in Colab" link when repo_url is a GitHub repository."""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

import nbformat
import pytest
from mkdocs.utils.meta import get_data

from hooks.runnable.extension import colab_base
from hooks.runnable.notebook import build, embeds
from tools import ROOT, colab_notebooks
from tools.execute_notebooks import KERNEL_NAME

NOTES = sorted(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").glob("day*/day*.md"))


def _embeds(note: str) -> list[str]:
    markdown = get_data((ROOT / "docs" / note).read_text(encoding="utf-8"))[0]
    return [e["path"] + (f":{e['section']}" if e["section"] else "") for e in embeds(markdown)]


def _notebook(site_dir: Path, note: str) -> nbformat.NotebookNode:
    stem = note[: -len(".md")]
    return nbformat.read(site_dir / stem / f"{Path(stem).name}.ipynb", as_version=4)


@pytest.mark.parametrize("note", NOTES)
def test_the_note_page_offers_its_notebook_and_colab(site_dir, note):
    stem = note[: -len(".md")]
    page = (site_dir / stem / "index.html").read_text(encoding="utf-8")
    m = re.search(r'<p class="run-note">(.*?)</p>', page)
    assert m and page.index("</h1>") < m.start() < page.index("</article>"), "the links are under the title"
    assert f'href="{Path(stem).name}.ipynb" download' in m.group(1)
    colab = f"https://colab.research.google.com/github/pytorch-study-notes/pytorch-study-notes-ko/blob/main/colab/{stem}.ipynb"
    assert f'href="{colab}"' in m.group(1)
    built = (site_dir / stem / f"{Path(stem).name}.ipynb").read_text(encoding="utf-8")
    assert built == (ROOT / "colab" / f"{stem}.ipynb").read_text(encoding="utf-8"), "the Colab copy is the site's notebook"
    index = (site_dir / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "노트북으로 내려받기" not in index


def test_the_colab_copies_are_up_to_date():
    assert [p.relative_to(ROOT).as_posix() for p in colab_notebooks.files()] == [f"colab/{n[:-3]}.ipynb" for n in NOTES]
    for path in colab_notebooks.files():
        colab_notebooks.check(path)  # AssertionError with the diff: run make update


@pytest.mark.parametrize(
    ("repo_url", "edit_uri", "base"),
    [
        ("https://github.com/o/r", "edit/main/docs/", "https://colab.research.google.com/github/o/r/blob/main/"),
        ("https://github.com/o/r.git/", "blob/dev/docs/", "https://colab.research.google.com/github/o/r/blob/dev/"),
        ("https://github.com/o/r", None, "https://colab.research.google.com/github/o/r/blob/main/"),
        ("https://gitlab.com/o/r", "edit/main/docs/", None),
        ("https://github.com/o", "", None),
        (None, None, None),
    ],
)
def test_colab_only_for_a_github_repository(repo_url, edit_uri, base):
    assert colab_base(repo_url, edit_uri) == base


@pytest.mark.parametrize("note", NOTES)
def test_the_notebook_has_the_snippets_in_page_order_with_headings_and_prose(site_dir, note):
    nb = _notebook(site_dir, note)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.metadata["snippet"] for c in code] == _embeds(note) and len(code) >= 5
    page = (ROOT / "docs" / note).read_text(encoding="utf-8")
    assert nb.cells[0].source.startswith(f"# {get_data(page)[1]['title']}")
    for cell in code:
        name = cell.metadata["snippet"]
        if ":" not in name:  # a whole file: its code exactly, without the #> lines; they are the output
            text = (ROOT / "snippets" / name).read_text(encoding="utf-8")
            lines = text.splitlines()
            assert cell.source == "\n".join(ln for ln in lines if not ln.lstrip().startswith("#>")).strip()
            shown = "".join(re.sub(r"^\s*#> ?", "", ln) + "\n" for ln in lines if ln.lstrip().startswith("#>"))
            assert "".join(o.get("text", "") for o in cell.outputs) == shown, name
    if note == "day12/day12.md":
        i = next(i for i, c in enumerate(nb.cells) if c.get("metadata", {}).get("snippet") == "day12/gather_01.py")
        assert nb.cells[i - 1].source.startswith("##### dim=1 예제\n\n- Source와 `index`의 size는")


def _run(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    with tempfile.TemporaryDirectory(prefix="note-nb-") as cwd:
        km = KernelManager(kernel_name=KERNEL_NAME, transport="ipc", ip=os.path.join(cwd, "kernel"))
        client = NotebookClient(nb, km=km, kernel_name=KERNEL_NAME, timeout=120, resources={"metadata": {"path": cwd}})
        try:
            client.execute(env=dict(os.environ, PYTHONHASHSEED="0", HF_HUB_OFFLINE="1"))
        finally:
            if km.has_kernel:
                km.shutdown_kernel(now=True)
    return nb


def _stdout(cell) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.get("output_type") == "stream" and o.get("name") == "stdout")


@pytest.mark.parametrize("note", NOTES)
def test_the_downloaded_notebook_runs_in_a_fresh_kernel_to_the_outputs_it_carries(site_dir, note):
    nb = _notebook(site_dir, note)
    ran = _run(nb)
    differ = [
        (c.metadata["snippet"], _stdout(c)[:300], _stdout(r)[:300])
        for c, r in zip(nb.cells, ran.cells)
        if c.cell_type == "code" and _stdout(c) != _stdout(r)
    ]
    printed = [_stdout(r) for r in ran.cells if r.cell_type == "code"]
    assert sum(map(bool, printed)) >= len(printed) // 2 and sum(map(len, printed)) > 500, "the cells printed (almost) nothing"
    assert differ == [], f"{len(differ)} cells print other than the notebook says (snippet, stored, ran): {differ[:3]}"


def test_a_snippet_that_reads_a_file_beside_it_says_why_it_does_not_run_elsewhere(tmp_path):
    (tmp_path / "day99").mkdir()
    (tmp_path / "day99" / "read_01.py").write_text(
        'from pathlib import Path\n\nprint(Path(__file__).with_name("data.txt").read_text())\n#> 안녕\n', encoding="utf-8"
    )
    (tmp_path / "day99" / "plain_01.py").write_text('print("하나")\n#> 하나\n', encoding="utf-8")
    md = (
        '# 노트\n\n## 파일 읽기\n\n옆의 파일을 읽는다.\n\n```python\n--8<-- "day99/read_01.py"\n```\n\n'
        '```python\n--8<-- "day99/plain_01.py"\n```\n'
    )
    nb = nbformat.reads(build(md, {"title": "노트"}, tmp_path, "day99/day99.md"), as_version=4)
    assert [c.cell_type for c in nb.cells] == ["markdown", "markdown", "code"]
    assert "저장소 밖에서는 실행되지 않는다" in nb.cells[1].source and 'with_name("data.txt")' in nb.cells[1].source
    assert nb.cells[1].source.startswith("## 파일 읽기\n\n옆의 파일을 읽는다.")
    assert nb.cells[2].source == 'print("하나")' and nb.cells[2].outputs[0]["text"] == "하나\n"


def test_a_stale_colab_copy_is_found_and_rewritten(tmp_path, monkeypatch):
    (tmp_path / "snippets").symlink_to(ROOT / "snippets")
    copy = tmp_path / "colab" / "day11" / "day11.ipynb"
    copy.parent.mkdir(parents=True)
    copy.write_text((ROOT / "colab" / "day11" / "day11.ipynb").read_text(encoding="utf-8").replace("stride", "strides", 1))
    monkeypatch.setattr(colab_notebooks, "ROOT", tmp_path)
    with pytest.raises(AssertionError, match="strides"):
        colab_notebooks.check(copy)
    assert colab_notebooks.update(copy) is True
    colab_notebooks.check(copy)
    assert copy.read_text(encoding="utf-8") == (ROOT / "colab" / "day11" / "day11.ipynb").read_text(encoding="utf-8")
