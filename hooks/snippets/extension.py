"""Snippets on pages: the code blocks embedded from ``snippets/`` with pymdownx.snippets.

One job per module: ``encoding`` (every snippet file is UTF-8, or one clear error naming the
file), ``errors`` (a missing snippet is one line naming the page and the fix, not a
traceback), ``versions`` (the badge under each code block: the library versions its ``#>``
output was verified with, from the generated ``versions.json`` records; ``tools/`` writes them
with the same module). ``hooks/events.py`` says when each handler runs.
"""

from __future__ import annotations

from hooks.snippets import encoding, versions
from hooks.snippets.errors import SnippetErrors


class Snippets:
    def __init__(self) -> None:
        self.errors = SnippetErrors()

    def explain_missing_snippets(self, config):
        self.errors.install(config)
        return config

    def check_encoding(self, files, config):
        encoding.check(config, files)
        return files

    def remember_page(self, markdown, page, config, files):
        self.errors.page = page  # for the message: pymdownx.snippets runs while this page converts
        return markdown

    def add_version_badges(self, markdown, page, config, files):
        return versions.add_badges(markdown, page, config)
