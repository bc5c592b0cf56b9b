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

import html
import re
import xml.etree.ElementTree as ET

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from mkdocs.exceptions import PluginError

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


# ----------------------------------------------------------------------------- stand-in heights
# A chunk off the screen takes the height of its stand-in (contain-intrinsic-size) until it is
# drawn. When a script asks where something inside a skipped chunk is, the browser lays the chunk's
# content out at that stand-in's place; content taller than the stand-in then overlaps the next
# chunk, and tools that read those boxes see text over text (Lighthouse's axe: the footer's text
# on a code block's background, a link crowded by the explorer's text box). So each chunk gets an
# upper bound of its height (``--chunk-height``, read by extra.css), from what it holds: measured on
# day12's 54 chunks, the tallest is 0.82 of this bound at 360 px and 0.74 at 1280 px
# (tests/test_quality.py checks that no chunk outgrows its bound on a phone or a desktop).
PX_PER_CODE_LINE = 19  # a code line (code never wraps: it scrolls sideways)
PX_PER_CHARACTER = 0.6  # a character of text outside code, wrapped on a phone
PX_PER_BLOCK = 40  # a paragraph, list item, table row or heading (its margins and last line)
PX_PER_BOX = 80  # an admonition or details box (title bar, padding), on top of its blocks
PX_BASE = 200
WIDGETS = {"data-gather-explorer": 1200}  # built by a script in an empty element: its drawn height

_OPEN = f'<div class="{CLASS}">'
_DIV = re.compile(r"<div\b|</div>")
_PRE = re.compile(r"<pre\b.*?</pre>", re.S)
_SVG = re.compile(r"<svg\b.*?</svg>", re.S)
_SVG_HEIGHT = re.compile(r'<svg\b[^>]*?\sheight="(\d+(?:\.\d+)?)"')
_TAG = re.compile(r"<[^>]+>")
_BLOCK = re.compile(r"<(?:p|li|tr|h[1-6]|summary|dt|dd)\b")
_BOX = re.compile(r'<div class="admonition\b|<details\b')


def height_bound(content: str) -> int:
    """An upper bound, in CSS px, of the drawn height of a chunk holding ``content`` (its HTML)."""
    code = _PRE.findall(content)
    text = _SVG.sub("", _PRE.sub("", content))
    characters = len(html.unescape(_TAG.sub("", text)).replace("\n", ""))
    return round(
        PX_BASE
        + PX_PER_CODE_LINE * sum(block.count("\n") + 1 for block in code)
        + PX_PER_CHARACTER * characters
        + PX_PER_BLOCK * (len(_BLOCK.findall(text)) + len(code))
        + PX_PER_BOX * len(_BOX.findall(text))
        + sum(float(h) for h in _SVG_HEIGHT.findall(content))
        + sum(px for marker, px in WIDGETS.items() if marker in content)
    )


def add_heights(page_html: str, where: str) -> str:
    """Each chunk's opening tag in ``page_html`` with its ``--chunk-height``."""
    out, pos = [], 0
    start = page_html.find(_OPEN)
    while start != -1:
        depth, end = 0, None
        for tag in _DIV.finditer(page_html, start):
            depth += 1 if tag.group(0) == "<div" else -1
            if depth == 0:
                end = tag.start()
                break
        if end is None:
            raise PluginError(f"output.chunks: {where}: a chunk's <div> is never closed (the page's HTML is cut short)")
        bound = height_bound(page_html[start + len(_OPEN) : end])
        out += [page_html[pos:start], f'<div class="{CLASS}" style="--chunk-height: {bound}px">']
        pos = start + len(_OPEN)
        start = page_html.find(_OPEN, pos)
    out.append(page_html[pos:])
    return "".join(out)
