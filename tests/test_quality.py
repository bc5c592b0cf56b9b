"""Quality gates for every built page: in Debian Chromium, and statically over the HTML.

Pages are discovered from the build (every ``index.html`` in ``site_dir``), so a page added
later is covered without touching this file. The browser scan loads a page twice, once with
the reader's system in light mode and once in dark mode (Material's palette follows the system
preference by default, which is what a reader gets). It loads every page of a small site; on a
long course every page kind fully and every changed page (``tools.harness.pages.browser_pages``:
a load with axe costs seconds, the course hundreds of pages), and the static checks below read
every page's HTML for the same classes of defect (no browser: ``make check`` runs them). On
the scanned loads:

* no request leaves the site (every request to another host is blocked and recorded),
* no console error, uncaught exception or failed/4xx same-site request,
* one Content-Security-Policy and no violation of it,
* axe-core (``node_modules/axe-core``, injected into the page): 0 violations, light and dark,
* the palette follows the system's colour scheme.

Statically, on every page: nothing loaded from another host, Korean alt text on every content
image, page furniture (per-page description + OpenGraph, Korean last-updated date, edit
link), the accessibility rules that a page's own content can break (unique ids, named links,
headings in order and not empty, tables with headers), and the first-load budget (the page's
own HTML and images plus the theme's files as measured on a scanned page of its kind). The
links and the policy of every page are checked in tests/test_build.py and tests/test_security.py.

Plus: keyboard reachability (palette toggle, search, gather explorer), the Korean 404 page
served the way GitHub Pages serves it, the sitemap, a reproducible-build check, and every
page's first load within the page-weight budget (gzip, as GitHub Pages serves it).
"""

from __future__ import annotations

import filecmp
import gzip
import json
import re
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tools import ROOT
from tools.harness.browser import (
    AXE,
    PAGE_BUDGET,
    RECORD_VIOLATIONS,
    block_foreign_requests,
    in_two_browsers,
    inject_axe,
    page_weights,
    settle,
    track_requests,
    watch_errors,
)
from tools.harness.build import build_site, discover_pages, mkdocs_config
from tools.harness.copies import PROJECT_FILES
from tools.harness.pages import FULL_SCAN_UP_TO, browser_pages, changed_sources, page_kind, page_sources
from tools.harness.serve import serve_directory

HANGUL = re.compile(r"[\uac00-\ud7a3]")
KOREAN_DATE = re.compile(r"\d{4}년 \d{1,2}월 \d{1,2}일")
SCHEMES = ("light", "dark")
GATHER_INPUT = "[data-gather-explorer] [data-role=input]"


# --------------------------------------------------------------------------------------
# One scan of every page in both schemes; the tests below assert on its records.

COLLECT_JS = """() => {
  const meta = (sel) => { const e = document.querySelector(sel); return e ? e.getAttribute('content') : null; };
  const body = document.body;
  return {
    lang: document.documentElement.lang,
    title: document.title,
    scheme: body.getAttribute('data-md-color-scheme'),
    background: getComputedStyle(body).backgroundColor,
    description: meta('meta[name="description"]'),
    og_description: meta('meta[property="og:description"]'),
    og_title: meta('meta[property="og:title"]'),
    csp: window.__csp || ['no record of CSP violations (RECORD_VIOLATIONS did not run)'],
    policies: document.querySelectorAll('meta[http-equiv="Content-Security-Policy"]').length,
  };
}"""

# The palette changes only CSS custom properties, not the DOM: in dark mode only the rules
# that read colours can come out differently, so the dark run is limited to those (a full
# run on the biggest page costs seconds). The light run uses every default axe rule.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]

AXE_JS = """async (rules) => {
  const options = {resultTypes: ['violations']};
  if (rules) options.runOnly = {type: 'rule', values: rules};
  const result = await axe.run(document, options);
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => ({target: n.target.join(' '), summary: n.failureSummary})),
    count: v.nodes.length,
  }));
}"""


@dataclass
class Load:
    page: str
    scheme: str
    foreign: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    info: dict = field(default_factory=dict)
    violations: list[dict] = field(default_factory=list)


def _relative_luminance(css_rgb: str) -> float:
    r, g, b = (int(x) / 255 for x in re.findall(r"\d+", css_rgb)[:3])
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def open_context(browser, site_url: str, scheme: str, width: int = 1280):
    """A context whose system colour scheme is ``scheme``; requests to other hosts are
    aborted and recorded in ``ctx.foreign`` (a list the caller may clear between loads)."""
    ctx = browser.new_context(locale="ko-KR", color_scheme=scheme, viewport={"width": width, "height": 900})
    ctx.foreign = block_foreign_requests(ctx, site_url)
    ctx.add_init_script(RECORD_VIOLATIONS)
    return ctx


def load(pg, ctx, site_url: str, path: str, scheme: str) -> Load:
    rec = Load(path, scheme)
    ctx.foreign.clear()
    errors: list[str] = []
    watch_errors(pg, site_url, errors)
    pg.goto(site_url + path, wait_until="load")
    # late requests (search worker, repository facts, lazy images) happen after "load"
    pg.wait_for_load_state("networkidle")
    want = "slate" if scheme == "dark" else "default"
    try:
        pg.wait_for_function(f"() => document.body.getAttribute('data-md-color-scheme') === '{want}'", timeout=3000)
    except Exception:
        pass  # recorded below and reported by test_dark_mode_switches_colours
    rec.info = pg.evaluate(COLLECT_JS)
    inject_axe(pg)
    rec.violations = pg.evaluate(AXE_JS, COLOUR_RULES if scheme == "dark" else None)
    rec.foreign = list(ctx.foreign)
    rec.errors = list(errors)  # not what closing the page aborts afterwards
    return rec


