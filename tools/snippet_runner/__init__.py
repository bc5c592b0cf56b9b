"""Run snippet files the way a reader does (``python snippets/day12/x.py``), each in its own
process, isolated, offline, under a time limit, several at once.

How (a "zygote", as Android starts apps): one warm process imports the heavy libraries the
snippets use (torch, numpy, ...) once, then ``os.fork()``s a fresh child for every snippet run,
so a run costs ~20-30 ms of overhead instead of ~2 s of imports (``bench/snippets.py``). ``Runner`` (the parent side) keeps up to
``jobs`` children running at a time (default: every CPU core) and reads their results as
they finish. A snippet that sets an environment variable (``os.environ``/``os.putenv``) runs
in a fresh interpreter instead (the child ``exec``s Python), because a variable set before an
import only works if the library was not imported yet.

Every child, before ``runpy`` runs the file as ``__main__`` (``sys.path[0]`` = the snippet's
folder, like ``python file.py``):

- gets its own process group (a time-out kills DataLoader workers too), stdin from
  ``/dev/null``, and its stdout/stderr file descriptors redirected into files;
- works in a new empty temporary folder (files it writes land there and are deleted);
  writing anywhere inside the project (the folder that holds ``snippets/``) fails at once;
- is offline: resolving a host name or connecting an internet socket fails at once with a
  message (Unix sockets, which DataLoader workers use, work), and the run fails even when the
  snippet catches the error;
- starts from a fresh random state: Python's ``random``, NumPy's global generator and torch's
  default generator are seeded with a new random number (a snippet's own seed wins). Draws
  from a generator the snippet did not seed are reported; ``run_many(confirm=True)`` (what
  ``make update`` uses) then runs it again with another seed and fails it if a printed value
  changed;
- has a time limit (``DEFAULT_TIMEOUT`` or the snippet's ``# snippet: timeout=60``): at the
  limit an exception is raised at the running line (the message names ``file:line``);
  ``GRACE`` seconds later the whole process group is killed;
- records every ``print()`` against the line of the print statement in the snippet file;
  anything else written to stdout is an error (its place on the page would be unknown).

Per-snippet options are comment lines ``# snippet: key=value, ...`` (only ``timeout`` so
far); an unknown option is an error naming the file and line.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import os
import random
import select
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from tools import ROOT
from tools.cli import rel as display  # snippets/day12/x.py in this repository, else the absolute path
from tools.snippet_runner import protocol
from tools.snippet_runner.errors import RunnerError, SnippetError
from tools.snippet_runner.guards import OfflineError, ProjectWriteError, SnippetTimeout
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

# ------------------------------------------------------------------------ the parent


def default_jobs() -> int:
    """Snippets running at once: ``SNIPPET_JOBS`` or every CPU core this process may use."""
    if os.environ.get("SNIPPET_JOBS"):
        return max(1, int(os.environ["SNIPPET_JOBS"]))
    return max(1, len(os.sched_getaffinity(0)))


class Runner:
    """The parent side: one zygote, up to ``jobs`` children at a time.

    ``submit(request)`` queues a run; ``next()`` returns the next finished one (the zygote's
    answer, in completion order). Use as a context manager (the zygote ends with it)."""

    def __init__(self, warm: Iterable[str] = (), *, jobs: int | None = None):
        self.jobs = jobs or default_jobs()
        self._queue: collections.deque = collections.deque()
        self._running: dict[int, dict] = {}
        self._ids = 0
        self._buffer = b""
        env = {**os.environ, **OFFLINE_ENV, "PYTHONDONTWRITEBYTECODE": "1"}
        self._proc = subprocess.Popen(
            [sys.executable, "-c", "from tools.snippet_runner.zygote import main; main()", *warm],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=0,
        )
        try:
            hello = self._read(600)
        except BaseException:  # Ctrl-C while the zygote imports
            self._proc.kill()
            self.close()
            raise
        if hello.get("threads", 1) > 1:
            self.close()
            raise RunnerError(
                f"importing {warm} started {hello['threads'] - 1} thread(s) in the zygote; "
                "forking it would be unsafe: remove the module from WARM_ROOTS"
            )
        self.warmed = hello["warmed"]
        self.warm_seconds = hello["seconds"]

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        if self._proc.poll() is None:
            with contextlib.suppress(OSError):
                self._proc.stdin.close()
            try:
                self._proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        self._proc.stdout.close()

    def _read(self, timeout: float) -> dict:
        """The zygote's next answer line."""
        deadline = time.monotonic() + timeout
        fd = self._proc.stdout.fileno()
        while b"\n" not in self._buffer:
            ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
            chunk = os.read(fd, 1 << 16) if ready else b""
            if not chunk:
                self._proc.kill()
                raise RunnerError(
                    f"the snippet zygote stopped answering (exit code {self._proc.wait()}); see its error output above"
                )
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return protocol.decode(line)

    @property
    def busy(self) -> bool:
        return bool(self._queue or self._running)

    def submit(self, request: dict) -> int:
        self._ids += 1
        self._queue.append({**request, "id": self._ids})
        return self._ids

    def next(self) -> tuple[dict, dict]:
        """(request, answer) of the next run to finish."""
        while self._queue and len(self._running) < self.jobs:
            req = self._queue.popleft()
            self._proc.stdin.write(protocol.encode(req))
            self._proc.stdin.flush()
            self._running[req["id"]] = req
        if not self._running:
            raise RunnerError("next() with nothing submitted")
        limit = max(r["timeout"] + r["grace"] for r in self._running.values()) + 60
        answer = self._read(limit)
        return self._running.pop(answer["id"]), answer


