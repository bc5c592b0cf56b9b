"""Long pages drawn a piece at a time: the text between two headings, below the first screen,
is wrapped in one ``<div class="md-chunk">`` that the browser skips until it nears the viewport.

extra.css gives each chunk ``content-visibility: auto``: while a chunk is off the screen the
browser neither styles, lays out nor paints what is inside it, and a chunk once drawn keeps its
real height. day12 has ~200 top-level blocks; skipping them one by one (the blocks) still left
its ~600 elements of paragraphs and lists drawn at load, and skipping each paragraph and list on
its own cost more than it saved (bench/README.md, "속도 3차"). A chunk holds everything between
two headings, so a page has a few dozen of them.

What stays outside every chunk, always drawn:

- every heading: Material's table of contents reads each heading's position at start-up (and on
  every scroll), and a heading inside a skipped chunk would make the browser lay the whole chunk
  out to answer (day12: a 300 ms task at DOMContentLoaded when headings were inside);
- the first ``FIRST_DRAWN`` top-level blocks: the first screen shows 6 to 12 of them (phone to
  desktop), and a block drawn late there moves the text under it (tests/test_quality.py checks
  that nothing moves on a phone's first load). The first chunk starts at the first heading after
  them, so a chunk always follows a heading (extra.css relies on that for the margins).

A chunk is a plain ``<div>``: no role, no landmark, nothing in the accessibility tree or the
search index changes (Material's search reads the text between headings, not the wrapper).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

CLASS = "md-chunk"
FIRST_DRAWN = 20  # top-level blocks never put in a chunk (the first screen; see above)
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
PRIORITY = -100  # last: after the heading ids, the table of contents and every other treeprocessor


class _Chunks(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        blocks = list(root)
        start = next((i for i in range(FIRST_DRAWN, len(blocks)) if blocks[i].tag in HEADINGS), None)
        if start is None:
            return
        children, chunk = blocks[:start], None
        for block in blocks[start:]:
            if block.tag in HEADINGS:
                chunk = None
                children.append(block)
                continue
            if chunk is None:
                chunk = ET.Element("div", {"class": CLASS})
                chunk.text = "\n"
                chunk.tail = "\n"
                children.append(chunk)
            chunk.append(block)
        root[:] = children


class ChunksExtension(Extension):
    def extendMarkdown(self, md) -> None:
        md.treeprocessors.register(_Chunks(md), "md_chunks", PRIORITY)


def install(config) -> None:
    """Add the extension to MkDocs' Markdown extensions (once, also across `mkdocs serve` rebuilds)."""
    if not any(isinstance(e, ChunksExtension) for e in config.markdown_extensions):
        config.markdown_extensions.append(ChunksExtension())