@pytest.fixture(scope="module")
def pages(site_dir) -> list[str]:
    found = discover_pages(site_dir)
    assert "" in found, f"no home page index.html in the build: {found}"
    return found


@pytest.fixture(scope="module")
def scanned(site_dir, pages) -> list[str]:
    """The pages the browser loads (``browser_pages``): all of a small site, else every kind
    and every changed page."""
    sizes = {p: (site_dir / p / "index.html").stat().st_size for p in pages}
    return browser_pages(pages, sizes, page_sources(), changed_sources())


@pytest.fixture(scope="module")
def scan(browser, site_url, scanned) -> dict[tuple[str, str], Load]:
    """The scanned pages in both schemes, in two browsers at once (``in_two_browsers``; each keeps
    one context per scheme): the light loads first (every axe rule, the slow ones), then
    the dark ones (colour rules)."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` (make test does it)")
    contexts = {}  # (browser, scheme) -> context; the second browser's close with it

    def scan_load(b, item: tuple[str, str]) -> Load:
        path, scheme = item
        if (b, scheme) not in contexts:
            contexts[(b, scheme)] = open_context(b, site_url, scheme)
        ctx = contexts[(b, scheme)]
        pg = ctx.new_page()
        try:
            return load(pg, ctx, site_url, path, scheme)
        finally:
            pg.close()

    todo = [(path, scheme) for scheme in SCHEMES for path in scanned]
    try:
        loads = in_two_browsers(browser, todo, scan_load)
    finally:
        for (b, _), ctx in contexts.items():
            if b is browser:
                ctx.close()
    return dict(zip(todo, loads))


def _report(problems: dict[str, list[str]]) -> str:
    return "\n".join(f"/{where}:\n    " + "\n    ".join(items) for where, items in problems.items())


def test_every_built_page_is_discovered_and_every_kind_scanned(pages, scanned, scan):
    """Discovery is from the build: every source page became a page; the scan loaded, in both
    schemes, every page of a small site, else at least one page of every kind there is."""
    sources = [p for p in (ROOT / "docs").rglob("*") if p.suffix in (".md", ".ipynb")]
    assert len(pages) >= len(sources) >= 3, (pages, sources)
    for src in sources:  # each source file became a page of its own
        rel = src.relative_to(ROOT / "docs").with_suffix("").as_posix()
        want = "" if rel == "index" else rel + "/"
        assert want in pages, f"{src.relative_to(ROOT)} has no built page ({want!r})"
    if len(pages) <= FULL_SCAN_UP_TO:
        assert scanned == pages
    kinds = page_sources()
    assert {page_kind(p, kinds.get(p)) for p in scanned} == {page_kind(p, kinds.get(p)) for p in pages}
    assert sorted(scan) == sorted((page, scheme) for page in scanned for scheme in SCHEMES)
    assert all(r.info.get("title") for r in scan.values()), "a scanned page has no title: did it load?"


def test_no_request_leaves_the_site(scan):
    problems = {f"{p} ({s})": r.foreign for (p, s), r in scan.items() if r.foreign}
    assert not problems, "requests to other hosts (blocked):\n" + _report(problems)


def test_no_console_errors(scan):
    problems = {f"{p} ({s})": r.errors for (p, s), r in scan.items() if r.errors}
    assert not problems, "console errors / failed requests:\n" + _report(problems)


def test_every_page_runs_under_its_content_security_policy(scan):
    """Every page carries one policy (``hooks/content_security_policy.py``; tests/test_security.py
    checks what it allows) and, loaded in either scheme, violates it nowhere: no script,
    style, worker, font or image of the site is blocked."""
    problems = {
        f"{p} ({s})": r.info["csp"] + ([] if r.info["policies"] == 1 else [f"{r.info['policies']} policy meta tags"])
        for (p, s), r in scan.items()
        if r.info["csp"] or r.info["policies"] != 1
    }
    assert not problems, "Content-Security-Policy:\n" + _report(problems)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_reports_no_violations(scan, scheme):
    problems = {}
    for (p, s), r in scan.items():
        if s != scheme or not r.violations:
            continue
        lines = []
        for v in r.violations:
            lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['count']} nodes)")
            for n in v["nodes"]:
                lines.append(f"    {n['target']}: {n['summary']}".replace("\n", " "))
        problems[f"{p} ({s})"] = lines
    assert not problems, f"axe-core violations in {scheme} mode:\n" + _report(problems)


def test_dark_mode_switches_colours(scan):
    """The system preference really switches Material's palette (and the colours with it)."""
    problems = {}
    for (p, s), r in scan.items():
        want = "slate" if s == "dark" else "default"
        lum = _relative_luminance(r.info["background"])
        dark = lum < 0.1
        if r.info["scheme"] != want or dark != (s == "dark"):
            problems[f"{p} ({s})"] = [f"scheme={r.info['scheme']!r} background={r.info['background']}"]
    assert not problems, "palette did not follow the system colour scheme:\n" + _report(problems)


# --------------------------------------------------------------------------------------
# Static checks of every page's HTML (no browser): what the scan would see on the pages it
# does not load, for the defects a page's own content can bring.


# What a page makes the browser fetch (tag -> attribute); <link> except these rel values.
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
LOADS = {
    "script": "src",
    "img": "src",
    "iframe": "src",
    "embed": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "track": "src",
    "object": "data",
    "image": "href",
    "use": "href",
    "input": "src",
}
NOT_LOADED = frozenset({"canonical", "alternate", "prev", "next", "author", "license", "search", "me"})


