"""Reading built pages: ``parse_html`` (one HTML parser: ids, links, anchors, scripts,
headings), ``crawl`` (every broken internal link of a built site) and ``load_search_index``
(the two-file search index as the search worker merges it).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass
class Html:
    """What the tests read from a built page."""

    ids: set[str] = field(default_factory=set)
    refs: list[tuple[str, str]] = field(default_factory=list)  # (href|src|srcset, url)
    anchors: list[dict] = field(default_factory=list)  # attributes of every <a>
    scripts: list[dict] = field(default_factory=list)  # attributes of every <script>
    headings: list[tuple[int, str, str, bool]] = field(default_factory=list)
    # (level, id, text without the permalink and the search-excluded 덧붙임 tag, data-search-exclude) of h1-h6 with an id


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = Html()
        self._heading: list | None = None
        self._skip = 0
        self._skip_span = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name"):
                self.out.ids.add(value)
            elif name in ("href", "src") and tag != "base":
                self.out.refs.append((name, value))
            elif name == "srcset":
                self.out.refs += [(name, p.strip().split()[0]) for p in value.split(",") if p.strip()]
        if tag == "a":
            self.out.anchors.append(a)
            if self._heading is not None and "headerlink" in (a.get("class") or ""):
                self._skip += 1
        elif tag == "span" and self._heading is not None and "data-search-exclude" in a:
            self._skip_span += 1  # hooks/headings/added.py's tag: not part of the heading's text
        elif tag == "script":
            self.out.scripts.append(a)
        elif re.fullmatch(r"h[1-6]", tag) and a.get("id"):
            self._heading = [int(tag[1]), a["id"], "", "data-search-exclude" in a]

    def handle_endtag(self, tag):
        if self._heading is not None and re.fullmatch(r"h[1-6]", tag):
            level, hid, text, excluded = self._heading
            self.out.headings.append((level, hid, " ".join(text.split()), excluded))
            self._heading = None
        elif self._skip and tag == "a":
            self._skip -= 1
        elif self._skip_span and tag == "span":
            self._skip_span -= 1

    def handle_data(self, data):
        if self._heading is not None and not self._skip and not self._skip_span:
            self._heading[2] += data


def parse_html(source: str | Path) -> Html:
    """Parse a built page (a path or its text)."""
    text = source.read_text(encoding="utf-8", errors="replace") if isinstance(source, Path) else source
    parser = _Parser()
    parser.feed(text)
    parser.close()
    return parser.out


def _target_file(site: Path, page: Path, ref: str) -> Path:
    path = unquote(urlsplit(ref).path)
    base = site if path.startswith("/") else page.parent
    target = (base / path.lstrip("/")).resolve() if path else page
    if target.is_dir():
        target = target / "index.html"
    return target


def crawl(site: Path) -> list[str]:
    """Every broken internal href/src/#fragment in the built site, as readable lines."""
    parsed: dict[Path, Html] = {}

    def get(p: Path) -> Html:
        if p not in parsed:
            parsed[p] = parse_html(p)
        return parsed[p]

    problems = []
    for page in sorted(site.rglob("*.html")):
        for attr, ref in get(page).refs:
            parts = urlsplit(ref)
            if parts.scheme or ref.startswith("//"):
                continue  # external (checked by the no-foreign-request browser tests)
            target = _target_file(site, page, ref)
            where = f"{page.relative_to(site)}: {attr}={ref!r}"
            if not target.resolve().is_relative_to(site.resolve()):
                problems.append(f"{where} points outside the site")
                continue
            if not target.exists():
                problems.append(f"{where} -> missing {target.relative_to(site.resolve())}")
                continue
            frag = unquote(parts.fragment)
            if frag and target.suffix == ".html" and frag not in get(target).ids:
                problems.append(f"{where} -> no id {frag!r} in {target.relative_to(site.resolve())}")
    return problems


def load_search_index(site_dir: Path, *, first_only: bool = False) -> dict:
    """The built search index as the search worker searches it: ``search/search_index.json``
    (what Material downloads first: every entry, text left empty) merged with the text file
    its ``config.text_url`` names (fetched on the first keystroke); see hooks/search/extension.py.
    ``first_only``: the first file alone."""
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    url = index["config"].get("text_url")
    if first_only or url is None:
        return index
    rest = {d["location"]: d for d in json.loads((site_dir / url.split("?")[0]).read_text(encoding="utf-8"))}
    index["docs"] = [{**d, **rest.get(d["location"], {})} for d in index["docs"]]
    return index
