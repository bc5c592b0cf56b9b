"""How long running the snippets takes: the runner (``tools/snippet_runner/``: a fresh
process per snippet, forked from a warm zygote, several at once) against the in-process
runner it replaced (``tools/snippet_outputs.py`` at ``BASELINE``), and what each added note
costs. Prints numbers; it is not a test.

    .venv-test/bin/python -m bench.snippets [--reps 3] [--notes 1,3]

1. every snippet of the repository, ``--check`` as the tests do: baseline (one process,
   run in turn), the runner with one job, the runner with every core. Interleaved (one of
   each per round), medians of ``--reps`` rounds, wall seconds of a whole command including
   its imports (the machine may be shared: compare within a round).
2. per added note: a project copy with N copies of ``snippets/day12`` (a day12-sized note each,
   with its version record); seconds for N in ``--notes``, and the slope between the
   smallest and largest N = seconds per added note, for the baseline and the runner.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from tools import ROOT

BASELINE = "c771995"  # the last commit with the in-process runner

# The baseline runs in a process of its own with ``tools/`` of the BASELINE revision (git
# archive) as its ``tools`` package: PYTHONPATH names it, and ``python -P`` keeps the working
# directory (this tree, whose tools/ has the same module names) off the path, so a plain
# import finds the baseline's snippet_outputs (and the cli.py of its own revision).
BASELINE_SCRIPT = """
import sys
from pathlib import Path

from tools import snippet_outputs as baseline

baseline.ROOT = Path(sys.argv[1])
for path in sys.argv[2:]:
    baseline.render(Path(path))
"""


def timed(cmd: list[str], env: dict | None = None) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd[:4])} ...\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return seconds


def baseline_tools(dest: Path) -> Path:
    """``tools/`` of the BASELINE revision under ``dest`` (for BASELINE_SCRIPT); returns ``dest``."""
    archive = subprocess.run(["git", "archive", BASELINE, "tools"], cwd=ROOT, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")
    return dest


def commands(baseline: Path, project: Path, files: list[Path]) -> dict[str, tuple[list[str], dict]]:
    py = sys.executable
    names = [str(f) for f in files]
    env = dict(os.environ)
    return {
        "baseline (in-process)": ([py, "-P", "-c", BASELINE_SCRIPT, str(project), *names], {**env, "PYTHONPATH": str(baseline)}),
        "runner, 1 job": ([py, "-m", "tools.snippet_outputs", "--check", *names], {**env, "SNIPPET_JOBS": "1"}),
        f"runner, {len(os.sched_getaffinity(0))} jobs": ([py, "-m", "tools.snippet_outputs", "--check", *names], env),
    }


def rounds(cmds: dict, reps: int) -> dict[str, float]:
    times: dict[str, list[float]] = {name: [] for name in cmds}
    for _ in range(reps):
        for name, (cmd, env) in cmds.items():
            times[name].append(timed(cmd, env))
    return {name: statistics.median(t) for name, t in times.items()}


def project_with_notes(dest: Path, n: int) -> list[Path]:
    """A copy of snippets/day12 n times (day12, day12_1, ...), records included."""
    files = []
    for i in range(n):
        folder = dest / "snippets" / (f"day12_{i}" if i else "day12")
        shutil.copytree(ROOT / "snippets" / "day12", folder, ignore=shutil.ignore_patterns("__pycache__"))
        files += sorted(folder.glob("*.py"))
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--notes", default="1,3")
    args = parser.parse_args()
    notes = sorted({int(n) for n in args.notes.split(",")})
    load = os.getloadavg()[0]
    print(f"cores: {len(os.sched_getaffinity(0))}, load average at start: {load:.1f}")
    with tempfile.TemporaryDirectory(prefix="bench-snippets-") as tmp:
        baseline = baseline_tools(Path(tmp) / "baseline")
        files = sorted(p for p in (ROOT / "snippets").rglob("*.py"))
        print(f"\n1. all {len(files)} snippets of the repository (median of {args.reps}, seconds, wall)")
        for name, seconds in rounds(commands(baseline, ROOT, files), args.reps).items():
            print(f"   {name:24} {seconds:6.1f} s")

        print(f"\n2. per added note (copies of snippets/day12, median of {args.reps})")
        results: dict[int, dict[str, float]] = {}
        for n in notes:
            project = Path(tmp) / f"notes{n}"
            copies = project_with_notes(project, n)
            results[n] = rounds(commands(baseline, project, copies), args.reps)
            print(f"   {n} note(s), {len(copies)} snippets: " + ", ".join(f"{name} {s:.1f} s" for name, s in results[n].items()))
        if len(notes) > 1:
            lo, hi = notes[0], notes[-1]
            print(f"   seconds per added note ({lo} -> {hi} notes):")
            for name in results[lo]:
                print(f"   {name:24} {(results[hi][name] - results[lo][name]) / (hi - lo):6.1f} s")
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