class StaticPage(HTMLParser):
    """What the static checks read from one built page: furniture, resources it loads,
    content images, links, headings, tables and ids (``.md-content``: the article)."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.lang = None
        self.meta: dict[str, str] = {}
        self.loads: list[str] = []  # URLs the page makes the browser fetch
        self.repo_link: list[str] = []
        self.edit: list[str] = []
        self.updated: list[str] = []
        self.images: list[dict] = []  # content images: src/id, alt or label(s)
        self.links: list[dict] = []  # content links: href, accessible name
        self.headings: list[tuple[int, str]] = []  # content headings: level, text
        self.tables: list[int] = []  # content tables: number of header cells
        self.ids: list[str] = []
        self.text_of: dict[str, str] = {}  # id -> text (for aria-labelledby)
        self._open: list[tuple[str, dict]] = []  # open elements (tag, attrs), for nesting
        self._content = 0  # depth inside .md-content
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if a.get("id"):
            self.ids.append(a["id"])
        cls = a.get("class", "").split()
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "meta" and ("name" in a or "property" in a):
            self.meta[a.get("name") or a["property"]] = a.get("content", "")
        elif tag == "link" and a.get("href") and not (set(a.get("rel", "").split()) & NOT_LOADED):
            self.loads.append(a["href"])
        if LOADS.get(tag) in a:
            self.loads.append(a[LOADS[tag]])
        if "srcset" in a:
            self.loads += [c.strip().split()[0] for c in a["srcset"].split(",") if c.strip()]
        self.loads += re.findall(r"url\(\s*['\"]?([^'\")]+)", a.get("style", ""))
        if tag == "a" and "md-source" in cls:
            self.repo_link.append(a.get("href", ""))
        if tag == "a" and "md-content__button" in cls and a.get("rel") == "edit":
            self.edit.append(a.get("href", ""))
        if "git-revision-date-localized-plugin" in cls:
            self.updated.append("")
        if "md-content" in cls or self._content:
            self._content += 1
            if tag == "img":
                self.images.append({"src": a.get("src", ""), "alt": a.get("alt")})
            elif tag == "svg" and a.get("role") == "img":
                self.images.append({"src": a.get("id") or "svg", "alt": a.get("aria-label"), "by": a.get("aria-labelledby", "")})
            elif tag == "a" and a.get("href") is not None and "headerlink" not in cls:
                self.links.append({"href": a["href"], "name": a.get("aria-label") or a.get("title") or ""})
            elif re.fullmatch(r"h[1-6]", tag):
                self.headings.append((int(tag[1]), ""))
            elif tag == "table":
                self.tables.append(0)
            elif tag == "th" and self.tables:
                self.tables[-1] += 1
        if tag not in VOID:
            self._open.append((tag, a))
        elif tag == "img" and self._content and self.links and self._inside("a"):
            self.links[-1]["name"] += a.get("alt", "")
        if tag in VOID and self._content:
            self._content -= 1

    def _inside(self, tag: str) -> bool:
        return any(t == tag for t, _ in self._open)

    def handle_endtag(self, tag):
        while self._open:
            t, _ = self._open.pop()
            if self._content:
                self._content -= 1
            if t == tag:
                break

    def handle_data(self, data):
        for _, a in self._open:
            if a.get("id"):
                self.text_of[a["id"]] = self.text_of.get(a["id"], "") + data
        if self.updated and self._open and "git-revision-date-localized-plugin" in self._open[-1][1].get("class", ""):
            self.updated[-1] += data
        if not self._content:
            return
        if self._inside("a") and self.links and not any("headerlink" in a.get("class", "") for _, a in self._open):
            self.links[-1]["name"] += data
        if self.headings and any(re.fullmatch(r"h[1-6]", t) for t, _ in self._open):
            if not any("headerlink" in a.get("class", "") for _, a in self._open):
                level, text = self.headings[-1]
                self.headings[-1] = (level, text + data)

    def label(self, image: dict) -> str:
        """An image's text alternative: alt, aria-label, or the text aria-labelledby names."""
        if image.get("alt"):
            return image["alt"]
        return " ".join(self.text_of.get(i, "") for i in image.get("by", "").split()).strip()


@pytest.fixture(scope="module")
def static_pages(site_dir, pages) -> dict[str, StaticPage]:
    return {p: StaticPage((site_dir / p / "index.html").read_text(encoding="utf-8")) for p in pages}


def test_no_page_loads_anything_from_another_host(static_pages):
    """Every script, style sheet, icon, image, frame and CSS url() a page names is the site's
    own file (relative, or data:): the static side of test_no_request_leaves_the_site."""
    problems = {}
    for p, page in static_pages.items():
        bad = [u for u in page.loads if (urlsplit(u).scheme not in ("", "data")) or u.startswith("//")]
        if bad:
            problems[p] = bad
    assert all(len(page.loads) >= 3 for page in static_pages.values()), "no style sheet or script found: vacuous"
    assert not problems, "pages that load files from another host:\n" + _report(problems)


def test_images_have_korean_alt(static_pages):
    """Every content image, <img> or inline <svg role=img> (the gather figures), has a
    Korean text alternative."""
    problems = {}
    checked = 0
    for p, page in static_pages.items():
        checked += len(page.images)
        bad = [f"{i['src']}: alt={page.label(i)!r}" for i in page.images if not HANGUL.search(page.label(i))]
        if bad:
            problems[p] = bad
    assert checked >= 4, f"only {checked} content images found: the check would be vacuous"
    assert not problems, "images without Korean alt text:\n" + _report(problems)


