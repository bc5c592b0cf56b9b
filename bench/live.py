"""Benchmark: save -> browser reload in ``make serve``, at 2 and 100 real notes.

    .venv-test/bin/python -m bench.live [--notes 2,100] [--saves 5]

For each size, a temp copy of the project (2 = the project's own notes; 100 = those plus the
first 100 sections of the Korean Dive into Deep Learning, bench/course.py), served three ways:

- ours, page updates: ``python -m tools.serve`` (what ``make serve`` runs, tools/live.py);
- ours, full: the same server with ``--full`` (every save builds the whole site);
- stock Material: ``mkdocs serve`` of the stock config (bench/quality.py ``stock_config``),
  watching snippets/ and img/ too.

Each kind of edit is saved ``--saves`` times (a note's prose: day12 and, with the course, one
of its notes; a snippet day12 embeds; a figure day12 inlines), one save after the server
has reloaded for the last. The time is from just before the file is written to the server's
``Reloading browsers`` line (read from its log as it is written); the server's own
decision line of tools/live.py says what it rebuilt. Median and the slowest of the saves.
Stock Material cannot show our figures (they are inlined by our hooks): its figure edit
rebuilds the site all the same.
"""

from __future__ import annotations

import argparse
import os
import queue
import re
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from bench.course import add_course
from bench.quality import stock_config
from tools import ROOT
from tools.harness.build import BUILD_ENV, mkdocs_command
from tools.harness.copies import copy_project
from tools.serve import free_port

COURSE_NOTE_MARK = "## 요약"  # a heading most course notes have; the prose edit goes above it


class Server:
    """A serving process whose log lines are read as they come (a thread, with arrival times)."""

    def __init__(self, cmd: list[str], cwd: Path) -> None:
        env = dict(os.environ, **BUILD_ENV, MKDOCS_STRICT="false", PYTHONPATH=str(ROOT))
        self.proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines: queue.Queue = queue.Queue()
        self.log: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_for("Serving on", 600)

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.put((time.perf_counter(), line.rstrip()))
        self.lines.put((time.perf_counter(), None))

    def wait_for(self, text: str, timeout: float) -> tuple[float, list[str]]:
        """Arrival time of the first line containing ``text``, and the lines before it."""
        seen, end = [], time.perf_counter() + timeout
        while True:
            try:
                t, line = self.lines.get(timeout=max(0.01, end - time.perf_counter()))
            except queue.Empty:
                raise SystemExit(f"no {text!r} within {timeout} s; last lines:\n" + "\n".join(self.log[-20:])) from None
            if line is None:
                raise SystemExit("the server stopped:\n" + "\n".join(self.log[-30:]))
            self.log.append(line)
            if text in line:
                return t, seen
            seen.append(line)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def projects(tmp: Path, notes: int) -> tuple[Path, Path, str | None]:
    ours = copy_project(tmp / "ours")
    course_note = None
    if notes > 2:
        days = add_course(ours, notes - 2)
        with_summary = [d for d, _ in days if COURSE_NOTE_MARK in (ours / "docs" / f"day{d}" / f"day{d}.md").read_text("utf-8")]
        course_note = f"day{with_summary[len(with_summary) // 2]}"
    stock = tmp / "stock"
    stock.mkdir()
    for entry in ("docs", "snippets", "img"):
        (stock / entry).symlink_to(ours / entry)
    (stock / "mkdocs.yml").write_text(stock_config((ours / "mkdocs.yml").read_text("utf-8")), encoding="utf-8")
    return ours, stock, course_note


