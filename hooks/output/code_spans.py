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

Every code block starts in the keyboard's tab order (``tabindex="0"`` on its ``<code>``).
Material makes a code block focusable when it can scroll sideways (and takes the tabindex
away when it cannot), but with ``content.lazy`` (mkdocs.yml) it looks at a block only when the
block first comes into view: measuring all ~60 blocks of day12 at start-up laid each one out on
its own (bench/README.md, "페이지 품질"). Until a block has been seen, it is focusable, so a
keyboard reader can reach and scroll every block that may overflow (axe: scrollable-region-focusable).
"""

from __future__ import annotations

import re

_PLAIN_SPAN = re.compile(r'<span class="(?:n|w|p|o)">([^<]*)</span>')
_OUTPUT_LINE = '<span class="c1">#&gt;'
OUTPUT_CLASS = "output"
_BLOCK_START = "<pre><span></span><code>"  # pymdownx.highlight's code block (no line numbers)


def strip(html: str) -> str:
    # a function, not the template r"\1": re expands a template in Python for every match (2x slower)
    html = _PLAIN_SPAN.sub(lambda m: m[1], html).replace(_OUTPUT_LINE, f'<span class="c1 {OUTPUT_CLASS}">#&gt;')
    return html.replace(_BLOCK_START, '<pre><span></span><code tabindex="0">')
