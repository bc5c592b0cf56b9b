"""The notes tell the learner's own lines from what was added later, and every code on a page ran.

One convention (described on the home page, docs/index.md, and in the README):

- the body text of a note (paragraphs and lists) is what the learner wrote;
- everything written later is in an admonition whose title starts with one of three kinds, each
  with a fixed admonition type: ``바로잡기`` (warning: the note was wrong or unsure; the box says
  what is true), ``덧붙임`` (note: added explanation), ``실행하지 않은 코드`` (info: code shown but
  not run, and why);
- no inline markers such as "(처음 정리)" or "(추가)" in the body;
- every code block is a snippet file that the tests run (``--8<--``), except inside a
  ``실행하지 않은 코드`` box; an inline code span that calls something with concrete arguments
  (``transforms.Resize(224)``, ``batch.to(device, non_blocking=True)``) appears in a snippet or in
  a notebook code cell, or sits inside a ``실행하지 않은 코드`` box. Signatures with placeholder
  arguments (``torch.gather(input, dim, index)``, ``hook(module, args)``, ``TrainingArguments(...)``)
  are documentation, not code to run;
- in the practice notebooks (all written later) a correction of the note is a
  ``> **바로잡기:**`` quote.

The scanner is line based and small; it raises on an admonition line it cannot read.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from tools import ROOT

DOCS = ROOT / "docs"
KINDS = {"바로잡기": "warning", "덧붙임": "note", "실행하지 않은 코드": "info"}
NOT_RUN = "실행하지 않은 코드"
ADMONITION = re.compile(r"^(?P<indent>\s*)(?:!!!|\?\?\?\+?)(?P<rest>.*)$")
ADMONITION_HEAD = re.compile(r'^\s+(?P<type>[\w-]+)(?:\s+"(?P<title>[^"]*)")?\s*$')
FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>```+|~~~+)")
INLINE_CODE = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")
SNIPPET_LINE = re.compile(r'^\s*--8<--\s+"[^"]+"\s*$')
MARKERS = ("(처음 정리)", "(추가)", "처음 정리)", "(나중에 추가")


@dataclass
class Box:
    indent: int
    type: str
    title: str
    line: int


@dataclass
class Line:
    number: int
    text: str
    boxes: tuple[Box, ...]  # enclosing admonitions, outermost first
    in_fence: bool


def note_pages() -> list[Path]:
    """Every note page (the home page speaks as the site and is not a note)."""
    return sorted(p for p in DOCS.rglob("*.md") if p != DOCS / "index.md")


def scan(path: Path) -> tuple[list[Line], list[Box], list[tuple[int, list[str], tuple[Box, ...]]]]:
    """Every line with its enclosing admonitions; the admonitions; the fenced blocks
    (first line, body lines, enclosing admonitions)."""
    lines: list[Line] = []
    boxes: list[Box] = []
    fences: list[tuple[int, list[str], tuple[Box, ...]]] = []
    stack: list[Box] = []
    fence: tuple[str, int, list[str], tuple[Box, ...]] | None = None
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        indent = len(text) - len(text.lstrip())
        if fence is None and text.strip():
            while stack and indent <= stack[-1].indent:
                stack.pop()
        if fence is not None:
            lines.append(Line(number, text, tuple(stack), True))
            if text.strip().startswith(fence[0]) and set(text.strip()) == set(fence[0][0]):
                fences.append((fence[1], fence[2], fence[3]))
                fence = None
            else:
                fence[2].append(text)
            continue
        m = FENCE.match(text)
        if m:
            fence = (m.group("fence"), number, [], tuple(stack))
            lines.append(Line(number, text, tuple(stack), True))
            continue
        m = ADMONITION.match(text)
        if m:
            head = ADMONITION_HEAD.match(m.group("rest"))
            if head is None:
                raise AssertionError(f"{path.relative_to(ROOT)}:{number}: cannot read admonition line {text!r}")
            box = Box(len(m.group("indent")), head.group("type"), head.group("title") or "", number)
            boxes.append(box)
            lines.append(Line(number, text, tuple(stack), False))
            stack.append(box)
            continue
        lines.append(Line(number, text, tuple(stack), False))
    assert fence is None, f"{path.relative_to(ROOT)}:{fence[1]}: unclosed code fence"
    return lines, boxes, fences


def kind_of(box: Box) -> str | None:
    for kind in KINDS:
        if box.title == kind or box.title.startswith(kind + ":"):
            return kind
    return None


def in_not_run_box(boxes: tuple[Box, ...]) -> bool:
    return any(kind_of(b) == NOT_RUN for b in boxes)


# --- what counts as "code that ran" ----------------------------------------------------------


def _squash(code: str) -> str:
    return re.sub(r"\s+", "", code)


def run_sources() -> str:
    """Every snippet file and every notebook code cell, whitespace removed."""
    parts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "snippets").rglob("*.py"))]
    for nb in sorted(DOCS.rglob("*.ipynb")):
        for cell in json.loads(nb.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "code":
                parts.append("".join(cell["source"]))
    return "\n".join(_squash(p) for p in parts)


def _placeholder(node: ast.expr) -> bool:
    """An argument that names a parameter instead of giving a value: `input`, `...`, `(h, w)`."""
    if isinstance(node, ast.Name) or (isinstance(node, ast.Constant) and node.value is Ellipsis):
        return True
    if isinstance(node, ast.Starred):
        return _placeholder(node.value)
    if isinstance(node, ast.Tuple):
        return all(_placeholder(e) for e in node.elts)
    return False


def concrete_call(code: str) -> bool:
    """True when the span calls something with a real value as a positional argument, or
    with a keyword argument computed by a call/subscript (a signature shows names, `...`
    and plain defaults)."""
    try:
        tree = ast.parse(code, mode="eval")
    except SyntaxError:
        return False
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        if any(not _placeholder(a) for a in node.args):
            return True
        if any(isinstance(k.value, (ast.Call, ast.Subscript)) for k in node.keywords):
            return True
    return False


# --- tests ------------------------------------------------------------------------------------


def test_scanner_reads_boxes_fences_and_calls(tmp_path):
    """The scanner is not vacuous: it sees nesting, fences in boxes and concrete calls."""
    page = tmp_path / "p.md"
    page.write_text(
        '본문\n\n!!! info "실행하지 않은 코드: GPU"\n    설명\n\n    ```python\n    x.to("cuda")\n    ```\n\n'
        '    !!! note "덧붙임: 안쪽"\n        안쪽 글\n\n바깥 `Resize(224)`\n',
        encoding="utf-8",
    )
    lines, boxes, fences = scan(page)
    assert [(b.type, kind_of(b)) for b in boxes] == [("info", NOT_RUN), ("note", "덧붙임")]
    assert len(fences) == 1 and in_not_run_box(fences[0][2]) and fences[0][1] == ['    x.to("cuda")']
    inner = next(ln for ln in lines if ln.text.strip() == "안쪽 글")
    assert [kind_of(b) for b in inner.boxes] == [NOT_RUN, "덧붙임"]
    assert next(ln for ln in lines if "바깥" in ln.text).boxes == ()
    assert concrete_call("transforms.Resize(224)") and concrete_call('batch.to("cuda", non_blocking=True)')
    assert concrete_call('vocab.set_default_index(vocab["<unk>"])')
    assert not concrete_call("torch.gather(input, dim, index)") and not concrete_call("TrainingArguments(...)")
    assert not concrete_call("register_forward_pre_hook(hook, with_kwargs=True)")
    assert not concrete_call("Resize((h, w))") and not concrete_call("nn.Linear")


@pytest.mark.parametrize("path", note_pages(), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_every_box_is_one_of_the_three_kinds(path):
    _, boxes, _ = scan(path)
    bad = []
    for box in boxes:
        kind = kind_of(box)
        if kind is None:
            bad.append(f"line {box.line}: {box.type} {box.title!r} (title must start with one of {list(KINDS)})")
        elif box.type != KINDS[kind]:
            bad.append(f"line {box.line}: {box.title!r} is a {box.type!r} box; {kind} boxes are {KINDS[kind]!r}")
    assert not bad, f"{path.relative_to(ROOT)}:\n" + "\n".join(bad)


@pytest.mark.parametrize("path", note_pages(), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_no_inline_voice_markers(path):
    lines, _, _ = scan(path)
    bad = [f"line {ln.number}: {ln.text.strip()[:80]}" for ln in lines if not ln.in_fence and any(m in ln.text for m in MARKERS)]
    assert not bad, f"{path.relative_to(ROOT)}: mark added text with a 덧붙임/바로잡기 box, not an inline marker:\n" + "\n".join(
        bad
    )


@pytest.mark.parametrize("path", note_pages(), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_code_blocks_are_snippets_unless_marked_not_run(path):
    _, _, fences = scan(path)
    bad = []
    for first, body, boxes in fences:
        code = [b for b in body if b.strip()]
        if code and all(SNIPPET_LINE.match(b) for b in code):
            continue
        if not in_not_run_box(boxes):
            bad.append(
                f"line {first}: a code block that no test runs (make it a snippet, or put it in a "
                f'!!! info "{NOT_RUN}: ..." box that says why)'
            )
    assert not bad, f"{path.relative_to(ROOT)}:\n" + "\n".join(bad)


@pytest.mark.parametrize("path", note_pages(), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_not_run_boxes_show_code(path):
    lines, boxes, fences = scan(path)
    for box in boxes:
        if kind_of(box) != NOT_RUN:
            continue
        inside = [ln for ln in lines if box in ln.boxes]
        has_code = any(box in f[2] for f in fences) or any(INLINE_CODE.search(ln.text) for ln in inside)
        assert has_code, f"{path.relative_to(ROOT)}:{box.line}: a {NOT_RUN} box shows no code"


def test_inline_calls_ran_or_are_marked_not_run():
    ran = run_sources()
    checked, bad = 0, []
    for path in note_pages():
        lines, _, _ = scan(path)
        for ln in lines:
            if ln.in_fence:
                continue
            for code in INLINE_CODE.findall(ln.text):
                if not concrete_call(code):
                    continue
                checked += 1
                if in_not_run_box(ln.boxes) or _squash(code) in ran:
                    continue
                bad.append(f"{path.relative_to(ROOT)}:{ln.number}: `{code}`")
    assert checked >= 10, f"only {checked} inline calls found: the check would be vacuous"
    assert not bad, (
        "inline code that no snippet or notebook runs (run it in a snippet, or put it in a "
        f'"{NOT_RUN}" box that says why):\n' + "\n".join(bad)
    )


def test_notebook_corrections_use_the_quote_form():
    bad, seen = [], 0
    for nb in sorted(DOCS.rglob("*.ipynb")):
        for i, cell in enumerate(json.loads(nb.read_text(encoding="utf-8"))["cells"]):
            if cell["cell_type"] != "markdown":
                continue
            for line in "".join(cell["source"]).splitlines():
                if "**바로잡기" not in line:  # a correction is marked in bold
                    continue
                seen += 1
                if not line.startswith("> **바로잡기:**"):
                    bad.append(f"{nb.relative_to(ROOT)} cell {i}: {line[:60]!r}")
                for marker in MARKERS:
                    assert marker not in line, f"{nb.relative_to(ROOT)} cell {i}: {marker}"
    assert seen >= 2, "the notebooks' corrections are gone: the check would be vacuous"
    assert not bad, "write a notebook correction as a '> **바로잡기:** ...' quote:\n" + "\n".join(bad)
