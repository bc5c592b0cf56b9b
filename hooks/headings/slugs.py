"""GitHub's heading-id rule in Python (pure: ``ids.py``, the notebooks extension and the
tests import it).

github-slugger (https://github.com/Flet/github-slugger, the reference implementation of
the ids GitHub gives headings in a rendered ``.md`` file) does, for each heading text:

1. lower-case it (JavaScript ``toLowerCase``: full Unicode case mapping, like ``str.lower``);
2. remove every character of the Unicode general categories No, P (except the connector
   punctuation Pc, e.g. ``_``), S, C (Cc, Cf, Co, Cn) and Z, except characters with the
   Unicode ``Alphabetic`` property, the ASCII space and the ASCII hyphen-minus;
3. turn every remaining ASCII space into ``-`` (no trimming, no collapsing);
4. within one document, a slug seen before gets ``-1``, ``-2``, ... (the first free one).

So ``__getitem__`` stays ``__getitem__``, ``a - b`` is ``a---b``, Hangul and other letters,
marks and digits stay, emoji and punctuation go. github-slugger generates its removal
regex from Unicode 13 tables; here the categories come from Python's ``unicodedata`` (the
two agree on every character both Unicode versions assign; tests/test_github_slugs.py
checks that over all code points, and checks GitHub's own outputs).

The only characters of the removed categories that are ``Alphabetic`` are the circled and
squared Latin letters below (``Other_Alphabetic`` symbols); the test derives that list too.
"""

from __future__ import annotations

import functools
import unicodedata

REMOVED_CATEGORIES = frozenset(
    {
        "No",  # other numbers: ², ½, ①
        "Pd",
        "Ps",
        "Pe",
        "Pi",
        "Pf",
        "Po",  # punctuation except Pc (connector, e.g. "_")
        "Sm",
        "Sc",
        "Sk",
        "So",  # symbols, emoji
        "Cc",
        "Cf",
        "Co",
        "Cn",  # control, format, private use, unassigned
        "Zs",
        "Zl",
        "Zp",  # separators (the ASCII space is kept below)
    }
)
# Symbols (So) with the Unicode "Alphabetic" property: kept, like letters.
ALPHABETIC_SYMBOLS = (
    (0x24B6, 0x24E9),  # Ⓐ..ⓩ circled Latin letters
    (0x1F130, 0x1F149),  # 🄰..🅉 squared Latin capitals
    (0x1F150, 0x1F169),  # 🅐..🅩 negative circled Latin capitals
    (0x1F170, 0x1F189),  # 🅰..🆉 negative squared Latin capitals
)


@functools.cache
def is_kept(char: str) -> bool:
    """True when GitHub keeps ``char`` (already lower-cased) in a heading id."""
    if char in " -":
        return True
    if unicodedata.category(char) not in REMOVED_CATEGORIES:
        return True
    code = ord(char)
    return any(low <= code <= high for low, high in ALPHABETIC_SYMBOLS)


def slug(text: str) -> str:
    """GitHub's id for a heading whose text is ``text`` (before de-duplication)."""
    return "".join(c for c in text.lower() if is_kept(c)).replace(" ", "-")


class Slugger:
    """Ids for the headings of one document, in order: a repeated slug gets ``-1``,
    ``-2``, ... like GitHub. ``taken`` are ids the document already has (they count as
    seen before)."""

    def __init__(self, taken=()):
        self.taken: set[str] = set(taken)

    def slug(self, text: str) -> str:
        base = candidate = slug(text)
        n = 0
        while candidate in self.taken:
            n += 1
            candidate = f"{base}-{n}"
        self.taken.add(candidate)
        return candidate
