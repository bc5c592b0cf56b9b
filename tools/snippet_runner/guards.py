"""The child's isolation: what a snippet may not do, and the state it starts from.

``child.run_snippet`` puts these in place before the snippet runs:

- offline (``audit_hook``, an audit hook: ``sys.addaudithook``): resolving a host name or
  connecting an internet socket fails at once with a message (Unix sockets, which DataLoader
  workers use, work), and the run fails even when the snippet catches the error;
- no writes inside the project (the same hook): writing anywhere inside the folder that holds
  ``snippets/`` fails at once (files the snippet writes belong in its temporary working
  folder; a library may still write into its own install). Writes the hook cannot see (C code
  such as ``torch.save``, a subprocess) meet the project mounted read-only (``readonly``);
- a fresh random state (``FreshRandom``): Python's ``random``, NumPy's global generator and
  torch's default generator are seeded with a new random number (a snippet's own seed wins).
  Draws from a generator the snippet did not seed are reported; ``run_many(confirm=True)``
  (what ``make update`` uses) then runs it again with another seed and fails it if a printed
  value changed;
- a time limit (``start_clock``: ``DEFAULT_TIMEOUT`` or the snippet's ``# snippet: timeout=60``):
  at the limit an exception is raised at the running line (the message names ``file:line``);
  ``GRACE`` seconds later the zygote kills the whole process group.
"""

from __future__ import annotations

import os
import random
import signal
import socket
import sys
from collections.abc import Callable

from tools.snippet_runner.settings import OFFLINE_MESSAGE


class SnippetTimeout(BaseException):
    """Raised at the running line when the time limit is reached (BaseException: an
    ``except Exception`` in the snippet does not swallow it)."""


class OfflineError(ConnectionError):
    """Raised at a network attempt."""


class ProjectWriteError(PermissionError):
    """Raised at an attempt to write inside the project."""


_WRITE_EVENTS = {  # audit event -> positions of path arguments that get written
    "open": (0,),
    "os.mkdir": (0,),
    "os.rename": (0, 1),
    "os.remove": (0,),
    "os.rmdir": (0,),
    "os.symlink": (1,),
    "os.link": (1,),
    "os.truncate": (0,),
    "os.chmod": (0,),
    "os.chown": (0,),
    "os.utime": (0,),
    "shutil.rmtree": (0,),
    "shutil.copyfile": (1,),
    "shutil.copytree": (1,),
}
_NET_EVENTS = {
    "socket.connect",
    "socket.sendto",
    "socket.getaddrinfo",
    "socket.gethostbyname",
    "socket.gethostbyname_ex",
    "socket.gethostbyaddr",
    "socket.getnameinfo",
}
_LOCAL_HOSTS = {None, "", b""}


def snippet_line(filename: str) -> int | None:
    """The line of the snippet file that is running now (innermost frame in that file)."""
    frame = sys._getframe(1)
    while frame is not None and frame.f_code.co_filename != filename:
        frame = frame.f_back
    return frame.f_lineno if frame is not None else None


def audit_hook(path: str, project: str, interpreter: str, incidents: dict[str, dict]) -> Callable:
    """The audit hook that keeps the snippet at ``path`` offline and out of ``project`` (but
    lets a library write into its own install, ``interpreter``). It raises at the attempt and
    records the first of each kind in ``incidents`` (``"network"``, ``"write"``), so that the
    run fails even when the snippet catches the error."""

    def audit(event, args):
        if event in _NET_EVENTS:
            if event == "socket.connect" or event == "socket.sendto":
                sock, address = args[0], args[-1]
                if getattr(sock, "family", None) == getattr(socket, "AF_UNIX", -1):
                    return
                target = address
            else:  # name lookups: (host, port, ...) or (host,)
                target = args[0]
                if target in _LOCAL_HOSTS:
                    return
                if event == "socket.getaddrinfo" and args[1]:
                    target = (target, args[1])
            if isinstance(target, tuple):
                target = ":".join(str(t) for t in target[:2])
            elif isinstance(target, bytes):
                target = target.decode(errors="replace")
            incidents.setdefault("network", {"line": snippet_line(path), "target": str(target)})
            raise OfflineError(f"{OFFLINE_MESSAGE} (tried to reach {target})")
        where = _WRITE_EVENTS.get(event)
        if where is None:
            return
        if event == "open":
            mode, flags = args[1], args[2]
            writing = (
                any(c in mode for c in "wax+")
                if isinstance(mode, str)
                else bool(flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND))
            )
            if not writing:
                return
        for i in where:
            target = args[i] if i < len(args) else None
            if isinstance(target, int) or target is None:
                continue
            try:
                full = os.path.realpath(os.path.join(os.getcwd(), os.fsdecode(target)))
            except (TypeError, ValueError):
                continue
            inside = full == project or full.startswith(project + os.sep)
            if inside and not full.startswith(interpreter + os.sep):
                incidents.setdefault("write", {"line": snippet_line(path), "target": full})
                raise ProjectWriteError(
                    f"snippets may not write inside the project ({full}): files a snippet writes "
                    "go to its working folder, a temporary folder: open a relative path such as "
                    "'model.pt'. Shipped data is read via Path(__file__).parent"
                )

    return audit


