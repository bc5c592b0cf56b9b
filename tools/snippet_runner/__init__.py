"""Run snippet files the way a reader does (``python snippets/day12/x.py``), each in its own
process, isolated, offline, under a time limit, several at once.

One warm process (the zygote) imports the heavy libraries once and forks a fresh child for
every snippet run; the parent keeps several children running and reads their results as they
finish. The modules, in the order a run passes through them:

- ``settings``: the default time limit, the grace before a kill, the libraries the zygote may
  import ahead, the offline environment;
- ``source``: what is read from a snippet before it runs: its ``# snippet:`` options, its
  imports, whether it needs a fresh interpreter, its project;
- ``runs``: ``run_many``/``run_one`` and ``Run``: requests in, results out (a failure becomes
  a ``SnippetError`` naming ``file:line``), a second run for unseeded randomness;
- ``runner``: ``Runner``, the parent's end of the zygote;
- ``protocol``: what parent, zygote and child exchange (requests, answers, results);
- ``zygote``: the warm process, forking and reaping the children;
- ``child``: what runs in a child: the snippet as ``__main__``, its prints recorded;
- ``guards``: the child's isolation: offline, no writes into the project, a fresh random
  state, the time limit;
- ``errors``: ``SnippetError`` (the snippet's fault) and ``RunnerError`` (the runner's).

The names below are the runner's interface (``tools/snippet_outputs.py``, the tests, ``bench/``).
``GRACE`` is read from this package for every request (``runs._request``), so a caller may
change it here, as the tests do.
"""

from __future__ import annotations

from tools.cli import rel as display  # snippets/day12/x.py in this repository, else the absolute path
from tools.snippet_runner.errors import RunnerError, SnippetError
from tools.snippet_runner.guards import OfflineError, ProjectWriteError, SnippetTimeout
from tools.snippet_runner.runner import Runner, default_jobs
from tools.snippet_runner.runs import Run, run_many, run_one
from tools.snippet_runner.settings import DEFAULT_TIMEOUT, GRACE, OFFLINE_ENV, OFFLINE_MESSAGE, WARM_ROOTS
from tools.snippet_runner.source import (
    Options,
    imported_roots,
    imports,
    needs_fresh_interpreter,
    options,
    project_of,
    warm_set,
)

__all__ = [
    "DEFAULT_TIMEOUT",
    "GRACE",
    "OFFLINE_ENV",
    "OFFLINE_MESSAGE",
    "WARM_ROOTS",
    "OfflineError",
    "Options",
    "ProjectWriteError",
    "Run",
    "Runner",
    "RunnerError",
    "SnippetError",
    "SnippetTimeout",
    "default_jobs",
    "display",
    "imported_roots",
    "imports",
    "needs_fresh_interpreter",
    "options",
    "project_of",
    "run_many",
    "run_one",
    "warm_set",
]
