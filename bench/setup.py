"""Fresh-clone set-up time: installing from the lock files vs the resolver install used before.

    python3 -m bench.setup [--runs N] [--groups docs test]

For each environment, in a new throw-away venv each time, alternately:

- ``lock``: what the Makefile does now (pip from locks/installer.txt, then
  ``pip install --require-hashes --no-deps --only-binary :all: -r locks/<group>.txt``);
- ``resolver``: what it did before the locks (``pip install --upgrade "pip>=25.1"``, then
  ``pip install --group <group>``: the resolver picks whatever the registry serves today).

pip's cache is warm for both (this machine's local wheels and earlier downloads), so the
numbers compare the install work, not the network. Prints seconds per run and the medians.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tools import ROOT


def lock_install(python: str, group: str) -> list[list[str]]:
    pip = [python, "-m", "pip", "install", "-q", "--require-hashes", "--no-deps", "--only-binary", ":all:"]
    return [[*pip, "-r", "locks/installer.txt"], [*pip, "-r", f"locks/{group}.txt"]]


def resolver_install(python: str, group: str) -> list[list[str]]:
    return [
        [python, "-m", "pip", "install", "-q", "--upgrade", "pip>=25.1"],
        [python, "-m", "pip", "install", "-q", "--group", group],
    ]


def timed(way, group: str) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        venv = Path(tmp) / "venv"
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        for cmd in way(str(venv / "bin" / "python"), group):
            subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
        shutil.rmtree(venv)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--groups", nargs="+", default=["docs", "test"])
    args = parser.parse_args()
    print(f"{'environment':<12} {'way':<9} runs (s)")
    for group in args.groups:
        times: dict[str, list[float]] = {"lock": [], "resolver": []}
        for _ in range(args.runs):  # interleaved: a slow moment of the machine hits both
            for name, way in (("lock", lock_install), ("resolver", resolver_install)):
                times[name].append(timed(way, group))
        for name, runs in times.items():
            print(f"{group:<12} {name:<9} {' '.join(f'{t:6.1f}' for t in runs)}   median {statistics.median(runs):6.1f}")


if __name__ == "__main__":
    main()
