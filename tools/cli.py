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
is reported (one line each, as it goes); a failure never hides the files after it.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def rel(path: Path) -> str:
    path = Path(path).resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def run(module: ModuleType, paths: list[Path] | None, *, update: bool) -> tuple[list[str], list[str]]:
    """Check or update ``paths`` (default: all of the module's files); returns
    (changed or stale files, failed files) after printing one line per file."""
    changed, failed = [], []
    for path in paths if paths is not None else module.files():
        start = time.perf_counter()
        try:
            if update:
                state = "updated" if module.update(path) else "unchanged"
                if state == "updated":
                    changed.append(rel(path))
            else:
                module.check(path)
                state = "ok"
        except AssertionError as exc:  # stale
            changed.append(rel(path))
            state = f"STALE\n{exc}"
        except Exception as exc:
            failed.append(rel(path))
            state = f"FAILED\n{exc}"
        print(f"{rel(path)}: {state} ({time.perf_counter() - start:.1f} s)", flush=True)
    return changed, failed


def _name(module: ModuleType) -> str:
    spec = getattr(module, "__spec__", None)
    return spec.name if spec is not None else module.__name__


def main(argv: list[str] | None, module: ModuleType) -> int:
    parser = argparse.ArgumentParser(prog=f"python -m {_name(module)}",
                                     description=(module.__doc__ or "").split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="exit 1 when a file is stale (default)")
    mode.add_argument("--update", action="store_true", help="rewrite stale files")
    parser.add_argument("files", nargs="*", type=Path, help="only these files (default: all)")
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.files] or None
    changed, failed = run(module, paths, update=args.update)
    if args.update:
        print(f"{_name(module)}: {len(changed)} updated, {len(failed)} failed", flush=True)
        return 1 if failed else 0
    print(f"{_name(module)}: {len(changed)} stale, {len(failed)} failed"
          + ("; run `make update`" if changed else ""), flush=True)
    return 1 if changed or failed else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit("usage: python -m tools.<generator> [--check|--update] [FILE ...]")
