"""Links between notes: links into the site never break, and a note shows who links to it.

One job per module: ``published`` (the record of every published page URL and heading id,
``anchors/published.json``: a gone one fails the build unless declared as an alias or a move;
aliases and redirect pages), ``backlinks`` ("이 노트를 가리키는 노트" at the end of each note),
``topics`` (the tags plugin's heading ids for the topic page, docs/topics.md).
``hooks/events.py`` says when each handler runs.
"""

from __future__ import annotations

from hooks.cache.store import Store
from hooks.links import topics
from hooks.links.backlinks import Backlinks
from hooks.links.published import PublishedAnchors


class Links:
    def __init__(self, store: Store | None = None) -> None:
        self.published = PublishedAnchors()
        self.backlinks = Backlinks(store)

    def read_record(self, config):
        self.published.install(config)
        self.backlinks.start()
        topics.install(config)
        return config

    def read_aliases(self, markdown, page, config, files):
        self.published.read_page(page, config, files)
        return markdown

    def remember_published(self, html, page, config, files):
        self.published.rendered(page)
        self.backlinks.read(html, page)
        topics.keep_tags_out_of_search_entries(page)  # before the search hook sends the page (-100)
        return html

    def record_published(self, context, page, config, nav):
        self.published.published(page)
        return context

    def add_backlinks(self, output, page, config):
        return self.backlinks.insert(output, page)

    def index_topics(self, env, config, files):
        topics.index_topics(files)
        return env

    # ``make serve``'s page updates (tools/live.py): a re-rendered page's links are read anew, and
    # a change in them (another note's backlink list shows them) makes the save a full build
    def live_forget(self, page) -> None:
        self.backlinks.forget(page)

    def live_signature(self, page):
        return self.backlinks.from_page(page)

    def check_record(self, config):
        self.published.check(config)