# ------------------------------------------------------------------- results, batches


@dataclasses.dataclass
class Run:
    """What one snippet did."""

    path: Path
    seconds: float = 0.0
    events: list[tuple[int, str]] = dataclasses.field(default_factory=list)  # (print line, text), in order
    versions: dict[str, str] = dataclasses.field(default_factory=dict)
    unseeded: list[str] = dataclasses.field(default_factory=list)
    stderr: str = ""
    error: SnippetError | None = None

    @property
    def outputs(self) -> dict[int, list[str]]:
        """{print statement line: output lines}, everything one print statement printed."""
        chunks: dict[int, list[str]] = {}
        for line, text in self.events:
            chunks.setdefault(line, []).append(text)
        return {line: "".join(texts).splitlines() for line, texts in chunks.items()}


def _source_line(path: Path, line: int | None) -> str:
    if not line:
        return ""
    with contextlib.suppress(OSError, IndexError):
        return "\n    " + Path(path).read_text(encoding="utf-8").splitlines()[line - 1].strip()
    return ""


def _describe(path: Path, req: dict, answer: dict) -> Run:
    """Turn the zygote's answer into a Run (with a SnippetError when it failed)."""
    name = display(path)
    res = answer.get("result") or {}
    run = Run(
        path,
        seconds=answer["seconds"],
        events=[(line, text) for line, text in res.get("events", [])],
        versions=res.get("versions", {}),
        unseeded=res.get("unseeded", []),
        stderr=answer.get("stderr", ""),
    )
    err = res.get("error")
    limit = f"{req['timeout']:g}"
    more_time = f"Make it faster, or give it more time with a comment line `# snippet: timeout={int(req['timeout']) * 3}`"

    def fail(message: str, line: int | None = None, detail: str = ""):
        where = f"{name}:{line}" if line else name
        run.error = SnippetError(f"{where}: {message}{detail or _source_line(path, line)}")

    if answer.get("killed"):
        fail(
            f"timed out: still running {req['timeout'] + req['grace']:g} s after start (limit {limit} s) and "
            f"was killed; it was stuck outside Python code. {more_time}"
        )
    elif res.get("internal") or answer.get("result") is None:
        status = answer.get("status", 0)
        how = f"killed by signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else f"exit code {os.WEXITSTATUS(status)}"
        detail = res.get("internal") or answer.get("stderr", "")[-2000:]
        fail(f"the snippet's process died ({how}) before reporting a result:\n{detail}")
    elif err and err["kind"] == "timeout":
        fail(f"timed out after {limit} s (the limit). {more_time}", err["line"])
    elif err and err["kind"] == "network":
        fail(f"tried to reach {err['target']} — {OFFLINE_MESSAGE}", err["line"])
    elif err and err["kind"] == "write":
        fail(
            f"wrote {err['target']}, inside the project. Files a snippet writes go to its working "
            "folder (a new temporary folder): use a relative path like 'model.pt'",
            err["line"],
        )
    elif err:  # the traceback from the snippet's frame on (it shows the snippet's line)
        fail(err["message"], err["line"], "\n" + err["traceback"].rstrip() if err.get("traceback") else "")
    elif res.get("stray") or answer.get("stdout"):
        text = res.get("stray", "") + answer.get("stdout", "")
        who = (
            "wrote to stdout outside print()"
            if not (res.get("printed_outside") or answer.get("stdout"))
            else "wrote to stdout other than by a print() of the snippet (a library, C code, "
            "a DataLoader worker or an exit function)"
        )
        fail(f"{who}; such output cannot be shown under a line of the snippet (print the value instead): {text[:200]!r}")
    return run


