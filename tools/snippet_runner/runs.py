"""Runs of snippet files: ``run_many`` (in parallel, each ``Run`` as it finishes) and
``run_one``; a zygote's answer becomes a ``Run``, with a ``SnippetError`` whose message
names ``file:line`` when the snippet failed (``_describe``).

A run that drew from a random generator it did not seed runs again with another seed
(``run_many(confirm=True)``, what ``make update`` uses), and fails if a printed value changed.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import functools
import os
import random
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from tools.cli import rel as display  # snippets/day12/x.py in this repository, else the absolute path
from tools.snippet_runner.errors import SnippetError
from tools.snippet_runner.runner import Runner
from tools.snippet_runner.settings import OFFLINE_MESSAGE
from tools.snippet_runner.source import imported_roots, needs_fresh_interpreter, options, project_of, warm_set


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


READ_ONLY = os.strerror(errno.EROFS)  # what a refused write says (EROFS), also in a subprocess's stderr


@functools.cache
def _say_unguarded(reason: str) -> None:
    """Once per process: the project could not be made read-only (``readonly``)."""
    print(
        f"snippet runner: the project is not read-only for snippets here ({reason}); writes made "
        "by Python code are still refused, writes from C code or subprocesses are not",
        file=sys.stderr,
    )


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
    if res.get("unguarded"):
        _say_unguarded(res["unguarded"])
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
    elif err and (err["kind"] == "write" or READ_ONLY in answer.get("stderr", "")):  # a subprocess's refused write
        what = f"wrote {display(Path(err['target']))}" if err.get("target") else "tried to write a file"
        fail(
            f"{what}, inside the project (snippets run with the project read-only). Files a snippet "
            "writes go to its working folder (a new temporary folder): use a relative path like 'model.pt'",
            err.get("line"),
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
    """A request for one run of ``path`` (``protocol``). ``GRACE`` is read from the package
    (``tools.snippet_runner.GRACE``), where callers change it (the tests shorten it)."""
    from tools import snippet_runner

    opts = options(path)
    return {
        "path": str(path),
        "project": str(project_of(path)),
        "timeout": opts.timeout,
        "grace": snippet_runner.GRACE,
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
                run = _confirmed(first_runs.pop(req["id"]), run, path)
            yield run
    finally:
        if owned:
            runner.close()


def _confirmed(first: Run, again: Run, path: Path) -> Run:
    """``first`` (a run that drew from a generator it did not seed) judged by ``again``, the
    same snippet run with another seed: failed if a printed value changed (naming the first
    print that differs) or if ``again`` failed; its seconds count both runs."""
    if again.error is None and again.events != first.events:
        line = next((a[0] for a, b in zip(first.events, again.events) if a != b), (first.events or again.events)[-1][0])
        gens = ", ".join(first.unseeded)
        hint = (
            "torch.manual_seed(0)"
            if any("torch" in g for g in first.unseeded)
            else (
                "np.random.seed(0) / np.random.default_rng(0)" if any("numpy" in g for g in first.unseeded) else "random.seed(0)"
            )
        )
        first.error = SnippetError(
            f"{display(path)}:{line}: prints different values in another run: it draws from "
            f"a random generator it does not seed ({gens}), so a reader would see other "
            f"numbers. Seed it at the top of the snippet (e.g. `{hint}`)"
            f"{_source_line(path, line)}"
        )
    elif again.error is not None:
        first.error = again.error
    first.seconds += again.seconds
    return first


def run_one(path: Path, *, track: Callable[[Path], Iterable[str]] = imported_roots, confirm: bool = True) -> Run:
    """Run a single file."""
    (run,) = run_many([path], track=track, confirm=confirm, jobs=1)
    return run
