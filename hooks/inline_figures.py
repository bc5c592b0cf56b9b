"""Top-level ``img/*.svg`` figures on the site (one concern: generated images kept outside docs/).

The figures are generated into the repository's top-level ``img/`` (``make update``, see
``tools/gather_figures.py``). The notes link them relative to the Markdown file, so the same
link works on GitHub, e.g. in ``docs/day12/day12.md``::

    ![대체 텍스트](../../img/gather_dim1.svg)

MkDocs only knows files under ``docs/``; this hook bridges the gap in three steps:

1. ``on_files``: every ``img/*.svg`` joins the build as ``img/<name>.svg`` (as if it were
   ``docs/img/<name>.svg``). A ``docs/img/<name>.svg`` of the same name is an error.
2. ``on_page_markdown``: a link/image target that resolves into the top-level ``img/`` is
   rewritten to the docs-relative path of that file, so MkDocs validates it like any other
   link. A target inside top-level ``img/`` naming a file that is not there raises.
3. ``on_post_page``: each ``<img>`` of such a figure is replaced by the SVG itself, with the
   image's alt text as ``aria-label`` and ``role="img"``. Inline, the SVG's own CSS sees
   Material's palette variables and ``[data-md-color-scheme=slate]``, so it follows the
   light/dark toggle (an ``<img>`` SVG only sees the OS ``prefers-color-scheme``). This runs
   after the search plugin indexed the page, so figure numbers stay out of the search index.
   A small link to the file follows each figure (full-size view on a phone; the link crawl
   checks it). An ``<img>`` with attributes other than ``src``/``alt``/``title``/``class``
   raises, and so does an SVG file without a plain ``<svg`` root or without alt text.

The files stay in the site too (``img/<name>.svg``), so "open image" and direct links work.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from pathlib import Path

from mkdocs.structure.files import File

IMG_DIR = "img"
_LINK = re.compile(r"(\]\()(<?)([^)\s>]+\.svg)(>?)")  # Markdown [..](target.svg) / ![..](target.svg)
_IMG_TAG = re.compile(r"<img\b([^>]*?)/?>")
_ATTR = re.compile(r'([\w:-]+)="([^"]*)"')

_figures: dict[str, Path] = {}  # site url ("img/x.svg") -> file on disk


@functools.cache
def _svg_text(path: Path) -> str:
    """The figure's markup, read once per file (not once per <img> on every page)."""
    svg = path.read_text(encoding="utf-8").strip()
    if not svg.startswith("<svg "):
        raise RuntimeError(f"inline_figures: {path} does not start with '<svg '")
    return svg


def _root(config) -> Path:
    return Path(config["config_file_path"]).resolve().parent


def on_files(files, config):
    _figures.clear()
    _svg_text.cache_clear()  # `make serve` rebuilds after `make update` redraws a figure
    for path in sorted((_root(config) / IMG_DIR).glob("*.svg")):
        uri = f"{IMG_DIR}/{path.name}"
        if files.get_file_from_path(uri) is not None:
            raise RuntimeError(f"inline_figures: docs/{uri} and top-level {uri} both exist")
        f = File.generated(config, uri, abs_src_path=str(path))
        files.append(f)
        _figures[f.url] = path
    return files


def on_page_markdown(markdown, page, config, files):
    root = _root(config)
    img_dir = (root / IMG_DIR).resolve()
    page_dir = Path(page.file.abs_src_path).resolve().parent
    docs_dir = Path(config["docs_dir"]).resolve()

    def fix(m: re.Match) -> str:
        target = m.group(3)
        if "://" in target or target.startswith("/"):
            return m.group(0)
        resolved = (page_dir / target).resolve()
        if resolved.parent != img_dir:
            return m.group(0)  # not a top-level figure: MkDocs checks it as usual
        if not resolved.exists():
            raise RuntimeError(
                f"inline_figures: {page.file.src_uri} links {target}, but {IMG_DIR}/{resolved.name} "
                "does not exist (run `make update`?)"
            )
        as_if = docs_dir / IMG_DIR / resolved.name
        rel = posixpath.relpath(as_if.as_posix(), page_dir.as_posix())
        return f"{m.group(1)}{m.group(2)}{rel}{m.group(4)}"

    return _LINK.sub(fix, markdown)


def on_post_page(output, page, config):
    if not _figures:
        return output
    base = page.url if page.url.endswith("/") or not page.url else posixpath.dirname(page.url) + "/"

    def inline(m: re.Match) -> str:
        attrs = dict(_ATTR.findall(m.group(1)))
        src = attrs.get("src", "")
        if "://" in src:
            return m.group(0)
        url = posixpath.normpath(posixpath.join(base, src)) if not src.startswith("/") else src.lstrip("/")
        if url not in _figures:
            return m.group(0)
        unknown = set(attrs) - {"src", "alt", "title", "class"}
        if unknown:
            raise RuntimeError(f"inline_figures: {page.file.src_uri}: unexpected <img> attributes {unknown}")
        alt = html.unescape(attrs.get("alt", "")).strip()
        if not alt:
            raise RuntimeError(f"inline_figures: {page.file.src_uri}: {src} has no alt text")
        svg = _svg_text(_figures[url])
        extra = f' role="img" aria-label="{html.escape(alt)}"'
        if attrs.get("class"):
            # the <img> class goes on the root <svg> tag only, never on a child element
            root, rest = svg.split(">", 1)
            if ' class="' in root:
                root = root.replace(' class="', f' class="{html.escape(attrs["class"])} ', 1)
            else:
                root += f' class="{html.escape(attrs["class"])}"'
            svg = f"{root}>{rest}"
        # a plain link to the file keeps it reachable (zoom on a phone) and crawlable
        name = posixpath.basename(url)
        return f'<svg{extra}{svg[len("<svg"):]}<a class="gf-open" href="{src}">그림 파일 열기: {name}</a>'


    return _IMG_TAG.sub(inline, output)
