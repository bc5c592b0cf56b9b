"""The parent side of the zygote: ``Runner`` starts it (``zygote.py``), keeps up to ``jobs``
children running at a time (default: every CPU core, ``default_jobs``) and reads their
answers as they finish (``protocol``). ``runs.run_many`` turns the answers into ``Run``s.
"""

from __future__ import annotations

import collections
import contextlib
import os
import select
import subprocess
import sys
import time
from collections.abc import Iterable

from tools import ROOT
from tools.snippet_runner import protocol
from tools.snippet_runner.errors import RunnerError
from tools.snippet_runner.settings import OFFLINE_ENV


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
