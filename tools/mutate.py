"""`make mutate`: do the fast tests catch the bugs they are named for?

For every mutation in ``tools/mutations.py`` (a realistic bug, found by a code fragment):
copy the project (the files git tracks, as they are in the working tree; the virtualenvs and
node_modules linked), put the bug in, run the fast tests named for it (``-m "not slow and not
browser"``, ``-x``) and count it killed when they fail. First the same tests run on an
unmutated copy and must pass (else nothing below would mean anything). Prints one line per
mutation as it finishes and ``killed K/N`` with the survivors named; exit 1 unless every
mutation is killed and every fragment still matches its file.

    python -m tools.mutate                 # all, two at a time (the machine's cores)
    python -m tools.mutate particle-gwa    # only these
    python -m tools.mutate --list
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tools import ROOT
from tools.mutations import MUTATIONS, Mutation

LINKED = (".venv", ".venv-test", ".venv-lock", "node_modules")
PYTEST = [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "-m", "not slow and not browser"]
TIMEOUT = 300


class StaleMutation(Exception):
    """A fragment that no longer occurs exactly once in its file."""


def copy_project(dest: Path) -> Path:
    """A clone of the repository (its history: pages' dates come from git) with the working
    tree's files on top (tracked or not ignored, uncommitted edits included), plus links to
    the environments."""
    subprocess.run(["git", "clone", "-q", "--shared", str(ROOT), str(dest)], check=True)
    listed = ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"]
    files = subprocess.run(listed, cwd=ROOT, capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, files):
        src = ROOT / name
        if src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
        elif (dest / name).is_file():
            (dest / name).unlink()  # deleted in the working tree
    for name in LINKED:
        if (ROOT / name).exists():
            (dest / name).symlink_to(ROOT / name)
    return dest


def stale_fragments(mutation: Mutation, text: str) -> list[str]:
    """The mutation's fragments that do not occur exactly once in ``text`` (its file)."""
    return [
        f"{mutation.name}: {mutation.file}: the fragment occurs {text.count(f)} times: {f[:70]!r}"
        for f, _ in mutation.edits
        if text.count(f) != 1
    ]


def apply(mutation: Mutation, project: Path) -> None:
    path = project / mutation.file
    text = path.read_text(encoding="utf-8")
    if problems := stale_fragments(mutation, text):
        raise StaleMutation("; ".join(problems))
    for fragment, replacement in mutation.edits:
        text = text.replace(fragment, replacement)
    path.write_text(text, encoding="utf-8")


def run_tests(project: Path, tests: tuple[str, ...]) -> tuple[int, str]:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    try:
        proc = subprocess.run([*PYTEST, *tests], cwd=project, env=env, capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return -1, f"timed out after {TIMEOUT} s"
    return proc.returncode, proc.stdout + proc.stderr


def first_failure(output: str) -> str:
    return next((line for line in output.splitlines() if line.startswith(("FAILED", "ERROR"))), output.strip()[-200:])


def check_fragments(mutations: list[Mutation]) -> list[str]:
    return [p for m in mutations for p in stale_fragments(m, (ROOT / m.file).read_text(encoding="utf-8"))]


def mutate_one(mutation: Mutation) -> tuple[Mutation, str, float, str]:
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix=f"mutate-{mutation.name}-") as tmp:
        project = copy_project(Path(tmp) / "project")
        apply(mutation, project)
        code, output = run_tests(project, mutation.tests)
    seconds = time.perf_counter() - start
    if code == 1:
        return mutation, "killed", seconds, first_failure(output)
    if code == 0:
        return mutation, "SURVIVED", seconds, "the named tests passed with the bug in"
    return mutation, "ERROR", seconds, f"pytest exit {code}: {first_failure(output)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.mutate", description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="only these mutations")
    parser.add_argument("--list", action="store_true", help="list the mutations and what they break")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    args = parser.parse_args(argv)
    unknown = set(args.names) - {m.name for m in MUTATIONS}
    if unknown:
        print(f"unknown mutations: {', '.join(sorted(unknown))} (see --list)", file=sys.stderr)
        return 2
    chosen = [m for m in MUTATIONS if not args.names or m.name in args.names]
    if args.list:
        for m in chosen:
            print(f"{m.name:32} {m.file}: {m.breaks}")
        return 0
    stale = check_fragments(chosen)
    if stale:
        print("mutations that no longer match the code (update tools/mutations.py):\n  " + "\n  ".join(stale), file=sys.stderr)
        return 1
    start = time.perf_counter()
    tests = tuple(dict.fromkeys(t for m in chosen for t in m.tests))
    with tempfile.TemporaryDirectory(prefix="mutate-baseline-") as tmp:
        code, output = run_tests(copy_project(Path(tmp) / "project"), tests)
    if code != 0:
        print(
            f"the named tests fail without any mutation (pytest exit {code}); fix that first:\n{output[-3000:]}", file=sys.stderr
        )
        return 1
    print(f"baseline: the {len(tests)} named test selections pass ({time.perf_counter() - start:.0f} s)", flush=True)
    results = []
    with ThreadPoolExecutor(args.jobs) as pool:
        for mutation, verdict, seconds, detail in pool.map(mutate_one, chosen):
            results.append((mutation, verdict))
            print(f"{verdict:8} {mutation.name:32} {seconds:5.1f} s  {detail[:150]}", flush=True)
    killed = [m for m, v in results if v == "killed"]
    survivors = [m for m, v in results if v != "killed"]
    print(f"killed {len(killed)}/{len(results)} in {time.perf_counter() - start:.0f} s")
    for m in survivors:
        print(f"  not killed: {m.name}: {m.breaks} ({m.file}; tests: {', '.join(m.tests)})")
    return 0 if not survivors else 1


if __name__ == "__main__":
    sys.exit(main())
