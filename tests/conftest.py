"""Shared fixtures: one strict build of the site per test session, a local static server
for it, and a headless Debian Chromium driven by Playwright.

The build runs with the *docs* environment (``.venv``, no torch) when it exists, so the
tests prove that building and serving the site needs no torch.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
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


def mkdocs_command() -> list[str]:
    """mkdocs from the torch-free docs venv when present, else from this interpreter."""
    docs_mkdocs = ROOT / ".venv" / "bin" / "mkdocs"
    if docs_mkdocs.exists():
        return [str(docs_mkdocs)]
    return [sys.executable, "-m", "mkdocs"]


def build_site(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of ``project`` into ``site_dir``; returns the process."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run(
        [*mkdocs_command(), "build", "--strict", "--clean", "--site-dir", str(site_dir)],
        cwd=project, env=env, capture_output=True, text=True, timeout=300,
    )


def copy_project(dest: Path) -> Path:
    """A throw-away copy of everything the build reads (for mutation tests)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / name)
    # The build may read git metadata (e.g. last-updated dates); give the copy a repo too.
    if (ROOT / ".git").exists():
        subprocess.run(["git", "init", "-q"], cwd=dest, check=True)
    return dest


def discover_pages(site_dir: Path) -> list[str]:
    """URL paths (relative to the site root) of every built page: '' for home, 'day11/day11/', ..."""
    pages = []
    for index in sorted(site_dir.rglob("index.html")):
        rel = index.parent.relative_to(site_dir).as_posix()
        pages.append("" if rel == "." else rel + "/")
    return pages


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The strictly built site (built once per session)."""
    out = tmp_path_factory.mktemp("site")
    proc = build_site(ROOT, out)
    if proc.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{proc.stdout}\n{proc.stderr}")
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


@contextlib.contextmanager
def serve_directory(directory: Path):
    """A quiet local static server (like GitHub Pages) for ``directory``; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(site_dir) -> str:
    """Base URL of a local static server for the built site."""
    with serve_directory(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium (Playwright's own browser download does not work here)."""
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed: `apt-get install chromium` (make test does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


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


@pytest.fixture
def page(browser, site_url):
    """A fresh browser page; any request to another host is blocked and fails the test."""
    context = browser.new_context(locale="ko-KR")
    foreign = block_foreign_requests(context, site_url)
    pg = context.new_page()
    yield pg
    context.close()
    assert not foreign, f"requests left the site: {foreign}"
