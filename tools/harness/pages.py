"""Which built pages the browser scans load (tests/test_quality.py): ``browser_pages``.

A browser load with axe costs seconds a page, so on a long course the scans would grow by
minutes with every note. They load every page of a small site (``FULL_SCAN_UP_TO`` pages or
fewer: the project as it is today), and otherwise every page *kind* fully and every page whose
source changed, and leave the rest to the static checks over the built HTML in
tests/test_quality.py (no browser, every page):

- kinds (``page_kind``): the home page, the first and the longest note (largest built HTML:
  most headings, code and tables), the first and the longest notebook page, the first and the
  longest other page; the 404 page has a test of its own;
- changed (``changed_sources``): a page whose Markdown or notebook, or a snippet of whose
  folder (``snippets/dayN/`` -> the pages in ``docs/dayN/``), differs from ``main`` (its merge
  base with HEAD) or is uncommitted or untracked: what a pull request adds or edits is loaded.

``SCAN_ALL_PAGES=1`` in the environment loads every page whatever the size (before a release,
after a theme change).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tools import ROOT
from tools.harness.copies import DAY_DIR

FULL_SCAN_UP_TO = 12  # pages; the project today has 5
SCAN_ALL = "SCAN_ALL_PAGES"
KINDS = ("home", "note", "notebook", "page")


def page_sources(docs: Path = ROOT / "docs") -> dict[str, str]:
    """Built page URL ('' for home, 'day12/day12/', ...) -> its source, relative to the
    project root ('docs/day12/day12.md'); MkDocs' directory URLs."""
    out = {}
    for src in sorted(docs.rglob("*")):
        if src.suffix not in (".md", ".ipynb") or not src.is_file():
            continue
        rel = src.relative_to(docs).with_suffix("").as_posix()
        url = "" if rel == "index" else (rel[: -len("index")] if rel.endswith("/index") else rel + "/")
        out[url] = (Path(docs.name) / src.relative_to(docs)).as_posix()
    return out


def page_kind(url: str, source: str | None) -> str:
    """home, note (docs/dayN/dayN.md), notebook (.ipynb) or page (anything else)."""
    if url == "":
        return "home"
    if source is None:
        return "page"
    path = Path(source)
    if path.suffix == ".ipynb":
        return "notebook"
    if DAY_DIR.fullmatch(path.parent.name) and path.stem == path.parent.name:
        return "note"
    return "page"


def changed_sources(root: Path = ROOT, base: str = "main") -> set[str]:
    """Files (relative to ``root``) that differ from the merge base of HEAD and ``base``,
    committed or not, and untracked ones; only uncommitted and untracked ones when there is no
    ``base`` (a clone of main alone, a copy with one commit); empty outside git."""

    def git(*args: str) -> list[str] | None:
        proc = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
        return proc.stdout.split("\n") if proc.returncode == 0 else None

    merge_base = git("merge-base", "HEAD", base)
    since = merge_base[0].strip() if merge_base and merge_base[0].strip() else "HEAD"
    names = (git("diff", "--name-only", since) or []) + (git("ls-files", "--others", "--exclude-standard") or [])
    return {n.strip() for n in names if n.strip()}


def changed_pages(sources: dict[str, str], changed: set[str]) -> set[str]:
    """Pages whose source is in ``changed``, or that live in the note folder of a changed
    snippet (``snippets/dayN/...`` -> every page under ``docs/dayN/``)."""
    folders = {Path(c).parts[1] for c in changed if c.startswith("snippets/") and len(Path(c).parts) > 2}
    return {url for url, src in sources.items() if src in changed or (len(Path(src).parts) > 2 and Path(src).parts[1] in folders)}


def browser_pages(
    pages: list[str], sizes: dict[str, int], sources: dict[str, str], changed: set[str], *, scan_all: bool | None = None
) -> list[str]:
    """The pages (of ``pages``, in their order) the browser scans load: all of them for a site
    of ``FULL_SCAN_UP_TO`` pages or fewer or with ``scan_all`` (default: ``SCAN_ALL_PAGES`` set
    in the environment), else the home page, the first and the largest (``sizes``: bytes of
    the built HTML) page of each kind, and every changed page (``changed_pages``)."""
    if scan_all is None:
        scan_all = os.environ.get(SCAN_ALL, "") not in ("", "0")
    if scan_all or len(pages) <= FULL_SCAN_UP_TO:
        return list(pages)
    chosen = {""} & set(pages)
    for kind in KINDS[1:]:
        of_kind = [p for p in pages if page_kind(p, sources.get(p)) == kind]
        if of_kind:
            chosen |= {of_kind[0], max(of_kind, key=lambda p: (sizes.get(p, 0), p))}
    chosen |= changed_pages(sources, changed) & set(pages)
    return [p for p in pages if p in chosen]
