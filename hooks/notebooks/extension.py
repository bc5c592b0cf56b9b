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
   copy into the page pass ``security.markup.html_problems``, read by html5ever as the browser
   reads them (no ``<script>``, ``<iframe>``, ``<meta>``, ``<style>``, ``on*=`` handlers,
   ``javascript:`` URLs, resources from other hosts, the theme's ids, comment tricks such as
   ``<!-->`` ...); attachments are valid base64 of the image type they claim;
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
   GitHub's rule like every Markdown page (``headings/slugs.py``: Hangul kept, duplicates
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

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from hooks.cache.store import Store
from hooks.notebooks import render
from hooks.notebooks.checks import content_error, notebook_problems
from hooks.notebooks.render import CLIPBOARD_JS


class Notebooks:
    """One build's copy-button script: the generated ``file`` (``on_files``) and its ``code``
    (the template's scripts, from the first notebook page rendered)."""

    def __init__(self, store: Store | None = None) -> None:
        self.file: File | None = None
        self.code: str | None = None
        self.store = store or Store()

    def add_clipboard_script(self, files, config):
        """The notebook pages' copy-button script, as a file (its text comes from the first
        rendered notebook, see step 2; ``require_clipboard_script`` checks that it was filled)."""
        self.file, self.code = None, None
        if any(f.src_uri.endswith(".ipynb") for f in files.documentation_pages()):
            self.file = File.generated(config, CLIPBOARD_JS, content="")
            files.append(self.file)
        return files

    def check_notebook(self, page, config, files):
        """Rule 0, before rendering (``on_pre_page``)."""
        if not page.file.src_uri.endswith(".ipynb"):
            return page

        def is_page(uri: str) -> bool:
            target = files.get_file_from_path(uri)
            return target is not None and target.is_documentation_page()

        path = Path(page.file.abs_src_path)
        # kept across builds by what the check reads: the file, and which .md files are pages
        pages = "\n".join(sorted(f.src_uri for f in files.documentation_pages()))
        problems = self.store.memo(
            "notebook-check",
            (page.file.src_uri, path.read_bytes(), pages),
            lambda: notebook_problems(path, page.file.src_uri, is_page),
        )
        if problems:
            raise content_error(page.file.src_uri, problems)
        return page

    def require_clipboard_script(self, env, config, files):
        if self.file is not None and self.code is None:
            raise PluginError(
                f"notebooks: no notebook page was rendered, so {CLIPBOARD_JS} has no "
                "content: mkdocs-jupyter did not render the notebooks (update the hook)"
            )
        return env

    def rewrite_page(self, html_text, page, config, files):
        """Steps 1-8 (``on_page_content``)."""
        if not page.file.src_uri.endswith(".ipynb"):
            return html_text
        return render.rewrite(html_text, page, files, self)
