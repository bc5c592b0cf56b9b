"""The two ways a run can fail: the snippet's fault or the runner's."""

from __future__ import annotations


class SnippetError(RuntimeError):
    """A snippet failed (the message starts with ``file:line:`` where the line is known)."""


class RunnerError(RuntimeError):
    """The runner itself broke (not the snippet's fault)."""
