"""The home page's note list, generated: a new note appears there with no hand edit.

``docs/index.md`` holds the marker ``<!-- note-list -->``; ``on_page_markdown`` replaces it
with a Markdown table, one row per page in a folder under ``docs/`` (``day12/day12.md``,
``day12/practice_1.ipynb``, ...): the newest day first, inside a day in navigation order
(the note, then its notebooks; see ``order.py``). Each row is a relative ``.md`` link,
so MkDocs checks it like any other link.

- Markdown note: ``title`` and ``description`` from its front matter.
- Notebook: ``description`` from the notebook metadata (``tools/execute_notebooks.py``
  requires it), the title from its first ``# `` heading.

Both are text, never markup: each is escaped for Markdown and HTML (``_cell``), so a
``<meta http-equiv="refresh">`` or a ``javascript:`` link in a notebook's metadata shows as
the characters it is (issue 20).

A note without a ``title`` or ``description`` is a warning that names the file and the fix:
``make build`` and ``make test`` (strict) fail, ``make serve`` keeps serving and shows
the row with the page's first heading (or file name) and an empty description. A missing
marker in docs/index.md fails the build.
"""

from __future__ import annotations

import html
import json
import logging
import posixpath
import re

from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import get_data

MARKER = "<!-- note-list -->"
HOME = "index.md"
log = logging.getLogger("mkdocs.hooks.headings")


def _first_heading(markdown: str) -> str | None:
    m = re.search(r"^#\s+(.+?)\s*#*\s*$", markdown, re.M)
    return m.group(1) if m else None


def _note_info(file) -> tuple[str | None, str | None, str]:
    """(title, description, fallback title) of a page, read from its source."""
    text = file.content_string
    if file.src_uri.endswith(".ipynb"):
        nb = json.loads(text)
        first_md = next(("".join(c["source"]) for c in nb.get("cells", []) if c.get("cell_type") == "markdown"), "")
        return _first_heading(first_md), nb.get("metadata", {}).get("description"), file.name
    markdown, meta = get_data(text)
    return meta.get("title"), meta.get("description"), _first_heading(markdown) or file.name


# Python-Markdown's backslash escapes (Markdown.ESCAPED_CHARS, with the tables extension's "|")
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")


def _cell(text: str) -> str:
    """``text`` (a title or description from front matter or notebook metadata) as literal text
    in a Markdown table cell: HTML characters as entities, Markdown punctuation escaped, so
    ``<meta ...>``, ``[x](javascript:...)`` or ``{: onclick=...}`` there are shown, never built."""
    plain = html.escape(" ".join(str(text).split()), quote=True)
    plain = re.sub(r":(?=[+\-\w])", "&#58;", plain)  # no :emoji: shortcode either (a ":" before a space stays)
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", plain)


class NoteList:
    """The home page's rows: read from the navigation (``read``, from ``on_nav`` once it is in
    course order), written into docs/index.md (``insert``, from ``on_page_markdown``)."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str]] = []  # (src_uri, title, description) in home-page order

    def read(self, nav) -> None:
        self.rows.clear()
        days: dict[str, list] = {}
        for page in nav.pages:
            folder = posixpath.dirname(page.file.src_uri)
            if folder:  # notes live in folders (dayNN/); root pages (the home page) are not notes
                days.setdefault(folder, []).append(page.file)
        for folder in reversed(list(days)):  # the navigation is in course order: newest day first
            for file in days[folder]:
                title, description, fallback = _note_info(file)
                missing = [
                    k for k, v in (("title", title), ("description", description)) if not (isinstance(v, str) and v.strip())
                ]
                if missing:
                    where = (
                        "the notebook metadata (and a first '# ' heading for the title)"
                        if file.src_uri.endswith(".ipynb")
                        else "the front matter at the top of the file"
                    )
                    log.warning(
                        f"docs/{file.src_uri}: no {' and no '.join(missing)} for the home page's "
                        f"note list: add {', '.join(f'{k}: ...' for k in missing)} to {where}"
                    )
                self.rows.append((file.src_uri, _cell(title or fallback), _cell(description or "")))

    def table(self) -> str:
        lines = ["| 노트 | 내용 |", "| --- | --- |"]
        lines += [f"| [{title}]({src}) | {description} |" for src, title, description in self.rows]
        return "\n".join(lines)

    def insert(self, markdown: str, page) -> str:
        if page.file.src_uri != HOME:
            return markdown
        if markdown.count(MARKER) != 1:
            raise PluginError(
                f"docs/{HOME}: put the marker {MARKER} exactly once where the generated "
                f"note list goes (found {markdown.count(MARKER)})"
            )
        return markdown.replace(MARKER, self.table())