def test_page_furniture(static_pages, pages):
    """Korean <html lang>, a description of its own per page (also as OpenGraph), and on
    every note page a Korean last-updated date and an edit link into the repository."""
    cfg = mkdocs_config()
    edit_base = cfg["repo_url"].rstrip("/") + "/" + cfg["edit_uri"].strip("/") + "/"
    problems: dict[str, list[str]] = {}
    seen: dict[str, str] = {}
    for path in pages:
        info = static_pages[path]
        bad = []
        if info.lang != "ko":
            bad.append(f"<html lang={info.lang!r}>")
        desc = info.meta.get("description")
        if not desc or not HANGUL.search(desc):
            bad.append(f"meta description {desc!r}")
        elif path and desc == cfg["site_description"]:
            bad.append("meta description is the site_description: give the page `description:`")
        elif desc in seen:
            bad.append(f"same description as /{seen[desc]}")
        else:
            seen[desc] = path
        og_title, og_desc = info.meta.get("og:title"), info.meta.get("og:description")
        if og_desc != desc or not og_title:
            bad.append(f"OpenGraph: og:title={og_title!r} og:description={og_desc!r}")
        if not info.repo_link or {a.rstrip("/") for a in info.repo_link} != {cfg["repo_url"].rstrip("/")}:
            bad.append(f"repository link {info.repo_link}")
        if path:  # note pages
            updated = [u.strip() for u in info.updated]
            if len(updated) != 1 or not KOREAN_DATE.fullmatch(updated[0]):
                bad.append(f"last-updated date {updated} (want one 'YYYY년 M월 D일')")
            if len(info.edit) != 1 or not info.edit[0].startswith(edit_base):
                bad.append(f"edit link {info.edit} (want {edit_base}...)")
        if bad:
            problems[path] = bad
    assert not problems, "page furniture:\n" + _report(problems)


def test_content_passes_the_static_accessibility_rules(static_pages):
    """The axe rules a page's own content can break, on every page (axe itself runs on the
    scanned ones): ids unique (aria references and anchors), every link named, headings
    not empty and never more than one level deeper than the one before, tables with header
    cells."""
    problems: dict[str, list[str]] = {}
    for p, page in static_pages.items():
        bad = [f"duplicate id {i!r}" for i, n in Counter(page.ids).items() if n > 1]
        bad += [f"link without a name: {a['href']!r}" for a in page.links if not a["name"].strip()]
        previous = 0
        for level, text in page.headings:
            if not text.strip():
                bad.append(f"empty h{level}")
            if previous and level > previous + 1:
                bad.append(f"h{level} {text.strip()!r} follows an h{previous}")
            previous = level
        bad += [f"table {i + 1} has no header cell" for i, n in enumerate(page.tables) if not n]
        if bad:
            problems[p] = bad
    assert sum(len(page.headings) for page in static_pages.values()) >= 2 * len(static_pages)
    assert not problems, "accessibility (static):\n" + _report(problems)


# --------------------------------------------------------------------------------------
# Keyboard

FOCUSED_JS = """(sel) => {
  const e = document.activeElement;
  return e && e.matches(sel);
}"""


