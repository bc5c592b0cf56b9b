"""``make serve``'s page updates (tools/live.py) driven without a server: ``LiveProcess``
runs ``python -m tools.live`` in a project copy and builds when asked; ``site_differences``
compares what it serves with a full build of the same sources (tests/test_live.py,
bench/live.py)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from tools import ROOT
from tools.harness.build import BUILD_ENV, mkdocs_command

SERVE_URL = "http://127.0.0.1:8000/"
# written by full builds only: a page update leaves them as the last full build wrote them
FULL_BUILD_ONLY = ("search/search_index.json", "search/search_text.json")


class LiveProcess:
    """``python -m tools.live`` in ``project``: ``build()`` after editing files there."""

    def __init__(self, project: Path, site_dir: Path, *, full: bool = False, timeout: float = 300) -> None:
        self.site_dir, self.timeout = site_dir, timeout
        # the copy's hooks/ (the working directory comes first on sys.path), this project's tools/
        env = dict(os.environ, **BUILD_ENV, MKDOCS_STRICT="false", PYTHONPATH=str(ROOT))
        cmd = [mkdocs_command()[0], "-m", "tools.live", str(site_dir), "--url", SERVE_URL] + (["--full"] if full else [])
        self.proc = subprocess.Popen(
            cmd, cwd=project, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        self.first = self._answer()

    def _answer(self) -> dict:
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"python -m tools.live ended (exit {self.proc.wait()}):\n{self.proc.stderr.read()[-4000:]}")
        return json.loads(line)

    def build(self) -> dict:
        """Build what the edits since the last build need: {"full": why or None, "pages":
        [...], "error": text or None, "seconds": s, "cpu": s}."""
        self.proc.stdin.write("build\n")
        self.proc.stdin.flush()
        return self._answer()

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc.stdout.close()
        self.proc.stderr.close()

    def __enter__(self) -> LiveProcess:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def full_build(project: Path, site_dir: Path) -> dict:
    """What ``make serve`` serves when it starts on ``project`` (a full build; the page
    CSP of a served site allows the live-reload script, so ``make build``'s differs)."""
    with LiveProcess(project, site_dir, full=True) as process:
        return process.first


def site_differences(served: Path, built: Path, ignore: tuple[str, ...] = ()) -> list[str]:
    """Files that differ between two site folders (missing on one side, or other bytes),
    as sorted relative paths; ``ignore``: relative paths left out."""

    def files(root: Path) -> dict[str, Path]:
        return {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}

    a, b = files(served), files(built)
    out = [f"{rel}: only {'served' if rel in a else 'built'}" for rel in sorted(a.keys() ^ b.keys())]
    out += [f"{rel}: differs" for rel in sorted(a.keys() & b.keys()) if a[rel].read_bytes() != b[rel].read_bytes()]
    return [line for line in out if line.split(":")[0] not in ignore]
