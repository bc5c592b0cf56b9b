"""`make update`: regenerate every generated output in the repository.

Each generator is a module with ``update_all() -> list[str]`` (the paths it changed).
Add a new generator to GENERATORS; the tests compare the same outputs and fail when stale.
"""

from __future__ import annotations

import importlib
import sys

GENERATORS = [
    "tools.snippet_outputs",
    "tools.notebooks",
    "tools.gather_figures",
]


def main() -> int:
    changed: list[str] = []
    for name in GENERATORS:
        module = importlib.import_module(name)
        result = module.update_all()
        print(f"{name}: {len(result)} file(s) changed")
        for path in result:
            print(f"  {path}")
        changed += result
    print(f"total: {len(changed)} file(s) changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
