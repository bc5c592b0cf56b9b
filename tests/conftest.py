"""Shared fixtures: one strict build of the site per test session, a local static server
for it, a headless Debian Chromium driven by Playwright, and throw-away copies of the
project. The helpers behind them live in ``tools/harness/`` (a package the benchmarks
import too).

Markers come from the fixtures a test uses, directly or through other fixtures
(``tools.harness.guard.MARKED_BY``): ``project_copy`` makes it ``slow``, ``browser`` (and
``page``, and every fixture built on them) makes it ``browser``. ``make check`` runs the rest
(``-m "not slow and not browser"``), and around each test ``copy_project``, ``clone_project``
and ``launch_chromium`` refuse, naming the fixture to use, what its markers do not allow.

The build runs with the *docs* environment (``.venv``, no torch) when it exists, so the
tests prove that building and serving the site needs no torch.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tools import ROOT
from tools.harness import guard
from tools.harness.browser import block_foreign_requests, launch_chromium
from tools.harness.build import build_problems, build_site
from tools.harness.copies import clone_project, copy_project
from tools.harness.serve import serve_directory

# ------------------------------------------------------------------ markers and what they allow


def pytest_configure(config):
    guard.allow_only()  # nothing outside a test (collection, the session's start and end)


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(config, items):
    """Each test gets the markers of the fixtures it uses: ``item.fixturenames`` is the closure,
    so a fixture built on ``page`` or ``project_copy`` counts too."""
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        for marker, fixtures in guard.MARKED_BY.items():
            if used & set(fixtures):
                item.add_marker(marker)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """Set-up, call and tear-down of a test may start what its markers allow, nothing else."""
    guard.allow_only(*(kind for marker, kind in guard.ALLOWS.items() if item.get_closest_marker(marker)))
    try:
        return (yield)
    finally:
        guard.allow_only()


# ------------------------------------------------------------------------------- fixtures


class ProjectDoesNotBuild(Exception):
    """The strict build of the project failed (``site_dir``): the first test that needs the
    site reports the build's problems, each once; every other one is skipped with a one-line
    pointer (``pytest_runtest_makereport``), not the same output again per test."""


_BUILD_REPORTED = pytest.StashKey[bool]()
_SITE = pytest.StashKey[dict]()


def _report_first(config) -> bool:
    """True for the first test of the session whose set-up met the failed build: in one
    process a flag; across parallel workers (``make test`` runs pytest-xdist) a marker file
    that only one of them can create."""
    marker = getattr(config, "workerinput", {}).get("build_reported")
    if marker is None:
        first = not config.stash.get(_BUILD_REPORTED, False)
        config.stash[_BUILD_REPORTED] = True
        return first
    try:
        os.close(os.open(marker, os.O_CREAT | os.O_EXCL))
    except FileExistsError:
        return False
    return True


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if call.excinfo is not None and call.excinfo.errisinstance(ProjectDoesNotBuild):
        if _report_first(item.config):
            report.longrepr = str(call.excinfo.value)
        else:
            report.outcome = "skipped"
            report.longrepr = (__file__, 0, "Skipped: needs the site, and make build fails (the error above)")
    return report


def _build(out: Path) -> str | None:
    """Build the site into ``out``: None, or the failure as the test report shows it."""
    proc = build_site(ROOT, out)
    return None if proc.returncode == 0 else "make build fails (mkdocs build --strict):\n" + build_problems(proc)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    """pytest-xdist's controller, before its workers start: one build for all of them (not one
    per worker), handed over as the folder and the failure if any (``site_dir``)."""
    config = node.config
    if _SITE not in config.stash:
        out = Path(tempfile.mkdtemp(prefix="pytest-site-"))
        config.stash[_SITE] = {"site_dir": str(out), "problems": _build(out), "build_reported": str(out) + ".reported"}
    node.workerinput.update(config.stash[_SITE])


def pytest_unconfigure(config):
    guard.allow_all()
    built = config.stash.get(_SITE, None)
    if built is not None:
        shutil.rmtree(built["site_dir"], ignore_errors=True)
        Path(built["build_reported"]).unlink(missing_ok=True)


@pytest.fixture(scope="session")
def site_dir(request, tmp_path_factory) -> Path:
    """The strictly built site (built once per session; under pytest-xdist once for every
    worker, by the controller: ``pytest_configure_node``)."""
    given = getattr(request.config, "workerinput", {})
    if "site_dir" in given:
        problems, out = given["problems"], Path(given["site_dir"])
    else:
        out = tmp_path_factory.mktemp("site")
        problems = _build(out)
    if problems is not None:
        raise ProjectDoesNotBuild(problems)
    return out


@pytest.fixture(scope="session")
def site_url(site_dir) -> str:
    """Base URL of a local static server for the built site."""
    with serve_directory(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium (Playwright's own browser download does not work here).
    A test that uses it is marked ``browser``."""
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


@pytest.fixture(scope="session")
def project_copy(tmp_path_factory, site_dir):
    """Throw-away copies of the project, for tests that change what the build reads; a test
    that uses this fixture is marked ``slow``. ``project_copy(notes=("day12",))``: a copy of
    those notes and the notes they link to (``tools.harness.copies.copy_project``);
    ``project_copy()``: of every note; ``project_copy(clone=True)``: a git clone of HEAD
    (committed files only). Each call returns a new copy (a folder of its own under the
    session's temporary directory: module-scoped fixtures use it too). It needs the project to
    build first (``site_dir``): a copy of a project that does not build would only repeat that
    build's error."""

    def make(notes: tuple[str, ...] | None = None, *, clone: bool = False) -> Path:
        dest = tmp_path_factory.mktemp("project") / "project"
        return clone_project(dest) if clone else copy_project(dest, notes)

    return make
