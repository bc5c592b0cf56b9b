"""Results of pure per-page work kept across builds, by the content they were made from.

A value is found by a key that hashes everything the work reads: the input itself (a page's
HTML, a search page's pickled fields) and ``code_version()``: the text of every file of the
package ``hooks`` as this process imported it, the Python version and the name and version of
every installed distribution (Material, MkDocs, nh3, nbconvert, Pygments ...: the
``*.dist-info`` folders on ``sys.path``). A changed note, glossary, hook or
library makes a new key, so a stale value is never found; it is only left behind, and
``prune`` deletes what the last full build did not use.

Values are JSON (``.cache/hooks/<namespace>/<key>.json`` in the project root, written to a
temporary file and renamed, so a reader never sees half a file). A value that does not come
back from JSON exactly as it went in (a tuple, a non-string key) is not kept: it is made
again each build, never returned changed. An entry that cannot be read (cut short, not
JSON) counts as missing and is made again. ``BUILD_CACHE=0`` in the environment turns the
store off (the benchmark's cold builds; a build then reads and writes nothing here).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger("mkdocs.hooks.cache")

PACKAGE = Path(__file__).resolve().parents[1]  # hooks/
DIRECTORY = Path(".cache") / "hooks"  # in the project root
MISSING = object()

_version: str | None = None


def code_version() -> str:
    """Hash of hooks/ (every file but bytecode), Python and every installed distribution's
    name and version: computed once per import of this module (``make serve`` re-imports
    hooks/ after a hook edit)."""
    global _version
    if _version is None:
        h = hashlib.sha256()
        h.update(f"python {platform.python_implementation()} {platform.python_version()}\n".encode())
        for name in _distributions():
            h.update(f"{name}\n".encode())
        for path in sorted(PACKAGE.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(f"{path.relative_to(PACKAGE).as_posix()}\0".encode())
                h.update(path.read_bytes())
                h.update(b"\0")
        _version = h.hexdigest()
    return _version


def _distributions() -> list[str]:
    """Every ``name-version.dist-info`` (or ``.egg-info``) on ``sys.path``, with its folder: one
    directory listing each (0.3 ms for 84 distributions; ``importlib.metadata`` takes 60 ms)."""
    found = []
    for entry in sys.path:
        try:
            found += [f"{entry}/{n}" for n in os.listdir(entry or ".") if n.endswith((".dist-info", ".egg-info"))]
        except OSError:  # a zip file, a folder that is gone
            continue
    return sorted(found)


def _bytes(part: str | bytes) -> bytes:
    return part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass")


class Store:
    """The cache of one build: ``open`` (on_config), ``get``/``put``/``memo`` (the pages),
    ``prune`` (on_post_build of a full build). Counts hits and misses (``stats``)."""

    def __init__(self) -> None:
        self.root: Path | None = None
        self.used: dict[str, set[str]] = {}
        self.hits = self.misses = 0

    def open(self, project: Path) -> None:
        enabled = os.environ.get("BUILD_CACHE", "1") != "0"
        self.root = project / DIRECTORY if enabled else None
        self.used, self.hits, self.misses = {}, 0, 0

    def key(self, namespace: str, *parts: str | bytes) -> str:
        h = hashlib.sha256(f"{namespace}\0{code_version()}\0".encode())
        for part in parts:
            data = _bytes(part)
            h.update(len(data).to_bytes(8, "little"))  # ("ab", "c") and ("a", "bc") differ
            h.update(data)
        return h.hexdigest()

    def _path(self, namespace: str, key: str) -> Path:
        assert self.root is not None
        return self.root / namespace / f"{key}.json"

    def get(self, namespace: str, key: str):
        """The value kept under ``key``, or ``MISSING``."""
        if self.root is None:
            return MISSING
        self.used.setdefault(namespace, set()).add(key)
        try:
            value = json.loads(self._path(namespace, key).read_bytes())
        except FileNotFoundError:
            self.misses += 1
            return MISSING
        except (OSError, ValueError) as exc:  # cut short, not JSON, not UTF-8: made again
            log.info(f"cache: {namespace}/{key[:12]} cannot be read ({exc}); making it again")
            self.misses += 1
            return MISSING
        self.hits += 1
        return value

    def put(self, namespace: str, key: str, value) -> None:
        if self.root is None:
            return
        self.used.setdefault(namespace, set()).add(key)
        try:
            text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        except (TypeError, ValueError):  # not JSON at all (a function, a set)
            text = None
        back = MISSING if text is None else json.loads(text)
        if back is MISSING or back != value or not _same_types(back, value):
            log.debug(f"cache: a {namespace} value does not survive JSON; not kept")
            return
        path = self._path(namespace, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
            os.replace(tmp, path)
        except OSError as exc:  # a read-only checkout, a full disk: the build goes on uncached
            log.info(f"cache: cannot write {path} ({exc}); going on without it")

    def memo(self, namespace: str, parts: tuple[str | bytes, ...], make: Callable[[], object]):
        """``make()``, or the value it made before from the same ``parts`` and code."""
        key = self.key(namespace, *parts)
        value = self.get(namespace, key)
        if value is MISSING:
            value = make()
            self.put(namespace, key, value)
        return value

    def prune(self) -> int:
        """Delete every entry of a namespace this build used that this build did not use (and
        every namespace it did not use at all); the number deleted."""
        if self.root is None or not self.root.is_dir():
            return 0
        gone = 0
        for directory in self.root.iterdir():
            if not directory.is_dir():
                continue
            keep = self.used.get(directory.name, set())
            for path in directory.iterdir():
                if path.suffix == ".json" and path.stem in keep:
                    continue
                try:
                    if path.name.startswith(".tmp-") and time.time() - path.stat().st_mtime < 3600:
                        continue  # another build (make serve beside make build) is writing it
                    path.unlink()
                    gone += 1
                except OSError:
                    pass
        return gone

    def stats(self) -> str:
        return f"{self.hits} found, {self.misses} missing"


def _same_types(a, b) -> bool:
    """``a == b`` holds for 1 == 1.0 == True and [1] == [1] but not (1,); JSON keeps types only
    if each value has the same type as the one it came from."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return all(_same_types(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return all(_same_types(x, y) for x, y in zip(a, b))
    return True
