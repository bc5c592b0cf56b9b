"""The warm process, a "zygote" (as Android starts apps): it imports the heavy libraries the
snippets use (torch, numpy, ...) once, then ``os.fork()``s a fresh child for every snippet
run, so a run costs ~20-30 ms of overhead instead of ~2 s of imports (``bench/snippets.py``).

``Runner`` starts it (``python -c ... main()`` with the names to import ahead as arguments)
and talks to it through its stdin and stdout (``protocol``). It waits on the pipe and on every
running child at once (``select`` on their pidfds): a child that ends is answered, one still
running ``timeout + grace`` seconds after its start is killed with its whole process group.
When the parent is gone (the pipe closes, or writing to it fails) it takes its children along.
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path

from tools.snippet_runner import child, protocol


def _warm(names: list[str]) -> list[str]:
    import importlib

    done = []
    for name in names:
        module, _, attr = name.partition(":")
        try:
            loaded = importlib.import_module(module)
            if attr:
                getattr(loaded, attr)
            done.append(name)
        except Exception:  # the snippet meets the same error and reports it
            continue
    return done


def main() -> None:
    """The warm process: imports, then forks one child per request line on stdin and
    answers one line per finished child on stdout (JSON)."""
    # Ctrl-C reaches the whole terminal process group: the parent handles it and closes the
    # pipe, and the zygote then ends its children (they have their own process groups).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    proto_in, proto_out = os.dup(0), os.dup(1)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(2, 1)  # a stray print while importing must not corrupt the protocol
    sys.dont_write_bytecode = True
    start = time.monotonic()
    warmed = _warm(sys.argv[1:])
    _warm(["numpy.random"])  # numpy seeds its generator from the OS at import: seed it in the child
    import gc

    gc.freeze()  # children do not copy the warm objects when the garbage collector walks them
    zygote = _Zygote(proto_in, proto_out)
    zygote.send({"ready": True, "warmed": warmed, "threads": threading.active_count(), "seconds": time.monotonic() - start})
    zygote.serve()


class _Zygote:
    """The pipe ends to the parent and the running children (``jobs``: pidfd -> job)."""

    def __init__(self, proto_in: int, proto_out: int):
        self.proto_in = proto_in
        self.proto_out = proto_out
        self.jobs: dict[int, dict] = {}

    def send(self, obj: dict) -> None:
        data = protocol.encode(obj)
        try:
            while data:
                data = data[os.write(self.proto_out, data) :]
        except BrokenPipeError:  # the parent is gone (Ctrl-C): take the children along
            self.kill_all()
            os._exit(0)

    def kill_all(self) -> None:
        for job in self.jobs.values():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(job["pid"], signal.SIGKILL)

    def serve(self) -> None:
        """Fork for every request line, answer for every finished child, until the parent is gone."""
        buffer = b""
        jobs = self.jobs
        while True:
            now = time.monotonic()
            wait = max(0.0, min((j["deadline"] for j in jobs.values()), default=now + 3600) - now)
            ready, _, _ = select.select([self.proto_in, *jobs], [], [], wait)
            for pidfd in [fd for fd in ready if fd in jobs]:
                self.finish(jobs.pop(pidfd), killed=False)
            now = time.monotonic()
            for pidfd in [fd for fd, j in jobs.items() if j["deadline"] <= now]:
                self.finish(jobs.pop(pidfd), killed=True)
            if self.proto_in in ready:
                chunk = os.read(self.proto_in, 1 << 16)
                if not chunk:  # the parent is gone: take the children along
                    self.kill_all()
                    return
                buffer += chunk
                while b"\n" in buffer:
                    line, buffer = buffer.split(b"\n", 1)
                    self.fork(protocol.decode(line))

    def fork(self, req: dict) -> None:
        """A child for ``req``, in its own process group, with its own run folder."""
        run_dir = Path(tempfile.mkdtemp(prefix="snippet-run-"))
        pid = os.fork()
        if pid == 0:
            child.forked_main(req, run_dir, [self.proto_in, self.proto_out])
        with contextlib.suppress(OSError):  # also here: no race with a quick killpg
            os.setpgid(pid, pid)
        pidfd = os.pidfd_open(pid)
        self.jobs[pidfd] = {
            "pid": pid,
            "pidfd": pidfd,
            "req": req,
            "run_dir": run_dir,
            "start": time.monotonic(),
            "deadline": time.monotonic() + req["timeout"] + req["grace"],
        }

    def finish(self, job: dict, killed: bool) -> None:
        """Reap the child (killing it first at its deadline) and answer for it."""
        pid = job["pid"]
        if killed:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, signal.SIGKILL)  # leftover DataLoader workers
        os.close(job["pidfd"])
        run_dir = job["run_dir"]
        answer = {"id": job["req"]["id"], "seconds": time.monotonic() - job["start"], "killed": killed, "status": status}
        answer["result"] = protocol.read_result(run_dir)
        for name in protocol.OUTPUTS:
            answer[name] = protocol.read_output(run_dir, name)
        shutil.rmtree(run_dir, ignore_errors=True)
        self.send(answer)