def edits(project: Path, course_note: str | None) -> dict[str, tuple[Path, str]]:
    """Kind of edit -> (file, the text a save inserts before: a save adds or removes a line)."""
    out = {
        "prose, day12": (project / "docs" / "day12" / "day12.md", "\n## 2. 학습 회고"),
        "snippet of day12": (project / "snippets" / "day12" / "gather_01.py", "import torch"),
        "figure in day12": (project / "img" / "gather_diag_tall.svg", "</svg>"),
    }
    if course_note:
        out[f"prose, {course_note} (course)"] = (project / "docs" / course_note / f"{course_note}.md", f"\n{COURSE_NOTE_MARK}")
    for path, anchor in out.values():
        if anchor not in path.read_text(encoding="utf-8"):
            raise SystemExit(f"{path} has no {anchor!r}: update bench/live.py")
    return out


def time_saves(server: Server, path: Path, anchor: str, saves: int) -> tuple[list[float], list[str]]:
    original = path.read_text(encoding="utf-8")
    extra = {".md": "\n저장 시험 문장 {}.\n", ".py": "# 저장 시험 {}\n", ".svg": "<!-- 저장 시험 {} -->\n"}[path.suffix]
    times, decisions = [], []
    try:
        for i in range(saves):
            text = original.replace(anchor, extra.format(i) + anchor, 1)
            time.sleep(0.5)  # a person between two saves; the server has settled
            t0 = time.perf_counter()
            path.write_text(text, encoding="utf-8")
            t1, before = server.wait_for("Reloading browsers", 300)
            times.append(t1 - t0)
            decisions += [line.split("live: ", 1)[1] for line in before if "live: " in line]
    finally:
        path.write_text(original, encoding="utf-8")
        server.wait_for("Reloading browsers", 300)
    return times, decisions


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--notes", default="2,100", help="comma-separated note counts (default 2,100)")
    ap.add_argument("--saves", type=int, default=5, help="saves per kind of edit (default 5)")
    args = ap.parse_args()
    python = mkdocs_command()[0]
    rows = []
    for notes in (int(n) for n in args.notes.split(",")):
        with tempfile.TemporaryDirectory(prefix=f"bench-live-{notes}-") as tmp:
            ours, stock, course_note = projects(Path(tmp), notes)
            for variant, cwd, extra in (
                ("ours, page updates", ours, []),
                ("ours, full", ours, ["--full"]),
                ("stock Material", stock, None),
            ):
                port = free_port("127.0.0.1", 8100)
                if port is None:
                    raise SystemExit("bench.live: no free port in 8100-8119")
                if extra is None:
                    cmd = [*mkdocs_command(), "serve", "--livereload", "-a", f"127.0.0.1:{port}", "-w", "snippets", "-w", "img"]
                else:
                    cmd = [python, "-m", "tools.serve", "--host", "127.0.0.1", "--port", str(port), *extra]
                server = Server(cmd, cwd)
                try:
                    for kind, (path, anchor) in edits(cwd if extra is None else ours, course_note).items():
                        times, decisions = time_saves(server, path, anchor, args.saves)
                        rows.append((notes, kind, variant, times, decisions))
                        print(
                            f"{notes} notes | {kind} | {variant}: median {statistics.median(times):.2f} s, "
                            f"max {max(times):.2f} s {sorted(set(re.sub(r' in [0-9.]+ s$', '', d) for d in decisions))}",
                            flush=True,
                        )
                finally:
                    server.stop()
            shutil.rmtree(Path(tmp) / "ours" / "site", ignore_errors=True)
    print(f"\n## Save -> browser reload (s, median / slowest of {args.saves} saves)\n")
    print("| notes | edit | ours, page updates | ours, full | stock Material |")
    print("|---:|---|---:|---:|---:|")
    table: dict[tuple, dict] = {}
    for notes, kind, variant, times, _ in rows:
        table.setdefault((notes, kind), {})[variant] = f"{statistics.median(times):.2f} / {max(times):.2f}"
    for (notes, kind), cells in table.items():
        print(
            f"| {notes} | {kind} | {cells.get('ours, page updates', '')} | {cells.get('ours, full', '')} "
            f"| {cells.get('stock Material', '')} |"
        )


if __name__ == "__main__":
    main()
