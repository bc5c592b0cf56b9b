"""Links between notes: links into the site never break, and a note shows who links to it.

One job per module: ``published`` (the record of every published page URL and heading id,
``anchors/published.json``: a gone one fails the build unless declared as an alias or a move;
aliases and redirect pages), ``backlinks`` ("이 노트를 가리키는 노트" at the end of each note).
``hooks/events.py`` says when each handler runs.
"""

from __future__ import annotations

from hooks.links.published import PublishedAnchors


class Links:
    def __init__(self) -> None:
        self.published = PublishedAnchors()

    def read_record(self, config):
        self.published.install(config)
        return config

    def read_aliases(self, markdown, page, config, files):
        self.published.read_page(page, config)
        return markdown

    def remember_published(self, html, page, config, files):
        self.published.published(page)
        return html

    def check_record(self, config):
        self.published.check(config)
