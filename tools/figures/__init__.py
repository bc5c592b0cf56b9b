"""Generated figures: ``img/<family>_<name>.svg``, each drawn from real results by its family module.

A family is a module ``tools/figures/<family>.py`` (``gather.py`` draws the ``torch.gather``
figures) with one dictionary::

    FIGURES = {"gather_dim1.svg": lambda: figure_2d(1, ...), ...}   # file name -> SVG text

Every file name starts with ``<family>_``: that is how ``make update FILE=img/x.svg``, this
package and the figures extension's error messages (hooks/figures/, which runs without torch
and cannot import a family) know which module draws a file. ``svg.py`` is the shared chrome
(canvas, skeleton, mark). Adding a figure family is one module here, its test
(``tests/test_<family>_figures.py``, reading the numbers back and comparing them with torch)
and the note that shows the figures: nothing else to register.

This package is the generator ``make update`` runs for every family (the tools/cli.py
contract: ``files``/``check``/``update``/``main``):

    python -m tools.figures --check     # exit 1 when a committed figure differs from a fresh drawing
    python -m tools.figures --update    # redraw what is stale
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from tools import ROOT, cli

IMG = ROOT / "img"
SHARED = {"svg"}  # modules of this package that are not families
DESCRIBES = "img/<family>_*.svg (tools/figures/<family>.py)"  # for tools/update.py's message


@functools.cache
def families() -> dict[str, ModuleType]:
    """``{family: module}`` for every family module of this package."""
    found = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name in SHARED or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        figures = getattr(module, "FIGURES", None)
        if not isinstance(figures, dict) or not figures:
            raise TypeError(f"tools/figures/{info.name}.py: a figure family needs FIGURES = {{'{info.name}_x.svg': draw}}")
        strangers = [name for name in figures if not (name.startswith(f"{info.name}_") and name.endswith(".svg"))]
        if strangers:
            raise TypeError(f"tools/figures/{info.name}.py: {strangers}: a family's files are named {info.name}_*.svg")
        found[info.name] = module
    return found


def drawer(path: Path) -> Callable[[], str]:
    """The function that draws ``path``, or a ValueError naming who could."""
    path = Path(path)
    family = families().get(path.name.split("_", 1)[0])
    draw = family.FIGURES.get(path.name) if family else None
    if draw is None or path.resolve().parent != IMG.resolve():
        raise ValueError(f"{path} is not a generated figure ({DESCRIBES}; families: {', '.join(sorted(families()))})")
    return draw


def files() -> list[Path]:
    """Every figure of every family (tools/cli.py contract)."""
    return [IMG / name for family in families().values() for name in family.FIGURES]


def check(path: Path) -> None:
    path = Path(path)
    svg = drawer(path)()
    if not path.exists():
        raise AssertionError(f"{cli.rel(path)} is missing; run `make update`")
    if path.read_text(encoding="utf-8") != svg:
        raise AssertionError(f"{cli.rel(path)} differs from a fresh drawing; run `make update`")


def update(path: Path) -> bool:
    path = Path(path)
    svg = drawer(path)()
    if path.exists() and path.read_text(encoding="utf-8") == svg:
        return False
    IMG.mkdir(exist_ok=True)
    path.write_text(svg, encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    return cli.main(argv, sys.modules[__name__])
