"""The notebook file itself, before rendering: every reason it cannot go into a page.

``notebook_problems`` is the content rule of the notebooks extension (see its docstring,
rule 0): valid UTF-8 JSON that nbformat validates, no widget state, a description,
text/plain outputs only, markdown and raw cells that pass ``security.markup.html_problems``
(rendered with nbconvert's own ``markdown2html``, as mkdocs-jupyter renders them), plain-word
tags, ``.md`` links to pages, headings with a usable id.
"""

from __future__ import annotations

import base64
import binascii
import functools
import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import nbformat
from mkdocs.exceptions import PluginError
from nbconvert import HTMLExporter
from nbconvert.filters.markdown_mistune import InvalidNotebook

from hooks.headings.slugs import slug as github_slug
from hooks.security.markup import html_problems

HREF = re.compile(r'href="([^"#:]+\.md)(#[^"]*)?"')

TEXT_ONLY = (
    "the site shows text/plain outputs only (HTML, JavaScript, SVG, images or widgets could run "
    "script in the page or load from other hosts): print the value instead, then `make update`"
)
OUTPUT_TYPES = {"stream", "error", "execute_result", "display_data"}
ATTACHMENT_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp"}
# the first bytes of each type (WebP: RIFF....WEBP)
MAGIC = {
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/gif": (b"GIF87a", b"GIF89a"),
    "image/webp": (b"RIFF",),
}
RAW_RENDERED = {"", "text/html"}  # nbconvert copies raw cells of these formats into the page
TAG = re.compile(r"[\w.-]+")


class _Headings(HTMLParser):
    """Heading texts of a rendered markdown cell (without nbconvert's ``¶`` anchor)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in: list[str] | None = None
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self._in = []
        elif tag == "a" and self._in is not None and "anchor-link" in (dict(attrs).get("class") or ""):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag == "a" and self._skip:
            self._skip -= 1
        elif re.fullmatch(r"h[1-6]", tag) and self._in is not None:
            self.found.append(" ".join("".join(self._in).split()))
            self._in = None

    def handle_data(self, data):
        if self._in is not None and not self._skip:
            self._in.append(data)


@functools.cache
def _exporter() -> HTMLExporter:
    return HTMLExporter()


def markdown2html(cell) -> str:
    """A markdown cell as nbconvert's HTMLExporter renders it (attachments included)."""
    return _exporter().markdown2html({"cell": cell, "resources": {}}, cell.source)


def notebook_problems(path: Path, src: str, is_page) -> list[str]:
    """Every reason the notebook at ``path`` (``src``: its docs/ path) cannot go into a page;
    ``is_page(docs_path)`` says whether a linked ``.md`` file is a page."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return [f"not UTF-8 text: {exc.reason} at byte {exc.start}; save it as UTF-8 (Jupyter does)"]
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        return [
            f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}; "
            "open it in Jupyter and save it again, or restore it from git"
        ]
    try:
        nb = nbformat.from_dict(raw)
        nbformat.validate(nb)
        nb = nbformat.reads(text, as_version=4)
    except Exception as exc:  # nbformat raises ValidationError, or TypeError/KeyError on odd shapes
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return [f"not a valid notebook (nbformat: {first}); open it in Jupyter and save it again"]

    problems: list[str] = []
    if "widgets" in nb.metadata:
        problems.append(
            "notebook metadata has 'widgets': widget state loads scripts from a CDN; "
            "clear it (Jupyter: Widgets > Clear Notebook Widget State) and save"
        )
    description = nb.metadata.get("description")
    if not (isinstance(description, str) and description.strip()):
        problems.append(
            "notebook metadata has no 'description' (the page's <meta name=description>; "
            "tools/execute_notebooks.py requires one too): add one in Jupyter's metadata editor"
        )
    for number, cell in enumerate(nb.cells, 1):
        where = f"cell {number} ({cell.cell_type}" + (f", id {cell.id})" if cell.get("id") else ")")
        for tag in cell.metadata.get("tags", []):
            if not (isinstance(tag, str) and TAG.fullmatch(tag)):
                problems.append(f"{where}: tag {tag!r}: tags are plain words (letters, digits, . _ -)")
        if cell.cell_type == "code":
            for k, out in enumerate(cell.get("outputs", []), 1):
                kinds = set(out.get("data", {})) - {"text/plain"}
                if out.output_type not in OUTPUT_TYPES:
                    problems.append(f"{where}: output {k} is of type {out.output_type!r}: {TEXT_ONLY}")
                elif kinds:
                    problems.append(f"{where}: output {k} has {', '.join(sorted(kinds))}: {TEXT_ONLY}")
        elif cell.cell_type == "markdown":
            bad = attachment_problems(cell)
            if bad:
                problems += [f"{where}: {p}" for p in bad]
                continue
            try:
                rendered = markdown2html(cell)
            except InvalidNotebook as exc:  # e.g. ![x](attachment:a.png) without the attachment
                problems.append(f"{where}: {exc}: attach the file to the cell or fix the link")
                continue
            problems += [f"{where}: {p}; write it as plain Markdown instead" for p in html_problems(rendered)]
            for target, _ in HREF.findall(rendered):
                target_uri = posixpath.normpath(posixpath.join(posixpath.dirname(src), unquote(target)))
                if not is_page(target_uri):
                    problems.append(
                        f"{where}: link to {target!r}: no such page (docs/{target_uri}); "
                        "fix the link (a .md path relative to the notebook)"
                    )
            parser = _Headings()
            parser.feed(rendered)
            for heading in parser.found:
                # repeated headings are fine (GitHub's rule numbers them: id, id-1, ...)
                if not github_slug(heading):
                    problems.append(f"{where}: heading {heading!r} gives an empty id: add a word to it")
        elif cell.cell_type == "raw":
            if str(cell.metadata.get("raw_mimetype", "")).lower() in RAW_RENDERED:  # nbconvert's own test
                problems += [
                    f"{where}: {p} (nbconvert copies this raw cell into the page as HTML); make it a markdown cell, or remove it"
                    for p in html_problems(cell.source)
                ]
    return problems


def attachment_problems(cell) -> list[str]:
    """A markdown cell's attachments: PNG, JPEG, GIF or WebP images, each valid base64 of
    bytes that are that image type (nbconvert writes them into the page as data: URLs)."""
    problems = []
    for name, attachment in (cell.get("attachments") or {}).items():
        kinds = set(attachment) - ATTACHMENT_TYPES
        if kinds:
            problems.append(f"attachment {name!r} is {', '.join(sorted(kinds))}: attach PNG, JPEG, GIF or WebP images only")
            continue
        for kind, data in attachment.items():
            text = "".join(data) if isinstance(data, list) else data
            try:
                raw = base64.b64decode("".join(str(text).split()), validate=True)
            except (binascii.Error, ValueError):
                problems.append(
                    f"attachment {name!r} ({kind}) is not valid base64: attach the image again in Jupyter (drag it into the cell)"
                )
                continue
            if not raw.startswith(MAGIC[kind]) or (kind == "image/webp" and raw[8:12] != b"WEBP"):
                what = kind.split("/")[1].upper()
                problems.append(f"attachment {name!r} says {kind} but its bytes are not a {what} image: attach the file again")
    return problems


def content_error(src: str, problems: list[str]) -> PluginError:
    """A content error: the notebook holds something the site does not show."""
    return PluginError(f"notebooks: docs/{src}: the notebook cannot go into a page:\n" + "\n".join(f"  {p}" for p in problems))
