"""A note as a notebook (pure: Markdown and snippet files in, nbformat JSON out).

The note's snippets in page order: for each ``--8<-- "dayN/file.py"`` embed (a whole file or
a ``file.py:section``), a Markdown cell with the heading it is under (when that changed) and
the paragraph just before the code block, then a code cell with the snippet's code without
its ``#>`` lines, whose output is those ``#>`` lines (the output ``make update`` verified).
Code blocks that are not snippets (e.g. "실행하지 않은 코드") are not in the notebook.

- Sections of one file, embedded in file order, run as the file does: each cell holds the
  file's lines from where the previous cell stopped to the end of its section, so the lines
  outside any section (imports) come with the first one.
- A snippet that reads a file beside it (``__file__``) cannot run outside the repository: its
  cell is a Markdown cell that shows the code and says so.
- Deterministic (cell ids from the position): the site builds byte-for-byte the same, and
  ``colab/dayN.ipynb`` (for Colab) is this same text.
- Validated once, whole (``nbformat.validate``): the cells are plain ``NotebookNode``s of the
  shapes ``nbformat.v4.new_*_cell`` makes, because those helpers validate every cell on its own
  with jsonschema (35 ms of day12's 40 ms, every build).
"""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import nbformat
from mkdocs.exceptions import PluginError
from nbformat import NotebookNode

from hooks.headings.added import MARKER as ADDED_MARKER

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})")
EMBED = re.compile(r'^\s*--8<--\s+"(?P<path>[^":]+)(?::(?P<section>[\w-]+))?"\s*$')
HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
MARK = re.compile(r"^\s*# --8<-- \[(start|end):([\w-]+)\]\s*$")
OUTPUT = re.compile(r"^\s*#>(?: (.*))?$")
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
SKIP = re.compile(r"^\s*(!!!|\?\?\?|<!--|\|)")  # admonition markers, comments, tables


def _prose(lines: list[str]) -> str:
    text = textwrap.dedent("\n".join(line.rstrip() for line in lines if line.strip()))
    return LINK.sub(lambda m: "" if m.group(0).startswith("!") else m.group(1), text).strip()


def embeds(markdown: str) -> list[dict]:
    """Every snippet embed in page order: path, section, heading (level, text), paragraph."""
    found, heading, paragraph, last = [], None, [], ""
    lines = markdown.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        m = FENCE.match(line)
        if m:
            close = re.compile(rf"^{re.escape(m.group('indent'))}{m.group('fence')[0]}{{{len(m.group('fence'))},}}\s*$")
            j = i + 1
            while j < len(lines) and not close.match(lines[j]):
                j += 1
            for inner in lines[i + 1 : j]:
                e = EMBED.match(inner)
                if e:
                    found.append({"path": e["path"], "section": e["section"], "heading": heading, "paragraph": last})
                    heading, last = None, ""
            paragraph, i = [], j + 1
            continue
        h = HEADING.match(line)
        if h:
            # a heading added after the learner's note carries a marker GitHub hides: so does the notebook
            heading, paragraph, last = (len(h.group(1)), h.group(2).replace(ADDED_MARKER, "").rstrip()), [], ""
        elif not line.strip():
            if paragraph:
                last = _prose(paragraph)
            paragraph = []
        elif not SKIP.match(line):
            paragraph.append(line)
        i += 1
    return found


def _split(source: str) -> tuple[list[str], dict[str, tuple[int, int]]]:
    """The file's lines and each section's (start, end) line range (markers excluded)."""
    lines, sections, open_at = source.splitlines(), {}, {}
    for n, line in enumerate(lines):
        m = MARK.match(line)
        if m and m.group(1) == "start":
            open_at[m.group(2)] = n + 1
        elif m:
            sections[m.group(2)] = (open_at.pop(m.group(2), n), n)
    return lines, sections


def _code_and_output(lines: list[str]) -> tuple[str, str]:
    code, out = [], []
    for line in lines:
        if MARK.match(line):
            continue
        m = OUTPUT.match(line)
        if m:
            out.append(m.group(1) or "")
        else:
            code.append(line)
    while code and not code[-1].strip():
        code.pop()
    while code and not code[0].strip():
        code.pop(0)
    return "\n".join(code), "".join(o + "\n" for o in out)


