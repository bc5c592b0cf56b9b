"""Debian Chromium through Playwright: ``launch_chromium``, the guards every browser test uses
(``block_foreign_requests``, ``watch_errors``, ``RECORD_VIOLATIONS`` for the
Content-Security-Policy, ``inject_axe``), two browsers sharing a list of page loads
(``in_two_browsers``) and each page's first-load weight (``page_weights``, ``PAGE_BUDGET``).

In the test suite Chromium is started through the ``browser`` fixture (tests/conftest.py),
which marks the test ``browser``; in any other test ``launch_chromium`` refuses
(``tools.harness.guard``): ``make check`` starts no browser.
"""

from __future__ import annotations

import gzip
import queue
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tools import ROOT
from tools.harness import guard
from tools.harness.serve import COMPRESSIBLE

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
]

PAGE_BUDGET = 150 * 1024  # a page's first load, gzip, search excluded (issue 10: at 100 notes too)


def response_kind(url: str, ctype: str) -> str:
    """What a response is, for page weights: search, html, css, js, img or other."""
    path = url.split("?")[0]
    if "/search/" in path or "/workers/" in path or "/lunr/" in path:
        return "search"
    if "html" in ctype:
        return "html"
    if "css" in ctype:
        return "css"
    if "javascript" in ctype:
        return "js"
    if ctype.startswith("image/"):
        return "img"
    return "other"


SHARED_FROM = 12  # in_two_browsers: items worth a second browser (~1 s to start)


def in_two_browsers(browser, items: list, work) -> list:
    """``[work(a_browser, item) for item in items]``, shared between ``browser`` and a second
    Chromium in a thread of its own (Playwright's sync API wants one instance per thread),
    both taking the next item from one queue: page loads mostly wait (the network going
    idle) or keep one core busy (axe), so two at once take about half the time. Fewer than
    ``SHARED_FROM`` items stay in ``browser``: starting a second one would cost more."""
    if len(items) < SHARED_FROM:
        return [work(browser, item) for item in items]
    todo: queue.SimpleQueue = queue.SimpleQueue()
    for i, item in enumerate(items):
        todo.put((i, item))

    def drain(b) -> dict[int, object]:
        done = {}
        while True:
            try:
                i, item = todo.get_nowait()
            except queue.Empty:
                return done
            done[i] = work(b, item)

    def second() -> dict[int, object]:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            own = launch_chromium(pw)
            try:
                return drain(own)
            finally:
                own.close()

    with ThreadPoolExecutor(1) as pool:
        other = pool.submit(second)
        done = drain(browser)
        done.update(other.result())  # raises what went wrong in the second browser
    return [done[i] for i in range(len(items))]


def page_weights(base: str, pages: list[str], browser=None, probe: str | None = None) -> list[dict]:
    """Each page's first load at phone width: gzip -6 bytes of every response (as a static
    host serves it) by kind, until the network is idle; search files apart (they load on
    use). With ``probe`` (a JavaScript function) each row also has ``probe``: what it
    returned on the loaded page. Starts its own Chromium unless given ``browser``."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            own = launch_chromium(pw)
            try:
                return page_weights(base, pages, own, probe)
            finally:
                own.close()
    return in_two_browsers(browser, pages, lambda b, path: _page_weight(b, base, path, probe))


def _page_weight(browser, base: str, path: str, probe: str | None) -> dict:
    """One page's first load in a fresh context (``page_weights``). The responses are only
    recorded while the page loads and read after it settled: a ``body()`` call inside the
    response handler, and Playwright's ``networkidle`` (discouraged upstream), each left a load
    waiting for the search worker's script until the timeout, now and then under load."""
    ctx = browser.new_context(locale="ko-KR", viewport={"width": 390, "height": 844})
    responses: list = []
    ctx.on("response", lambda r: responses.append(r))  # Playwright wraps handlers: no bound builtins
    inflight = track_requests(ctx)
    pg = ctx.new_page()
    pg.goto(base + path, wait_until="load")
    if not settle(pg, inflight, quiet_ms=500, timeout_ms=60_000):  # what networkidle means
        raise RuntimeError(f"/{path}: requests still in flight 60 s after load: {sorted(r.url for r in inflight)}")
    probed = pg.evaluate(probe) if probe else None
    seen: dict[str, tuple[str, int]] = {}
    foreign = [r.url for r in responses if not r.url.startswith(base)]
    # a response whose end Chromium never reported (InFlight.pending) is read from another
    # response of the same URL: asking for its body could wait forever
    unfinished = {r.url for r in inflight}
    for resp in responses:
        if not resp.url.startswith(base) or resp.status >= 300 or resp.url in seen or resp.request in inflight:
            continue
        try:
            body = resp.body()  # decoded body
        except Exception:
            continue
        ctype = (resp.headers.get("content-type") or "").split(";")[0]
        size = len(gzip.compress(body, 6, mtime=0)) if ctype.startswith(COMPRESSIBLE) else len(body)
        seen[resp.url] = (response_kind(resp.url, ctype), size)
    ctx.close()
    if unfinished - set(seen):
        missing = sorted(unfinished - set(seen))
        raise RuntimeError(f"/{path}: responses whose loading never finished, with no finished copy to weigh: {missing}")
    row = {
        "page": "/" + path,
        "html": 0,
        "css": 0,
        "js": 0,
        "img": 0,
        "other": 0,
        "search": 0,
        "requests": len(seen),
        "foreign": len(foreign),
    }
    if probe:
        row["probe"] = probed
    for k, size in seen.values():
        row[k] += size
    row["total"] = sum(row[k] for k in ("html", "css", "js", "img", "other"))
    return row


