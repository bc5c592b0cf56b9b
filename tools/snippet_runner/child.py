"""What runs inside a forked child: one snippet, the way ``python file.py`` would run it.

Every child, before ``runpy`` runs the file as ``__main__`` (``sys.path[0]`` = the snippet's
folder, like ``python file.py``):

- gets its own process group (a time-out kills DataLoader workers too), stdin from
  ``/dev/null``, and its stdout/stderr file descriptors redirected into files (``forked_main``);
- works in a new empty temporary folder (files it writes land there and are deleted);
- runs under the guards (``guards``: offline, no writes inside the project, a fresh random
  state, a time limit);
- records every ``print()`` against the line of the print statement in the snippet file;
  anything else written to stdout is an error (its place on the page would be unknown).

A snippet that sets an environment variable (``source.needs_fresh_interpreter``) runs in a
fresh interpreter instead: the forked child ``exec``s Python (``fresh_main``), because a
variable set before an import only works if the library was not imported yet.

What a child reports (its result, in its run folder) is described in ``protocol``.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import signal
import sys
from pathlib import Path

from tools import ROOT
from tools.snippet_runner import guards, protocol, readonly
from tools.snippet_runner.settings import OUTPUT_LIMIT


def forked_main(req: dict, run_dir: Path, close_fds: list[int]) -> None:
    """The forked child: never returns."""
    code = 0
    try:
        os.setpgid(0, 0)
        signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a fresh `python file.py`
        for fd in close_fds:
            os.close(fd)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)
        for fd, name in zip((1, 2), protocol.OUTPUTS):
            f = os.open(run_dir / name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.dup2(f, fd)
            os.close(f)
        req["unguarded"] = _read_only_project(req)
        if req.get("fresh"):
            os.execv(
                sys.executable,
                [
                    sys.executable,
                    "-c",
                    f"import sys; sys.path.insert(0, {str(ROOT)!r}); "
                    "from tools.snippet_runner.child import fresh_main; fresh_main()",
                    json.dumps(req),
                    str(run_dir),
                ],
            )
        result = run_snippet(req, run_dir)
        _write_result(run_dir, result)
    except BaseException as exc:  # a bug of the harness, not of the snippet
        code = 70
        with contextlib.suppress(BaseException):
            _write_result(run_dir, {"internal": f"{type(exc).__name__}: {exc}"})
    finally:
        os._exit(code)


def _read_only_project(req: dict) -> str | None:
    """The project read-only for this child and everything it starts (``readonly``); the
    interpreter's install stays writable when it lies inside. None, or why it could not."""
    project = os.path.realpath(req["project"])
    interpreter = os.path.realpath(sys.prefix)
    inside = interpreter.startswith(project + os.sep)
    return readonly.enter(project, [interpreter] if inside else [])


def fresh_main() -> None:
    """Entry point of a child that ``exec``ed a new interpreter (``needs_fresh_interpreter``)."""
    req, run_dir = json.loads(sys.argv[1]), Path(sys.argv[2])
    sys.argv = sys.argv[:1]
    code = 0
    try:
        _write_result(run_dir, run_snippet(req, run_dir))
    except BaseException as exc:
        code = 70
        with contextlib.suppress(BaseException):
            _write_result(run_dir, {"internal": f"{type(exc).__name__}: {exc}"})
    finally:
        os._exit(code)


def _write_result(run_dir: Path, result: dict) -> None:
    for stream in (sys.__stdout__, sys.__stderr__):
        with contextlib.suppress(Exception):
            stream.flush()
    with contextlib.suppress(Exception):  # C-level stdout of the snippet (printf in an extension)
        import ctypes

        ctypes.CDLL(None).fflush(None)
    protocol.write_result(run_dir, result)


def run_snippet(req: dict, run_dir: Path) -> dict:
    """Run one snippet in this (new) process; return the result dict (``protocol``)."""
    _import_ahead()
    path = req["path"]
    project = os.path.realpath(req["project"])
    interpreter = os.path.realpath(sys.prefix)  # a library may write into its own install
    _enter(path, run_dir)
    incidents: dict[str, dict] = {}
    rng = guards.FreshRandom(req["seed"])
    sys.addaudithook(guards.audit_hook(path, project, interpreter, incidents))
    capture = _Capture(path)
    error = _execute(path, req["timeout"], capture, rng, project)
    for kind in ("write", "network"):  # even if the snippet caught it
        if kind in incidents:
            error = {"kind": kind, **incidents[kind]}
    return {
        "events": capture.events,
        "error": error,
        "stray": (capture.stray.getvalue() + "".join(capture.outside))[:OUTPUT_LIMIT],
        "printed_outside": bool(capture.outside),
        "versions": _versions(req.get("track", [])),
        "unseeded": rng.finish(),
        "unguarded": req.get("unguarded"),
    }


