"""`make upgrade`: one loop from "a new release is out" to one short review.

1. re-lock every environment at the newest release ``pyproject.toml`` allows
   (``tools/locks.py compile --upgrade``; ``--only NAME`` moves that package alone);
2. rebuild the environments from the new locks (the Makefile's stamps);
3. ``make update``: re-run every snippet and notebook, redraw the figures, rewrite the
   version records (the badges);
4. ``make build`` (strict) and ``make test``;
5. print a report that fits a screen: packages moved, badges and outputs changed (a diff),
   build and tests passed or not. It is also written to ``upgrade-report.md``.

Exit status 1 when a step failed; with ``--fail-on-change`` (the weekly CI job) also when an
output changed, so a release that changes what a page shows is looked at before it lands.
``--lock-only`` stops after step 1 (the report then names the moved packages only).

Runs with the standard library only (``python3 -m tools.upgrade``), like tools/locks.py.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from tools import ROOT, locks

REPORT = ROOT / "upgrade-report.md"
# What `make update` may rewrite: snippet files (their #> lines), version records, notebooks, figures.
OUTPUT_DIRS = ("snippets", "docs", "img")
OUTPUT_SUFFIXES = (".py", ".json", ".ipynb", ".svg")
DIFF_LINES = 40  # changed output lines shown; the rest is counted


def pins() -> dict[str, dict[str, str]]:
    return {g: locks.read_pins(locks.lock_path(g)) for g in locks.GROUPS if locks.lock_path(g).is_file()}


def outputs() -> dict[str, bytes]:
    found = {}
    for top in OUTPUT_DIRS:
        for path in sorted((ROOT / top).rglob("*")):
            if path.is_file() and path.suffix in OUTPUT_SUFFIXES and "__pycache__" not in path.parts:
                found[str(path.relative_to(ROOT))] = path.read_bytes()
    return found


def moved_packages(before: dict, after: dict) -> list[str]:
    """``name old -> new (groups)``, one line per package whose pin changed in any lock."""
    changes: dict[tuple[str, str | None, str | None], list[str]] = {}
    for group in sorted(set(before) | set(after)):
        old, new = before.get(group, {}), after.get(group, {})
        for name in sorted(set(old) | set(new)):
            if old.get(name) != new.get(name):
                changes.setdefault((name, old.get(name), new.get(name)), []).append(group)
    return [
        f"{name} {old or '(new)'} -> {new or '(removed)'}  [{', '.join(groups)}]"
        for (name, old, new), groups in sorted(changes.items())
    ]


def _badges(path: str, old: bytes, new: bytes) -> list[str]:
    """A version record's change as 'lib old -> new: snippet, snippet'."""

    def entries(raw: bytes) -> dict:
        return json.loads(raw or b"{}").get("snippets", {}) if raw else {}

    before, after = entries(old), entries(new)
    folder = str(Path(path).parent.relative_to("snippets"))
    by_change: dict[str, list[str]] = {}
    for name in sorted(set(before) | set(after)):
        a, b = before.get(name, {}), after.get(name, {})
        for lib in sorted(set(a) | set(b)):
            if a.get(lib) != b.get(lib):
                by_change.setdefault(f"{lib} {a.get(lib, '-')} -> {b.get(lib, '-')}", []).append(name)
    return [f"{change}: {folder}/{', '.join(names)}" for change, names in by_change.items()]


def _notebook_text(raw: bytes) -> list[str]:
    """A notebook's outputs as text lines, cell by cell (what a reader sees of it)."""
    if not raw:
        return []
    lines = []
    for i, cell in enumerate(json.loads(raw).get("cells", [])):
        for out in cell.get("outputs", []):
            text = out.get("text") or out.get("data", {}).get("text/plain") or out.get("evalue") or ""
            lines += [f"[cell {i}] {line}" for line in ("".join(text) if isinstance(text, list) else text).splitlines()]
    return lines


