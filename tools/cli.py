"""The one command-line contract every generator follows (``python -m tools.<generator>``).

A generator module owns a set of generated files and provides three functions:

- ``files() -> list[Path]``: every file it owns (the default when no FILE is given);
- ``check(path)``: raises ``AssertionError`` with a readable diff when the file is stale,
  any other exception when it cannot be generated at all;
- ``update(path) -> bool``: rewrites the file when it is stale; True when it changed.

and a ``main(argv)`` that is just ``cli.main(argv, module)``. Then, for every generator::

    python -m tools.<generator> --check [FILE ...]    # exit 1 when anything is stale or fails
    python -m tools.<generator> --update [FILE ...]   # rewrite; exit 1 when anything fails

``python -m tools.update`` (``make update``) runs every generator the same way. Every file
is reported (one line each, as it goes); a failure never hides the files after it, and the
run ends with a summary of every failure (its first line: ``file:line: message``).

A generator that works on many files at once (in parallel) may also provide
``outcomes(paths, *, update) -> iterator of (path, seconds, outcome)``, yielding each file as it
finishes; ``outcome`` is what ``update``/``check`` returned or the exception they raised.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from types import ModuleType

from tools import ROOT


def rel(path: Path) -> str:
    path = Path(path).resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def _one_by_one(module: ModuleType, paths: list[Path], *, update: bool):
    for path in paths:
        start = time.perf_counter()
        try:
            outcome = module.update(path) if update else module.check(path)
        except Exception as exc:
            outcome = exc
        yield path, time.perf_counter() - start, outcome


def summary(path: Path, exc: BaseException) -> str:
    """One line for the failure list: the message's first line, led by the file."""
    first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    return first if first.startswith(rel(path)) else f"{rel(path)}: {first}"


def run(module: ModuleType, paths: list[Path] | None, *, update: bool) -> tuple[list[str], list[str]]:
    """Check or update ``paths`` (default: all of the module's files); returns
    (changed or stale files, failures) after printing one line per file as it finishes.
    A failure is its one-line ``summary``."""
    changed, failed = [], []
    paths = list(paths) if paths is not None else module.files()
    each = getattr(module, "outcomes", None)
    results = each(paths, update=update) if each else _one_by_one(module, paths, update=update)
    for path, seconds, outcome in results:
        if isinstance(outcome, AssertionError):  # stale
            changed.append(rel(path))
            state = f"STALE\n{outcome}"
        elif isinstance(outcome, BaseException):
            failed.append(summary(path, outcome))
            state = f"FAILED\n{outcome}"
        elif update:
            state = "updated" if outcome else "unchanged"
            if outcome:
                changed.append(rel(path))
        else:
            state = "ok"
        print(f"{rel(path)}: {state} ({seconds:.1f} s)", flush=True)
    return changed, failed


def print_failures(failed: list[str]) -> None:
    if failed:
        print(f"{len(failed)} failed:", flush=True)
        for line in failed:
            print(f"  FAILED {line}", flush=True)


def _name(module: ModuleType) -> str:
    spec = getattr(module, "__spec__", None)
    return spec.name if spec is not None else module.__name__


def main(argv: list[str] | None, module: ModuleType) -> int:
    parser = argparse.ArgumentParser(prog=f"python -m {_name(module)}", description=(module.__doc__ or "").split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="exit 1 when a file is stale (default)")
    mode.add_argument("--update", action="store_true", help="rewrite stale files")
    parser.add_argument("files", nargs="*", type=Path, help="only these files (default: all)")
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.files] or None
    changed, failed = run(module, paths, update=args.update)
    print_failures(failed)
    if args.update:
        print(f"{_name(module)}: {len(changed)} updated, {len(failed)} failed", flush=True)
        return 1 if failed else 0
    print(f"{_name(module)}: {len(changed)} stale, {len(failed)} failed" + ("; run `make update`" if changed else ""), flush=True)
    return 1 if changed or failed else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit("usage: python -m tools.<generator> [--check|--update] [FILE ...]")
