"""What the parent, the zygote and a child tell each other: the one place that says the format.

Parent and zygote talk through the zygote's stdin and stdout, one JSON object per line
(``encode``/``decode``); nothing else is written there (the zygote points its file descriptor
1 at stderr, so a stray print while importing cannot corrupt the protocol). In order:

- the zygote's *hello*, once, when it has imported ahead (``zygote.main``)::

    {"ready": true, "warmed": [the names it imported], "threads": int, "seconds": float}

  (``threads`` > 1: forking would be unsafe, and ``Runner`` refuses);
- a *request* per snippet run, parent -> zygote (made by ``runs._request``; ``Runner.submit``
  adds the ``id``; ``confirm`` only on ``run_many``'s second run of a snippet)::

    {"id": int, "path": str, "project": str, "timeout": s, "grace": s, "seed": int,
     "fresh": bool, "track": [package names], "confirm": true}

- an *answer* per finished run, zygote -> parent, in completion order (``zygote._Zygote.finish``)::

    {"id": int, "seconds": float, "killed": bool, "status": int, "result": result or null,
     "stdout": str, "stderr": str}

  ``killed``: the zygote killed it at ``timeout + grace``; ``status``: from ``os.waitpid``;
  ``stdout``/``stderr``: what reached the child's file descriptors 1 and 2 (not through
  ``print()``), the last ``OUTPUT_LIMIT`` characters.

Zygote and child: the fork carries the request, and the child gets a *run folder* of its
own (``tempfile.mkdtemp``) that holds ``work/`` (its working folder), ``stdout`` and
``stderr`` (its file descriptors 1 and 2) and, when it is done, ``result.json``
(``write_result``/``read_result``), the *result*::

    {"events": [[print line, text], ...], "error": error or null, "stray": str,
     "printed_outside": bool, "versions": {package: version}, "unseeded": [generator names],
     "unguarded": null or why the project could not be made read-only (``readonly``)}

``events``: every ``print()`` of the snippet, with the line of the print statement;
``stray``: text that reached ``sys.stdout`` other than by such a print; ``printed_outside``:
some of it came from a ``print()`` called outside the snippet's lines. When the runner itself
broke in the child the result is ``{"internal": "Type: message"}``. An *error* is one of::

    {"kind": "exception" or "timeout", "line": int or null, "message": str, "traceback": str}
    {"kind": "network" or "write", "line": int or null, "target": str (null: a write the error names no path of)}

How the processes start is part of it too: ``Runner`` runs ``zygote.main`` with the names to
import ahead as arguments; a child that needs a fresh interpreter (``child.forked_main``)
``exec``s ``child.fresh_main`` with the request (JSON) and its run folder as arguments.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from tools.snippet_runner.settings import OUTPUT_LIMIT

WORK = "work"  # the child's working folder, inside its run folder
OUTPUTS = ("stdout", "stderr")  # the files behind the child's file descriptors 1 and 2
RESULT = "result.json"


def encode(message: dict) -> bytes:
    """One line of the pipe between parent and zygote."""
    return (json.dumps(message) + "\n").encode()


def decode(line: bytes) -> dict:
    return json.loads(line)


def write_result(run_dir: Path, result: dict) -> None:
    (run_dir / RESULT).write_text(json.dumps(result), encoding="utf-8")


def read_result(run_dir: Path) -> dict | None:
    """The child's result, or None when it wrote none."""
    with contextlib.suppress(OSError, ValueError):  # killed while writing: no result
        return json.loads((run_dir / RESULT).read_text(encoding="utf-8"))
    return None


def read_output(run_dir: Path, name: str) -> str:
    """The end of what the child wrote to one of ``OUTPUTS``."""
    f = run_dir / name
    return f.read_bytes()[-OUTPUT_LIMIT:].decode(errors="replace") if f.exists() else ""
