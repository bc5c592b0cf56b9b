"""Draw the `torch.gather` figures of the day12 note as SVG, from torch's real results.

A figure family (tools/figures/__init__.py): ``FIGURES`` names each ``img/gather_*.svg`` and
the function that draws it; ``make update`` (``python -m tools.figures``) rewrites them and
``tests/test_gather_figures.py`` reads the numbers back and compares them with torch.

Every number in a figure comes from a tensor computed here with ``torch.gather``: the source
(``input``), the ``index`` and the result grids, the highlighted path
``index[...] -> input[...] -> out[...]`` and the formula written with those numbers. Each
number cell is a ``<text data-t="input|index|out" data-pos="i,j[,k]">`` so the test can read
the grids back and compare them with ``torch.gather`` itself.

Colours: the files are shown inline on the site (``hooks/figures/``),
so they use Material's CSS variables (``--md-default-fg-color`` ...) and carry their own
``[data-md-color-scheme=slate]`` rules for the dark palette; the ``var(..., fallback)``
values are a light theme on an opaque background, which is what GitHub and a browser opening
the file directly show. Text stays text (no fonts, no bitmaps embedded).
"""

from __future__ import annotations

import torch

from tools.figures.svg import HEAD_H, LABEL_W, PITCH_X, PITCH_Y, Canvas

STYLE = """
.gf{display:block;max-width:100%;height:auto;font-family:var(--md-text-font-family,-apple-system,"Apple SD Gothic Neo",\
"Noto Sans KR","Malgun Gothic",sans-serif)}
.gf-bg{fill:var(--md-default-bg-color,#fff)}
.gf-t{fill:var(--md-default-fg-color,#1f2328);font-size:13px}
.gf-h{fill:var(--md-default-fg-color,#1f2328);font-size:15px;font-weight:700}
.gf-m{fill:var(--md-default-fg-color--light,#57606a);font-size:11px}
.gf-code{white-space:pre}
.gf-n,.gf-code{fill:var(--md-default-fg-color,#1f2328);font-family:var(--md-code-font-family,ui-monospace,SFMono-Regular,Menlo,Consolas,monospace);font-size:13px}
.gf-n{text-anchor:middle;dominant-baseline:central}
.gf-c{fill:var(--md-code-bg-color,#f6f8fa);stroke:#8c959f;stroke-width:1}
.gf-band{fill:#e7efff;stroke:#8c959f}
.gf-idx{fill:#ffedb3;stroke:#9a6700;stroke-width:2.5}
.gf-src{fill:#cfe3ff;stroke:#0969da;stroke-width:2.5}
.gf-out{fill:#c6efd0;stroke:#1a7f37;stroke-width:2.5}
.gf-ti{fill:#8a5a00;font-weight:700}
.gf-ts{fill:#0550ae;font-weight:700}
.gf-to{fill:#116329;font-weight:700}
[data-md-color-scheme=slate] .gf-c{stroke:#6e7681}
[data-md-color-scheme=slate] .gf-band{fill:#1d2b45;stroke:#6e7681}
[data-md-color-scheme=slate] .gf-idx{fill:#4d3a00;stroke:#e3b341}
[data-md-color-scheme=slate] .gf-src{fill:#0d2f66;stroke:#58a6ff}
[data-md-color-scheme=slate] .gf-out{fill:#0f3d1f;stroke:#3fb950}
[data-md-color-scheme=slate] .gf-ti{fill:#e3b341}
[data-md-color-scheme=slate] .gf-ts{fill:#79c0ff}
[data-md-color-scheme=slate] .gf-to{fill:#56d364}
"""


def bracket(pos) -> str:
    return "".join(f"[{p}]" for p in pos)


def formula_pieces(pos, dim, k, value, names=("out", "input", "index")) -> list[tuple[str, str]]:
    """``out[1][2] = input[1][index[1][2]] = input[1][3] = 9`` as coloured pieces."""
    out, inp, idx = names
    gen = "".join(f"[{idx}{bracket(pos)}]" if d == dim else f"[{p}]" for d, p in enumerate(pos))
    src = tuple(k if d == dim else p for d, p in enumerate(pos))
    return [
        ("gf-to", f"{out}{bracket(pos)}"),
        ("", f" = {inp}{gen} = "),
        ("gf-ts", f"{inp}{bracket(src)}"),
        ("", " = "),
        ("gf-to", str(value)),
    ]


def general_formula(ndim, dim, names=("out", "input", "index")) -> str:
    out, inp, idx = names
    letters = "ijkl"[:ndim]
    pos = "".join(f"[{c}]" for c in letters)
    gen = "".join(f"[{idx}{pos}]" if d == dim else f"[{c}]" for d, c in enumerate(letters))
    return f"{out}{pos} = {inp}{gen}"


