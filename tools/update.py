"""`make update`: regenerate every generated output in the repository.

Every generator follows the contract in ``tools/cli.py`` (``files``, ``check``, ``update``).
Add a new generator to GENERATORS; the tests compare the same outputs and fail when stale.

    python -m tools.update            # rewrite whatever is stale (make update)
    python -m tools.update --check    # exit 1 when anything is stale, rewrite nothing
"""

from __future__ import annotations

import argparse
import importlib
import sys

from tools import cli

GENERATORS = [
    "tools.snippet_outputs",
    "tools.execute_notebooks",
    "tools.gather_figures",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.update", description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when anything is stale; write nothing")
    args = parser.parse_args(argv)
    changed: list[str] = []
    failed: list[str] = []
    for name in GENERATORS:
        c, f = cli.run(importlib.import_module(name), None, update=not args.check)
        changed += c
        failed += f
    verb = "stale" if args.check else "changed"
    print(f"total: {len(changed)} file(s) {verb}, {len(failed)} failed")
    for path in failed:
        print(f"  FAILED: {path}")
    return 1 if failed or (args.check and changed) else 0


if __name__ == "__main__":
    sys.exit(main())
