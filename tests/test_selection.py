"""``make check`` is honest: the tests it selects start no browser and build no copy of the
project, and a test that tries anyway fails at once with the fix.

Markers come from fixtures (tests/conftest.py, ``tools.harness.guard.MARKED_BY``): a test that
uses ``project_copy`` is ``slow``, one that uses ``browser`` or ``page`` (directly or through
another fixture) is ``browser``; ``make check`` deselects both (the ``-m`` expression of its
recipe in the Makefile). Around each test the harness refuses what its markers do not allow.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from tools import ROOT
from tools.harness import guard
from tools.harness.browser import launch_chromium
from tools.harness.copies import clone_project, copy_project

# pytest's collection in a second process, recorded: every test with its fixtures (the
# closure) and markers, selected or deselected by the arguments given
COLLECT = """
import json, sys
import pytest

class Record:
    def __init__(self):
        self.selected, self.deselected = [], []

    def pytest_deselected(self, items):
        self.deselected += items

    def pytest_collection_finish(self, session):
        self.selected = list(session.items)

def row(item):
    return {"id": item.nodeid, "fixtures": sorted(getattr(item, "fixturenames", ())),
            "markers": sorted({m.name for m in item.iter_markers()})}

record = Record()
code = pytest.main(["--collect-only", "-q", "-p", "no:cacheprovider", *sys.argv[2:]], plugins=[record])
with open(sys.argv[1], "w", encoding="utf-8") as out:
    json.dump({"code": int(code), "selected": [row(i) for i in record.selected],
               "deselected": [row(i) for i in record.deselected]}, out)
"""


def check_expression() -> str:
    """The ``-m`` expression of ``make check``'s pytest run, from the Makefile."""
    recipe = re.search(r"^check:.*\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    assert recipe, "the Makefile has no check target"
    m = re.search(r'-m pytest\b.* -m "([^"]+)"', recipe.group(1))
    assert m, f"make check runs no pytest -m: {recipe.group(1)}"
    return m.group(1)


def test_make_check_selects_no_test_that_starts_chromium_or_copies_the_project(tmp_path):
    expression = check_expression()
    assert expression == "not slow and not browser"
    out = tmp_path / "collected.json"
    proc = subprocess.run(
        [sys.executable, "-c", COLLECT, str(out), "-m", expression, "tests"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    got = json.loads(out.read_text(encoding="utf-8"))
    assert got["code"] == 0, proc.stdout[-3000:]
    selected, deselected = got["selected"], got["deselected"]
    assert len(selected) > 200 and len(deselected) > 50, (len(selected), len(deselected))
    assert len({t["id"] for t in selected + deselected}) == len(selected) + len(deselected)
    marking = {fixture for fixtures in guard.MARKED_BY.values() for fixture in fixtures}
    uses = [(t["id"], sorted(marking & set(t["fixtures"]))) for t in selected if marking & set(t["fixtures"])]
    assert uses == [], f"make check runs tests that start Chromium or copy the project: {uses}"
    assert [t["id"] for t in selected if {"slow", "browser"} & set(t["markers"])] == []
    # each deselected test carries a marker, and every test with a marking fixture its marker
    assert [t["id"] for t in deselected if not {"slow", "browser"} & set(t["markers"])] == []
    for marker, fixtures in guard.MARKED_BY.items():
        users = [t for t in deselected if set(fixtures) & set(t["fixtures"])]
        assert users, f"no test uses {fixtures}: is {marker!r} still given by fixtures?"
        assert [t["id"] for t in users if marker not in t["markers"]] == []
    # a fixture built on another gives its marker too (test_search.py's box is built on browser)
    box = [t for t in deselected if "box" in t["fixtures"] and "page" not in t["fixtures"]]
    assert box and all("browser" in t["markers"] for t in box)


def test_an_unmarked_test_may_not_copy_the_project_or_start_chromium(tmp_path):
    """This test is marked neither ``slow`` nor ``browser``: each way to a copy or to Chromium
    refuses before doing anything, naming the fixture to use."""
    with pytest.raises(RuntimeError, match=r"^copy_project: .* not marked `slow`: make it through the project_copy fixture"):
        copy_project(tmp_path / "copy", notes=("day12",))
    with pytest.raises(RuntimeError, match=r"^clone_project: .* not marked `slow`: .*project_copy fixture"):
        clone_project(tmp_path / "clone")
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(RuntimeError, match=r"^launch_chromium: Chromium in a test not marked `browser`: use the browser or page"):
        launch_chromium(None)  # refused before Playwright is touched
