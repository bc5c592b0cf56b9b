"""Our browser JavaScript run in Node, without a browser: the search engine of the search worker,
the search separator with JavaScript's regex engine, and the gather explorer's engine (``js/``:
each driver gives the script the few globals it needs in a ``vm`` context). Node is what runs
npm here (``.ci/run`` installs it), so these checks belong to the fast tests (`make check`); the
browser tests still run the same files in Chromium, with the page around them.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from tools import ROOT

JS = Path(__file__).with_name("js")
EXPLORER = ROOT / "docs" / "assets" / "javascripts" / "gather-explorer.js"


def run(driver: str, payload: dict, *, timeout: float = 120) -> object:
    """Run ``js/<driver>.js`` with ``payload`` on stdin; its JSON output, or RuntimeError."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node is missing: install Node.js (.ci/run and `make test` need it for npm ci too)")
    proc = subprocess.run(
        [node, str(JS / f"{driver}.js")], input=json.dumps(payload), capture_output=True, text=True, timeout=timeout
    )
    if proc.returncode != 0:
        raise RuntimeError(f"node {driver}.js failed:\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout)


def search(
    site: Path, queries: list[str], *, reference: bool = False, copies: int = 1, name: str | None = None
) -> list[tuple[str, dict]]:
    """(query, Material's RESULT data) for each query, from the built ``site``'s worker engine
    (``reference``: the same engine with lunr's own query); ``copies``: the index N times over;
    ``name``: the worker's name instead ("engine:uncut", or "material": Material's worker file
    as shipped, given the merged index)."""
    name = name or ("engine:reference" if reference else "engine")
    return [tuple(r) for r in run("search_engine", {"site": str(site), "name": name, "copies": copies, "queries": queries})]


def tokenize(separator: str, texts: list[str]) -> list[list[str]]:
    """Each text split by ``separator`` with JavaScript's regex engine, as the worker splits."""
    return run("separator", {"separator": separator, "texts": texts})


def explorer(cases: list, script: Path = EXPLORER) -> list[dict]:
    """``GatherExplorer.compute(input, index, dim)`` for each case."""
    return run("gather_explorer", {"script": str(script), "cases": [list(c) for c in cases]})