def _import_ahead() -> None:
    """What the steps below import, imported first: in the child (not in the zygote: a
    child's start costs what it did), and before ``sys.path`` becomes the snippet's (a
    ``traceback.py`` next to a snippet must not stand in for the standard library's). The
    steps import them again, from ``sys.modules``."""
    for name in ("atexit", "builtins", "importlib.metadata", "io", "runpy", "traceback"):
        importlib.import_module(name)


def _enter(path: str, run_dir: Path) -> None:
    """Be ``python file.py`` run from a new empty folder: work in ``run_dir/work``, the
    snippet's folder first on ``sys.path`` (and not this repository), ``sys.argv = [file]``."""
    work = run_dir / protocol.WORK
    work.mkdir()
    os.chdir(work)
    sys.path[:] = [os.path.dirname(path)] + [p for p in sys.path if p not in ("", str(ROOT))]
    sys.argv = [path]
    sys.dont_write_bytecode = True


class _Capture:
    """The snippet's ``print()`` and stdout: every print is recorded with the line of its
    print statement in the snippet file (``events``); ``stray`` stands in for ``sys.stdout``
    and collects what reaches it otherwise; ``outside``: prints called from no line of the
    snippet (an exit function, a library)."""

    def __init__(self, path: str):
        import builtins
        import io

        self.events: list[list] = []
        self.stray = io.StringIO()
        self.outside: list[str] = []
        events, stray, outside = self.events, self.stray, self.outside
        real_print = builtins.print
        me = os.getpid()

        def recording_print(*args, sep=" ", end="\n", file=None, flush=False):
            target = sys.stdout if file is None else file
            if target is not stray:  # stderr, a StringIO, or stdout the snippet redirected
                return real_print(*args, sep=sep, end=end, file=target, flush=flush)
            if os.getpid() != me:  # a DataLoader worker: its output order is not defined
                return real_print(*args, sep=sep, end=end, file=sys.__stdout__, flush=True)
            buf = io.StringIO()
            real_print(*args, sep=sep, end=end, file=buf)
            line = guards.snippet_line(path)
            if line is None:
                outside.append(buf.getvalue())
            else:
                events.append([line, buf.getvalue()])
            return None

        self.print = recording_print


def _execute(path: str, timeout: float, capture: _Capture, rng: guards.FreshRandom, project: str) -> dict | None:
    """Run the file as ``__main__`` (and the exit functions it registered) with ``print()``
    recorded, every import watched for a random generator to seed, and the clock running.
    The error (``protocol``), or None."""
    import atexit
    import builtins
    import runpy
    import traceback

    real_print = builtins.print
    real_import = builtins.__import__
    error = None
    sys.stdout = capture.stray
    builtins.print = capture.print
    builtins.__import__ = rng.importing(real_import)
    guards.start_clock(timeout)
    exit_funcs = atexit._ncallbacks()
    try:
        try:
            runpy.run_path(path, run_name="__main__")
        finally:
            if atexit._ncallbacks() != exit_funcs:  # the snippet registered some: they may print
                atexit._run_exitfuncs()
    except BaseException as exc:
        frames = traceback.extract_tb(exc.__traceback__)
        mine = [i for i, f in enumerate(frames) if f.filename == path]  # runpy's frames come first
        if readonly.is_read_only_error(exc, project):  # C code or a subprocess met the read-only project
            line = frames[mine[-1]].lineno if mine else None
            return {"kind": "write", "line": line, "target": readonly.written_path(exc, project)}
        error = {
            "kind": "timeout" if isinstance(exc, guards.SnippetTimeout) else "exception",
            "line": frames[mine[-1]].lineno if mine else None,
            "message": "".join(traceback.format_exception_only(type(exc), exc)).strip(),
            "traceback": "".join(traceback.format_list(frames[mine[0] if mine else 0 :]))[-4000:],
        }
    finally:
        guards.stop_clock()
        builtins.print = real_print
        builtins.__import__ = real_import
        sys.stdout = sys.__stdout__
    return error


def _versions(names: list[str]) -> dict[str, str]:
    """The Python version, and the versions of the packages in ``names`` the run loaded."""
    import importlib.metadata

    versions = {"python": f"{sys.version_info.major}.{sys.version_info.minor}"}
    for name in names:
        module = sys.modules.get(name)
        if module is None:
            continue
        version = getattr(module, "__version__", None)
        if not isinstance(version, str):
            with contextlib.suppress(importlib.metadata.PackageNotFoundError):
                version = importlib.metadata.version(name)
        if isinstance(version, str):
            versions[name] = version.split("+")[0]  # 2.14.1+cu130 -> 2.14.1 (the build does not change output)
    return versions
