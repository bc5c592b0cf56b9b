"""`make serve` keeps serving on a warning, and says so loudly after every build.

``make serve`` runs MkDocs with ``strict`` off (``MKDOCS_STRICT=false``, see mkdocs.yml),
so a broken link or a note without a description no longer stops the server (with strict
on, ``mkdocs serve`` aborts at the first warning). The warnings themselves are printed by
MkDocs as they happen; after each build that had any, this hook adds one line with the
count and what it means, so they do not scroll by unnoticed. Strict builds (``make
build``, ``make test``, CI) are untouched: MkDocs aborts them on the first warning anyway.
"""

from __future__ import annotations

import logging

from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.serve_warnings")


class _Counter(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


_counter = _Counter()


@event_priority(100)  # before the other handlers, which may warn in on_config already
def on_config(config):
    _counter.count = 0
    mkdocs_log = logging.getLogger("mkdocs")
    for handler in list(mkdocs_log.handlers):  # `mkdocs serve` loads hooks again on each rebuild
        if type(handler).__name__ == "_Counter" and handler is not _counter:
            mkdocs_log.removeHandler(handler)
    if _counter not in mkdocs_log.handlers:
        mkdocs_log.addHandler(_counter)
    return config


@event_priority(-100)  # after everything else that may warn
def on_post_build(config):
    if not config.strict and _counter.count:
        n = _counter.count
        log.warning(
            f"{n} warning{'s' if n > 1 else ''} above: the site is served anyway, but `make build` "
            "and `make test` fail until they are fixed"
        )
