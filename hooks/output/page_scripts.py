"""Our two small page scripts, inline and minified after Material's bundle on every page.

``page_scripts/a11y.js`` (names what Material's run-time markup leaves unnamed, for axe) and
``page_scripts/search-highlight.js`` (only real words of ``?h=`` reach Material's highlighter)
were two ``extra_javascript`` files. Lighthouse's simulation put those two requests between
first paint and interactive: day11's blocking time was 57-70 ms with them and 0 ms with the
same code inline (bench/README.md, "속도 3차"). Inline but with their comments, they made
day11's HTML 2.7 KB (gzip) bigger, about one TCP window, and first paint 0.1 s later ("속도
4차"): so they are minified (rjsmin, as ``minify`` does for our files) into Jinja globals,
``page_scripts.a11y`` and ``page_scripts.search_highlight``, that
``overrides/partials/page-scripts.html`` puts into ``<script>`` elements. ``hooks/security/csp``
allows exactly these texts (``minified()``) by hash, besides the theme's own inline scripts.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from hooks.output.minify import MINIFIERS

SOURCES = Path(__file__).parent / "page_scripts"
NAMES = {"a11y": "a11y.js", "search_highlight": "search-highlight.js"}
SCRIPT_END = re.compile(r"</script|<!--", re.I)  # would end or confuse the <script> element


def minified() -> dict[str, str]:
    """Each page script's published text, by its Jinja name; a clear error if one cannot be inlined.
    Called twice a build (the template's globals, the policy's hashes): a source is read and
    minified again only when it changed (``make serve`` edits)."""
    scripts = {}
    for name, file in NAMES.items():
        path = SOURCES / file
        try:
            stat = path.stat()
        except OSError as exc:
            raise PluginError(f"{path}: cannot read the page script ({exc})") from None
        scripts[name] = _minify(path, stat.st_mtime_ns, stat.st_size)
    return scripts


@functools.lru_cache(maxsize=8)
def _minify(path: Path, mtime_ns: int, size: int) -> str:
    """``path`` minified (the stat values only key the cache)."""
    try:
        text = MINIFIERS[".js"](path.read_text(encoding="utf-8")).strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise PluginError(f"{path}: cannot read the page script ({exc})") from None
    if not text:
        raise PluginError(f"{path}: the minifier returned nothing; check the file for an unclosed comment or string")
    if m := SCRIPT_END.search(text):
        raise PluginError(f"{path}: {m.group(0)!r} cannot stand in an inline <script>; write it as '<\\/script' or '<\\!--'")
    return text


def install(env) -> None:
    """The scripts as Jinja globals for ``overrides/partials/page-scripts.html``."""
    env.globals["page_scripts"] = minified()
