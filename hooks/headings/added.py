"""Headings written after the learner's note, marked where they stand (one concern).

The learner's note was one nested list; the site's headings make it navigable. A heading whose
words are the learner's (``##### nn.Linear``, ``##### gather의 인자``) is unmarked. A heading the
learner did not write (``##### 모양 규칙``, over boxes added later) ends with the comment
``<!-- 덧붙인 제목 -->``, right after its last word, with no space before it: GitHub hides the
comment and slugs the heading without it, so ``day12.md#모양-규칙`` works in both places.

On the site the comment becomes a small "덧붙임" tag after the heading text (class
``heading-added`` in extra.css); the tag is kept out of the search index (``data-search-exclude``)
and out of the table of contents (the toc extension read the heading before this runs).
``tests/test_note_voice.py`` requires the comment on every heading with words the learner's
original does not have.
"""

from __future__ import annotations

import re

from mkdocs.exceptions import PluginError

MARKER = "<!-- 덧붙인 제목 -->"
TAG = '<span class="heading-added" data-search-exclude>덧붙임</span>'
_HEADING = re.compile(r"<h([1-6])\b[^>]*>.*?</h\1>", re.S)


def mark(html: str, where: str) -> str:
    """``html`` with the marker of every heading turned into the visible tag."""
    if MARKER not in html:
        return html
    out = _HEADING.sub(lambda m: m.group(0).replace(MARKER, TAG), html)
    if MARKER in out:
        raise PluginError(
            f"headings: {where}: {MARKER} stands outside a heading; write it at the end of a heading "
            f"line, right after the last word (##### 모양 규칙{MARKER})"
        )
    return out
