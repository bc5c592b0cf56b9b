"""The record of published anchors, ``anchors/published.json`` (``hooks/links/published.py``).

Every page URL and heading id the site has published: ``update`` builds the site (strict,
into a temporary folder) and adds what it published to the record; nothing leaves the record
but by ``--forget``. ``check`` says the record is stale when the build published something
the record does not have (a new note or heading: run ``make update``). A recorded page or id
that is gone fails the build itself, naming the two ways out.

    python -m tools.anchors --check | --update
    python -m tools.anchors --forget 'day12/day12/#old-id'   # one id of a page
    python -m tools.anchors --forget 'day12/old/'            # a page and all its ids
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
import tempfile
from pathlib import Path

from hooks.links.published import OUT_ENV, RECORD, read_record, record_json
from tools import ROOT, cli
from tools.harness.build import build_site


def files() -> list[Path]:
    return [ROOT / RECORD]


def _project(path: Path) -> Path:
    return Path(path).resolve().parent.parent  # anchors/published.json -> the project


def published(project: Path) -> dict[str, dict]:
    """What a strict build of ``project`` publishes now."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "published.json"
        os.environ[OUT_ENV] = str(out)
        try:
            proc = build_site(project, Path(tmp) / "site")
        finally:
            del os.environ[OUT_ENV]
        if proc.returncode != 0 or not out.is_file():
            lines = [ln for ln in (proc.stderr + proc.stdout).splitlines() if "WARNING" in ln or "Error" in ln]
            raise RuntimeError(f"{RECORD}: the strict build failed, so the record cannot be refreshed:\n" + "\n".join(lines))
        return read_record(out)


def _merged(path: Path) -> tuple[str, str]:
    old = read_record(path)
    pages = {url: dict(entry) for url, entry in old.items()}
    for url, entry in published(_project(path)).items():
        ids = set(pages.get(url, {}).get("ids", [])) | set(entry["ids"])
        pages[url] = {"source": entry["source"], "ids": sorted(ids)}
    before = path.read_text(encoding="utf-8") if path.is_file() else ""
    return before, record_json(pages)


def check(path: Path) -> None:
    before, after = _merged(path)
    if before != after:
        diff = difflib.unified_diff(before.splitlines(), after.splitlines(), cli.rel(path), "published now", lineterm="", n=0)
        raise AssertionError("\n".join(diff))


def update(path: Path) -> bool:
    before, after = _merged(path)
    if before != after:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(after, encoding="utf-8")
    return before != after


def forget(entry: str, path: Path | None = None) -> str:
    """Drop ``URL#id`` (one id) or ``URL`` (the page and its ids) from the record."""
    path = path or files()[0]
    pages = read_record(path)
    url, _, anchor = entry.partition("#")
    if url not in pages or (anchor and anchor not in pages[url]["ids"]):
        known = difflib.get_close_matches(entry, [u + "#" + i for u in pages for i in pages[u]["ids"]] + list(pages), n=1)
        hint = f" Did you mean {known[0]!r}?" if known else ""
        raise SystemExit(f"{cli.rel(path)}: {entry!r} is not in the record.{hint}")
    if anchor:
        pages[url]["ids"] = [i for i in pages[url]["ids"] if i != anchor]
    else:
        del pages[url]
    path.write_text(record_json(pages), encoding="utf-8")
    return f"{cli.rel(path)}: forgot {entry!r}"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--forget"]:
        parser = argparse.ArgumentParser(prog="python -m tools.anchors --forget")
        parser.add_argument("entries", nargs="+", help="URL#id or URL, as the build's message names it")
        for entry in parser.parse_args(argv[1:]).entries:
            print(forget(entry))
        return 0
    return cli.main(argv, sys.modules[__name__])


if __name__ == "__main__":
    sys.exit(main())
