"""`make serve` keeps serving on a warning, and says so loudly after every build.

``make serve`` runs MkDocs with ``strict`` off (``MKDOCS_STRICT=false``, see mkdocs.yml),
so a broken link or a note without a description no longer stops the server (with strict
on, ``mkdocs serve`` aborts at the first warning). The warnings themselves are printed by
MkDocs as they happen; after each build that had any, this hook adds one line with the
count and what it means, so they do not scroll by unnoticed; ``make serve`` (tools/serve.py)
also shows each one on the page in the browser. Strict builds (``make
build``, ``make test``, CI) are untouched: MkDocs aborts them on the first warning anyway.
"""

from __future__ import annotations

import logging

log = logging.getLogger("mkdocs.hooks.output")
SUMMARY = "warning_count_summary"  # set on the record of the count line


class WarningCount(logging.Handler):
    """Counts the build's warnings (a handler on the ``mkdocs`` logger, from ``start``)."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1

    def start(self) -> None:
        """From ``on_config``, before the other handlers, which may warn in on_config already."""
        self.count = 0
        mkdocs_log = logging.getLogger("mkdocs")
        for handler in list(mkdocs_log.handlers):  # one counter, even if the hooks are loaded again
            if isinstance(handler, WarningCount) and handler is not self:
                mkdocs_log.removeHandler(handler)
        if self not in mkdocs_log.handlers:
            mkdocs_log.addHandler(self)

    def report(self, config) -> None:
        """From ``on_post_build``, after everything else that may warn."""
        if not config.strict and self.count:
            n = self.count
            log.warning(
                f"{n} warning{'s' if n > 1 else ''} above: the site is served anyway, but `make build` "
                "and `make test` fail until they are fixed",
                extra={SUMMARY: True},  # the count, not a problem of its own (tools/serve.py)
            )
