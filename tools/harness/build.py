"""Helpers shared by the tests and the benchmarks (``tools.harness``: ``bench/`` imports it too).

One way to do each thing:

- build: ``build_site`` (strict, with the torch-free docs venv when present), ``copy_project``
  (a throw-away copy of what the build reads, for mutation tests), ``add_synthetic_notes``
  (N copies of day12 in such a copy, for scale tests), ``discover_pages``,
  ``free_day`` (a day number no note of a project uses, for synthetic notes);
- configuration: ``mkdocs_config`` (MkDocs' own ``load_config``, so ``!ENV`` and
  ``!!python`` tags mean what they mean to MkDocs);
- built files: ``parse_html`` (one HTML parser: ids, links, anchors, scripts, headings),
  ``load_search_index``;
- serving and the browser: ``serve_directory`` (a local static host, gzip like GitHub Pages
  on request), ``launch_chromium``, ``block_foreign_requests``, ``watch_errors``.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tools import ROOT

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
# Files the build reads; a copy of these is a complete project for mutation tests.
PROJECT_FILES = ["mkdocs.yml", "docs", "snippets", "img", "overrides", "hooks"]


# ------------------------------------------------------------------------------- build


def mkdocs_command() -> list[str]:
    """``python -m mkdocs`` from the torch-free docs venv when present, else from this
    interpreter; run it with the project as the working directory (the extensions are the
    package ``hooks`` there, hooks/events.py)."""
    docs_python = ROOT / ".venv" / "bin" / "python"
    return [str(docs_python) if docs_python.exists() else sys.executable, "-m", "mkdocs"]


# The environment every mkdocs run gets (the Makefile exports the same):
# - NO_MKDOCS_2_WARNING: MkDocs' banner about 2.0 at every build;
# - NBCONVERT_DISABLE_CONFIG_EXPORTERS: importing mkdocs-jupyter imports nbconvert's app, whose
#   class body instantiates every installed exporter (webpdf, qtpdf, ...) only to list their
#   names in a help string: 0.2-0.4 s of every build, the same pages either way.
BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1", "NBCONVERT_DISABLE_CONFIG_EXPORTERS": "1"}


def build_site(project: Path, site_dir: Path, *, timeout: int = 300) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of ``project`` into ``site_dir``; returns the process."""
    env = dict(os.environ, **BUILD_ENV)
    return subprocess.run(
        [*mkdocs_command(), "build", "--strict", "--clean", "--site-dir", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


DAY_DIR = re.compile(r"day(\d+)")  # a note's folder: docs/dayN, snippets/dayN
_LINKED_NOTE = re.compile(r"\]\((?:\.\./)*(day\d+)/")  # a Markdown link into another note's folder


def linked_notes(notes: set[str], docs: Path = ROOT / "docs") -> set[str]:
    """``notes`` (folder names under ``docs``) and every note their pages, or the pages
    outside the note folders (the home page), link to, and so on: what a strict build of
    these notes needs."""

    def links(files) -> set[str]:
        return {n for f in files if f.suffix in (".md", ".ipynb") for n in _LINKED_NOTE.findall(f.read_text(encoding="utf-8"))}

    have: set[str] = set()
    todo = set(notes) | links(f for f in docs.rglob("*") if not DAY_DIR.fullmatch(f.relative_to(docs).parts[0]))
    while todo:
        note = todo.pop()
        if not (docs / note).is_dir():
            raise FileNotFoundError(f"docs/{note}: no such note")
        have.add(note)
        todo |= links((docs / note).rglob("*")) - have
    return have


def copy_project(dest: Path, notes: tuple[str, ...] | None = None) -> Path:
    """A throw-away copy of everything the build reads (for mutation tests). With ``notes``
    (e.g. ``("day12",)``), of those notes only and the notes they link to
    (``linked_notes``): a test that changes one note then builds that note's site, not
    the whole course, so its time does not grow with every note the learner adds."""
    dest.mkdir(parents=True, exist_ok=True)
    keep = None if notes is None else linked_notes(set(notes))

    def ignore(directory: str, names: list[str]) -> set[str]:
        skip = {"__pycache__"} & set(names)
        if keep is not None and Path(directory).name in ("docs", "snippets") and Path(directory).parent == ROOT:
            skip |= {n for n in names if DAY_DIR.fullmatch(n) and n not in keep}
        return skip

    for name in PROJECT_FILES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=ignore)
        elif src.exists():
            shutil.copy2(src, dest / name)
    # The build may read git metadata (e.g. last-updated dates); give the copy a repo too.
    if (ROOT / ".git").exists():
        subprocess.run(["git", "init", "-q"], cwd=dest, check=True)
    return dest


SYNTHETIC_SOURCE = "day12/day12.md"


def synthetic_heading(day: int) -> str:
    """The one heading only synthetic note ``day`` has (``add_synthetic_notes``)."""
    return f"synth{day:03d} 복습 메모"


def add_synthetic_notes(project: Path, n: int) -> list[int]:
    """Add ``n`` synthetic notes to a project copy (for scale tests and bench/scale.py):
    copies of ``docs/day12/day12.md`` as ``docs/dayN/dayN.md`` embedding the same snippet
    files, each with its own title, description and one heading of its own (``synthetic_heading``).
    Day numbers follow the real notes and run across 99 -> 100 (natural nav order).
    Returns the day numbers."""
    docs = project / "docs"
    source = (docs / SYNTHETIC_SOURCE).read_text(encoding="utf-8")
    # links relative to day12/ that must still resolve from another folder
    for name in ("practice_1.ipynb", "practice_2.ipynb"):
        if f"]({name})" not in source:
            raise ValueError(f"{SYNTHETIC_SOURCE} no longer links {name}: update add_synthetic_notes")
        source = source.replace(f"]({name})", f"](../day12/{name})")
    title = re.search(r"^title: (.+)$", source, re.M)
    description = re.search(r"^description: (.+)$", source, re.M)
    h1 = re.search(r"^# .+$", source, re.M)
    if not (title and description and h1):
        raise ValueError(f"{SYNTHETIC_SOURCE} has no front matter title/description or h1: update add_synthetic_notes")
    real = [int(m.group(1)) for d in docs.iterdir() if (m := DAY_DIR.fullmatch(d.name))]
    start = max(max(real, default=0) + 1, 100 - n // 2)
    days = list(range(start, start + n))
    for day in days:
        text = source.replace(title.group(0), f"title: day{day} 합성 노트", 1)
        text = text.replace(description.group(0), f"description: 규모 측정용 합성 노트 day{day}. day12 노트의 사본이다.", 1)
        text = text.replace(h1.group(0), f"# day{day} 합성 노트", 1)
        text += (
            f"\n## {synthetic_heading(day)}\n\n이 절은 규모 측정용 합성 노트 day{day}에만 있다. 나머지는 day12 노트의 사본이다.\n"
        )
        (docs / f"day{day}").mkdir()
        (docs / f"day{day}" / f"day{day}.md").write_text(text, encoding="utf-8")
    return days


def note_text(title: str, description: str, body: str) -> str:
    return f"---\ntitle: {title}\ndescription: {description}\n---\n\n# {title}\n\n{body}"


AUTOGRAD_BODY = """\
[week3-2 필수 과제](../day12/day12.md#1-과제-내용-정리)에서 본 `nn.Module` 다음 내용이다.

## requires_grad와 detach

tensor의 `requires_grad`를 켜면 연산 기록이 남는다. `detach()`는 기록에서 떼어 낸 tensor를 돌려준다.

```python title="autograd_01.py"
--8<-- "day{n}/autograd_01.py"
```

## 기울기 누적

`backward()`를 두 번 부르면 `.grad`에 값이 더해진다. 그래서 매 step마다 `optimizer.zero_grad()`를 부른다.

```python title="autograd_02.py"
--8<-- "day{n}/autograd_02.py"
```

### no_grad로 추론하기

`torch.no_grad()` 안에서는 그래프를 만들지 않아 메모리를 아낀다.

```python title="autograd_03.py"
--8<-- "day{n}/autograd_03.py"
```

## `__call__`과 forward

같은 제목을 두 번 쓰면 GitHub처럼 두 번째 id 끝에 `-1`이 붙는다.

## 정리

## 정리
"""

NEWCOMER_SNIPPETS = {
    "autograd_01.py": "import torch\n\nx = torch.ones(3, requires_grad=True)\ny = (x * 2).sum()\n"
    "print(y.requires_grad, y.detach().requires_grad)\n",
    "autograd_02.py": "import torch\n\nw = torch.tensor(1.0, requires_grad=True)\nfor _ in range(2):\n"
    "    (w * 3).backward()\nprint(w.grad)\n",
    "autograd_03.py": "import torch\n\nx = torch.ones(2, requires_grad=True)\nwith torch.no_grad():\n"
    "    y = x * 2\nprint(y.requires_grad)\n",
}
NEWCOMER_OUTPUTS = {"autograd_01.py": "#> True False", "autograd_02.py": "#> tensor(6.)", "autograd_03.py": "#> False"}


def add_newcomer_note(project: Path, n: int) -> list[Path]:
    """The learner's edits, as the README tells them (bench/newcomer.py makes the same):
    docs/day{n}/day{n}.md, its snippets, and a link to it from day12. Returns the snippets."""
    (project / "snippets" / f"day{n}").mkdir()
    snippets = []
    for name, code in NEWCOMER_SNIPPETS.items():
        path = project / "snippets" / f"day{n}" / name
        path.write_text(code, encoding="utf-8")
        snippets.append(path)
    (project / "docs" / f"day{n}").mkdir()
    (project / "docs" / f"day{n}" / f"day{n}.md").write_text(
        note_text(
            "week4-1 autograd", "requires_grad, detach, 기울기 누적, no_grad를 정리한 노트.", AUTOGRAD_BODY.replace("{n}", str(n))
        ),
        encoding="utf-8",
    )
    day12 = project / "docs" / "day12" / "day12.md"
    day12.write_text(
        day12.read_text(encoding="utf-8") + f"\n다음 노트: [기울기 누적](../day{n}/day{n}.md#기울기-누적)\n", encoding="utf-8"
    )
    return snippets


def discover_pages(site_dir: Path) -> list[str]:
    """URL paths (relative to the site root) of every built page: '' for home, 'day11/day11/', ..."""
    pages = []
    for index in sorted(site_dir.rglob("index.html")):
        rel = index.parent.relative_to(site_dir).as_posix()
        pages.append("" if rel == "." else rel + "/")
    return pages


def used_days(project: Path = ROOT) -> set[int]:
    """Day numbers that have a ``docs/dayN`` or ``snippets/dayN`` folder in ``project``."""
    return {
        int(m.group(1))
        for base in ("docs", "snippets")
        if (project / base).is_dir()
        for p in (project / base).iterdir()
        if p.is_dir() and (m := DAY_DIR.fullmatch(p.name))
    }


def free_day(project: Path = ROOT, at_least: int = 1) -> int:
    """The first day number >= ``at_least`` with neither docs/dayN nor snippets/dayN: a
    synthetic note made with it never collides with a real one."""
    used, n = used_days(project), at_least
    while n in used:
        n += 1
    return n


def mkdocs_config(project: Path = ROOT):
    """``project``'s mkdocs.yml as MkDocs reads it (``mkdocs.config.load_config``)."""
    from mkdocs.config import load_config

    return load_config(str(project / "mkdocs.yml"))


# -------------------------------------------------------------------------- built files


@dataclass
class Html:
    """What the tests read from a built page."""

    ids: set[str] = field(default_factory=set)
    refs: list[tuple[str, str]] = field(default_factory=list)  # (href|src|srcset, url)
    anchors: list[dict] = field(default_factory=list)  # attributes of every <a>
    scripts: list[dict] = field(default_factory=list)  # attributes of every <script>
    headings: list[tuple[int, str, str, bool]] = field(default_factory=list)
    # (level, id, text without the permalink, data-search-exclude) of h1-h6 with an id


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = Html()
        self._heading: list | None = None
        self._skip = 0

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

    def handle_data(self, data):
        if self._heading is not None and not self._skip:
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


# --------------------------------------------------------------------- serving, browser

COMPRESSIBLE = (
    "text/",
    "application/javascript",
    "application/json",
    "image/svg+xml",
    "application/xml",
    "application/manifest+json",
)
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
    """One page's first load in a fresh context (``page_weights``)."""
    ctx = browser.new_context(locale="ko-KR", viewport={"width": 390, "height": 844})
    seen: dict[str, tuple[str, int]] = {}
    foreign: list[str] = []

    def on_response(resp, seen=seen, foreign=foreign):
        url = resp.url
        if not url.startswith(base):
            foreign.append(url)
            return
        if resp.status >= 300 or url in seen:
            return
        try:
            body = resp.body()  # decoded body
        except Exception:
            return
        ctype = (resp.headers.get("content-type") or "").split(";")[0]
        size = len(gzip.compress(body, 6, mtime=0)) if ctype.startswith(COMPRESSIBLE) else len(body)
        seen[url] = (response_kind(url, ctype), size)

    ctx.on("response", on_response)
    pg = ctx.new_page()
    pg.goto(base + path, wait_until="load")
    pg.wait_for_load_state("networkidle")
    probed = pg.evaluate(probe) if probe else None
    ctx.close()
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


class _StaticHandler(http.server.SimpleHTTPRequestHandler):
    """Quiet; with ``gzip`` it compresses text like GitHub Pages (and sends its cache header)."""

    gzip = False

    def log_message(self, *args):
        pass

    def end_headers(self):
        if self.gzip:
            self.send_header("Cache-Control", "max-age=600")  # what GitHub Pages sends
        super().end_headers()

    def send_head(self):
        if not self.gzip:
            return super().send_head()
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # redirect to the slash URL
            path = os.path.join(path, "index.html")
        ctype = self.guess_type(path)
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and ctype.startswith(COMPRESSIBLE) and os.path.isfile(path)):
            return super().send_head()
        with open(path, "rb") as f:
            body = gzip.compress(f.read(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve_directory(directory: Path, *, gzip: bool = False):
    """A local static server (like GitHub Pages) for ``directory``; yields its base URL."""
    handler_class = type("Handler", (_StaticHandler,), {"gzip": gzip})
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def launch_chromium(playwright):
    """Headless Debian Chromium (Playwright's own browser download does not work here)."""
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