def path_panel(cv: Canvas, x, y, pos, dim, k, value, names, notes) -> None:
    """The three steps index -> input -> out, coloured like the highlighted cells."""
    out, inp, idx = names
    src = tuple(k if d == dim else p for d, p in enumerate(pos))
    steps = [
        ("gf-ti", f"① {idx}{bracket(pos)} = {k}", notes[0]),
        ("gf-ts", f"② {inp}{bracket(src)} = {value}", notes[1]),
        ("gf-to", f"③ {out}{bracket(pos)} = {value}", notes[2]),
    ]
    for n, (cls, code, note) in enumerate(steps):
        yy = y + n * 40
        cv.spans(x, yy, [(cls, code)], role=f"step{n + 1}")
        cv.text(x + 16, yy + 17, note, "gf-m", size=11)


def _svg(cv: Canvas, heading: str, alt: str, dim: int, focus: tuple[int, ...]) -> str:
    """The file: the gather style, the heading as <title>, the alt text as <desc>, and the
    focused cell as data attributes (the tests read them back)."""
    attrs = {"data-dim": str(dim), "data-focus": ",".join(map(str, focus))}
    return cv.svg(family="gather", style=STYLE, title=heading, desc=alt, attrs=attrs)


# --- the figures ------------------------------------------------------------------------

SOURCE = torch.arange(1, 16).view(3, 5)
INDEX_DIM1 = torch.tensor([[0, 1, 2, 3], [4, 0, 3, 3], [2, 2, 1, 0]])
INDEX_DIM0 = torch.tensor([[2, 0, 1, 2], [0, 1, 2, 0]])


def figure_2d(dim: int, index: torch.Tensor, focus: tuple[int, int]) -> str:
    source = SOURCE
    out = torch.gather(source, dim, index)
    i, j = focus
    k = int(index[i][j])
    value = int(out[i][j])
    src = (i, k) if dim == 1 else (k, j)
    assert int(source[src]) == value
    names = ("out", "input", "index")
    cv = Canvas()
    if dim == 1:
        heading = "gather(dim=1): 행 i는 그대로, 열 번호를 index에서 읽는다"
        band = {(i, c): "gf-band" for c in range(source.shape[1])}
        notes = ["index에서 열 번호를 읽는다", f"같은 행 {i}의 {k}번 열", "index와 같은 자리에 쓴다"]
    else:
        heading = "gather(dim=0): 열 j는 그대로, 행 번호를 index에서 읽는다"
        band = {(r, j): "gf-band" for r in range(source.shape[0])}
        notes = ["index에서 행 번호를 읽는다", f"같은 열 {j}의 {k}번 행", "index와 같은 자리에 쓴다"]
    cv.text(20, 28, heading, "gf-h", size=15)
    rows, cols = source.shape
    cv.grid(20, 46, source.tolist(), "input", f"input (source) · {rows}×{cols}", marks={**band, src: "gf-src"})
    path_panel(cv, 250, 82, focus, dim, k, value, names, notes)
    y2 = 46 + HEAD_H + 4 + rows * PITCH_Y + 20
    ir, ic = index.shape
    _, h = cv.grid(20, y2, index.tolist(), "index", f"index · {ir}×{ic}", marks={focus: "gf-idx"})
    cv.grid(250, y2, out.tolist(), "out", f"out · {ir}×{ic} (index와 같은 모양)", marks={focus: "gf-out"})
    y3 = y2 + h + 26
    cv.spans(20, y3, [("", f"out = torch.gather(input, {dim}, index)")], role="call")
    cv.spans(20, y3 + 22, [("", general_formula(2, dim))], role="general")
    cv.spans(20, y3 + 44, formula_pieces(focus, dim, k, value), role="formula")
    alt = (
        f"torch.gather(input, {dim}, index) 그림: 1부터 15까지 담은 3×5 input, {ir}×{ic} index, "
        f"{ir}×{ic} 결과. index{bracket(focus)} = {k}이므로 input{bracket(src)} = {value}을 "
        f"가져와 out{bracket(focus)}에 쓴다."
    )
    return _svg(cv, heading, alt, dim, focus)


def diagonal_case(shape: tuple[int, int, int]):
    """A batch of matrices, the index built with arange/unsqueeze/expand, and the dim."""
    A = torch.arange(shape[0] * shape[1] * shape[2]).view(*shape)
    B, H, W = shape
    n = min(H, W)
    if H >= W:  # tall: pick along the rows (dim 1), one row of indices per matrix
        dim = 1
        idx = torch.arange(n).unsqueeze(0).unsqueeze(0).expand(B, 1, n)
    else:  # wide: pick along the columns (dim 2), one column of indices per matrix
        dim = 2
        idx = torch.arange(n).unsqueeze(0).unsqueeze(-1).expand(B, n, 1)
    return A, dim, idx


