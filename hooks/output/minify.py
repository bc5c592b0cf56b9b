"""Our own JavaScript and CSS are published minified; the sources stay readable.

The files under ``docs/assets/`` and ``overrides/assets/`` (the gather explorer, the search
worker, extra.css ...) are written for people: long comments explain each rule.
Readers only need the code: day12's first load was 148.6 KB gzip of its 150 KB budget, of
which the explorer's commented source was 19.4 KB (13.1 KB minified). After the build has
copied them, this hook rewrites those copies in ``site/`` with rjsmin / rcssmin (small,
well-kept lexer-based minifiers: comments and whitespace go, names and code stay, so what
runs is what the source says). Material's own files are minified already and are left alone.
The browser tests (explorer fuzz, search, quality scan) run the minified files.
"""

from __future__ import annotations

import logging
from pathlib import Path

import rcssmin
import rjsmin
from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.output")
MINIFIERS = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}


def _owned_dirs(config) -> list[Path]:
    dirs = [Path(config.docs_dir)]
    if config.theme.custom_dir:
        dirs.append(Path(config.theme.custom_dir))
    return [d.resolve() for d in dirs]


class Minifier:
    """Our JS and CSS of one build: ``collect`` in ``on_files``, ``minify`` in ``on_post_build``."""

    def __init__(self) -> None:
        self.ours: list[tuple[Path, Path]] = []  # (source, published copy) of the current build

    def collect(self, files, config) -> None:
        owned = _owned_dirs(config)
        self.ours.clear()
        for file in files:
            src = Path(file.abs_src_path).resolve() if file.abs_src_path else None
            if src and src.suffix in MINIFIERS and any(src.is_relative_to(d) for d in owned):
                self.ours.append((src, Path(file.abs_dest_path)))

    def minify(self) -> None:
        before = after = 0
        for src, dest in self.ours:
            if not dest.is_file():
                continue  # excluded or not published
            try:
                text = dest.read_text(encoding="utf-8")
            except UnicodeDecodeError as exc:
                raise PluginError(f"{src}: not UTF-8 ({exc.reason} at byte {exc.start}); save the file as UTF-8") from None
            small = MINIFIERS[src.suffix](text)
            if text.strip() and not small.strip():
                raise PluginError(f"{src}: the minifier returned nothing; check the file for an unclosed comment or string")
            dest.write_text(small, encoding="utf-8")
            before, after = before + len(text.encode()), after + len(small.encode())
        log.debug("minified %d files: %d -> %d bytes", len(self.ours), before, after)
