"""What the search extension's second process runs (``extension.py`` starts it).

Per page: Material's own ``SearchIndex.add_entry_from_context`` (its HTML parser splits the
page into sections: ~0.13 s for a page like day12, a third of a 100-note build) and then
``engine.process_page``. The page arrives as the plain values that method reads
(``Page``: url, title, meta, toc, content), pickled; the entries come back as Material makes them
and as enriched, so the hook can check the one against the index Material writes.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass

from hooks.search import engine

# the front matter keys Material's ``SearchIndex`` reads (tests/test_cache.py reads its source):
# only these go, so a value other plugins put into ``page.meta`` (git dates, with the build time
# when a file has no commit) neither travels nor changes the page's cache key
META_READ = ("search", "title", "tags")


@dataclass
class Page:
    """The parts of an MkDocs page that Material's ``add_entry_from_context`` reads."""

    url: str
    title: str | None
    meta: dict
    toc: object  # mkdocs.structure.toc.TableOfContents (pickles as plain objects)
    content: str

    @classmethod
    def pickle(cls, page, content: str) -> bytes:
        """``page`` (an MkDocs page) with the HTML ``content``, pickled."""
        meta = {k: page.meta[k] for k in META_READ if k in (page.meta or {})}
        return pickle.dumps(cls(page.url, page.title, meta, page.toc, content))


def start(glossary_path: str) -> None:
    """Process initializer: the glossary, and Material's search plugin imported before the
    first page arrives (while the build is still starting)."""
    engine.start_pool_worker(glossary_path)
    import material.plugins.search.plugin  # noqa: F401


def index_page(index_config: dict, blob: bytes, context: dict[str, str]) -> tuple[list[dict], list[dict]]:
    """(Material's entries for the pickled ``Page``, the same enriched by ``engine``)."""
    from material.plugins.search.plugin import SearchIndex

    index = SearchIndex(**index_config)
    index.add_entry_from_context(pickle.loads(blob))
    return index.entries, engine.process_page([dict(e) for e in index.entries], context)
