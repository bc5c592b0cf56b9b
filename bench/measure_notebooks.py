"""Numbers for the practice notebook pages (prints them; not a test).

Builds three throw-away copies of the project (strict, with the torch-free docs venv):

- ``without``: mkdocs-jupyter off (the .ipynb files are plain downloads, not pages),
- ``raw``: mkdocs-jupyter as configured but without our notebooks extension (``hooks/notebooks/``,
  NOTEBOOKS in hooks/events.py) and without the Content-Security-Policy (SECURITY: it rejects
  the inline scripts mkdocs-jupyter puts in a page, which the notebooks extension removes),
- ``site``: the real configuration (plugin + extension + extra.css's notebook section),

and prints the weight of each notebook page (raw and gzip -9), the search index size
(raw and gzip) and the share of the index that comes from notebook pages. Then it executes
each notebook from a clean kernel and prints the time.

    .venv-test/bin/python -m bench.measure_notebooks [--no-exec]
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import tempfile
import time
from pathlib import Path

from tools import ROOT
from tools import execute_notebooks as nbtool
from tools.harness.build import build_site
from tools.harness.copies import copy_project, without_extension

PLUGIN_BLOCK = re.compile(r"^  - mkdocs-jupyter:\n(?:      .*\n)+", re.M)


def _variant(tmp: Path, name: str) -> Path:
    project = copy_project(tmp / name)
    if name in ("without", "raw"):
        without_extension(project, "NOTEBOOKS")
    if name == "raw":
        without_extension(project, "SECURITY")
    cfg = project / "mkdocs.yml"
    text = cfg.read_text(encoding="utf-8")
    if name == "without":
        text, n = PLUGIN_BLOCK.subn("", text)
        assert n == 1, "mkdocs-jupyter block not found in mkdocs.yml"
    cfg.write_text(text, encoding="utf-8")
    site = tmp / f"{name}-site"
    proc = build_site(project, site)
    if proc.returncode != 0:
        raise SystemExit(f"{name}: build failed\n{proc.stdout}\n{proc.stderr}")
    return site


def _sizes(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, 9, mtime=0))


def _kb(n: int) -> str:
    return f"{n / 1024:7.1f} KB"


def main() -> int:
    notebooks = nbtool.notebook_files()
    with tempfile.TemporaryDirectory(prefix="bench-nb-") as tmp:
        sites = {name: _variant(Path(tmp), name) for name in ("without", "raw", "site")}
        print("notebook page weight (raw / gzip -9)")
        for nb in notebooks:
            rel = nb.parent.relative_to(ROOT / "docs") / nb.stem / "index.html"
            for name in ("raw", "site"):
                raw, gz = _sizes(sites[name] / rel)
                print(f"  {rel.parent.as_posix():18} {name:8} {_kb(raw)} / {_kb(gz)}")
        print("search index search/search_index.json (raw / gzip -9; notebook entries)")
        for name, site in sites.items():
            index = site / "search" / "search_index.json"
            raw, gz = _sizes(index)
            docs = json.loads(index.read_text(encoding="utf-8"))["docs"]
            nb_docs = [d for d in docs if "/practice_" in "/" + d["location"]]
            share = len(json.dumps(nb_docs, ensure_ascii=False).encode())
            print(f"  {name:8} {_kb(raw)} / {_kb(gz)}   notebook entries: {len(nb_docs):3} = {_kb(share)}")
    if "--no-exec" not in sys.argv:
        print("execution from a clean kernel (tools.execute_notebooks.execute)")
        for nb in notebooks:
            start = time.perf_counter()
            nbtool.execute(nb)
            print(f"  {nb.relative_to(ROOT).as_posix():28} {time.perf_counter() - start:5.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
