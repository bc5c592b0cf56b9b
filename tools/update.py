"""`make update`: regenerate every generated output in the repository.

Every generator follows the contract in ``tools/cli.py`` (``files``, ``check``, ``update``).
Add a new kind of generated file to GENERATORS (a new figure family needs nothing here:
tools/figures/ finds it); the tests compare the same outputs and fail when stale.

    python -m tools.update            # rewrite whatever is stale (make update)
    python -m tools.update --check    # exit 1 when anything is stale, rewrite nothing
    python -m tools.update FILE ...   # only these files, each by the generator that owns it
                                      # (make update FILE=snippets/day12/gather_01.py)
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from tools import cli, figures

GENERATORS = {  # module -> the files it owns (for the message when a FILE is nobody's)
    "tools.snippet_outputs": "snippets/**/*.py",
    "tools.execute_notebooks": "docs/**/*.ipynb",
    "tools.figures": figures.DESCRIBES,
    "tools.colab_notebooks": "colab/dayN/dayN.ipynb",  # after the snippets' #> outputs it copies
    "tools.anchors": "anchors/published.json",  # last: it builds the site from the outputs above
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.update", description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when anything is stale; write nothing")
    parser.add_argument("files", nargs="*", type=Path, help="only these files (default: everything)")
    args = parser.parse_args(argv)
    modules = [importlib.import_module(name) for name in GENERATORS]
    todo: dict[str, list[Path] | None] = {m.__name__: None for m in modules}
    if args.files:
        todo = {m.__name__: [] for m in modules}
        owners = {p.resolve(): m.__name__ for m in modules for p in m.files()}
        unknown = [str(f) for f in args.files if f.resolve() not in owners]
        if unknown:
            print(
                f"no generator owns {', '.join(unknown)}; generated files are: {', '.join(GENERATORS.values())}", file=sys.stderr
            )
            return 2
        for f in args.files:
            todo[owners[f.resolve()]].append(f.resolve())
    changed: list[str] = []
    failed: list[str] = []
    for module in modules:
        paths = todo[module.__name__]
        if paths == []:
            continue
        c, f = cli.run(module, paths, update=not args.check)
        changed += c
        failed += f
    verb = "stale" if args.check else "changed"
    cli.print_failures(failed)
    print(f"total: {len(changed)} file(s) {verb}, {len(failed)} failed")
    return 1 if failed or (args.check and changed) else 0


if __name__ == "__main__":
    sys.exit(main())
