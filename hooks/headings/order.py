"""Notes in course order in the navigation: day9 < day11 < day99 < day100.

There is no ``nav:`` in mkdocs.yml (a new note must need no config edit), so MkDocs sorts
``docs/`` by file name, where ``day100`` < ``day11``. Folder names and URLs stay as they
are (``dayNN/dayNN/``); ``on_nav`` only re-orders the navigation MkDocs built, comparing
digit runs as numbers:

- inside a folder: ``index`` first, then the page named like the folder (the note,
  ``day12/day12.md``), then the other pages (notebooks) in natural order; a folder's own
  pages come before its sub-folders (as MkDocs does);
- ``nav.pages`` and every page's previous/next links (the footer) follow the new order.

An explicit ``nav:`` in mkdocs.yml is the author's order and is left alone. A navigation
item that is not a page, a folder section or a link fails the build.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from mkdocs.exceptions import PluginError
from mkdocs.structure.nav import Link, Section
from mkdocs.structure.pages import Page

_NUMBER = re.compile(r"(\d+)")


def natural(name: str) -> tuple:
    """'day100' -> ('day', 100, ''): text compared as text, digit runs as numbers."""
    return tuple(int(part) if i % 2 else part.lower() for i, part in enumerate(_NUMBER.split(name)))


def sort_key(src_uri: str) -> tuple:
    """Position of a page (path under docs/) in the navigation."""
    *folders, name = PurePosixPath(src_uri).parts
    stem = PurePosixPath(name).stem
    own_note = bool(folders) and stem == folders[-1]
    return (*((1, natural(f)) for f in folders), (0, stem not in ("index", "README"), not own_note, natural(name)))


def _sorted(items: list) -> tuple[list, list[Page]]:
    """(items in order, their pages in order); a section sorts by its first page."""
    keyed = []
    for item in items:
        if isinstance(item, Page):
            keyed.append((sort_key(item.file.src_uri), item, [item]))
        elif isinstance(item, Section):
            item.children, pages = _sorted(item.children)
            if pages:
                keyed.append((sort_key(pages[0].file.src_uri), item, pages))
            else:
                keyed.append(((2,), item, []))
        elif isinstance(item, Link):
            keyed.append(((2,), item, []))
        else:
            raise PluginError(f"hooks/headings/order.py: unexpected navigation item {item!r} (MkDocs changed?)")
    keyed.sort(key=lambda k: k[0])
    return [item for _, item, _ in keyed], [p for _, _, pages in keyed for p in pages]


def in_course_order(nav, config) -> None:
    """``nav`` re-ordered in place (from ``on_nav``)."""
    if config.nav:
        return  # an explicit nav: the author's order
    nav.items, pages = _sorted(nav.items)
    if sorted(map(id, pages)) != sorted(map(id, nav.pages)):
        raise PluginError("hooks/headings/order.py: re-ordering changed the set of pages (MkDocs changed?)")
    nav.pages = pages
    for before, page, after in zip([None, *pages], pages, [*pages[1:], None]):
        page.previous_page, page.next_page = before, after