def _versions(snippets: Path, paths: list[str]) -> str:
    seen: dict[str, str] = {}
    for rel in paths:
        record = snippets / Path(rel).parent / "versions.json"
        entry = json.loads(record.read_text(encoding="utf-8"))["snippets"].get(Path(rel).name, {}) if record.is_file() else {}
        for lib, version in entry.items():
            if lib != "python" or len(entry) == 1:
                seen.setdefault(lib, version)
    return ", ".join(f"{lib} {v}" for lib, v in seen.items())


def _markdown_cell(source: str) -> NotebookNode:
    """What ``nbformat.v4.new_markdown_cell(source)`` makes, unvalidated (``build`` validates the
    notebook) and without its random id (``build`` numbers the cells)."""
    return NotebookNode(cell_type="markdown", source=source, metadata=NotebookNode())


def _code_cell(source: str, outputs: list, metadata: dict) -> NotebookNode:
    """What ``nbformat.v4.new_code_cell(source, outputs=..., metadata=...)`` makes (see above)."""
    return NotebookNode(cell_type="code", metadata=NotebookNode(metadata), execution_count=None, source=source, outputs=outputs)


def build(markdown: str, meta: dict, snippets: Path, note: str) -> str:
    """The notebook (nbformat 4 JSON text) of the note ``note`` (``day12/day12.md``)."""
    items = embeds(markdown)
    title = str(meta.get("title") or note)
    versions = _versions(snippets, [e["path"] for e in items])
    intro = (
        f"# {title}\n\n{meta.get('description') or ''}\n\n"
        f"노트 `{note}`의 코드를 페이지 순서대로 모은 노트북이다. 사이트를 빌드할 때 저장소의 스니펫 파일에서 만들었다. "
        f"셀 아래의 출력은 {versions or 'Python'}에서 실행해 확인한 출력이다. 위에서부터 차례로 실행한다."
    )
    cells = [_markdown_cell(intro)]
    sources: dict[str, tuple[list[str], dict]] = {}
    cursor: dict[str, int] = {}
    for e in items:
        path = snippets / e["path"]
        if not path.is_file():
            raise PluginError(f"docs/{note}: embeds {e['path']!r}, which is not a file under snippets/")
        if e["path"] not in sources:
            sources[e["path"]] = _split(path.read_text(encoding="utf-8"))
        lines, sections = sources[e["path"]]
        if e["section"] is None:
            part = lines
        elif e["section"] not in sections:
            raise PluginError(f"docs/{note}: {e['path']} has no section {e['section']!r}")
        else:
            start, end = sections[e["section"]]
            begin = cursor.get(e["path"], 0)
            part = lines[begin if begin <= start else start : end]  # with the setup lines before it, in file order
            cursor[e["path"]] = end + 1
        code, output = _code_and_output(part)
        text = []
        if e["heading"]:
            text.append(f"{'#' * e['heading'][0]} {e['heading'][1]}")
        if e["paragraph"]:
            text.append(e["paragraph"])
        name = e["path"] + (f":{e['section']}" if e["section"] else "")
        if "__file__" in code:
            text.append(
                f"`{name}`는 저장소에서 스니펫 옆에 있는 파일을 읽으므로(`__file__`) 저장소 밖에서는 실행되지 않는다. "
                f"저장소의 `snippets/{e['path']}`에서 실행한다.\n\n```python\n{code}\n```"
            )
            cells.append(_markdown_cell("\n\n".join(text)))
            continue
        if text:
            cells.append(_markdown_cell("\n\n".join(text)))
        outputs = [NotebookNode(output_type="stream", name="stdout", text=output)] if output else []
        cells.append(_code_cell(code, outputs, {"snippet": name}))
    for n, cell in enumerate(cells):
        cell["id"] = f"cell-{n}"
    nb = NotebookNode(
        nbformat=nbformat.v4.nbformat,
        nbformat_minor=nbformat.v4.nbformat_minor,
        cells=cells,
        metadata=NotebookNode(
            kernelspec={"display_name": "Python 3", "language": "python", "name": "python3"},
            language_info={"name": "python"},
            note=note,
        ),
    )
    nbformat.validate(nb)
    return json.dumps(nb, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
