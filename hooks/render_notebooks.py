"""Notebook pages (mkdocs-jupyter): light, offline, searchable where it matters.

mkdocs-jupyter renders ``docs/**/*.ipynb`` with nbconvert's JupyterLab template, and copies
raw HTML from the notebook into the page: markdown cells may hold any HTML, and ``text/html``,
``image/svg+xml`` or ``application/javascript`` outputs are inserted as they are. So before
rendering (``on_pre_page``) this hook checks the notebook file itself and fails the build,
naming the notebook and every cell at fault, when it holds anything that could run in the
page (rejected, not stripped: the notebook is the author's, and a silently shortened page
would hide the mistake):

0. Content rules: the file is UTF-8 JSON that nbformat validates; no ``widgets`` metadata
   (it loads scripts from a CDN); a ``description`` in the notebook metadata; outputs are
   ``text/plain`` only (what ``tools/execute_notebooks.py`` stores); each markdown cell,
   rendered with the ``markdown2html`` filter of nbconvert's ``HTMLExporter`` (the one
   mkdocs-jupyter renders with), and each raw cell that nbconvert would
   copy into the page pass ``safe_markup.html_problems`` (no ``<script>``, ``<iframe>``,
   ``<style>``, ``on*=`` handlers, ``javascript:`` URLs, resources from other hosts ...);
   cell tags are plain words (the template writes them unescaped); ``.md`` links point at
   pages; headings are not empty (repeats are numbered as on GitHub).

Then it rewrites the rendered HTML (``on_page_content``):

1. Styles: drops the five inlined ``<style>`` blocks (JupyterLab's 575 KB ``index.css``, its
   light theme, nbconvert's pygments and mermaid CSS, and the plugin's duplicate of the
   pygments CSS). the notebook section of ``docs/assets/stylesheets/extra.css`` styles the cells with Material's
   own colour variables instead, so light and dark (``slate``) both work.
2. Scripts: drops the MathJax loader (``<script src="">`` plus config) and the mermaid loader
   (a module that imports mermaid from a CDN when a diagram is present). The notebooks use
   neither; a mermaid output (which would need that CDN) makes the hook raise. The
   template's two inline scripts (the ``<clipboard-copy>`` element and its "copied" notice)
   move, unchanged, into ``assets/javascripts/notebook-clipboard.js`` (generated from them),
   loaded with ``<script src>``: the site's Content-Security-Policy runs no inline script
   from page content. After that no ``<script>`` may be left.
3. Code highlighting: ``highlight-ipynb`` blocks also get Material's ``highlight`` class, so
   code colours follow the palette; JupyterLab's ``¶`` anchors become Material ``headerlink``s;
   the copy button speaks Korean.
4. Heading ids: nbconvert drops Hangul from ids (``1-gather-2``); they are re-made with
   GitHub's rule like every Markdown page (``github_slugs.py``: Hangul kept, duplicates
   ``-1``, ``-2``) and the page TOC is updated to match.
5. Links: relative ``.md`` links in markdown cells (``day12.md#필수-과제-1``, which work in
   Jupyter and on GitHub) become the target page's URL, as MkDocs does for Markdown pages.
   A link to a file that is not a page raises.
6. Search: markdown cells are unwrapped (their HTML sits directly in ``.jp-Notebook``), so
   Material's search files each paragraph under its heading; the code, outputs, prompts and
   copy-button text of code cells get ``data-search-exclude``: the index holds the Korean
   markdown cells only.
7. Description: ``page.meta["description"]`` (used by overrides/main.html for
   ``<meta name="description">`` and OpenGraph) from the notebook metadata ``description``.
8. Download: a Material content button (``download`` attribute) for the ``.ipynb`` that
   ``include_source: true`` copies next to the page.

Two kinds of failure, both a ``PluginError`` (one message, no traceback): a content error
names the notebook, the cell and the fix (``_content_error``); a format error says that
mkdocs-jupyter/nbconvert rendered something this hook does not expect and the notebook is
not the cause (``_expect``): every step counts what it changed and raises when the rendered
structure is not what it expects (e.g. after an mkdocs-jupyter or nbconvert upgrade),
instead of silently doing less.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import nbformat
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from nbconvert import HTMLExporter
from nbconvert.filters.markdown_mistune import InvalidNotebook

from github_slugs import Slugger
from github_slugs import slug as github_slug
from safe_markup import html_problems

STYLE = re.compile(r"<style[^>]*>.*?</style>", re.S)
MATHJAX = re.compile(
    r'<!-- Load mathjax -->\s*<script src=""> </script>\s*<!-- MathJax configuration -->\s*'
    r'<script type="text/x-mathjax-config">.*?</script>\s*<!-- End of mathjax configuration -->',
    re.S,
)
MERMAID = re.compile(
    r'<script type="module">\s*document\.addEventListener\("DOMContentLoaded".*?</script>'
    r"\s*<!-- End of mermaid configuration -->",
    re.S,
)
HEADING = re.compile(r'<h([1-6]) id="([^"]+)">(.*?)<a class="anchor-link" href="#\2">¶</a></h\1>', re.S)
CODE_CELL = re.compile(r'<div class="jp-Cell jp-CodeCell [^"]*" id="cell-id=')  # one per cell
HIGHLIGHT = re.compile(r'<div class="highlight-ipynb ')
# (opening tag up to the attribute position, rest of the tag); "cells": once per code cell
SEARCH_EXCLUDE = [
    (re.compile(r'(<div class="jp-InputPrompt jp-InputArea-prompt")(>In[\xa0 ]\[)'), "cells"),
    (re.compile(r'(<span class="notice")( hidden)'), "cells"),
    (re.compile(r'(<div class="clipboard-copy-txt")( id="cell-)'), "cells"),
    (re.compile(r'(<div class="highlight highlight-ipynb[^"]*"><pre)(>)'), "cells"),
    (re.compile(r'(<div class="jp-RenderedText jp-OutputArea-output"[^>]*>\s*<pre)(>)'), "some"),
    (re.compile(r'(<div class="jp-OutputPrompt jp-OutputArea-prompt")(>)'), "some"),
]
MARKDOWN_CELL = re.compile(
    r'<div class="jp-Cell jp-MarkdownCell jp-Notebook-cell" id="[^"]*">\n'
    r'<div class="jp-Cell-inputWrapper" tabindex="0">\n'
    r'<div class="jp-Collapser jp-InputCollapser jp-Cell-inputCollapser">\n</div>\n'
    r'<div class="jp-InputArea jp-Cell-inputArea"><div class="jp-InputPrompt jp-InputArea-prompt">\n</div>'
    r'<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown jp-MarkdownOutput" data-mime-type="text/markdown">\n'
    r"(.*?)\n</div>\n</div>\n</div>\n</div>",
    re.S,
)
HREF = re.compile(r'href="([^"#:]+\.md)(#[^"]*)?"')
# the template's inline scripts, before the notebook itself (nbconvert's include_js: `<script >`)
TEMPLATE_SCRIPT = re.compile(r"<script\s*>(.*?)</script>", re.S)
CLIPBOARD_JS = "assets/javascripts/notebook-clipboard.js"
_clipboard: dict = {}  # "file": the generated File, "code": its text
DOWNLOAD_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M5 20h14v-2H5m14-9h-4V3H9v6H5l7 7z"/></svg>'


def _is_notebook(page: Page) -> bool:
    return page.file.src_uri.endswith(".ipynb")


def _is_notebook_file(f: File) -> bool:
    return f.src_uri.endswith(".ipynb")


def _count(pattern: re.Pattern, text: str) -> int:
    return len(pattern.findall(text))


def _expect(cond: bool, page: Page, what: str) -> None:
    """A format error: the rendered page is not what this hook was written for."""
    if not cond:
        raise PluginError(
            f"render_notebooks: docs/{page.file.src_uri}: mkdocs-jupyter/nbconvert rendered something "
            f"this hook does not expect: {what}. If the notebook opens fine in Jupyter, the cause is "
            "an mkdocs-jupyter or nbconvert upgrade: pin the versions in pyproject.toml or update "
            "hooks/render_notebooks.py"
        )


def _content_error(src: str, problems: list[str]) -> PluginError:
    """A content error: the notebook holds something the site does not show."""
    return PluginError(
        f"render_notebooks: docs/{src}: the notebook cannot go into a page:\n" + "\n".join(f"  {p}" for p in problems)
    )


# ---------------------------------------------------------------------- 0. content rules

TEXT_ONLY = (
    "the site shows text/plain outputs only (HTML, JavaScript, SVG, images or widgets could run "
    "script in the page or load from other hosts): print the value instead, then `make update`"
)
OUTPUT_TYPES = {"stream", "error", "execute_result", "display_data"}
ATTACHMENT_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp"}
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


_exporter: list[HTMLExporter] = []


def markdown2html(cell) -> str:
    """A markdown cell as nbconvert's HTMLExporter renders it (attachments included)."""
    if not _exporter:
        _exporter.append(HTMLExporter())
    return _exporter[0].markdown2html({"cell": cell, "resources": {}}, cell.source)


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
            try:
                rendered = markdown2html(cell)
            except InvalidNotebook as exc:  # e.g. ![x](attachment:a.png) without the attachment
                problems.append(f"{where}: {exc}: attach the file to the cell or fix the link")
                continue
            problems += [f"{where}: {p}; write it as plain Markdown instead" for p in html_problems(rendered)]
            for name, attachment in cell.get("attachments", {}).items():
                kinds = set(attachment) - ATTACHMENT_TYPES
                if kinds:
                    problems.append(
                        f"{where}: attachment {name!r} is {', '.join(sorted(kinds))}: attach PNG, JPEG, GIF or WebP images only"
                    )
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