def tab_until(pg, selector: str, limit: int = 60) -> int | None:
    """Press Tab from the top of the page until ``selector`` has focus; the press count or None."""
    for n in range(1, limit + 1):
        pg.keyboard.press("Tab")
        if pg.evaluate(FOCUSED_JS, selector):
            return n
    return None


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_keyboard_reaches_palette_search_and_explorer(browser, site_url, pages, width):
    ctx = open_context(browser, site_url, "light", width=width)
    try:
        pg = ctx.new_page()
        errors: list[str] = []
        watch_errors(pg, site_url, errors)
        inflight = track_requests(pg)
        problems = []

        # palette toggle: reachable with Tab and operable with Enter
        pg.goto(site_url, wait_until="networkidle")  # the search worker loads lunr after "load"
        if tab_until(pg, "input.md-option[name=__palette]") is None:
            problems.append("Tab never reaches the palette toggle")
        else:
            before = pg.evaluate("document.body.getAttribute('data-md-color-scheme')")

            def wait_body(js: str) -> None:
                try:
                    pg.wait_for_function(js, timeout=10000)
                except Exception:
                    pass  # judged below from the attribute itself

            pg.keyboard.press("Enter")  # auto -> light
            wait_body("() => document.body.getAttribute('data-md-color-media') !== '(prefers-color-scheme)'")
            pg.keyboard.press("Enter")  # light -> dark
            wait_body("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
            after = pg.evaluate("document.body.getAttribute('data-md-color-scheme')")
            if (before, after) != ("default", "slate"):
                problems.append(f"Enter on the palette toggle: scheme {before!r} -> {after!r}, want default -> slate")
        # networkidle can come before the search worker asks for lunr (a loaded machine starts it
        # late): leaving the page then aborts that request (seen as lunr.ko.min.js ERR_ABORTED)
        settle(pg, inflight)

        # search: reachable with Tab, typing shows results
        pg.goto(site_url, wait_until="networkidle")  # the search worker loads lunr after "load"
        if tab_until(pg, "input.md-search__input") is None:
            problems.append("Tab never reaches the search box")
        else:
            pg.keyboard.type("reshape")
            try:
                pg.wait_for_selector(".md-search-result__item", timeout=20000)  # 2 shared cores under load
            except Exception:
                problems.append("typing 'reshape' in the search box shows no result")
            # the first keystroke makes the search worker fetch the full text and start a
            # second search engine in the background (hooks/search/extension.py); leaving the page
            # before those requests finish aborts them (reported as failed requests)
            settle(pg, inflight)

        # gather explorer on day12
        day12 = next((p for p in pages if p.startswith("day12/day12")), None)
        assert day12, f"no day12 page in {pages}"
        pg.goto(site_url + day12, wait_until="load")
        try:  # built when it comes near the viewport or when the browser is idle after load (<= 2 s)
            pg.wait_for_selector(GATHER_INPUT, state="attached", timeout=5000)
        except PlaywrightTimeoutError:
            problems.append(f"the gather explorer ({GATHER_INPUT}) is not on /{day12} 5 s after load")
        else:
            if tab_until(pg, GATHER_INPUT, limit=400) is None:
                problems.append(f"Tab never reaches the gather explorer input {GATHER_INPUT}")
        # day12's search worker also loads lunr after "load": closing the page before it has
        # finished aborts that request (seen on a fresh clone as lunr.ko.min.js ERR_ABORTED)
        settle(pg, inflight)

        assert not problems, "\n".join(problems)
        assert not errors, errors
        assert not ctx.foreign, ctx.foreign
    finally:
        ctx.close()


# --------------------------------------------------------------------------------------
# 404, sitemap, reproducible build


def test_korean_404_page_where_github_pages_serves_it(browser, site_url, site_dir, pages):
    """GitHub Pages answers any missing address with 404.html: serve it at a deep missing
    path, then its styles and scripts must load, its links must lead to the notes, and axe
    must pass."""
    body = (site_dir / "404.html").read_bytes()
    missing = site_url + "no/such/deep/page/"
    ctx = open_context(browser, site_url, "light")
    try:
        ctx.route(missing, lambda route: route.fulfill(status=404, body=body, content_type="text/html; charset=utf-8"))
        pg = ctx.new_page()
        errors: list[str] = []
        watch_errors(pg, site_url, errors)
        pg.goto(missing, wait_until="load")
        pg.wait_for_load_state("networkidle")
        errors = [e for e in errors if missing not in e and "status of 404" not in e]
        text = pg.inner_text("article")
        links = pg.eval_on_selector_all("article a[href]", "as => as.map(a => a.href)")
        styled = pg.evaluate("getComputedStyle(document.querySelector('.md-header')).position")
        inject_axe(pg)
        violations = pg.evaluate(AXE_JS, None)
    finally:
        ctx.close()
    assert HANGUL.search(text) and "404" in text, text
    assert "찾을 수 없" in text, text
    targets = {urlsplit(h).path.lstrip("/") for h in links if h.startswith(site_url)}
    targets = {("" if t in (".", "") else t) for t in targets}
    assert set(pages) <= targets, f"404 page links {sorted(targets)}, want every page {pages}"
    assert styled in ("sticky", "fixed"), "Material's CSS did not load on the deep 404 path"
    assert not errors, errors
    assert not ctx.foreign, ctx.foreign
    assert not violations, json.dumps(violations, ensure_ascii=False, indent=1)


def test_sitemap_lists_every_page(site_dir, pages):
    xml = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]+)</loc>", xml)
    lastmods = re.findall(r"<lastmod>([^<]+)</lastmod>", xml)
    assert len(lastmods) == len(locs) and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in lastmods)
    base = locs[0] if locs else ""
    paths = {urlsplit(loc).path for loc in locs}
    root = urlsplit(base).path
    want = {urljoin(root, p) for p in pages}
    assert want == paths, f"sitemap paths {sorted(paths)} != built pages {sorted(want)}"
    assert (site_dir / "sitemap.xml.gz").exists()


def test_build_is_reproducible(site_dir, tmp_path, monkeypatch, project_copy):
    """Two builds of the same commit are byte-identical.

    Every page's last-updated date comes from git (per commit, not per build), the sitemap's
    <lastmod> from the same dates (hooks/sitemap_lastmod.py), and MkDocs stamps
    sitemap.xml.gz with that date, so nothing depends on the build time. When the work tree
    holds uncommitted work (other edits in progress) both builds run in a clone of HEAD
    (``project_copy``: the test is marked ``slow``, like every test that may build a copy);
    when it is clean, the session's build is the first of the two. The second build runs
    with SOURCE_DATE_EPOCH set to 2000-01-01, MkDocs' build clock: anything that depends on
    the build date (instead of the commit) shows up as a difference even on the same day.
    """
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--", *PROJECT_FILES], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    if dirty:
        project = project_copy(clone=True)
        sites = []
    else:
        project, sites = ROOT, [site_dir]
    while len(sites) < 2:
        out = tmp_path / f"build{len(sites)}"
        if len(sites) == 1:
            monkeypatch.setenv("SOURCE_DATE_EPOCH", "946684800")  # 2000-01-01
        proc = build_site(project, out)
        assert proc.returncode == 0, f"build failed:\n{proc.stdout}\n{proc.stderr}"
        sites.append(out)
    files = [sorted(p.relative_to(d).as_posix() for p in d.rglob("*") if p.is_file()) for d in sites]
    assert files[0] == files[1], f"file lists differ: {sorted(set(files[0]) ^ set(files[1]))}"
    differ = [rel for rel in files[0] if not filecmp.cmp(sites[0] / rel, sites[1] / rel, shallow=False)]
    assert not differ, f"two builds of the same commit differ in: {differ}"