class InFlight(set):
    """Requests still in flight (``track_requests``), when each that has its response got it, and
    when each URL was last fetched to the end."""

    def __init__(self) -> None:
        super().__init__()
        self.answered: dict = {}  # request -> time.monotonic() of its response
        self.finished: dict[str, float] = {}  # URL -> time.monotonic() a request for it finished

    def finish(self, request) -> None:
        self.discard(request)
        self.finished[request.url] = time.monotonic()

    def pending(self, grace_s: float) -> list:
        """In flight, less those done for ``grace_s`` by another sign: answered, or their URL
        fetched to the end by another request. The search worker's script is reported twice under
        one URL (the page's fetch and the worker's), and Chromium does not always report the
        second's end (answered from its memory cache), now and then not even its response: a page
        waited 60 s for it on a fresh clone, once with and once without a response."""
        now = time.monotonic()

        def done(r) -> bool:
            since = self.answered.get(r, self.finished.get(r.url))
            return since is not None and now - since > grace_s

        return [r for r in self if not done(r)]


def track_requests(target) -> InFlight:
    """The requests of ``target`` (a page with its workers, or a context) still in flight, kept
    up to date."""
    inflight = InFlight()
    target.on("request", lambda r: inflight.add(r))
    target.on("response", lambda r: inflight.answered.setdefault(r.request, time.monotonic()))
    target.on("requestfinished", lambda r: inflight.finish(r))
    target.on("requestfailed", lambda r: inflight.discard(r))
    return inflight


ANSWERED_GRACE_S = 2.0  # an answered request is done this long after its response, finished or not


def settle(pg, inflight: InFlight, *, quiet_ms: int = 0, timeout_ms: int = 20000) -> bool:
    """Wait until no request of ``inflight`` (``track_requests``) has been in flight for
    ``quiet_ms``; False when ``timeout_ms`` passed first. A request that got its response
    ``ANSWERED_GRACE_S`` ago counts as done (``InFlight.pending``). Playwright's ``networkidle``
    waits once per load and is discouraged upstream (it can miss its moment: microsoft/playwright#42598)."""
    quiet = waited = 0
    while inflight.pending(ANSWERED_GRACE_S) or quiet < quiet_ms:
        if waited >= timeout_ms:
            return False
        pg.wait_for_timeout(50)
        waited += 50
        quiet = 0 if inflight.pending(ANSWERED_GRACE_S) else quiet + 50
    return True


def launch_chromium(playwright):
    """Headless Debian Chromium (Playwright's own browser download does not work here)."""
    guard.require("browser", "launch_chromium")
    if not Path(CHROMIUM).exists():
        raise RuntimeError("chromium is not installed: `apt-get install chromium` (make test does it)")
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


# Every Content-Security-Policy violation of a page, in ``window.__csp`` (an init script of
# its context: it runs before the page's own scripts and is not subject to the policy).
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) =>
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
"""


def block_foreign_requests(context, site_url: str) -> list[str]:
    """Abort every request of ``context`` that leaves the site (data:/blob: stay local) and
    return the list the blocked URLs are recorded in. The one guard all browser tests use."""
    foreign: list[str] = []

    def guard(route):
        url = route.request.url
        if url.startswith(site_url) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            foreign.append(url)
            route.abort()

    context.route("**/*", guard)
    return foreign


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def inject_axe(pg) -> None:
    """axe-core into page ``pg`` (once), evaluated through DevTools: the site's
    Content-Security-Policy (rightly) blocks the inline <script> of ``add_script_tag``."""
    if not AXE.exists():
        raise RuntimeError(f"{AXE} is missing: run `npm ci` (make test does it)")
    if not pg.evaluate("() => !!window.axe"):
        pg.evaluate(AXE.read_text(encoding="utf-8"))


def watch_errors(pg, site_url: str, errors: list[str], *, warnings: bool = False) -> list[str]:
    """Append console errors (and warnings, if asked), uncaught exceptions and failed or
    4xx/5xx same-site requests of page ``pg`` to ``errors``; returns ``errors``."""
    kinds = ("error", "warning") if warnings else ("error",)
    pg.on("console", lambda m: errors.append(f"console.{m.type}: {m.text}") if m.type in kinds else None)
    pg.on("pageerror", lambda e: errors.append(f"uncaught: {e}"))
    pg.on(
        "requestfailed", lambda r: errors.append(f"request failed: {r.url} ({r.failure})") if r.url.startswith(site_url) else None
    )
    pg.on("response", lambda r: errors.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    return errors
