"""Every generator follows one contract (tools/cli.py): ``files``/``check``/``update`` and a
``--check`` that exits 1 when anything is stale, ``--update`` that rewrites it."""

from __future__ import annotations

import importlib
import shutil

import pytest

from tools import cli, figures, update


@pytest.mark.parametrize("name", update.GENERATORS)
def test_generator_has_the_contract(name):
    module = importlib.import_module(name)
    for attr in ("files", "check", "update", "main"):
        assert callable(getattr(module, attr, None)), f"{name} has no {attr}()"
    assert module.files(), f"{name} owns no files"


def test_check_exits_1_when_stale_and_update_repairs(tmp_path, monkeypatch, capsys):
    img = tmp_path / "img"
    shutil.copytree(figures.IMG, img)
    monkeypatch.setattr(figures, "IMG", img)
    monkeypatch.setattr(cli, "ROOT", tmp_path)
    target = img / "gather_dim1.svg"
    assert figures.main(["--check"]) == 0
    target.write_text(target.read_text(encoding="utf-8").replace("</svg>", "<!-- edit --></svg>"), encoding="utf-8")
    assert figures.main(["--check"]) == 1
    out = capsys.readouterr().out
    assert "img/gather_dim1.svg: STALE" in out and "1 stale, 0 failed; run `make update`" in out
    assert figures.main(["--update", str(target)]) == 0
    assert figures.main(["--check", str(target)]) == 0


def test_a_failure_is_reported_and_the_run_goes_on(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(cli, "ROOT", tmp_path)
    stranger = tmp_path / "not_a_figure.svg"
    stranger.write_text("<svg/>", encoding="utf-8")
    good = figures.IMG / "gather_dim0.svg"
    assert figures.main(["--check", str(stranger), str(good)]) == 1
    out = capsys.readouterr().out
    assert "not_a_figure.svg: FAILED" in out and "is not a generated figure (img/<family>_*.svg" in out
    assert "gather_dim0.svg: ok" in out and "0 stale, 1 failed" in out


def test_every_figure_in_img_is_drawn_by_a_family():
    assert sorted(figures.files()) == sorted(figures.IMG.glob("*.svg"))
    assert set(figures.families()) >= {"gather"}


def test_a_new_figure_family_needs_only_its_module(tmp_path, monkeypatch):
    """A module in tools/figures/ with FIGURES is found, owns img/<family>_*.svg and is named
    by the figures extension's messages: no list to register it in (the note and the family's
    test are the other two files)."""
    from hooks.figures.extension import generator

    family = tmp_path / "tools" / "figures"
    family.mkdir(parents=True)
    (family / "scatter.py").write_text('FIGURES = {"scatter_dim0.svg": lambda: "<svg/>"}\n', encoding="utf-8")
    monkeypatch.setattr(figures, "__path__", [*figures.__path__, str(family)])
    figures.families.cache_clear()
    try:
        assert "scatter" in figures.families()
        assert figures.IMG / "scatter_dim0.svg" in figures.files()
        assert figures.drawer(figures.IMG / "scatter_dim0.svg")() == "<svg/>"
        assert generator(tmp_path / "img" / "scatter_dim0.svg", tmp_path) == "tools/figures/scatter.py"
        assert generator(tmp_path / "img" / "scatter2_x.svg", tmp_path) is None
        (family / "scatter.py").write_text('FIGURES = {"dim0.svg": lambda: "<svg/>"}\n', encoding="utf-8")
        figures.families.cache_clear()
        import sys

        sys.modules.pop("tools.figures.scatter", None)
        with pytest.raises(TypeError, match=r"\['dim0.svg'\]: a family's files are named scatter_\*\.svg"):
            figures.families()
    finally:
        import sys

        sys.modules.pop("tools.figures.scatter", None)
        figures.families.cache_clear()