def figure_diagonal(shape: tuple[int, int, int]) -> str:
    A, dim, idx = diagonal_case(shape)
    out = torch.gather(A, dim, idx)
    diag = out.squeeze(dim)
    assert torch.equal(diag, torch.diagonal(A, dim1=1, dim2=2))
    B, H, W = shape
    n = min(H, W)
    tall = dim == 1
    focus = (B - 1, 0, n - 1) if tall else (B - 1, n - 1, 0)
    k = int(idx[focus])
    value = int(out[focus])
    src = tuple(k if d == dim else p for d, p in enumerate(focus))
    names = ("out", "A", "idx")
    cv = Canvas()
    kind = "세로로 긴" if tall else "가로로 긴"
    heading = f"{kind} 행렬 {H}×{W} 배치의 대각선: gather(A, {dim}, idx)"
    cv.text(20, 28, heading, "gf-h", size=15)
    a_w = LABEL_W + W * PITCH_X
    i_w = LABEL_W + idx.shape[2] * PITCH_X
    side = 2 * i_w + 12 <= a_w  # idx and out next to each other under each matrix
    y0 = 46
    y1 = y0 + HEAD_H + 4 + H * PITCH_Y + 14
    bottom = y1
    for b in range(B):
        x = 20 + b * (a_w + 36)
        marks = {(b, t, t): "gf-band" for t in range(n)}
        if b == focus[0]:
            marks[src] = "gf-src"
        cv.grid(x, y0, A[b].tolist(), "input", f"A[{b}] · {H}×{W}", (b,), marks)
        im = {focus: "gf-idx"} if b == focus[0] else {}
        om = {focus: "gf-out"} if b == focus[0] else {}
        iw, ih = cv.grid(x, y1, idx[b].tolist(), "index", f"idx[{b}]", (b,), im)
        if side:
            cv.grid(x + iw + 12, y1, out[b].tolist(), "out", f"out[{b}]", (b,), om)
            bottom = max(bottom, y1 + ih)
        else:
            _, oh = cv.grid(x, y1 + ih + 8, out[b].tolist(), "out", f"out[{b}]", (b,), om)
            bottom = max(bottom, y1 + ih + 8 + oh)
    y3 = bottom + 28
    unsq = "unsqueeze(0).unsqueeze(0)" if tall else "unsqueeze(0).unsqueeze(-1)"
    shp = f"({B}, 1, {n})" if tall else f"({B}, {n}, 1)"
    code = [
        f"A = torch.arange({A.numel()}).view({B}, {H}, {W})",
        f"idx = torch.arange({n}).{unsq}",
        f"idx = idx.expand{shp}   # {shp}",
        f"diag = torch.gather(A, {dim}, idx).squeeze({dim})",
    ]
    for t, line in enumerate(code):
        cv.spans(20, y3 + t * 20, [("", line)], role="code")
    y4 = y3 + len(code) * 20 + 10
    general = "out[b][0][k] = A[b][idx[b][0][k]][k] = A[b][k][k]" if tall else "out[b][k][0] = A[b][k][idx[b][k][0]] = A[b][k][k]"
    cv.spans(20, y4, [("", general)], role="general")
    cv.spans(20, y4 + 22, formula_pieces(focus, dim, k, value, names), role="formula")
    cv.spans(20, y4 + 44, [("", f"diag = {diag.tolist()}")], role="diagonal")
    cv.text(20, y4 + 66, "== torch.diagonal(A, dim1=1, dim2=2) (테스트로 확인)", "gf-t")
    path_panel(
        cv,
        20,
        y4 + 96,
        focus,
        dim,
        k,
        value,
        names,
        ["idx에서 대각선 번호 k를 읽는다", f"A[{focus[0]}]의 ({k}, {k}) 자리", "squeeze 전 결과의 같은 자리"],
    )
    alt = (
        f"{kind} 행렬 {H}×{W} 두 개(A, 모양 {tuple(shape)})에서 arange, unsqueeze, expand로 "
        f"만든 idx {tuple(idx.shape)}로 dim={dim}을 따라 gather하면 각 행렬의 대각선 "
        f"{diag.tolist()}이 나온다. 예: idx{bracket(focus)} = {k} → A{bracket(src)} = {value}."
    )
    return _svg(cv, heading, alt, dim, focus)


FIGURES = {
    "gather_dim1.svg": lambda: figure_2d(1, INDEX_DIM1, (1, 2)),
    "gather_dim0.svg": lambda: figure_2d(0, INDEX_DIM0, (1, 2)),
    "gather_diag_tall.svg": lambda: figure_diagonal((2, 4, 3)),
    "gather_diag_wide.svg": lambda: figure_diagonal((2, 3, 4)),
}