class FreshRandom:
    """Seeds the global generators with a fresh number and tells which ones the snippet drew
    from before (or without) seeding them itself."""

    def __init__(self, seed: int):
        self.seed = seed
        self.start: dict[str, object] = {}
        self.seeded: set[str] = set()
        self.unseeded: set[str] = set()
        self.adopt()

    # generators -------------------------------------------------------------
    def _state(self, name):
        if name == "random":
            return random.getstate()
        if name == "numpy":
            return sys.modules["numpy"].random.get_state()[1:3]
        return sys.modules["torch"].random.get_rng_state()

    def _drawn(self, name) -> bool:
        now, start = self._state(name), self.start[name]
        if name == "numpy":
            return not (bool((now[0] == start[0]).all()) and now[1] == start[1])
        if name == "torch":
            return not bool((now == start).all())
        return now != start

    @staticmethod
    def _loaded(name):
        """The module if it is imported and done initialising, else None."""
        module = sys.modules.get(name)
        if module is None or getattr(getattr(module, "__spec__", None), "_initializing", False):
            return None
        return module

    def adopt(self):
        """Seed and watch every generator whose library is loaded (again after imports)."""
        if "random" not in self.start:
            random.seed(self.seed)
            self.start["random"] = self._state("random")
            random.seed = self._wrap("random", random.seed)
        np = self._loaded("numpy")
        if np is not None and "numpy" not in self.start and hasattr(np, "random"):
            np.random.seed(self.seed % 2**32)
            self.start["numpy"] = self._state("numpy")
            np.random.seed = self._wrap("numpy", np.random.seed)
            real_rng = np.random.default_rng

            def default_rng(seed=None, *args, **kwargs):
                if seed is None:
                    self.unseeded.add("numpy.random.default_rng()")
                return real_rng(seed, *args, **kwargs)

            np.random.default_rng = default_rng
        torch = self._loaded("torch")
        if torch is not None and "torch" not in self.start and hasattr(torch, "random") and hasattr(torch, "manual_seed"):
            torch.manual_seed(self.seed)
            self.start["torch"] = self._state("torch")
            torch.manual_seed = torch.random.manual_seed = self._wrap("torch", torch.random.manual_seed)
            real_seed = torch.random.seed

            def nondeterministic_seed():
                self.unseeded.add("torch.seed()")
                return real_seed()

            torch.seed = torch.random.seed = nondeterministic_seed

    def importing(self, real_import: Callable) -> Callable:
        """An ``__import__`` that seeds and watches each generator as soon as its library is loaded."""
        adopting = []

        def seeding_import(name, globals=None, locals=None, fromlist=(), level=0):
            module = real_import(name, globals, locals, fromlist, level)
            if len(self.start) < 3 and not adopting:  # adopt() may import (numpy's lazy attributes)
                adopting.append(True)
                try:
                    self.adopt()
                finally:
                    adopting.clear()
            return module

        return seeding_import

    def _wrap(self, name, real):
        def seed(*args, **kwargs):
            if name not in self.seeded:
                if self._drawn(name):
                    self.unseeded.add(name)
                self.seeded.add(name)
            return real(*args, **kwargs)

        seed.__wrapped__ = real
        seed.__name__ = getattr(real, "__name__", "seed")
        seed.__doc__ = getattr(real, "__doc__", None)
        return seed

    def finish(self) -> list[str]:
        for name in self.start:
            if name not in self.seeded and self._drawn(name):
                self.unseeded.add(name)
        return sorted(self.unseeded)


def start_clock(seconds: float) -> None:
    """``SnippetTimeout`` at the running line when ``seconds`` have passed."""
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)


def stop_clock() -> None:
    signal.setitimer(signal.ITIMER_REAL, 0)


def _on_alarm(signum, frame):
    raise SnippetTimeout()
