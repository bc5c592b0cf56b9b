"""Shared fixtures: one strict build of the site per test session, a local static server
for it, and a headless Debian Chromium driven by Playwright. The helpers behind them live
in ``tools/harness/`` (a package the benchmarks import too).

The build runs with the *docs* environment (``.venv``, no torch) when it exists, so the
tests prove that building and serving the site needs no torch.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.harness.browser import block_foreign_requests, launch_chromium
from tools.harness.build import build_site
from tools.harness.serve import serve_directory


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The strictly built site (built once per session)."""
    out = tmp_path_factory.mktemp("site")
    proc = build_site(Path(__file__).resolve().parent.parent, out)
    if proc.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{proc.stdout}\n{proc.stderr}")
    return out


@pytest.fixture(scope="session")
def site_url(site_dir) -> str:
    """Base URL of a local static server for the built site."""
    with serve_directory(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium (Playwright's own browser download does not work here)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        try:
            b = launch_chromium(pw)
        except RuntimeError as exc:
            pytest.fail(str(exc))
        yield b
        b.close()


@pytest.fixture
def page(browser, site_url):
    """A fresh browser page; any request to another host is blocked and fails the test."""
    context = browser.new_context(locale="ko-KR")
    foreign = block_foreign_requests(context, site_url)
    pg = context.new_page()
    yield pg
    context.close()
    assert not foreign, f"requests left the site: {foreign}"
