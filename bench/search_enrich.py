"""Benchmark: CPU of the search enrichment (``hooks/search/engine.process_docs``, what the build's
second process runs per page as ``process_page``) on our notes plus a real course.

    .venv-test/bin/python -m bench.search_enrich [--notes 100] [--runs 7] [--baseline REV]

Makes a copy of the project with ``--notes`` d2l-ko notes (bench/course.py), builds it once in
this process with the second process switched off so that the index is enriched here, and keeps
Material's own entries and the headings' context as the hook gave them to ``process_docs``.
Then times ``process_docs`` page by page (each page's entries, as ``process_page`` gets them;
a fresh word cache each run, as a new process has) for this working tree's engine and, with
``--baseline REV``, for the engine of that git revision, runs alternating; prints the median
CPU seconds (``time.process_time``) of each.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.course import add_course
from tools import ROOT
from tools.harness.build import BUILD_ENV
from tools.harness.copies import copy_project


def capture(project: Path) -> tuple[list[dict], dict[str, str]]:
    """Material's entries and the context ``process_docs`` gets in a build of ``project``."""
    os.environ.update(BUILD_ENV)
    cwd = Path.cwd()
    os.chdir(project)
    sys.path.insert(0, str(project))
    try:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        import hooks.search.extension as extension

        def no_pool(*args, **kwargs):
            raise OSError("bench.search_enrich: enrich in the build's process")

        captured: list = []
        enrich = extension.process_docs

        def keep(docs, glossary, context):
            captured.append(([dict(d) for d in docs], dict(context)))
            return enrich(docs, glossary, context)

        extension.ProcessPoolExecutor, extension.process_docs = no_pool, keep
        with tempfile.TemporaryDirectory(prefix="bench-enrich-site-") as site:
            build(load_config("mkdocs.yml", site_dir=site))
    finally:
        os.chdir(cwd)
        sys.path.remove(str(project))
    if len(captured) != 1:
        raise SystemExit(f"bench.search_enrich: expected one process_docs call in the build, got {len(captured)}")
    return captured[0]


def load_engine(source: str, name: str):
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False, encoding="utf-8") as f:
        f.write(source)
    spec = importlib.util.spec_from_file_location(name, f.name)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    os.unlink(f.name)
    return module


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--notes", type=int, default=100, help="d2l-ko notes added to our own (default 100)")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--baseline", help="git revision whose hooks/search/engine.py to compare (e.g. main)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-enrich-") as tmp:
        project = copy_project(Path(tmp) / "project")
        add_course(project, args.notes)
        docs, context = capture(project)
    pages: dict[str, list[dict]] = {}
    for doc in docs:
        pages.setdefault(doc["location"].split("#")[0], []).append(doc)
    engines = {"this tree": load_engine((ROOT / "hooks/search/engine.py").read_text(encoding="utf-8"), "engine_tree")}
    if args.baseline:
        old = subprocess.run(
            ["git", "-C", str(ROOT), "show", f"{args.baseline}:hooks/search/engine.py"], capture_output=True, text=True
        )
        if old.returncode != 0:
            raise SystemExit(f"bench.search_enrich: git show {args.baseline}:hooks/search/engine.py: {old.stderr.strip()}")
        engines[args.baseline] = load_engine(old.stdout, "engine_baseline")
    glossaries = {name: engine.Glossary.load(ROOT / "hooks/search/glossary.yml") for name, engine in engines.items()}
    times: dict[str, list[float]] = {name: [] for name in engines}
    for run in range(args.runs):
        order = list(engines) if run % 2 == 0 else list(reversed(engines))
        for name in order:
            engine = engines[name]
            engine._WORDS.clear()  # a new process has no word cache
            t = time.process_time()
            for entries in pages.values():
                engine.process_docs(entries, glossaries[name], context)
            times[name].append(time.process_time() - t)
    print(f"# engine.process_docs, page by page: {len(pages)} pages, {len(docs)} entries ({args.notes} d2l-ko notes + ours)\n")
    for name, values in times.items():
        print(f"{name}: median {statistics.median(values):.3f} s CPU ({', '.join(f'{v:.3f}' for v in values)})")


if __name__ == "__main__":
    main()
