"""Benchmark: the newcomer loop, timed, in a throw-away copy of the repository.

    .venv-test/bin/python bench/newcomer.py [--runs N]

Does what README "새 노트 추가하기" says, with the real Makefile in a full copy (docs,
snippets, img, overrides, hooks, tools, tests, bench, Makefile, pyproject.toml; the venvs
are symlinked, ``make -o`` keeps make from ever rebuilding them):

1. write ``docs/dayN/dayN.md`` (front matter, three snippet embeds, a link to day12) and
   ``snippets/dayN/*.py`` (no ``#>`` lines), and add a link from day12 to the new note;
   N is the day after the last one (``support.free_day``). Editing is the learner's time
   and is not timed;
2. ``make update``  (fills the ``#>`` lines; regenerates everything else, unchanged);
3. ``make check``   (lint, every snippet, strict build, link and anchor crawl).

Prints, per run: seconds of each command (wall clock, and the CPU time of its processes,
which stays meaningful on a shared machine: an idle machine's wall time is close to it),
the files the loop touched (``git status`` of the copy against its first commit) and their
kinds, and how many commands it took; then the medians over the runs. ``make test`` (the
full suite, with browsers) is not part of the inner loop.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "hooks"), str(ROOT)]

from support import copy_project, free_day, used_days
from test_new_note import AUTOGRAD_BODY, SNIPPETS, note

EXTRA = ["tools", "tests", "bench", "Makefile", "pyproject.toml", ".gitignore"]
MAKE = ["make", "-s", "-o", ".venv/.installed", "-o", ".venv-test/.installed", "-o", "node_modules/.installed"]
COMMANDS = [["update"], ["check"]]


def full_copy(dest: Path) -> Path:
    project = copy_project(dest)
    for name in EXTRA:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, project / name, ignore=shutil.ignore_patterns("__pycache__", ".npm", "out"))
        else:
            shutil.copy2(src, project / name)
    for venv in (".venv", ".venv-test"):
        (project / venv).symlink_to(ROOT / venv)
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.com"]
    subprocess.run([*git, "add", "-A"], cwd=project, check=True)
    subprocess.run([*git, "commit", "-qm", "baseline"], cwd=project, check=True)
    return project


def add_note(project: Path) -> int:
    """The learner's edits (what the README tells them to write)."""
    n = free_day(project, max(used_days(project)) + 1)
    (project / "snippets" / f"day{n}").mkdir()
    for name, code in SNIPPETS.items():
        (project / "snippets" / f"day{n}" / name).write_text(code, encoding="utf-8")
    (project / "docs" / f"day{n}").mkdir()
    (project / "docs" / f"day{n}" / f"day{n}.md").write_text(
        note(n, "week4-1 autograd", "requires_grad, detach, 기울기 누적, no_grad를 정리한 노트.",
             AUTOGRAD_BODY.replace("{n}", str(n))), encoding="utf-8")
    day12 = project / "docs" / "day12" / "day12.md"
    day12.write_text(day12.read_text(encoding="utf-8")
                     + f"\n다음 노트: [기울기 누적](../day{n}/day{n}.md#기울기-누적)\n", encoding="utf-8")
    return n


def kind(path: str) -> str:
    if path.startswith("docs/") and path.endswith((".md", ".ipynb")):
        return "note"
    if path.startswith("snippets/"):
        return "snippet"
    if path.startswith(("img/", "docs/")) and path.endswith((".svg", ".png", ".jpg")):
        return "image"
    return "other: " + path


def one_run(tmp: Path) -> dict:
    project = full_copy(tmp / "project")
    n = add_note(project)
    seconds, cpu = {}, {}
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    for command in COMMANDS:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        proc = subprocess.run([*MAKE, *command], cwd=project, capture_output=True, text=True, env=env)
        seconds[" ".join(command)] = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu[" ".join(command)] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if proc.returncode != 0:
            raise SystemExit(f"make {' '.join(command)} failed in the copy:\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}")
    status = subprocess.run(["git", "status", "--porcelain", "-uall"], cwd=project, check=True,
                            capture_output=True, text=True).stdout
    touched = sorted(line[3:] for line in status.splitlines())
    return {"day": n, "seconds": seconds, "cpu": cpu, "touched": touched, "kinds": sorted({kind(p) for p in touched})}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    runs = []
    for i in range(args.runs):
        with tempfile.TemporaryDirectory(prefix="bench-newcomer-") as tmp:
            r = one_run(Path(tmp))
        runs.append(r)
        total = sum(r["seconds"].values())
        print(f"run {i + 1}: day{r['day']}: " + ", ".join(f"make {k} {v:.1f} s (CPU {r['cpu'][k]:.1f} s)"
                                                       for k, v in r["seconds"].items())
              + f", total {total:.1f} s", flush=True)
    last = runs[-1]
    print(f"\nfiles touched: {len(last['touched'])} ({', '.join(last['touched'])})")
    print(f"kinds of file: {len(last['kinds'])} ({', '.join(last['kinds'])})   goal: <= 3 (note, snippets, optional image)")
    print(f"commands: {len(COMMANDS)} ({', '.join('make ' + ' '.join(c) for c in COMMANDS)})   goal: <= 2")
    for name in runs[0]["seconds"]:
        print(f"median make {name}: {statistics.median(r['seconds'][name] for r in runs):.1f} s wall, "
              f"{statistics.median(r['cpu'][name] for r in runs):.1f} s CPU (user+sys of its processes) "
              f"over {len(runs)} run(s)")
    print(f"median loop total: {statistics.median(sum(r['seconds'].values()) for r in runs):.1f} s "
          f"(machine load: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
