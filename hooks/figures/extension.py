"""Top-level ``img/*.svg`` figures on the site (one concern: generated images kept outside docs/).

The figures are generated into the repository's top-level ``img/`` (``make update``: each
``img/<family>_*.svg`` is drawn by ``tools/figures/<family>.py``). The notes link them relative to the Markdown file, so the same
link works on GitHub, e.g. in ``docs/day12/day12.md``::

    ![대체 텍스트](../../img/gather_dim1.svg "제목(선택)")

MkDocs only knows files under ``docs/``; ``Figures`` bridges the gap in three steps
(``hooks/events.py`` says when each runs):

1. ``on_files``: every ``img/*.svg`` is checked (``security.markup.parse_svg``: a real XML
   parser without DTD or entities, and an allowlist of static SVG elements, attributes and
   CSS) and joins the build as ``img/<name>.svg`` (as if it were ``docs/img/<name>.svg``).
   A figure with a script, an event handler, ``foreignObject``, an image or animation, a
   link or CSS ``url()``/``@import`` leaving the figure, malformed XML or bytes that are not
   UTF-8 (judged on the bytes: BOMs, UTF-16 without one), more than 1 MB, CDATA, a comment
   hiding markup, one of the theme's ids (``__config``), or a ``<style>`` selector that could
   style the page outside the figure fails the build, naming every file and line at fault.
   Rejected, not stripped: the file itself is served too ("그림 파일 열기"), and an SVG
   opened on its own runs its scripts; a figure is generated, so its generator is what to fix. A ``docs/img/<name>.svg``
   of the same name is an error.
2. ``on_page_markdown``: a link/image target that resolves into the top-level ``img/`` is
   rewritten to the docs-relative path of that file, so MkDocs validates it like any other
   link. A target inside top-level ``img/`` naming a file that is not there fails the build.
3. ``on_post_page``: each ``<img>`` of such a figure is replaced by the checked SVG tree,
   serialized again (``SvgFigure.markup``: comments dropped, nothing else changed), with the
   image's alt text as ``aria-label`` and ``role="img"`` and the Markdown image title as the
   SVG's ``<title>`` (the hover tooltip, as on an ``<img>``; without a title the figure keeps
   its own). Inline, the SVG's own CSS sees Material's palette variables and
   ``[data-md-color-scheme=slate]``, so it follows the light/dark toggle (an ``<img>`` SVG
   only sees the OS ``prefers-color-scheme``). This runs after the search plugin indexed the
   page, so figure numbers stay out of the search index. A small link to the file follows
   each figure (full-size view on a phone; the link crawl checks it; ``.figure-open`` in
   docs/assets/stylesheets/extra.css styles it for every figure family). An ``<img>`` with
   attributes other than ``src``/``alt``/``title``/``class``, or without alt text, fails
   the build. A figure may not repeat an id of its page (or of a figure before it on the
   page): the build fails naming the page, the figure and the id.

Every failure is a ``PluginError``: one message naming the file and the fix, no traceback.
The files stay in the site too (``img/<name>.svg``), so "open image" and direct links work.
"""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from hooks.security.markup import SvgFigure, UnsafeMarkup, parse_svg

IMG_DIR = "img"
_LINK = re.compile(r"(\]\()(<?)([^)\s>]+\.svg)(>?)")  # Markdown [..](target.svg) / ![..](target.svg)
_IMG_TAG = re.compile(r"<img\b([^>]*?)/?>")
_ATTR = re.compile(r'([\w:-]+)="([^"]*)"')
_ID = re.compile(r'\sid="([^"]*)"')


def _root(config) -> Path:
    return Path(config["config_file_path"]).resolve().parent


def generator(path: Path, root: Path) -> str | None:
    """Who draws ``img/<family>_x.svg``: ``tools/figures/<family>.py`` (found by name: the build
    has no torch to import it), or None when no module does."""
    module = root / "tools" / "figures" / f"{path.name.split('_', 1)[0]}.py"
    return module.relative_to(root).as_posix() if module.is_file() else None


def _fix(name: str, who: str | None) -> str:
    if who is None:
        return f"  fix {name}: a hand-drawn figure (no tools/figures/ module draws it): fix the lines above by hand, or remove it"
    return f"  fix {name}: redraw it with `make update FILE={name}` ({who} draws it), or fix {who}"


