"""Every generator follows one contract (tools/cli.py): ``files``/``check``/``update`` and a
``--check`` that exits 1 when anything is stale, ``--update`` that rewrites it."""

from __future__ import annotations

import importlib
import shutil

import pytest

from tools import cli, gather_figures, update


@pytest.mark.parametrize("name", update.GENERATORS)
def test_generator_has_the_contract(name):
    module = importlib.import_module(name)
    for attr in ("files", "check", "update", "main"):
        assert callable(getattr(module, attr, None)), f"{name} has no {attr}()"
    assert module.files(), f"{name} owns no files"


def test_check_exits_1_when_stale_and_update_repairs(tmp_path, monkeypatch, capsys):
    img = tmp_path / "img"
    shutil.copytree(gather_figures.IMG, img)
    monkeypatch.setattr(gather_figures, "IMG", img)
    monkeypatch.setattr(cli, "ROOT", tmp_path)
    target = img / "gather_dim1.svg"
    assert gather_figures.main(["--check"]) == 0
    target.write_text(target.read_text(encoding="utf-8").replace("</svg>", "<!-- edit --></svg>"), encoding="utf-8")
    assert gather_figures.main(["--check"]) == 1
    out = capsys.readouterr().out
    assert "img/gather_dim1.svg: STALE" in out and "1 stale, 0 failed; run `make update`" in out
    assert gather_figures.main(["--update", str(target)]) == 0
    assert gather_figures.main(["--check", str(target)]) == 0


def test_a_failure_is_reported_and_the_run_goes_on(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(cli, "ROOT", tmp_path)
    stranger = tmp_path / "not_a_figure.svg"
    stranger.write_text("<svg/>", encoding="utf-8")
    good = gather_figures.IMG / "gather_dim0.svg"
    assert gather_figures.main(["--check", str(stranger), str(good)]) == 1
    out = capsys.readouterr().out
    assert "not_a_figure.svg: FAILED" in out and "is not a figure of tools/gather_figures.py" in out
    assert "gather_dim0.svg: ok" in out and "0 stale, 1 failed" in out
