"""Notebook pages (mkdocs-jupyter): light, offline, searchable where it matters.

mkdocs-jupyter renders ``docs/**/*.ipynb`` with nbconvert's JupyterLab template. For each such
page this hook rewrites the rendered HTML (``on_page_content``):

1. Styles: drops the five inlined ``<style>`` blocks (JupyterLab's 575 KB ``index.css``, its
   light theme, nbconvert's pygments and mermaid CSS, and the plugin's duplicate of the
   pygments CSS). the notebook section of ``docs/assets/stylesheets/extra.css`` styles the cells with Material's
   own colour variables instead, so light and dark (``slate``) both work.
2. Scripts: drops the MathJax loader (``<script src="">`` plus config) and the mermaid loader
   (a module that imports mermaid from a CDN when a diagram is present). The notebooks use
   neither; a mermaid output (which would need that CDN) makes the hook raise.
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

Every step counts what it changed and raises when the rendered structure is not what it
expects (e.g. after an mkdocs-jupyter or nbconvert upgrade), instead of silently doing less.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from github_slugs import Slugger

STYLE = re.compile(r"<style[^>]*>.*?</style>", re.S)
MATHJAX = re.compile(
    r'<!-- Load mathjax -->\s*<script src=""> </script>\s*<!-- MathJax configuration -->\s*'
    r'<script type="text/x-mathjax-config">.*?</script>\s*<!-- End of mathjax configuration -->',
    re.S,
)
MERMAID = re.compile(
    r'<script type="module">\s*document\.addEventListener\("DOMContentLoaded".*?</script>'
    r'\s*<!-- End of mermaid configuration -->',
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
    r'(.*?)\n</div>\n</div>\n</div>\n</div>',
    re.S,
)
HREF = re.compile(r'href="([^"#:]+\.md)(#[^"]*)?"')
DOWNLOAD_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M5 20h14v-2H5m14-9h-4V3H9v6H5l7 7z"/></svg>'
)


def _is_notebook(page: Page) -> bool:
    return page.file.src_uri.endswith(".ipynb")


def _count(pattern: re.Pattern, text: str) -> int:
    return len(pattern.findall(text))


def _expect(cond: bool, page: Page, what: str) -> None:
    if not cond:
        raise RuntimeError(
            f"hooks/render_notebooks.py: {page.file.src_uri}: {what} "
            "(mkdocs-jupyter/nbconvert output changed? update the hook)"
        )


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
    _expect(not re.search(r"<script[^>]+src=", html_text), page, "a <script src=...> is left")
    _expect("jp-Mermaid" not in html_text, page, "mermaid output: it needs mermaid from a CDN")

    # 3. code colours from Material; permalinks styled (and ignored by search) like Material's
    n_code = _count(HIGHLIGHT, html_text)
    _expect(n_code > 0, page, "no highlighted code blocks")
    html_text = HIGHLIGHT.sub('<div class="highlight highlight-ipynb ', html_text)

    # copy button in Korean (and without the template's stray `,=""` attribute)
    for old, new in (('<clipboard-copy ,="" aria-label="Copy to Clipboard"', '<clipboard-copy aria-label="클립보드로 복사"'),
                     (">Copied!<", ">복사했습니다<")):
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
    _expect(set(_toc_ids(page.toc.items)) <= taken, page,
            f"TOC ids without a heading: {sorted(set(_toc_ids(page.toc.items)) - taken)}")

    # 5. .md links -> page URLs
    def link(m: re.Match) -> str:
        target_uri = posixpath.normpath(posixpath.join(posixpath.dirname(src), unquote(m.group(1))))
        target = files.get_file_from_path(target_uri)
        _expect(target is not None and target.page is not None, page, f"link to {m.group(1)!r}: no such page")
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
    _expect(isinstance(description, str) and description.strip(), page,
            "notebook metadata has no 'description' (tools/execute_notebooks.py requires one)")
    _expect("description" not in page.meta, page, "page.meta already has a description")
    page.meta["description"] = description

    # 8. download button
    name = Path(src).name
    _expect(name == Path(page.file.abs_src_path).name, page, "unexpected source name")
    button = (
        f'<a href="{name}" download="{name}" class="md-content__button md-icon nb-download" '
        f'title="노트북 내려받기 ({name})" aria-label="노트북 내려받기 ({name})">{DOWNLOAD_SVG}</a>\n'
    )
    return button + html_text