def _request(path: Path, seed: int | None = None, track: Iterable[str] = ()) -> dict:
    opts = options(path)
    return {
        "path": str(path),
        "project": str(project_of(path)),
        "timeout": opts.timeout,
        "grace": GRACE,
        "seed": seed if seed is not None else random.SystemRandom().getrandbits(63),
        "fresh": needs_fresh_interpreter(path),
        "track": list(track),
    }


def run_many(
    paths: Iterable[Path],
    *,
    track: Callable[[Path], Iterable[str]] = imported_roots,
    confirm: bool = True,
    jobs: int | None = None,
    runner: Runner | None = None,
) -> Iterator[Run]:
    """Run every file (in parallel); yield each ``Run`` as it finishes. A file that cannot even
    be submitted (bad options, not under snippets/) comes back first, with its error.

    With ``confirm``, a run that drew from a random generator it did not seed runs a second
    time with another seed; if a printed value changed, the run fails and names the first
    print that differs. (Without it, ``Run.unseeded`` still says so: comparing with the
    stored output is the same test against the random state of an earlier run.)
    ``track(path)``: the packages whose versions the run reports (if it loaded them)."""
    paths = [Path(p).resolve() for p in paths]
    requests = []
    for path in paths:
        try:
            requests.append(_request(path, track=track(path)))
        except SyntaxError as exc:
            yield Run(
                path, error=SnippetError(f"{display(path)}:{exc.lineno}: SyntaxError: {exc.msg}{_source_line(path, exc.lineno)}")
            )
        except (SnippetError, OSError, UnicodeDecodeError) as exc:
            yield Run(path, error=exc if isinstance(exc, SnippetError) else SnippetError(f"{display(path)}: {exc}"))
    if not requests:
        return
    owned = runner is None
    runner = runner or Runner(warm_set(Path(r["path"]) for r in requests if not r["fresh"]), jobs=jobs)
    try:
        first_runs: dict[int, Run] = {}
        for req in requests:
            runner.submit(req)
        while runner.busy:
            req, answer = runner.next()
            path = Path(req["path"])
            run = _describe(path, req, answer)
            if confirm and "confirm" not in req and run.unseeded and run.error is None:
                again = {k: v for k, v in req.items() if k != "id"}
                again.update(seed=random.SystemRandom().getrandbits(63), confirm=True)
                first_runs[runner.submit(again)] = run
                continue
            if "confirm" in req:
                first = first_runs.pop(req["id"])
                if run.error is None and run.events != first.events:
                    line = next((a[0] for a, b in zip(first.events, run.events) if a != b), (first.events or run.events)[-1][0])
                    gens = ", ".join(first.unseeded)
                    hint = (
                        "torch.manual_seed(0)"
                        if any("torch" in g for g in first.unseeded)
                        else (
                            "np.random.seed(0) / np.random.default_rng(0)"
                            if any("numpy" in g for g in first.unseeded)
                            else "random.seed(0)"
                        )
                    )
                    first.error = SnippetError(
                        f"{display(path)}:{line}: prints different values in another run: it draws from "
                        f"a random generator it does not seed ({gens}), so a reader would see other "
                        f"numbers. Seed it at the top of the snippet (e.g. `{hint}`)"
                        f"{_source_line(path, line)}"
                    )
                elif run.error is not None:
                    first.error = run.error
                first.seconds += run.seconds
                run = first
            yield run
    finally:
        if owned:
            runner.close()


def run_one(path: Path, *, track: Callable[[Path], Iterable[str]] = imported_roots, confirm: bool = True) -> Run:
    """Run a single file."""
    (run,) = run_many([path], track=track, confirm=confirm, jobs=1)
    return run


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