# What sticks out of the screen at phone width: only code blocks and tables may scroll
# inside themselves (long inline API names wrap instead of widening the page).
PHONE_OVERFLOW_JS = """async () => {
  // layout shifts since the page began to load (the observer hands over the buffered ones at once;
  // a page without any gives it nothing, hence the timeout)
  const shifts = await new Promise((done) => {
    const observer = new PerformanceObserver((list) => { observer.disconnect(); done(list.getEntries()); });
    observer.observe({type: 'layout-shift', buffered: true});
    setTimeout(() => { observer.disconnect(); done([]); }, 300);
  });
  const shifted = shifts.map(e => [Math.round(e.value * 1000) / 1000,
    e.sources.map(s => s.node ? s.node.nodeName + '.' + (s.node.className || '') : '?').slice(0, 3).join(' ')]);
  const vw = document.documentElement.clientWidth;
  const culprits = [...document.querySelectorAll('.md-content *')]
    .filter(el => !el.closest('pre, table, .highlight, .tabbed-set, .jp-OutputArea, svg'))
    .filter(el => el.getBoundingClientRect().right > vw + 1)
    .slice(0, 3).map(el => el.tagName + ': ' + el.textContent.trim().slice(0, 40));
  // text under 12 px (Lighthouse's "legible font sizes"): all of it, and code
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let chars = 0, small = 0, smallCode = 0;
  while (walk.nextNode()) {
    const n = walk.currentNode.textContent.trim().length;
    const el = walk.currentNode.parentElement;
    if (!n || !el || !el.getClientRects().length) continue;
    chars += n;
    if (parseFloat(getComputedStyle(el).fontSize) < 12) {
      small += n;
      if (el.closest('code, pre, .filename')) smallCode += n;
    }
  }
  return {width: document.documentElement.scrollWidth, vw, culprits, chars, small, smallCode, shifted};
}"""


@pytest.fixture(scope="module")
def phone_loads(browser, site_dir, scanned) -> list[dict]:
    """Each scanned page's cold first load on a phone (390 px wide), served with gzip as GitHub
    Pages serves it: its weight by kind (``page_weights``) and what overflows the screen."""
    with serve_directory(site_dir, gzip=True) as base:
        rows = page_weights(base, scanned, browser, probe=PHONE_OVERFLOW_JS)
    assert [r["page"] for r in rows] == ["/" + p for p in scanned]
    return rows


def test_no_page_scrolls_sideways_on_a_phone(phone_loads):
    """At 390 px every page fits the screen: only code blocks and tables scroll inside
    themselves (long inline API names wrap instead of widening the page)."""
    assert all(r["probe"]["vw"] == 390 for r in phone_loads), phone_loads[0]["probe"]
    wide = {r["page"]: r["probe"] for r in phone_loads if r["probe"]["width"] > r["probe"]["vw"]}
    assert not wide, f"pages wider than a 390 px phone: {wide}"


def test_nothing_on_the_first_screen_moves_while_a_page_loads(phone_loads):
    """No layout shift on a phone's first load (Lighthouse's CLS 0). Off-screen blocks are drawn
    late (extra.css: content-visibility on chunks, hooks/output/chunks.py); a block drawn late on the
    first screen moved day11's text 218 px up (CLS 0.11), so the first 20 blocks of a page's text are always drawn."""
    moved = {r["page"]: r["probe"]["shifted"] for r in phone_loads if r["probe"]["shifted"]}
    assert not moved, f"layout shifts while loading on a 390 px phone (score, moved elements): {moved}"


def test_a_link_to_a_section_lands_on_it(browser, site_url):
    """day12#모양-규칙 opens with that heading at the top, also for sections far down the long
    note (with content-visibility on off-screen blocks, tried for speed, #tqdm ended 2,700 px
    below after Material's start-up)."""
    ctx = browser.new_context(viewport={"width": 412, "height": 900})
    try:
        off = {}
        for anchor in ("모양-규칙", "hook이-불리는-순서", "tqdm", "config로-작은-모델-만들기"):
            pg = ctx.new_page()  # a fresh load each (a new hash on the same page is not a load)
            pg.goto(site_url + "day12/day12/#" + anchor, wait_until="load")
            # settled: the last thing that changes the layout after load is the gather explorer
            # (built when idle or near the viewport), then two frames (was: networkidle + 1.5 s
            # each; with content-visibility this wait still sees tqdm 2,632 px off)
            pg.wait_for_selector(GATHER_INPUT, state="attached", timeout=10_000)
            pg.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
            off[anchor] = pg.evaluate(
                """(id) => { const t = document.getElementById(id);
                  return Math.round(t.getBoundingClientRect().top - parseFloat(getComputedStyle(t).scrollMarginTop)); }""",
                anchor,
            )
            pg.close()
        assert all(abs(v) <= 4 for v in off.values()), f"heading's distance from where a link should put it (px): {off}"
    finally:
        ctx.close()


CHUNK = "md-chunk"  # hooks/output/chunks.py
# every top-level block of a page's text (in a chunk or not): its top and height, with each chunk
# drawn (content-visibility: visible) but contained as content-visibility: auto contains it
BLOCK_BOXES = """(chunk) => {
  const art = document.querySelector('article.md-typeset');
  document.documentElement.offsetHeight;
  return [...art.querySelectorAll(`:scope > *, :scope > .${chunk} > *`)]
    .filter((el) => !el.classList.contains(chunk) && !['SCRIPT', 'STYLE', 'LINK'].includes(el.tagName))
    .map((el) => { const r = el.getBoundingClientRect(), name = el.tagName + (el.id ? '#' + el.id : '');
      return [name + ' ' + el.className, Math.round(r.top + scrollY), Math.round(r.height)]; });
}"""
DRAW_ALL = """(chunk) => { const s = document.createElement('style');
  s.textContent = `.md-typeset * { content-visibility: visible !important }
    .${chunk} { contain: layout style paint !important }`;
  document.head.append(s); }"""
