"""Backlinks: each note ends with "이 노트를 가리키는 노트", every other note and section that
links to it, with the linking sentence, generated at build time (no request at run time).

``on_page_content`` reads each page's HTML (the links MkDocs has already made relative to
the built site): for every ``<a href>`` to another note, the source page, the heading of the
section the link is in and the text of the sentence (paragraph or list item) it is in.
Every page is rendered before the first ``on_post_page`` (MkDocs renders all Markdown, then
writes the pages), so ``on_post_page`` can put the complete list into each note, before the
"last updated" line. It is added after the search plugin read the page: the list stays out of
the search index (it repeats other notes' sentences); its title is no heading (a ``nav``
landmark named by it), so the table of contents and the heading-id rules stay the note's own. A note
nothing links to gets nothing. Notes are the Markdown pages in a folder (``day12/day12.md``);
the home page and the notebooks may link to notes but get no list themselves.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from hooks.cache.store import Store

TITLE = "이 노트를 가리키는 노트"
BLOCKS = {"p", "li", "td", "th", "dd", "dt", "figcaption"}
HEADING = re.compile(r"h[1-6]")
# The tags ``_Links`` does nothing with (all but <a>, headings, BLOCKS, and the raw-text elements
# whose content HTMLParser reads as text), with plain double-quoted attributes: dropped before the
# parse, they change nothing it finds (their only effect is to cut the text into more pieces),
# and they are most of a page (Pygments' spans: a 100-note course's parse 175 -> 100 ms). Only
# when ``_KEEP_TAGS`` finds nothing in the page: a character reference that a dropped tag could
# cut or end (``&lt`` without ";"), a comment or declaration whose end a dropped tag could move,
# raw text, "<" or ">" in an attribute value (a dropped "tag" could be part of the value).
_READS = BLOCKS | {"a"} | {f"h{n}" for n in range(1, 7)}  # the tags handle_starttag acts on
_READ = sorted(_READS | {"script", "style"})  # and the raw-text ones: never dropped
_IGNORED_TAG = re.compile(rf'</?(?!(?:{"|".join(_READ)})[\s/>])[a-zA-Z][\w-]*(?:\s+[\w:-]+="[^"<>&]*")*\s*/?>', re.I)
_KEEP_TAGS = re.compile(
    r"<\?|<!(?!--(?:[^<>-]|-(?!-))*-->)"  # a declaration, or a comment other than a plain <!-- words -->
    r"|<(script|style)\b(?![^<>]*>\s*</\1\s*>)"  # raw text (an empty <script src=...></script> is none)
    r"|<(?:textarea|title|xmp|iframe|noembed|noframes|noscript|plaintext)\b"
    r"|<[a-zA-Z][^<>]*=\s*(?:<|\"[^\"]*[<>]|'[^']*[<>])"  # an attribute value with < or > (in a tag)
    r"|&(?!(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]{0,31});)",
    re.I,
)
SENTENCE = 140  # characters of the linking sentence shown
END = ('<aside class="md-source-file">', "</article>")  # the list goes before the first, and the blank before it


@dataclass(frozen=True)
class Backlink:
    source: str  # url of the linking page
    heading_id: str
    heading: str
    sentence: str
    fragment: str  # the heading of the target it links to ("" for the page)


class _Links(HTMLParser):
    """(href, heading id, heading text, sentence) of every link of a page's HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.heading = ("", "")
        self._in_heading: list | None = None
        self._skip = 0
        self.blocks: list[list] = []  # open blocks: [text, links]
        self.found: list[tuple[str, str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag not in _READS:
            return  # a tag with no part in what is found (its attributes are not looked at)
        a = dict(attrs)
        if HEADING.fullmatch(tag) and a.get("id"):
            self._in_heading = [a["id"], ""]
        elif tag == "a" and "headerlink" in (a.get("class") or ""):
            self._skip += 1
        elif tag in BLOCKS:
            self.blocks.append(["", []])
        if tag == "a" and a.get("href") and not self._skip:
            if self.blocks:
                self.blocks[-1][1].append((a["href"], self.heading))
            else:  # a link outside any paragraph (a heading, a table of contents): no sentence
                self.found.append((a["href"], *self.heading, ""))

    def handle_endtag(self, tag):
        if self._in_heading is not None and HEADING.fullmatch(tag):
            self.heading = (self._in_heading[0], " ".join(self._in_heading[1].split()))
            self._in_heading = None
        elif tag == "a" and self._skip:
            self._skip -= 1
        elif tag in BLOCKS and self.blocks:
            text, links = self.blocks.pop()
            sentence = " ".join(text.split())
            for href, (hid, heading) in links:
                self.found.append((href, hid, heading, sentence))
            if self.blocks:  # a nested list item's text belongs to its parent too
                self.blocks[-1][0] += " " + text

    def handle_data(self, data):
        if self._in_heading is not None and not self._skip:
            self._in_heading[1] += data
        if self.blocks:
            self.blocks[-1][0] += data


def _found(html_text: str) -> list[list[str]]:
    """[href, heading id, heading text, sentence] of every link in a page's HTML, in order."""
    parser = _Links()
    parser.feed(html_text if _KEEP_TAGS.search(html_text) else _IGNORED_TAG.sub("", html_text))
    parser.close()
    return [list(link) for link in parser.found]


def _target(page_url: str, href: str) -> tuple[str, str] | None:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("/"):
        return None
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    path = posixpath.normpath(posixpath.join(base, unquote(parts.path))) if parts.path else page_url.rstrip("/")
    path = "" if path == "." else path + "/"
    return path, unquote(parts.fragment)


def _toc(toc):
    for item in toc or []:
        yield item.id, html.unescape(re.sub(r"<[^>]+>", "", item.title))
        yield from _toc(item.children)


def _short(sentence: str) -> str:
    return sentence if len(sentence) <= SENTENCE else sentence[: SENTENCE - 1].rstrip() + "…"


class Backlinks:
    """One build: the links read from every page, then a list added to each note."""

    def __init__(self, store: Store | None = None) -> None:
        self.into: dict[str, list[Backlink]] = {}  # target url -> backlinks
        self.titles: dict[str, str] = {}
        self.store = store or Store()

    def start(self) -> None:
        self.into, self.titles = {}, {}

    @staticmethod
    def is_note(page) -> bool:
        return "/" in page.file.src_uri and page.file.src_uri.endswith(".md")

    def read(self, html_text: str, page) -> None:
        """From ``on_page_content``: the links of this page into other notes."""
        self.titles[page.url] = page.title or page.url
        if "/" not in page.file.src_uri:  # the home page links to every note: not a backlink
            return
        for href, hid, heading, sentence in self.store.memo("backlinks", (html_text,), lambda: _found(html_text)):
            target = _target(page.url, href)
            if target is None or target[0] == page.url:
                continue
            link = Backlink(page.url, hid, heading, _short(sentence), target[1])
            if link not in self.into.setdefault(target[0], []):
                self.into[target[0]].append(link)

    def from_page(self, page) -> list:
        """The links read from ``page``, in order (what other notes' lists show of it)."""
        return [b for links in self.into.values() for b in links if b.source == page.url]

    def forget(self, page) -> None:
        """Drop the links read from ``page`` (``make serve`` reads the page again: tools/live.py)."""
        for target, links in self.into.items():
            self.into[target] = [b for b in links if b.source != page.url]

    def insert(self, output: str, page) -> str:
        """From ``on_post_page``: the list before the page's "last updated" line."""
        links = self.into.get(page.url) if self.is_note(page) else None
        if not links:
            return output
        headings = dict(_toc(page.toc))
        rank = {url: i for i, url in enumerate(self.titles)}  # MkDocs renders pages in navigation order
        here = page.url.rstrip("/") or "."
        rel = lambda url: html.escape(posixpath.relpath(url.rstrip("/") or ".", here) + "/")
        items = []
        for source in sorted({b.source for b in links}, key=lambda u: (rank.get(u, len(rank)), u)):
            rows = []
            for b in (b for b in links if b.source == source):
                section = f"#{html.escape(b.heading_id)}" if b.heading_id else ""
                where = f'<a href="{rel(source)}{section}">{html.escape(b.heading or b.source)}</a>'
                target = html.escape(headings.get(b.fragment, "#" + b.fragment))
                to = f' → <a href="#{html.escape(b.fragment)}">{target}</a>' if b.fragment else ""
                quote = f"<br><q>{html.escape(b.sentence)}</q>" if b.sentence else ""
                rows.append(f"<li>{where}{to}{quote}</li>")
            title = html.escape(self.titles.get(source, source))
            items.append(f'<li><a href="{rel(source)}">{title}</a><ul>{"".join(rows)}</ul></li>')
        block = (
            f'\n<nav class="backlinks" aria-label="{TITLE}">\n<p class="backlinks__title">{TITLE}</p>\n'
            f"<ul>{''.join(items)}</ul>\n</nav>"
        )
        start = output.find('<article class="md-content__inner md-typeset">')
        end = _before_end(output, start) if start >= 0 else None
        return output[:end] + block + output[end:] if end is not None else output


def _before_end(output: str, start: int) -> int | None:
    """Where the list goes: the start of the whitespace before the first ``END`` after ``start``
    (what the regex ``\\s*<aside ...>|\\s*</article>`` finds, but with ``str.find``: a pattern that
    starts with ``\\s*`` is tried at every character of the page, 40 ms of a 100-note build)."""
    found = [i for i in (output.find(end, start) for end in END) if i >= 0]
    if not found:
        return None
    i = min(found)
    while i > start and output[i - 1].isspace():  # str.isspace is what \s matches in a str pattern
        i -= 1
    return i
