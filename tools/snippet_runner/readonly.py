"""The project as a read-only file system for one snippet run (the operating system's guard).

The audit hook (``guards.audit_hook``) sees writes made through Python's file functions; it
cannot see a library that opens files in C (``torch.save`` writes through libtorch's own
``fopen``) or a subprocess. So every forked child, before the snippet runs, enters a new mount
namespace (Linux ``unshare``) where the project folder is a read-only bind mount: any write
into it, by any code in the child or in a process it starts, fails with ``EROFS``. The rest of
the machine is untouched (the mounts are private to the child and vanish with it); the
interpreter's own install stays writable if it lies inside the project (a library may write
into its own install, as ``guards`` allows).

As root (CI) a mount namespace needs nothing more; as another user the child first enters a
user namespace that maps its uid to root (unprivileged user namespaces: Debian and Ubuntu
allow them by default). ``enter`` returns why it could not, and the runner says so once
(``Runner``): the audit hook then still stops Python-level writes.
"""

from __future__ import annotations

import ctypes
import errno
import os

CLONE_NEWNS = 0x00020000
CLONE_NEWUSER = 0x10000000
MS_RDONLY = 1
MS_REMOUNT = 32
MS_BIND = 4096
MS_REC = 16384
MS_PRIVATE = 1 << 18


def _libc():
    libc = ctypes.CDLL(None, use_errno=True)
    libc.mount.argtypes = [ctypes.c_char_p] * 3 + [ctypes.c_ulong, ctypes.c_void_p]
    return libc


def _check(result: int, what: str) -> None:
    if result != 0:
        code = ctypes.get_errno()
        raise OSError(code, f"{what}: {os.strerror(code)}")


def enter(project: str, writable: list[str]) -> str | None:
    """Make ``project`` read-only for this process and its children, except the folders in
    ``writable`` (inside it). None when done, else the reason it could not be done."""
    try:
        libc = _libc()
        uid, gid = os.geteuid(), os.getegid()
        if uid != 0:
            _check(libc.unshare(CLONE_NEWUSER | CLONE_NEWNS), "unshare(user+mount namespace)")
            for name, text in (("setgroups", "deny"), ("uid_map", f"0 {uid} 1"), ("gid_map", f"0 {gid} 1")):
                with open(f"/proc/self/{name}", "w") as f:
                    f.write(text)
        else:
            _check(libc.unshare(CLONE_NEWNS), "unshare(mount namespace)")
        _check(libc.mount(None, b"/", None, MS_REC | MS_PRIVATE, None), "make / private")
        target = os.fsencode(project)
        _check(libc.mount(target, target, None, MS_BIND | MS_REC, None), f"bind {project}")
        for folder in writable:
            path = os.fsencode(folder)
            _check(libc.mount(path, path, None, MS_BIND | MS_REC, None), f"bind {folder}")
        _check(libc.mount(None, target, None, MS_REMOUNT | MS_BIND | MS_RDONLY, None), "remount read-only")
    except OSError as exc:
        return str(exc.strerror or exc)
    return None


def is_read_only_error(exc: BaseException, project: str) -> bool:
    """Is ``exc`` (or an exception it came from) a write refused by the read-only project?
    ``OSError(EROFS)``, or a library's own error naming a path inside the project
    (libtorch: ``open file failed with strerror: Read-only file system``)."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, OSError) and exc.errno == errno.EROFS:
            return True
        if os.strerror(errno.EROFS) in str(exc):  # libtorch: "open file failed with strerror: Read-only file system"
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def written_path(exc: BaseException, project: str) -> str | None:
    """The path inside ``project`` the refused write named, if the error tells (libtorch's does not)."""
    while exc is not None:
        filename = getattr(exc, "filename", None)
        if isinstance(filename, str) and filename.startswith(project):
            return filename
        for word in str(exc).split():
            if word.startswith(project + os.sep):
                return word.rstrip(".,:;'\"")
        exc = exc.__cause__ or exc.__context__
    return None