def on_files(files: Files, config) -> Files:
    """The notebook pages' copy-button script, as a file (its text comes from the first
    rendered notebook, see step 2; on_env checks that it was filled)."""
    _clipboard.clear()
    if any(_is_notebook_file(f) for f in files.documentation_pages()):
        f = File.generated(config, CLIPBOARD_JS, content="")
        files.append(f)
        _clipboard["file"] = f
    return files


def on_pre_page(page: Page, config, files: Files) -> Page:
    if not _is_notebook(page):
        return page

    def is_page(uri: str) -> bool:
        target = files.get_file_from_path(uri)
        return target is not None and target.is_documentation_page()

    problems = notebook_problems(Path(page.file.abs_src_path), page.file.src_uri, is_page)
    if problems:
        raise _content_error(page.file.src_uri, problems)
    return page


def on_env(env, config, files):
    if "file" in _clipboard and "code" not in _clipboard:
        raise PluginError(
            f"render_notebooks: no notebook page was rendered, so {CLIPBOARD_JS} has no "
            "content: mkdocs-jupyter did not render the notebooks (update the hook)"
        )
    return env


def _retitle_toc(items, renamed: dict[str, str]) -> None:
    for item in items:
        if item.id in renamed:
            item.id = renamed[item.id]
        _retitle_toc(item.children, renamed)