UNWRAP = "(chunk) => { for (const c of document.querySelectorAll(`.${chunk}`)) c.replaceWith(...c.childNodes); }"
# how far the focus ring of a focused link in a chunk reaches outside it, and how far a chunk lets
# painting go past its edges (overflow-clip-margin), in px
FOCUS_RING = """(chunk) => {
  const link = document.querySelector(`.${chunk} a[href]`);
  if (!link) return null;
  link.focus({focusVisible: true});
  const s = getComputedStyle(link), c = getComputedStyle(link.closest(`.${chunk}`));
  const reach = s.outlineStyle === 'none' ? 0 : parseFloat(s.outlineWidth) + Math.max(0, parseFloat(s.outlineOffset));
  link.blur();
  return [reach, parseFloat(c.overflowClipMargin) || 0];
}"""
# each chunk's drawn height and its stand-in height while skipped (--chunk-height, chunks.py)
CHUNK_HEIGHTS = """(chunk) => [...document.querySelectorAll(`.${chunk}`)].map((c) =>
  [Math.ceil(c.getBoundingClientRect().height), parseFloat(getComputedStyle(c).getPropertyValue('--chunk-height'))])"""


@pytest.fixture(scope="module")
def chunked(site_dir, scanned) -> list[str]:
    """The pages the browser scans (``scanned``: at 100 notes not every page) that are drawn in
    chunks; the largest note, always scanned, always is."""
    found = [p for p in scanned if f'<div class="{CHUNK}"' in (site_dir / p / "index.html").read_text(encoding="utf-8")]
    assert found, f"no scanned page is drawn in chunks (hooks/output/chunks.py); scanned: {scanned}"
    return found


@pytest.mark.parametrize("width", [390, 1280], ids=["phone", "desktop"])
def test_chunks_move_nothing(browser, site_url, chunked, width):
    """A long page's text between two headings is one chunk the browser skips while it is off the
    screen (hooks/output/chunks.py, extra.css); the chunk's containment stops margins collapsing
    through its edges, and extra.css puts them back. Every block of every chunked page is where
    it is with the chunks taken out of the same page (an h5 after a box was 4 px lower, every
    block after a chunk's start 16 px lower before those rules), and no chunk is taller than the
    stand-in height it has while skipped."""
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    moved, tall, clipped = {}, {}, {}
    try:
        for path in chunked:
            pg = ctx.new_page()
            pg.goto(site_url + path, wait_until="load")
            if pg.locator("[data-gather-explorer]").count():
                pg.wait_for_selector(GATHER_INPUT, state="attached", timeout=10_000)
            ring = pg.evaluate(FOCUS_RING, CHUNK)
            if ring and ring[0] > ring[1]:
                clipped[path] = ring
            pg.evaluate(DRAW_ALL, CHUNK)
            with_chunks = pg.evaluate(BLOCK_BOXES, CHUNK)
            heights = pg.evaluate(CHUNK_HEIGHTS, CHUNK)
            outgrown = [(i, drawn, bound) for i, (drawn, bound) in enumerate(heights) if not drawn <= bound]
            if outgrown:
                tall[path] = outgrown[:3]
            pg.evaluate(UNWRAP, CHUNK)
            without = pg.evaluate(BLOCK_BOXES, CHUNK)
            pg.close()
            assert [b[0] for b in with_chunks] == [b[0] for b in without], path
            diff = [(a[0], a[1:], b[1:]) for a, b in zip(with_chunks, without) if a[1:] != b[1:]]
            if diff:
                moved[path] = diff[:3]
    finally:
        ctx.close()
    assert not moved, f"blocks whose (top, height) in px differ with and without chunks (first 3 per page): {moved}"
    # a skipped chunk's content, laid out when a script asks, must fit its stand-in or it overlaps
    # the next chunk (Lighthouse's axe then saw the footer on a code block: colour contrast 1.06)
    # the containment clips painting at the chunk's edges: a link or code block there keeps its ring
    assert not clipped, f"focus ring (px outside the element) wider than the chunks' overflow-clip-margin (px): {clipped}"
    assert not tall, f"chunks taller than their stand-in (index, drawn px, --chunk-height; raise chunks.py's PX_ bounds): {tall}"


def test_an_answered_request_whose_end_is_never_reported_stops_counting(monkeypatch):
    """tools/harness/browser.py InFlight: Chromium now and then never reports the end of a request
    answered from its memory cache (the search worker's script, asked twice under one URL), and a
    page-weight load waited 60 s for it on a fresh clone (once not even answered). Answered, or its
    URL fetched to the end by another request, for ANSWERED_GRACE_S, it is done; otherwise, or
    just now, it is still in flight."""
    import tools.harness.browser as harness

    clock = [100.0]
    monkeypatch.setattr(harness.time, "monotonic", lambda: clock[0])

    @dataclass(eq=False)  # hashed by identity, as Playwright's requests
    class Request:
        url: str

    request = Request
    inflight = harness.InFlight()
    waiting, answered = request(url="/a.js"), request(url="/b.js")
    inflight |= {waiting, answered}
    inflight.answered[answered] = clock[0]
    assert set(inflight.pending(harness.ANSWERED_GRACE_S)) == {waiting, answered}
    clock[0] += harness.ANSWERED_GRACE_S + 0.1
    assert inflight.pending(harness.ANSWERED_GRACE_S) == [waiting]
    # unanswered, but its URL was fetched to the end by another request: the same, after the grace
    twice, first = request(url="/worker.js"), request(url="/worker.js")
    inflight |= {twice, first}
    inflight.finish(first)
    assert set(inflight.pending(harness.ANSWERED_GRACE_S)) == {waiting, twice}
    clock[0] += harness.ANSWERED_GRACE_S + 0.1
    assert inflight.pending(harness.ANSWERED_GRACE_S) == [waiting]


