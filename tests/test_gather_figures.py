"""The gather figures in img/: regenerated == committed, and every number drawn in them is
what ``torch.gather`` returns for the case the figure shows (read back from the SVG itself,
not from the generator), plus the page links each figure with Korean alt text and the built
site shows it inline (dark-mode aware) with that alt text as its accessible name."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import torch

from tools import ROOT
from tools.figures import gather, svg

SVG_NS = "{http://www.w3.org/2000/svg}"
FIGURES = ["gather_dim1.svg", "gather_dim0.svg", "gather_diag_tall.svg", "gather_diag_wide.svg"]
HANGUL = re.compile(r"[가-힣]")


def test_generator_makes_exactly_the_committed_figures():
    made = {name: draw() for name, draw in gather.FIGURES.items()}
    assert sorted(made) == sorted(FIGURES)
    committed = sorted(p.name for p in (ROOT / "img").glob("gather_*.svg"))
    assert committed == sorted(FIGURES), "stale or missing gather figure in img/"


@pytest.mark.parametrize("name", FIGURES)
def test_committed_figure_is_fresh(name):
    fresh = gather.FIGURES[name]()
    committed = (ROOT / "img" / name).read_text(encoding="utf-8")
    assert committed == fresh, f"img/{name} differs from the generator: run `make update`"


def read_figure(name: str):
    """(svg root, {grid name: {pos tuple: int}}) parsed from the committed file."""
    root = ET.parse(ROOT / "img" / name).getroot()
    grids: dict[str, dict[tuple[int, ...], int]] = {}
    for t in root.iter(f"{SVG_NS}text"):
        if "data-t" in t.attrib:
            pos = tuple(int(p) for p in t.attrib["data-pos"].split(","))
            assert pos not in grids.setdefault(t.attrib["data-t"], {}), f"{name}: duplicate cell {pos}"
            grids[t.attrib["data-t"]][pos] = int(t.text)
    return root, grids


def to_tensor(cells: dict[tuple[int, ...], int]) -> torch.Tensor:
    shape = tuple(max(p[d] for p in cells) + 1 for d in range(len(next(iter(cells)))))
    t = torch.full(shape, -999, dtype=torch.long)
    for pos, v in cells.items():
        t[pos] = v
    assert (t != -999).all(), "a grid has holes"
    return t


def role_text(root, role: str) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG_NS}text") if t.get("data-role") == role]


def expected_formula(pos, dim, index, source, names=("out", "input", "index")) -> str:
    out, inp, idx = names
    k = int(index[pos])
    b = "".join(f"[{p}]" for p in pos)
    gen = "".join(f"[{idx}{b}]" if d == dim else f"[{p}]" for d, p in enumerate(pos))
    src = tuple(k if d == dim else p for d, p in enumerate(pos))
    return f"{out}{b} = {inp}{gen} = {inp}{''.join(f'[{p}]' for p in src)} = {int(source[src])}"


@pytest.mark.parametrize("name", FIGURES)
def test_numbers_in_figure_equal_torch_gather(name):
    root, grids = read_figure(name)
    assert set(grids) == {"input", "index", "out"}
    source, index, drawn = (to_tensor(grids[k]) for k in ("input", "index", "out"))
    dim = int(root.get("data-dim"))
    assert torch.equal(drawn, torch.gather(source, dim, index)), f"{name}: result grid != torch.gather"
    # the highlighted path: index cell -> source cell -> result cell, all at the right places
    focus = tuple(int(p) for p in root.get("data-focus").split(","))
    k = int(index[focus])
    src = tuple(k if d == dim else p for d, p in enumerate(focus))
    marked = {}
    cells = list(root.iter())
    for i, el in enumerate(cells):
        if el.tag == f"{SVG_NS}rect" and any(c in (el.get("class") or "") for c in ("gf-idx", "gf-src", "gf-out")):
            label = cells[i + 1]  # each cell's <text> follows its <rect>
            cls = next(c for c in ("gf-idx", "gf-src", "gf-out") if c in el.get("class"))
            marked[cls] = (label.get("data-t"), tuple(int(p) for p in label.get("data-pos").split(",")))
    assert marked == {"gf-idx": ("index", focus), "gf-src": ("input", src), "gf-out": ("out", focus)}
    # the formula, written with the actual numbers
    names = ("out", "A", "idx") if "diag" in name else ("out", "input", "index")
    assert role_text(root, "formula") == [expected_formula(focus, dim, index, source, names)]
    steps = [role_text(root, f"step{n}")[0] for n in (1, 2, 3)]
    v = int(source[src])
    b = lambda pos: "".join(f"[{p}]" for p in pos)
    assert steps == [f"① {names[2]}{b(focus)} = {k}", f"② {names[1]}{b(src)} = {v}", f"③ out{b(focus)} = {v}"]


def test_seed_example_figure_dim1():
    root, grids = read_figure("gather_dim1.svg")
    source, index, out = (to_tensor(grids[k]) for k in ("input", "index", "out"))
    assert torch.equal(source, torch.arange(1, 16).view(3, 5))
    assert index.shape == (3, 4) and int(index[1][2]) == 3
    assert root.get("data-dim") == "1" and root.get("data-focus") == "1,2"
    assert int(out[1][2]) == int(source[1][3]) == 9
    assert role_text(root, "formula") == ["out[1][2] = input[1][index[1][2]] = input[1][3] = 9"]
    assert role_text(root, "general") == ["out[i][j] = input[i][index[i][j]]"]


def test_dim0_figure():
    root, grids = read_figure("gather_dim0.svg")
    source, index = to_tensor(grids["input"]), to_tensor(grids["index"])
    assert root.get("data-dim") == "0"
    assert torch.equal(source, torch.arange(1, 16).view(3, 5))
    assert index.shape == (2, 4) and int(index.max()) < source.shape[0]  # rows of input
    assert role_text(root, "general") == ["out[i][j] = input[index[i][j]][j]"]


@pytest.mark.parametrize(
    "name, shape, dim",
    [
        ("gather_diag_tall.svg", (2, 4, 3), 1),
        ("gather_diag_wide.svg", (2, 3, 4), 2),
    ],
)
def test_diagonal_figures(name, shape, dim):
    root, grids = read_figure(name)
    A, idx, out = (to_tensor(grids[k]) for k in ("input", "index", "out"))
    B, H, W = shape
    assert A.shape == shape and H != W
    assert int(root.get("data-dim")) == dim  # the longer of the two matrix axes
    n = min(H, W)
    recipe = (
        torch.arange(n).unsqueeze(0).unsqueeze(0).expand(B, 1, n)
        if dim == 1
        else torch.arange(n).unsqueeze(0).unsqueeze(-1).expand(B, n, 1)
    )
    assert torch.equal(idx, recipe)
    diagonal = torch.diagonal(A, dim1=1, dim2=2)
    assert torch.equal(out.squeeze(dim), diagonal)
    assert role_text(root, "diagonal") == [f"diag = {diagonal.tolist()}"]
    code = "\n".join(role_text(root, "code"))
    assert f"torch.gather(A, {dim}, idx).squeeze({dim})" in code and "expand" in code and "unsqueeze" in code


@pytest.mark.parametrize("name", FIGURES)
def test_figure_is_marked_generated_small_text_only_and_korean(name):
    text = (ROOT / "img" / name).read_text(encoding="utf-8")
    root = ET.fromstring(text)
    assert svg.mark("gather") in text
    assert len(text.encode()) < 16_000
    assert "<image" not in text and "@font-face" not in text and "base64" not in text
    assert HANGUL.search(root.find(f"{SVG_NS}title").text)
    assert HANGUL.search(root.find(f"{SVG_NS}desc").text)
    # palette-aware: Material variables with light fallbacks + slate rules
    assert "var(--md-default-fg-color," in text and "[data-md-color-scheme=slate]" in text


def test_page_links_every_figure_relatively_with_korean_alt():
    page = (ROOT / "docs" / "day12" / "day12.md").read_text(encoding="utf-8")
    part = page.split("<!-- part:gather:start -->")[1].split("<!-- part:gather:end -->")[0]
    links = dict((target, alt) for alt, target in re.findall(r"!\[(.*?)\]\(([^)\s]+\.svg)\)", part))
    for name in FIGURES:
        target = f"../../img/{name}"
        assert target in links, f"day12 gather part does not show {name}"
        assert (ROOT / "docs" / "day12" / target).resolve() == (ROOT / "img" / name).resolve()
        assert len(HANGUL.findall(links[target])) >= 10, f"{name}: Korean alt text too short"


def test_built_page_inlines_figures_with_alt_as_label(site_dir: Path):
    html = (site_dir / "day12" / "day12" / "index.html").read_text(encoding="utf-8")
    inline = re.findall(r'<svg role="img" aria-label="([^"]+)" xmlns="http://www.w3.org/2000/svg" class="gf"', html)
    assert len(inline) == len(FIGURES)
    assert all(HANGUL.search(label) for label in inline)
    assert not re.search(r"<img[^>]*gather_", html), "an <img> was left"
    opens = re.findall(r'<a class="figure-open" href="([^"]+)">', html)
    assert sorted(o.rsplit("/", 1)[1] for o in opens) == sorted(FIGURES)
    for name in FIGURES:  # the files themselves are in the site too
        assert (site_dir / "img" / name).read_bytes() == (ROOT / "img" / name).read_bytes()


def test_hook_rejects_a_link_to_a_missing_top_level_figure(tmp_path, project_copy):
    from tools.harness.build import build_site

    project = project_copy(notes=("day12",))
    page = project / "docs" / "day12" / "day12.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\n![없는 그림](../../img/gather_nope.svg)\n", encoding="utf-8")
    proc = build_site(project, tmp_path / "site")
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0
    # one line naming the page, the link and the fix; no traceback
    assert (
        "figures: docs/day12/day12.md links ../../img/gather_nope.svg, but img/gather_nope.svg "
        "does not exist: fix the link, or generate the figure (`make update`)"
    ) in out, out
    assert "Traceback" not in out
