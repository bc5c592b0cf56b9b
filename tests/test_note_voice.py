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
  ``> **바로잡기:**`` quote;
- the body keeps the learner's words: checked against the learner's original
  (``tests/learner/<note>.md``; a note without one says in its first box that it was all
  written later). Spelling, spacing and code-name fixes are listed in ``FIXES``; a line found
  wrong or unsure is not edited in place but moves, quoted, into a ``바로잡기`` box
  (``REVIEWED``), and a ``덧붙임`` never corrects ("정확히는 ...");
- a heading in words the learner did not write ends with ``<!-- 덧붙인 제목 -->``
  (hooks/headings/added.py shows it as a "덧붙임" tag); raw HTML in the body carries no text
  (the site does not speak in the learner's voice); a library version in prose is
  ``{{ version transformers }}`` (the version the page's snippets ran with, as on the badges).

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
LEARNER = ROOT / "tests" / "learner"  # the learner's original of a note, by the note's file name
ADDED_HEADING = "<!-- 덧붙인 제목 -->"  # hooks/headings/added.py
HEADING = re.compile(r"^(?P<level>#{1,6})\s+(?P<text>.*?)\s*$")
# a library version typed into prose (it would go stale on `make update`): hooks/snippets/versions.py
TYPED_VERSION = re.compile(r"\b(?:torch|torchvision|transformers)\s+v?\d+\.\d+")
UNSURE = ("모르겠", "정확하지 않")  # the learner's own "I am not sure": a 바로잡기 answers it
CORRECTING = ("정확히는", "정확히 말하면")  # a 덧붙임 that corrects the line above it is a 바로잡기
PY_WORDS = {"from", "import", "for", "if", "in", "not", "and", "or", "with", "return", "def", "class", "lambda"}
SHELL = re.compile(r"^[a-z][\w.-]*(?: (?:--?[\w-]+|[a-z][\w./-]*))+$")  # `accelerate launch`, `make update`

# Edits of the learner's words in the body, each (original, body) after normalising (only Hangul,
# Latin letters and digits, lower case). Spelling, spacing and code names only, plus the terms a
# 바로잡기 box says it changed; every entry must still be in use.
FIXES = {
    "day12.md": [
        ("차원즉열", "번축즉열"),  # declared in "바로잡기: dim은 바깥쪽 축부터"
        ("gather을", "gather를"),  # particle after a code name
        ("대각행렬", "대각원소"),  # declared in "바로잡기: 함수 이름과 용어" (every occurrence)
        ("대각원소을", "대각원소를"),  # the particles after the changed term
        ("대각원소은", "대각원소는"),
        ("indice사이즈", "indices사이즈"),
        ("squuze", "squeeze"),  # declared in "바로잡기: 함수 이름과 용어"
        ("extend", "expand"),
        ("중접", "중첩"),
        ("만듬", "만듦"),
        (
            "예를들어서torchnnsequential인자로linearparameter등이들어갈수있고",
            "",
        ),  # quoted in "바로잡기: Sequential에는 Module만 들어간다"
        # the wrong half of a line, quoted in its 바로잡기 box; the learner's other half stays
        ("linear에서는ywxb와같은형식으로저장이되는데이때", "linear에서"),  # 바로잡기: Linear의 계산식과 Parameter
        ("backwardhook으로tensor의연산동작등을수행한후에작동하는hook이다", "backwardhook이다"),  # 바로잡기: tensor hook
        ("inputgradinput정보는", "input정보는"),  # 바로잡기: grad_input과 grad_output
        ("결과값이고gradoutput은forward를수행하고나온값이다", "결과값이다"),
        ("새로운gradinputgradoutput을", "새로운gradinput을"),
        ("collatefnmapstyle데이터셋에서", "collatefn"),  # 바로잡기: iterable-style 데이터셋에서도 쓴다
        ("만약공백을인자로주면split기준으로token을만들고", ""),  # 바로잡기: 공백 기준으로 나누려면 None
        ("torchmoduleregisterforwardprehook", "torchnnmoduleregisterforwardprehook"),  # declared in "바로잡기: 함수 이름"
        ("torchmoduleregisterfowardhook", "torchnnmoduleregisterforwardhook"),
        ("torchmoduleregisterfullbackwardhook", "torchnnmoduleregisterfullbackwardhook"),
        ("forward을수행하고", "forward를수행하고"),
        ("fuctools", "functools"),
        ("파라메터", "파라미터"),
        ("numworker", "numworkers"),  # declared in "바로잡기: 인자 이름은 num_workers"
        ("torchvisiontransform에", "torchvisiontransforms에"),
        ("oderdict", "ordereddict"),
        ("vocabinstance를", "vocabinstance를"),
        ("torchtextvacabgetitos", "vocabgetitos"),  # declared in "바로잡기: 모듈 함수가 아니라 Vocab의 메서드"
        ("torchtextvacabgetstoi", "vocabgetstoi"),
        ("tockenizer", "tokenizer"),
        ("커스텀마이징", "커스터마이징"),
        ("overiding", "overriding"),
        ("낮참", "낮잠"),
        ("할꺼야", "할거야"),
    ],
}

# The learner's lines found wrong or unsure in review: each is out of the body and quoted in a
# 바로잡기 box (normalised fragments of the original).
REVIEWED = {
    "day12.md": [
        "n이작을수록input에서높은차원을뜻한다",  # dim
        "예를들어서torchnnsequential인자로linearparameter",  # Sequential
        "ywxb와같은형식으로저장이되는데",  # Parameter
        "tensor의연산동작등을수행한후에작동하는hook",  # tensor hook
        "grad_output은forward를수행하고나온값이다".replace("_", ""),  # grad_output
        "repr매직",  # extra_repr
        "사용이유아래의참고사이트에서글을읽어봤는데잘모르겠음",  # Identity
        "자신에게속하는모든자식모듈submodule을표시해준다",  # named_modules
        "getsubmodule해당모듈에",  # get_submodule
        "registerfullbackwardhookbackward후에동작하는hook",  # full_backward_hook
        "사용이유module안에있는여러container에함수를적용",  # apply
        "위와비슷한내용",  # batch_sampler
        "mapstyle데이터셋에서",  # collate_fn
        "tensor를cuda고정메모리에할당",  # pin_memory
        "timeoutdata를불러오는데제한시간",  # timeout
        "어떤worker를불러올것인가를리스트로전달",  # worker_init_fn
        "totensor이미지값을tensor형태로변환해준다",  # ToTensor
        "텍스트단어를dict형태로처리해주기위해서사용하는것같다",  # torchtext
        "만약공백을인자로주면split기준으로token을만들고",  # get_tokenizer
        "tqdmpandas이함수를쓰면pandas에서처리하는동작의진행률",  # tqdm.pandas
    ],
}


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
    """Every note page: a page in a note's folder (dayN/). The pages at the top of docs/ (the
    home page, the topic page) speak as the site and are not notes."""
    return sorted(p for p in DOCS.rglob("*.md") if p.parent != DOCS)


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


def _parse(code: str) -> tuple[str, ast.expr] | None:
    """The span as an expression: `.to("cuda")` as a method call, `pad_if_needed=True` as a keyword."""
    for text in (code, "_" + code if code.startswith(".") else None, f"_({code})" if re.match(r"^\w+=[^=]", code) else None):
        if text is None:
            continue
        try:
            return text, ast.parse(text, mode="eval").body
        except SyntaxError:
            continue
    return None


def _value(node: ast.expr) -> bool:
    """A keyword's value that a reader could run (`True`, `"tensorboard"`, `f(x)`), not `...`/`None`/a name."""
    if isinstance(node, ast.Constant):
        return node.value is not Ellipsis and node.value is not None
    return not _placeholder(node)


def concrete_pieces(code: str) -> list[str]:
    """What of an inline span must have run: the whole span when it calls something with a real
    positional value (`Resize(224)`), else each keyword given a real value (`with_kwargs=True` of
    `register_forward_pre_hook(hook, with_kwargs=True)`, a bare `pad_if_needed=True`), or a shell
    command (`accelerate launch`). A signature shows names, `...` and `None`; one whose first
    parameter is `self` is a method's definition, not a call."""
    parsed = _parse(code)
    if parsed is None:
        return [code] if SHELL.match(code) and code.split()[0] not in PY_WORDS else []
    text, node = parsed
    pieces: list[str] = []
    for call in ast.walk(node):
        if not isinstance(call, ast.Call):
            continue
        if call.args and isinstance(call.args[0], ast.Name) and call.args[0].id == "self":
            continue
        if any(not _placeholder(a) for a in call.args):
            return [code]
        if any(isinstance(k.value, (ast.Call, ast.Subscript)) for k in call.keywords):
            return [code]
        pieces += [ast.get_source_segment(text, k) or "" for k in call.keywords if k.arg and _value(k.value)]
    return pieces


def concrete_call(code: str) -> bool:
    return bool(concrete_pieces(code))


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
    assert concrete_pieces("register_forward_pre_hook(hook, with_kwargs=True)") == ["with_kwargs=True"]
    assert concrete_pieces("pad_if_needed=True") == ["pad_if_needed=True"]
    assert concrete_pieces('report_to="tensorboard"') == ['report_to="tensorboard"']
    assert concrete_pieces('.to("cuda")') == ['.to("cuda")'] and concrete_pieces("accelerate launch") == ["accelerate launch"]
    assert not concrete_call("compute_loss(self, model, inputs, return_outputs=False)")  # a method's signature
    assert not concrete_call("vocab(ordered_dict, specials=None)") and not concrete_call("from tqdm import tqdm")
    assert not concrete_call("Resize((h, w))") and not concrete_call("nn.Linear") and not concrete_call("num_workers > 0")


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
                pieces = concrete_pieces(code)
                if not pieces:
                    continue
                checked += 1
                if in_not_run_box(ln.boxes) or _squash(code) in ran or all(_squash(p) in ran for p in pieces):
                    continue
                bad.append(f"{path.relative_to(ROOT)}:{ln.number}: `{code}`")
    assert checked >= 30, f"only {checked} inline calls found: the check would be vacuous"
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


# --- the learner's words ----------------------------------------------------------------------


def norm(text: str) -> str:
    """What the body check compares: Hangul, Latin letters and digits, lower case (spacing,
    punctuation and Markdown are free to change)."""
    return re.sub(r"[^가-힣a-z0-9]", "", text.lower())


def original(path: Path) -> str | None:
    """The learner's original of a note (Markdown, HTML line breaks and link targets removed), normalised."""
    source = LEARNER / path.name
    if not source.exists():
        return None
    text = re.sub(r"<!--.*?-->", "", source.read_text(encoding="utf-8"), flags=re.S)
    text = re.sub(r"\]\([^)]*\)", "]", re.sub(r"</?[A-Za-z][^>\n]*>|&nbsp;", " ", text))  # tags, not "<- 왜냐하면"
    return norm(text)


def fixed_original(path: Path) -> str:
    """The original with the listed fixes applied (each must apply: a stale entry fails)."""
    text = original(path)
    assert text is not None
    for old, new in FIXES.get(path.name, []):
        assert old in text, f"{path.relative_to(ROOT)}: FIXES entry {old!r} -> {new!r} no longer matches the original"
        text = text.replace(old, new)
    return text


def body_lines(path: Path) -> list[Line]:
    """The learner's lines: outside boxes and code, not headings, HTML, embeds, figures or front matter."""
    lines, _, _ = scan(path)
    text = path.read_text(encoding="utf-8")
    front = text.split("\n---\n", 1)[0].count("\n") + 2 if text.startswith("---\n") else 0
    return [
        ln
        for ln in lines
        if ln.number > front
        and not ln.in_fence
        and not ln.boxes
        and ln.text.strip()
        and not ln.text.lstrip().startswith(("#", "<", "!!!", "???", "--8<--", "!["))
    ]


def headings(path: Path) -> list[tuple[int, str]]:
    lines, _, _ = scan(path)
    out = []
    for ln in lines:
        m = HEADING.match(ln.text)
        if m and not ln.in_fence and not ln.boxes:
            out.append((ln.number, m.group("text")))
    return out


def box_text(path: Path, kind: str) -> list[tuple[Box, str]]:
    """Each box of one kind with its text (title and body)."""
    lines, boxes, _ = scan(path)
    return [(b, "\n".join([b.title] + [ln.text for ln in lines if b in ln.boxes])) for b in boxes if kind_of(b) == kind]


LEARNER_NOTES = [p for p in note_pages() if original(p) is not None]


def test_every_note_has_its_original_or_says_it_was_written_later():
    assert LEARNER_NOTES, f"no learner original in {LEARNER.relative_to(ROOT)}: the body checks would be vacuous"
    for path in note_pages():
        if path in LEARNER_NOTES:
            continue
        _, boxes, _ = scan(path)
        assert boxes and kind_of(boxes[0]) == "덧붙임" and "나중에" in boxes[0].title, (
            f"{path.relative_to(ROOT)}: put the learner's original in {LEARNER.relative_to(ROOT)}/{path.name}, "
            'or open the page with a !!! note "덧붙임: 이 페이지는 모두 나중에 썼다" box'
        )


@pytest.mark.parametrize("path", LEARNER_NOTES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_the_body_keeps_the_learners_words(path):
    """Every body line is the learner's text (after the listed spelling/spacing/code-name fixes):
    a word dropped (이쯤에서 잠 자려고 -> 자려고), added or reworded fails."""
    source = fixed_original(path)
    bad = []
    for ln in body_lines(path):
        text = re.sub(r"\]\([^)]*\)", "]", ln.text)
        if norm(text) and norm(text) not in source:
            bad.append(f"line {ln.number}: {ln.text.strip()[:90]}")
    assert not bad, (
        f"{path.relative_to(ROOT)}: body lines that are not the learner's words (fix only spelling, spacing and code "
        "names, listed in FIXES; move a wrong line into a 바로잡기 box; put added text in a 덧붙임 box):\n" + "\n".join(bad)
    )


@pytest.mark.parametrize("path", LEARNER_NOTES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_reviewed_lines_moved_into_a_correction(path):
    """A learner line found wrong or unsure is out of the body and quoted in a 바로잡기 box."""
    body = norm("\n".join(re.sub(r"\]\([^)]*\)", "]", ln.text) for ln in body_lines(path)))
    corrections = norm("\n".join(text for _, text in box_text(path, "바로잡기")))
    source = original(path) or ""
    bad = []
    for line in REVIEWED.get(path.name, []):
        assert line in source, f"REVIEWED entry {line!r} is not in the learner's original"
        if line in body:
            bad.append(f"{line!r} is still in the body")
        if line not in corrections:
            bad.append(f"{line!r} is not quoted in a 바로잡기 box")
    assert not bad, f"{path.relative_to(ROOT)}:\n" + "\n".join(bad)


@pytest.mark.parametrize("path", note_pages(), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_a_correction_is_a_바로잡기(path):
    """Unsure learner lines ("잘 모르겠음", "정확하지 않음") do not stay in the body; a 덧붙임 box does
    not correct the line above it ("정확히는 ..."); a 바로잡기 quotes a line that left the body."""
    bad = []
    for ln in body_lines(path):
        if any(word in ln.text for word in UNSURE):
            bad.append(f"line {ln.number}: the learner is unsure here; quote the line in a 바로잡기 box that answers it")
    for box, text in box_text(path, "덧붙임"):
        if any(word in text for word in CORRECTING):
            bad.append(f"line {box.line}: {box.title!r} corrects the note; make it a 바로잡기 and move the line into it")
    body = norm("\n".join(re.sub(r"\]\([^)]*\)", "]", ln.text) for ln in body_lines(path)))
    for box, text in box_text(path, "바로잡기"):
        for quote in re.findall(r'노트에는 "(.+?)"(?:이?라고|라며)', text):
            for piece in re.split(r"…|\.\.\.", quote):
                if len(norm(piece)) >= 8 and norm(piece) in body:
                    bad.append(f"line {box.line}: {box.title!r} quotes {piece.strip()!r}, which is still in the body")
    assert not bad, f"{path.relative_to(ROOT)}:\n" + "\n".join(bad)


@pytest.mark.parametrize("path", LEARNER_NOTES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_later_headings_are_marked(path):
    """A heading with a word the learner's original does not have ends with the marker."""
    source = fixed_original(path)
    particles = ("에서", "으로", "와", "과", "의", "를", "을", "로", "이", "가", "는", "은")

    def learners(word: str) -> bool:
        return word in source or any(word.endswith(p) and word[: -len(p)] in source for p in particles)

    bad = []
    for number, text in headings(path):
        if text.endswith(ADDED_HEADING):
            continue
        words = [w for w in re.findall(r"[가-힣]+|[a-z0-9]+", text.lower()) if not learners(w)]
        if words:
            bad.append(f"line {number}: {text!r} ({', '.join(words)} not in the learner's note): end it with {ADDED_HEADING}")
    assert not bad, f"{path.relative_to(ROOT)}:\n" + "\n".join(bad)


@pytest.mark.parametrize("path", note_pages(), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_the_site_does_not_speak_in_the_body(path):
    """Raw HTML outside the boxes holds no text (a placeholder's fallback text goes in the box)."""
    lines, _, _ = scan(path)
    bad = [
        f"line {ln.number}: {ln.text.strip()[:80]}"
        for ln in lines
        if not ln.in_fence
        and not ln.boxes
        and ln.text.lstrip().startswith("<")
        and not ln.text.lstrip().startswith("<!--")
        and re.search(r"[가-힣A-Za-z]", re.sub(r"<[^>]*>", "", ln.text))
    ]
    assert not bad, f"{path.relative_to(ROOT)}: text in raw HTML speaks as the site in the learner's body:\n" + "\n".join(bad)


@pytest.mark.parametrize("path", note_pages(), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_versions_in_prose_come_from_the_record(path):
    """`transformers 5.24 기준` typed by hand goes stale on `make update`; write {{ version transformers }}."""
    lines, _, _ = scan(path)
    bad = [f"line {ln.number}: {m.group(0)!r}" for ln in lines if not ln.in_fence for m in TYPED_VERSION.finditer(ln.text)]
    assert not bad, (
        f"{path.relative_to(ROOT)}: a version typed into prose (write {{{{ version torch }}}} and the build puts the "
        "version the page's snippets ran with):\n" + "\n".join(bad)
    )


def test_the_site_says_which_code_ran():
    """The site's and the home page's descriptions claim tested code only with the not-run exception."""
    home = (DOCS / "index.md").read_text(encoding="utf-8")
    site = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    claims = [re.search(r"^description: (.*)$", home, re.M), re.search(r"^site_description: (.*)$", site, re.M)]
    assert all(claims), "no description found: the check would be vacuous"
    for claim in claims:
        text = claim.group(1)
        if "테스트" in text:
            assert NOT_RUN in text, f"{text!r} claims every code is tested; say that {NOT_RUN} boxes are not"


def test_one_spelling_per_term():
    """에폭/에포크 (one spelling), and 그라디언트 only as gradient (기울기), never for an image."""
    texts = {p: p.read_text(encoding="utf-8") for p in note_pages() + sorted((ROOT / "snippets").rglob("*.py"))}
    both = [p for p in texts if "에폭" in texts[p]]
    assert not both, f"write 에포크, not 에폭: {[str(p.relative_to(ROOT)) for p in both]}"
    ramp = [p for p, t in texts.items() if re.search(r"그라디언트\S*\s*이미지|그라디언트\)", t)]
    assert not ramp, f"그라디언트 means gradient (기울기) on this site; call an image ramp something else: {ramp}"