def changed_outputs(before: dict[str, bytes], after: dict[str, bytes]) -> tuple[list[str], list[str]]:
    """(badge lines, diff lines) for every output file that changed."""
    badges, diff = [], []
    for path in sorted(set(before) | set(after)):
        old, new = before.get(path, b""), after.get(path, b"")
        if old == new:
            continue
        if path.endswith("versions.json"):
            badges += _badges(path, old, new)
            continue
        if path.endswith(".svg"):
            diff.append(f"{path}: figure redrawn ({len(old):,} -> {len(new):,} bytes)")
            continue
        if path.endswith(".ipynb"):
            a, b = _notebook_text(old), _notebook_text(new)
        else:
            a, b = old.decode("utf-8", "replace").splitlines(), new.decode("utf-8", "replace").splitlines()
        lines = [line for line in difflib.unified_diff(a, b, lineterm="", n=0) if not line.startswith(("---", "+++", "@@"))]
        diff.append(f"{path}:" if lines else f"{path}: changed (no visible output line)")
        diff += [f"  {line}" for line in lines]
    if len(diff) > DIFF_LINES:
        diff = diff[:DIFF_LINES] + [f"  ... {len(diff) - DIFF_LINES} more lines: git diff -- {' '.join(OUTPUT_DIRS)}"]
    return badges, diff


def run_step(title: str, cmd: list[str], log: list[str]) -> bool:
    """Run a step with its output streamed to the terminal; True when it passed."""
    print(f"\n==> {title}: {' '.join(cmd)}", flush=True)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    tail: list[str] = []
    for line in proc.stdout:
        sys.stdout.write(line)
        tail = (tail + [line.rstrip()])[-200:]
    ok = proc.wait() == 0
    summary = next((line for line in reversed(tail) if re.search(r"\d+ (passed|failed)|total: ", line)), "")
    log.append(
        f"{title}: {'passed' if ok else 'FAILED'} in {time.perf_counter() - start:.0f} s"
        + (f" ({summary.strip(' =')})" if summary else "")
    )
    return ok


def report(moved: list[str], badges: list[str], diff: list[str], steps: list[str], *, lock_only: bool) -> str:
    out = ["# make upgrade: report", "", "## packages moved", ""]
    out += [f"- {line}" for line in moved] or ["- none: every lock already had the newest allowed release"]
    if not lock_only:
        out += ["", "## badges (version records) changed", ""]
        out += [f"- {line}" for line in badges] or ["- none"]
        out += ["", "## outputs changed", ""]
        out += ["```diff", *diff, "```"] if diff else ["- none: every snippet, notebook and figure is as before"]
    out += ["", "## steps", ""] + [f"- {line}" for line in steps]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make upgrade", description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append", default=[], metavar="NAME", help="move only this package")
    parser.add_argument("--lock-only", action="store_true", help="re-lock and report the moved packages; nothing else")
    parser.add_argument("--fail-on-change", action="store_true", help="exit 1 when an output or badge changed (CI)")
    parser.add_argument(
        "--lock-python",
        default=str(ROOT / ".venv-lock" / "bin" / "python"),
        help="the interpreter with pip-tools (default: .venv-lock, made by make)",
    )
    args = parser.parse_args(argv)
    make = os.environ.get("MAKE", "make")
    steps: list[str] = []
    before_pins, before_files = pins(), outputs()
    if args.lock_python == parser.get_default("lock_python") and not run_step(
        "lock environment", [make, "--no-print-directory", ".venv-lock/.installed"], steps
    ):
        print(report([], [], [], steps, lock_only=True))
        return 1
    upgrade = ["--upgrade-package=" + name for name in args.only] or ["--upgrade"]
    ok = run_step("re-lock", [args.lock_python, "-m", "tools.locks", "compile", *upgrade], steps)
    moved = moved_packages(before_pins, pins())
    badges: list[str] = []
    diff: list[str] = []
    if ok and not args.lock_only and moved:
        for title, target in (
            ("environments", [".venv/.installed", ".venv-test/.installed"]),
            ("make update", ["update"]),
            ("make build", ["build"]),
            ("make test", ["test"]),
        ):
            ok = run_step(title, [make, "--no-print-directory", *target], steps) and ok
            if title == "environments" and not ok:
                break
        badges, diff = changed_outputs(before_files, outputs())
    text = report(moved, badges, diff, steps, lock_only=args.lock_only or not moved)
    print("\n" + text)
    REPORT.write_text(text, encoding="utf-8")
    print(f"(also in {REPORT.relative_to(ROOT)}; review with: git diff)")
    if args.fail_on_change and (badges or diff):
        print("make upgrade: the newest releases change what the pages show: review the diff above", file=sys.stderr)
        return 1
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
