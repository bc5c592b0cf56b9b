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

The ``#>`` lines under a ``print`` (what it printed, ``tools/snippet_outputs.py``) are
comments to Pygments, like any other. ``mark_output`` gives their comment span a second
class, ``output`` (no new element): docs/assets/stylesheets/extra.css draws them upright, in
the code's own colour, on a tint, so output and comments differ at a glance. They stay
``# ...`` comments, so a copied block is still valid Python.
"""

from __future__ import annotations

import re

_PLAIN_SPAN = re.compile(r'<span class="(?:n|w|p|o)">([^<]*)</span>')
_OUTPUT_LINE = '<span class="c1">#&gt;'
OUTPUT_CLASS = "output"


def strip(html: str) -> str:
    # a function, not the template r"\1": re expands a template in Python for every match (2x slower)
    return _PLAIN_SPAN.sub(lambda m: m[1], html).replace(_OUTPUT_LINE, f'<span class="c1 {OUTPUT_CLASS}">#&gt;')
