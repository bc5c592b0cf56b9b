"""A rendered notebook page made light, offline and searchable: steps 1-8 of the notebooks
extension (its docstring says what each does and why). Every step counts what it changed and
raises a format error (``_expect``) when mkdocs-jupyter/nbconvert rendered something else.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from hooks.headings.slugs import Slugger
from hooks.notebooks.checks import HREF, content_error

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
# the template's inline scripts, before the notebook itself (nbconvert's include_js: `<script >`)
TEMPLATE_SCRIPT = re.compile(r"<script\s*>(.*?)</script>", re.S)
CLIPBOARD_JS = "assets/javascripts/notebook-clipboard.js"
DOWNLOAD_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M5 20h14v-2H5m14-9h-4V3H9v6H5l7 7z"/></svg>'


def _count(pattern: re.Pattern, text: str) -> int:
    return len(pattern.findall(text))


def _expect(cond: bool, page: Page, what: str) -> None:
    """A format error: the rendered page is not what this hook was written for."""
    if not cond:
        raise PluginError(
            f"notebooks: docs/{page.file.src_uri}: mkdocs-jupyter/nbconvert rendered something "
            f"this hook does not expect: {what}. If the notebook opens fine in Jupyter, the cause is "
            "an mkdocs-jupyter or nbconvert upgrade: pin the versions in pyproject.toml or update "
            "hooks/notebooks/render.py"
        )


def _retitle_toc(items, renamed: dict[str, str]) -> None:
    for item in items:
        if item.id in renamed:
            item.id = renamed[item.id]
        _retitle_toc(item.children, renamed)


def _toc_ids(items) -> list[str]:
    return [i for item in items for i in (item.id, *_toc_ids(item.children))]


def rewrite(html_text: str, page: Page, files: Files, clipboard) -> str:
    """Steps 1-8 of the notebooks extension on a rendered notebook page; ``clipboard`` holds
    the copy-button script's generated ``file`` and its ``code`` (from the first notebook)."""
    src = page.file.src_uri
    _expect('<div class="jupyter-wrapper">' in html_text, page, "no .jupyter-wrapper")

    # 1. styles
    html_text, n_style = STYLE.subn("", html_text)  # one pass over JupyterLab's 575 KB of CSS, not two
    _expect(n_style == 5, page, f"expected 5 inlined <style> blocks, found {n_style}")

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
    if clipboard.code is None:
        clipboard.code = code
    _expect(clipboard.code == code, page, "the template's clipboard scripts differ between notebooks")
    clipboard.file.content_string = code
    html_text = TEMPLATE_SCRIPT.sub("", head) + wrapper + body
    _expect(
        not re.search(r"<script", html_text, re.I),
        page,
        "a <script> is left after removing the template's "
        "(the notebook's cells were checked before rendering, so it comes from the template)",
    )
    html_text = f'<script src="{clipboard.file.url_relative_to(page.file)}"></script>\n{html_text}'
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
            raise content_error(src, [f"link to {m.group(1)!r}: no such page; fix the link"])
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
