"""The one rule for output that must not be stored on a page: it belongs to one machine or one run.

Both generators that store real output apply it: ``tools/snippet_outputs.py`` (the ``#>``
lines of ``snippets/``) and ``tools/execute_notebooks.py`` (the stored notebook outputs).
A stored output that matches is an error, so it never reaches a page:

- memory addresses: ``<object at 0x7f3a...>`` and any other long hex number ``0x...``;
- absolute paths of a machine: ``/tmp/``, ``/home/``, ``/root/``, ``/Users/``, ``C:\\``, and
  this machine's own project, interpreter, home and temporary folders;
- timings: ``0.53s``, ``12.0 ms`` and tqdm's rate and clock (``35.2it/s``, ``00:01<00:02``).

Fix the snippet, not the rule: print ``type(x).__name__`` instead of the object, a path
relative to the snippet, a rounded or fixed quantity instead of a measured time.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile

from tools import ROOT


def _own_paths() -> list[str]:
    """Folders of this machine that would show up in a path a snippet prints."""
    paths = {str(ROOT), sys.prefix, sys.base_prefix, tempfile.gettempdir(), os.path.expanduser("~")}
    return sorted((p for p in paths if len(p) > 4), key=len, reverse=True)  # "/" or "/usr" say nothing


MACHINE_SPECIFIC = re.compile(
    "|".join(
        [
            r"\bat 0x[0-9a-fA-F]+",  # <... object at 0x7f...>
            r"\b0x[0-9a-fA-F]{8,}\b",  # a bare address
            r"(?<![\w.])(?:/tmp/|/home/|/root/|/Users/|/private/var/|[A-Z]:\\)",
            *(r"(?<![\w.])" + re.escape(p) + r"(?![\w.-])" for p in _own_paths()),
            r"(?<![\w.])\d+\.\d+ ?(?:s|ms|us|µs|ns|sec|초)(?![\w/])",  # 0.53s, 12.0 ms
            r"\d(?:it|s)/(?:s|it)\b",  # tqdm rate: 35.2it/s, 1.20s/it
            r"\b\d\d:\d\d<\d\d:\d\d\b",  # tqdm clock: elapsed<remaining
        ]
    )
)


def find(text: str) -> str | None:
    """The first machine-specific piece of ``text``, or None."""
    found = MACHINE_SPECIFIC.search(text)
    return found.group() if found else None