def test_axe_on_a_phone_finds_nothing_in_long_pages(browser, site_url, chunked):
    """Lighthouse's view of a long page: a phone (412 px, mobile), axe's rules that read where
    things are drawn. With the chunks' stand-ins shorter than their content, axe found the footer's
    text on a code block's background (contrast 1.06) and a figure link crowded by the explorer's
    text box (target-size): skipped content laid out over the next chunk."""
    ctx = browser.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=1.75, is_mobile=True, has_touch=True)
    problems = {}
    try:
        for path in sorted(chunked):
            pg = ctx.new_page()
            pg.goto(site_url + path, wait_until="load")
            inject_axe(pg)
            found = pg.evaluate(AXE_JS, [*COLOUR_RULES, "target-size"])
            pg.close()
            if found:
                problems[path] = [
                    f"{v['id']}: {n['target']}: {n['summary']}".replace("\n", " ") for v in found for n in v["nodes"]
                ]
    finally:
        ctx.close()
    assert not problems, "axe on a phone:\n" + _report(problems)


def test_code_is_legible_on_a_phone(phone_loads):
    """No code under 12 px on a 390 px phone (Material sets code in boxes and tables at
    .85em of .64rem, 10.9 px: 61 % of day12's text was under 12 px, Lighthouse's best-practices
    "legible font sizes" fails above 40 %); what is left under 12 px (figure labels) stays small."""
    small_code = {r["page"]: r["probe"]["smallCode"] for r in phone_loads if r["probe"]["smallCode"]}
    assert not small_code, f"characters of code under 12 px on a phone: {small_code}"
    share = {r["page"]: round(r["probe"]["small"] / r["probe"]["chars"], 3) for r in phone_loads if r["probe"]["chars"]}
    assert share and max(share.values()) < 0.05, f"share of text under 12 px: {share}"


GZIPPED = (".html", ".css", ".js", ".svg", ".json", ".xml", ".txt")


def static_weight(site_dir, path: str, page: StaticPage) -> int:
    """A page's first load as its HTML names it: the page and every file it loads, gzip -6
    for text as GitHub Pages serves it (what ``page_weights`` counts, less what scripts fetch
    later)."""
    html = site_dir / path / "index.html"
    total = len(gzip.compress(html.read_bytes(), 6, mtime=0))
    for url in dict.fromkeys(page.loads):
        target = (html.parent / unquote(urlsplit(url).path)).resolve()
        if urlsplit(url).scheme or not target.is_file():
            continue  # data: URLs are in the HTML; a missing file fails tests/test_build.py
        body = target.read_bytes()
        total += len(gzip.compress(body, 6, mtime=0)) if target.suffix in GZIPPED else len(body)
    return total


def test_every_page_first_load_stays_within_budget(phone_loads, site_dir, static_pages):
    """HTML, CSS, JS and images a phone downloads on a cold first load, gzip as GitHub Pages
    serves it (search files excluded: they load when the reader searches): measured in the
    browser on the scanned pages; on the others, the page and the files its HTML names
    (``static_weight``) plus the most that scripts fetched later on a scanned page."""
    rows = phone_loads
    assert all(r["html"] > 0 and r["js"] > 0 for r in rows), rows
    over = [(r["page"], round(r["total"] / 1024, 1)) for r in rows if r["total"] > PAGE_BUDGET]
    assert over == [], f"first load over {PAGE_BUDGET // 1024} KB gzip: {over}"
    measured = {r["page"][1:]: r["total"] for r in rows}
    named = {p: static_weight(site_dir, p, page) for p, page in static_pages.items()}
    for p, total in measured.items():  # the static weight is most of the load, never more
        assert 0.8 * total <= named[p] <= total + 1024, (p, named[p], total)
    later = max(total - named[p] for p, total in measured.items())
    over = [(p, round((w + later) / 1024, 1)) for p, w in named.items() if p not in measured and w + later > PAGE_BUDGET]
    assert over == [], f"first load over {PAGE_BUDGET // 1024} KB gzip (HTML + the files it names): {over}"


def test_browser_pages_scans_every_kind_and_every_changed_page():
    """``browser_pages``: a small site whole; a long course: home, the first and the largest
    page of each kind, and every page whose source or snippet folder changed."""
    small = ["", "day1/day1/", "day1/lab/"]
    assert browser_pages(small, {}, {}, set(), scan_all=False) == small
    notes = [f"day{d}/day{d}/" for d in range(1, 31)]
    pages = ["", *notes, "day2/lab/", "day9/lab/", "about/"]
    sources = {p: f"docs/{p.rstrip('/')}.md" for p in pages if p} | {"": "docs/index.md"}
    sources |= {"day2/lab/": "docs/day2/lab.ipynb", "day9/lab/": "docs/day9/lab.ipynb"}
    sizes = dict.fromkeys(pages, 100) | {"day17/day17/": 900, "day9/lab/": 500}
    changed = {"docs/day5/day5.md", "snippets/day23/a.py", "hooks/events.py", "snippets/versions.json"}
    got = browser_pages(pages, sizes, sources, changed, scan_all=False)
    assert got == ["", "day1/day1/", "day5/day5/", "day17/day17/", "day23/day23/", "day2/lab/", "day9/lab/", "about/"]
    assert browser_pages(pages, sizes, sources, changed, scan_all=True) == pages
    assert len(pages) > FULL_SCAN_UP_TO