def check_figures(paths: list[Path], root: Path) -> dict[Path, SvgFigure]:
    """Every figure checked; one ``PluginError`` listing every problem of every file."""
    checked: dict[Path, SvgFigure] = {}
    problems: list[str] = []
    drawers: dict[str, str] = {}
    for path in paths:
        name = path.relative_to(root).as_posix()
        try:
            checked[path] = parse_svg(path.read_bytes())
        except UnsafeMarkup as exc:
            problems += [f"  {name}: {p}" for p in exc.problems]
            drawers[name] = generator(path, root)
    if problems:
        raise PluginError(
            "figures: these figures cannot go into a page (figures are static SVG: no "
            "scripts, event handlers, foreignObject, images, links or CSS url()/@import leaving "
            "the figure; well-formed UTF-8 XML):\n" + "\n".join(problems + [_fix(name, who) for name, who in drawers.items()])
        )
    return checked


class Figures:
    """The checked figures of one build: site url ("img/x.svg") -> the figure."""

    def __init__(self) -> None:
        self.figures: dict[str, SvgFigure] = {}

    def add_figures(self, files, config):
        """Step 1 (``on_files``): check every top-level figure and add it to the build."""
        self.figures.clear()  # `make serve` rebuilds after `make update` redraws a figure
        root = _root(config)
        paths = sorted((root / IMG_DIR).glob("*.svg"))
        checked = check_figures(paths, root)
        for path in paths:
            uri = f"{IMG_DIR}/{path.name}"
            if files.get_file_from_path(uri) is not None:
                raise PluginError(
                    f"figures: docs/{uri} and top-level {uri} both exist: keep one (figures live in top-level {IMG_DIR}/)"
                )
            f = File.generated(config, uri, abs_src_path=str(path))
            files.append(f)
            self.figures[f.url] = checked[path]
        return files

    def refresh(self, path: Path, config) -> None:
        """``make serve``'s page update (tools/live.py): check one saved figure again."""
        self.figures[f"{IMG_DIR}/{path.name}"] = check_figures([path], _root(config))[path]

    def link_figures(self, markdown, page, config, files):
        """Step 2 (``on_page_markdown``): links into top-level img/ as docs-relative links."""
        if ".svg" not in markdown:
            return markdown  # no link _LINK could match
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
                raise PluginError(
                    f"figures: docs/{page.file.src_uri} links {target}, but {IMG_DIR}/{resolved.name} "
                    "does not exist: fix the link, or generate the figure (`make update`)"
                )
            as_if = docs_dir / IMG_DIR / resolved.name
            rel = posixpath.relpath(as_if.as_posix(), page_dir.as_posix())
            return f"{m.group(1)}{m.group(2)}{rel}{m.group(4)}"

        return _LINK.sub(fix, markdown)

    def inline_figures(self, output, page, config):
        """Step 3 (``on_post_page``): each figure's <img> replaced by the checked SVG."""
        if not self.figures or "<img" not in output:
            return output
        base = page.url if page.url.endswith("/") or not page.url else posixpath.dirname(page.url) + "/"
        where = f"figures: docs/{page.file.src_uri}"
        taken: set[str] | None = None  # the page's own ids (read at its first figure): a figure's may not repeat one

        def inline(m: re.Match) -> str:
            attrs = {k: html.unescape(v) for k, v in _ATTR.findall(m.group(1))}
            src = attrs.get("src", "")
            if "://" in src:
                return m.group(0)
            url = posixpath.normpath(posixpath.join(base, src)) if not src.startswith("/") else src.lstrip("/")
            if url not in self.figures:
                return m.group(0)
            unknown = set(attrs) - {"src", "alt", "title", "class"}
            if unknown:
                raise PluginError(
                    f"{where}: the image {src} has attributes {sorted(unknown)}: an inlined "
                    'figure takes only alt, title and class (write it as ![alt](file.svg "title"))'
                )
            alt = attrs.get("alt", "").strip()
            if not alt:
                raise PluginError(f"{where}: the image {src} has no alt text: write ![what the figure shows]({src})")
            title = attrs.get("title", "").strip() or None
            nonlocal taken
            if taken is None:
                taken = set(_ID.findall(output))
            clash = sorted(self.figures[url].ids & taken)
            if clash:
                raise PluginError(
                    f"{where}: the figure {src} has id {', '.join(map(repr, clash))}, which the page (or a figure before it) "
                    "has too: ids are unique in a page (links and url(#id) would reach the other one); rename it in the figure"
                )
            taken.update(self.figures[url].ids)
            svg = self.figures[url].markup(
                first=[("role", "img"), ("aria-label", alt)], add_class=attrs.get("class", ""), title=title
            )
            # a plain link to the file keeps it reachable (zoom on a phone) and crawlable
            name = posixpath.basename(url)
            return f'{svg}<a class="figure-open" href="{html.escape(src)}">그림 파일 열기: {name}</a>'

        return _IMG_TAG.sub(inline, output)
