"""What the running test may start: a throw-away copy of the project, Chromium.

``make check`` runs every test marked neither ``slow`` nor ``browser`` and promises that none
of them builds a copy of the project or starts a browser. tests/conftest.py marks each test
from the fixtures it uses (``MARKED_BY``: the ``project_copy`` fixture makes a test ``slow``,
the ``browser`` fixture, and every fixture built on it such as ``page``, makes it ``browser``)
and, around each test, tells this module what that test may start (``allow_only``).
``copy_project``, ``clone_project`` and ``launch_chromium`` ask first (``require``) and raise,
naming the fixture to use, what the running test may not start. Outside pytest (the
benchmarks, the tools) nothing is refused.
"""

from __future__ import annotations

# marker -> what it allows, the fixtures that give a test the marker, and the fix
MARKED_BY = {"slow": ("project_copy",), "browser": ("browser", "page")}
ALLOWS = {"slow": "copy", "browser": "browser"}
_FIX = {
    "copy": "a throw-away copy of the project in a test not marked `slow`: make it through the project_copy "
    "fixture (tests/conftest.py), which marks the test slow (`make check` does not run it)",
    "browser": "Chromium in a test not marked `browser`: use the browser or page fixture (tests/conftest.py), "
    "which marks the test browser (`make check` does not run it)",
}
_refused: set[str] = set()


def allow_only(*allowed: str) -> None:
    """From now on ``require`` refuses every kind (``"copy"``, ``"browser"``) but ``allowed``."""
    unknown = set(allowed) - set(_FIX)
    if unknown:
        raise ValueError(f"unknown kinds {sorted(unknown)}: {sorted(_FIX)}")
    _refused.clear()
    _refused.update(set(_FIX) - set(allowed))


def allow_all() -> None:
    """Nothing refused (the default outside pytest)."""
    _refused.clear()


def require(kind: str, what: str) -> None:
    """RuntimeError naming ``what`` and the fix, if ``kind`` is refused now."""
    if kind in _refused:
        raise RuntimeError(f"{what}: {_FIX[kind]}")
