"""Lighter code blocks: drop the Pygments spans that change nothing on screen.

Pygments wraps every plain name (``<span class="n">x</span>``), every run of whitespace
(``<span class="w"> </span>``), every punctuation mark (``.p``) and operator (``.o``) in a span.
Material colours ``.n`` with ``--md-code-hl-name-color``, defined as ``var(--md-code-fg-color)``,
the colour the code block already has, and does not style ``.w`` at all; extra.css sets the
punctuation and operator colours to the same ``var(--md-code-fg-color)``. So unwrapping these
four kinds is invisible, yet it removes about 7,000 of day12's 13,000 elements (the page's
blocking time under Lighthouse is mostly style and layout of a large DOM; bench/quality.py
measures it). Operator words (``.ow``: ``in``, ``not``) keep their colour and their span.

tests/test_build.py checks that the built CSS still gives the four kinds the code's own colour,
so a theme update that starts colouring them fails the tests instead of silently losing colour.
"""

from __future__ import annotations

import re

_PLAIN_SPAN = re.compile(r'<span class="(?:n|w|p|o)">([^<]*)</span>')


def strip(html: str) -> str:
    return _PLAIN_SPAN.sub(r"\1", html)