def _toc_ids(items) -> list[str]:
    return [i for item in items for i in (item.id, *_toc_ids(item.children))]


def on_page_content(html_text: str, page: Page, config, files: Files) -> str:
    if not _is_notebook(page):
        return html_text
    src = page.file.src_uri
    _expect('<div class="jupyter-wrapper">' in html_text, page, "no .jupyter-wrapper")

    # 1. styles
    _expect(_count(STYLE, html_text) == 5, page, f"expected 5 inlined <style> blocks, found {_count(STYLE, html_text)}")
    html_text = STYLE.sub("", html_text)

    # 2. scripts
    _expect(_count(MATHJAX, html_text) == 1, page, "MathJax loader block not found exactly once")
    _expect(_count(MERMAID, html_text) == 1, page, "mermaid loader script not found exactly once")
    html_text = MERMAID.sub("", MATHJAX.sub("", html_text))
    #    the template's copy-button scripts (before the notebook) move into a file: the
    #    site's Content-Security-Policy runs no inline script from page content
    head, wrapper, body = html_text.partition('<div class="jupyter-wrapper">')
    scripts = TEMPLATE_SCRIPT.findall(head)
    _expect(
        len(scripts) == 2 and "ClipboardCopyElement" in scripts[0] and "'clipboard-copy'" in scripts[1],
        page,
        f"expected the template's two clipboard <script>s before the notebook, found {len(scripts)}",
    )
    code = scripts[0].strip() + "\n;\n" + scripts[1].strip() + "\n"
    _expect(_clipboard.setdefault("code", code) == code, page, "the template's clipboard scripts differ between notebooks")
    _clipboard["file"].content_string = code
    html_text = TEMPLATE_SCRIPT.sub("", head) + wrapper + body
    _expect(
        not re.search(r"<script", html_text, re.I),
        page,
        "a <script> is left after removing the template's "
        "(the notebook's cells were checked before rendering, so it comes from the template)",
    )
    html_text = f'<script src="{_clipboard["file"].url_relative_to(page.file)}"></script>\n{html_text}'
    _expect("jp-Mermaid" not in html_text, page, "mermaid output: it needs mermaid from a CDN")

    # 3. code colours from Material; permalinks styled (and ignored by search) like Material's
    n_code = _count(HIGHLIGHT, html_text)
    _expect(n_code > 0, page, "no highlighted code blocks")
    html_text = HIGHLIGHT.sub('<div class="highlight highlight-ipynb ', html_text)

    # copy button in Korean (and without the template's stray `,=""` attribute)
    for old, new in (
        ('<clipboard-copy ,="" aria-label="Copy to Clipboard"', '<clipboard-copy aria-label="클립보드로 복사"'),
        (">Copied!<", ">복사했습니다<"),
    ):
        _expect(html_text.count(old) == n_code, page, f"{old!r}: expected once per code cell")
        html_text = html_text.replace(old, new)

    # 4. heading ids with Hangul, TOC to match
    renamed: dict[str, str] = {}
    taken: set[str] = set()
    slugger = Slugger()

    def heading(m: re.Match) -> str:
        level, old, inner = m.groups()
        text = html.unescape(re.sub(r"<[^>]+>", "", inner))
        new = slugger.slug(text)
        _expect(new and new not in taken, page, f"empty or duplicate heading id {new!r} for {text!r}")
        taken.add(new)
        renamed[old] = new
        return f'<h{level} id="{new}">{inner}<a class="headerlink" href="#{new}" title="이 제목의 링크">¶</a></h{level}>'

    html_text = HEADING.sub(heading, html_text)
    _expect(renamed, page, "no headings found")
    _expect("anchor-link" not in html_text, page, "a heading anchor was not rewritten")
    _retitle_toc(page.toc.items, renamed)
    _expect(
        set(_toc_ids(page.toc.items)) <= taken,
        page,
        f"TOC ids without a heading: {sorted(set(_toc_ids(page.toc.items)) - taken)}",
    )

    # 5. .md links -> page URLs
    def link(m: re.Match) -> str:
        target_uri = posixpath.normpath(posixpath.join(posixpath.dirname(src), unquote(m.group(1))))
        target = files.get_file_from_path(target_uri)
        if target is None or target.page is None:  # normally found by notebook_problems first
            raise _content_error(src, [f"link to {m.group(1)!r}: no such page; fix the link"])
        return f'href="{target.url_relative_to(page.file)}{m.group(2) or ""}"'

    html_text = HREF.sub(link, html_text)

    # 5b. markdown cells unwrapped: their HTML sits directly in .jp-Notebook like a Markdown
    #     page. Material's search parser ends a heading's section when the element holding the
    #     heading closes, so inside per-cell <div>s every paragraph after a code cell fell into
    #     the page's top entry; unwrapped, each paragraph is indexed under its own heading.
    n_md = html_text.count('<div class="jp-Cell jp-MarkdownCell')
    html_text, n = MARKDOWN_CELL.subn(r"\1", html_text)
    _expect(n_md > 0 and n == n_md, page, f"unwrapped {n} of {n_md} markdown cells")

    # 6. search: code cells out, markdown cells in. Material's search parser compares elements
    #    by tag name only, so data-search-exclude on a <div> that contains other <div>s stops
    #    working at the first inner </div>: mark the text-carrying leaves instead.
    n_cells = _count(CODE_CELL, html_text)
    _expect(n_cells > 0, page, "no code cells")
    for pattern, expected in SEARCH_EXCLUDE:
        html_text, n = pattern.subn(r"\1 data-search-exclude\2", html_text)
        _expect(n == (n_cells if expected == "cells" else n), page, f"{pattern.pattern}: {n} matches")
        _expect(expected != "some" or n > 0, page, f"{pattern.pattern}: no match")
    # code and output blocks scroll sideways on a phone: keyboard users must reach them (axe:
    # scrollable-region-focusable), as with Material's own code blocks
    html_text, n = re.subn(r"<pre data-search-exclude>", '<pre data-search-exclude tabindex="0">', html_text)
    _expect(n >= n_cells, page, f"only {n} code/output <pre> blocks for {n_cells} code cells")

    # 7. the page's meta description (front matter of Markdown pages) from notebook metadata
    description = json.loads(Path(page.file.abs_src_path).read_text(encoding="utf-8"))["metadata"].get("description")
    _expect(
        isinstance(description, str) and description.strip(),
        page,
        "notebook metadata has no 'description' (checked before rendering)",
    )
    _expect("description" not in page.meta, page, "page.meta already has a description")
    page.meta["description"] = html.escape(description)  # the theme writes it into attributes unescaped

    # 8. download button
    name = Path(src).name
    _expect(name == Path(page.file.abs_src_path).name, page, "unexpected source name")
    button = (
        f'<a href="{name}" download="{name}" class="md-content__button md-icon nb-download" '
        f'title="노트북 내려받기 ({name})" aria-label="노트북 내려받기 ({name})">{DOWNLOAD_SVG}</a>\n'
    )
    return button + html_text
