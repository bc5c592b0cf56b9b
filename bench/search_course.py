"""Benchmark: search ranking on a real course, ours vs stock Material vs Pagefind.

    .venv-test/bin/python -m bench.search_course [--notes 100] [--engines ours,stock,pagefind]
                                                 [--loads 3] [--strokes 40] [--work DIR] [--show N]

Makes the course (bench/course.py: the first ``--notes`` sections of d2l-ko at the pinned
commit as notes) in a temp copy of the project, checks the query file
(bench/course_queries.yml, ``validate``: it fails loudly when a query is wrong), builds ours
(``--strict``) and stock Material (bench/quality.py ``stock_config``, the same docs), runs
Pagefind (``pagefind[extended]``, installed at bench time into bench/.venv-pagefind from the
package index, never into the locked envs) over the stock build, and in Debian Chromium, each
site served with gzip like GitHub Pages:

- ranking: every query typed into the search box (tools/harness/search.py ``SearchBox``; ours
  with its full text loaded) and the visible result links read in order, page links and
  section links as a reader sees them. Pagefind through its JS API (``pagefind.search``),
  one link per result page as its default UI shows it (sub-results off by default). Per
  group of queries (``tune`` and ``seen``: the tuning set; ``holdout2``: never tuned on, run
  for reports only; ``--halves`` picks which to run): the page about the topic as the first link (count / n), MRR
  (1 / rank of the first link into a page that counts), recall@5 (such a link among the first
  five), distinct pages among the first five links (mean);
- speed: search bytes downloaded (encoded) before the first result and first result after
  the load event (median of ``--loads`` cold loads; bench/scale.py ``cold_load``, the query
  "gather"; Pagefind: its script imported after load, then searched and the first result's
  data read), keystroke to results p50 / p95 over every IME step of the first ``--strokes``
  queries (ours and stock: keyup to the rendered result list; Pagefind: ``search`` + the
  first five results' ``data()``, no rendering).

``--work DIR`` keeps the copies and builds there and reuses the stock build and its Pagefind
index on the next run (ours is rebuilt every run: it is what changes). ``--show N`` prints
the first N links of every query. Prints the d2l-ko commit with the results.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from bench.course import D2L_KO_COMMIT, D2L_KO_REPO, add_course, source_dir
from bench.quality import stock_config
from bench.scale import cold_load, keystrokes, percentile
from tools import ROOT
from tools.harness.browser import launch_chromium
from tools.harness.build import BUILD_ENV, mkdocs_command
from tools.harness.copies import copy_project
from tools.harness.search import SearchBox, ime_states
from tools.harness.serve import serve_directory

QUERIES = ROOT / "bench" / "course_queries.yml"
HALVES = ("tune", "seen", "holdout2")  # every group of the query file, in report order
TUNING = ("tune", "seen")  # what ranking work may look at; holdout2 is for reports only
PAGEFIND_VENV = ROOT / "bench" / ".venv-pagefind"
PAGEFIND = "pagefind[extended]==1.5.2"
ENGINES = ("ours", "stock", "pagefind")

_FENCE = re.compile(r"^```[^\n]*\n(.*?)^```[ \t]*$", re.M | re.S)
_FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)


# ------------------------------------------------------------------------------ the queries


def _word(name: str) -> re.Pattern:
    return re.compile(rf"(?<![A-Za-z0-9_]){re.escape(name)}(?![A-Za-z0-9_])", re.I)


def _defines(code: str, name: str) -> bool:
    """Does ``code`` define ``name``: def/class, an assignment, a keyword argument, a parameter."""
    n = re.escape(name)
    return bool(
        re.search(rf"\b(?:def|class)\s+{n}\b", code)
        or re.search(rf"^[ \t]*(?:[\w.]+\s*,\s*)*{n}\s*(?:,\s*[\w.]+\s*)*(?::[^=\n]*)?=(?!=)", code, re.M)
        or re.search(rf"[(,]\s*{n}\s*=(?!=)", code)
        or re.search(rf"\bdef\s+\w+\([^)]*\b{n}\b", code)
    )


def validate(queries: dict, notes: dict[str, str]) -> None:
    """``queries`` (bench/course_queries.yml) against the course's notes (stem -> Markdown):
    every ``pages`` stem is a course page; a ``code`` query's name is in no page's prose
    (case-insensitive, whole word; front matter, headings, text and code spans count as prose)
    and the code of each of its pages defines it. Raises SystemExit naming every problem."""
    problems = []
    if set(queries) != set(HALVES):
        problems.append(f"top-level keys must be {HALVES}, got {sorted(queries)}")
    prose = {stem: _FENCE.sub(" ", text) for stem, text in notes.items()}
    code = {stem: "\n".join(_FENCE.findall(text)) for stem, text in notes.items()}
    seen = set()
    for half in HALVES:
        for n, q in enumerate(queries.get(half) or [], 1):
            where = f"{QUERIES.name}: {half}[{n}] {q.get('query')!r}"
            if set(q) != {"query", "kind", "pages"} or q["kind"] not in ("topic", "code") or not q["pages"]:
                problems.append(f"{where}: expected {{query, kind: topic|code, pages: [...]}}")
                continue
            if q["query"] in seen:
                problems.append(f"{where}: the same query twice")
            seen.add(q["query"])
            for stem in q["pages"]:
                if stem not in notes:
                    problems.append(f"{where}: {stem!r} is not a page of the course")
            if q["kind"] == "code":
                word = _word(q["query"])
                inprose = [stem for stem, text in prose.items() if word.search(text)]
                if inprose:
                    problems.append(f"{where}: a code query, but the prose of {', '.join(inprose[:5])} has it")
                for stem in q["pages"]:
                    if stem in code and not _defines(code[stem], q["query"]):
                        problems.append(f"{where}: the code of {stem} does not define it")
    if problems:
        raise SystemExit("bench.search_course: the query file is wrong:\n  " + "\n  ".join(problems))


# ------------------------------------------------------------------------------ the sites


def pagefind_python() -> Path:
    """bench/.venv-pagefind's python, with pagefind[extended] installed (made on first use)."""
    python = PAGEFIND_VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(PAGEFIND_VENV)], check=True)
    ok = subprocess.run([str(python), "-m", "pagefind", "--version"], capture_output=True, text=True)
    if ok.returncode != 0:
        print(f"installing {PAGEFIND} into {PAGEFIND_VENV}", flush=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", PAGEFIND], check=True)
    return python


def build(project: Path, site: Path, strict: bool) -> float:
    cmd = [*mkdocs_command(), "build", "--quiet", "--clean", "--site-dir", str(site)] + (["--strict"] if strict else [])
    t = time.perf_counter()
    proc = subprocess.run(cmd, cwd=project, env=dict(os.environ, **BUILD_ENV), capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"bench.search_course: build of {project} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}")
    return time.perf_counter() - t


def make_sites(work: Path, notes: int, engines: list[str], queries: dict) -> tuple[dict[str, Path], dict[str, str], str]:
    """Sites per engine, day folder -> book stem, and the note page to load (the query file
    is checked against the course before anything is built)."""
    if (work / "ours").exists():
        shutil.rmtree(work / "ours")
    ours = copy_project(work / "ours")
    days = add_course(ours, notes)
    stems = {f"day{day}": Path(path).stem for day, path in days}
    validate(queries, course_notes(ours, stems))
    sites = {"ours": work / "site-ours"}
    if "ours" in engines:
        print(f"  ours built in {build(ours, sites['ours'], True):.1f} s", flush=True)
    stock, sites["stock"] = work / "stock", work / "site-stock"
    sites["pagefind"] = sites["stock"]
    marker = sites["stock"] / ".bench-course"
    wanted = f"{D2L_KO_COMMIT} {notes}\n{(ours / 'mkdocs.yml').read_text(encoding='utf-8')}"
    if {"stock", "pagefind"} & set(engines) and not (marker.exists() and marker.read_text(encoding="utf-8") == wanted):
        if stock.exists():
            shutil.rmtree(stock)
        stock.mkdir()
        shutil.copytree(ours / "docs", stock / "docs")
        for entry in ("snippets", "img"):
            (stock / entry).symlink_to(ours / entry)
        (stock / "mkdocs.yml").write_text(stock_config((ours / "mkdocs.yml").read_text(encoding="utf-8")), encoding="utf-8")
        print(f"  stock built in {build(stock, sites['stock'], False):.1f} s", flush=True)
        t = time.perf_counter()
        proc = subprocess.run(
            [str(pagefind_python()), "-m", "pagefind", "--site", str(sites["stock"])], capture_output=True, text=True
        )
        if proc.returncode != 0:
            raise SystemExit(f"bench.search_course: pagefind failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
        print(f"  pagefind indexed in {time.perf_counter() - t:.1f} s", flush=True)
        marker.write_text(wanted, encoding="utf-8")
    day = days[len(days) // 2][0]
    return sites, stems, f"day{day}/day{day}/"


def course_notes(project: Path, stems: dict[str, str]) -> dict[str, str]:
    return {stem: (project / "docs" / day / f"{day}.md").read_text(encoding="utf-8") for day, stem in stems.items()}


# ------------------------------------------------------------------------------ Pagefind

PF_IMPORT = """async (base) => {
  if (!window.__pf) { window.__pf = await import(new URL('pagefind/pagefind.js', base).href); await window.__pf.init(); }
}"""
PF_SEARCH = """async ([query, n]) => {
  const t = performance.now();
  const search = await window.__pf.search(query);
  const data = await Promise.all(search.results.slice(0, n).map(r => r.data()));
  return {ms: performance.now() - t, urls: data.map(d => d.url)};
}"""


def pagefind_cold(browser, base: str, url: str) -> dict:
    ctx = browser.new_context(locale="ko-KR")
    finished: list = []
    ctx.on("requestfinished", lambda r: finished.append(r))
    pg = ctx.new_page()
    pg.goto(url, wait_until="load")
    pg.evaluate(PF_IMPORT, base)
    pg.evaluate(PF_SEARCH, ["gather", 1])
    first = pg.evaluate("performance.now()")
    load = pg.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
    origin = pg.evaluate("performance.timeOrigin")
    size = sum(
        r.sizes()["responseBodySize"]
        for r in finished
        if "/pagefind/" in r.url and r.timing["startTime"] + r.timing["responseEnd"] <= origin + first
    )
    ctx.close()
    return {"first": first - load, "bytes": size}


# ------------------------------------------------------------------------------ measuring


def page_of(link: str, stems: dict[str, str]) -> str | None:
    """Book stem of a result link (``day13/day13/#sec`` or ``/day13/day13/``)."""
    m = re.match(r"/?(day\d+)/", link)
    return stems.get(m.group(1)) if m else None


def score(links: list[str], pages: list[str], stems: dict[str, str]) -> dict:
    on = [page_of(link, stems) for link in links]
    rank = next((i + 1 for i, p in enumerate(on) if p in pages), None)
    return {
        "first": rank == 1,
        "rr": 1 / rank if rank else 0.0,
        "at5": rank is not None and rank <= 5,
        "distinct5": len({p or link for p, link in zip(on[:5], links[:5])}),
        "rank": rank,
    }


def rank_queries(browser, engine: str, base: str, page: str, queries: list[dict]) -> list[list[str]]:
    ctx = browser.new_context(locale="ko-KR")
    pg = ctx.new_page()
    if engine == "pagefind":
        pg.goto(base + page)
        pg.evaluate(PF_IMPORT, base)
        out = [[re.sub(r"^https?://[^/]+", "", u) for u in pg.evaluate(PF_SEARCH, [q["query"], 10])["urls"]] for q in queries]
    else:
        box = SearchBox(pg, base, full=engine == "ours")  # the home page: links are read relative to it
        out = [box.search(q["query"]).links for q in queries]
    ctx.close()
    return out


def pagefind_strokes(browser, base: str, url: str, queries: list[str]) -> list[float]:
    ctx = browser.new_context(locale="ko-KR")
    pg = ctx.new_page()
    pg.goto(url)
    pg.evaluate(PF_IMPORT, base)
    pg.evaluate(PF_SEARCH, ["gather", 5])
    ms = [pg.evaluate(PF_SEARCH, [state, 5])["ms"] for q in queries for state in ime_states(q)]
    ctx.close()
    return ms


def measure(sites, stems, page, queries, engines, args) -> dict:
    from playwright.sync_api import sync_playwright

    flat = [q for half in args.halves for q in queries[half]]
    out: dict[str, dict] = {}
    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        for engine in engines:
            with serve_directory(sites[engine], gzip=True) as base:
                t = time.perf_counter()
                links = rank_queries(browser, engine, base, page, flat)
                row: dict = {"links": dict(zip((q["query"] for q in flat), links))}
                print(f"  {engine}: {len(flat)} queries in {time.perf_counter() - t:.0f} s", flush=True)
                if args.loads:
                    strokes = [q["query"] for q in flat][: args.strokes]
                    if engine == "pagefind":
                        loads = [pagefind_cold(browser, base, base + page) for _ in range(args.loads)]
                        ms = pagefind_strokes(browser, base, base + page, strokes)
                    else:
                        loads = [cold_load(browser, base + page, engine == "ours") for _ in range(args.loads)]
                        ms = keystrokes(browser, base + page, strokes, full=engine == "ours")
                    row.update(
                        first=statistics.median(r["first"] for r in loads),
                        bytes=statistics.median(r["bytes"] for r in loads),
                        p50=statistics.median(ms),
                        p95=percentile(ms, 0.95),
                        strokes=len(ms),
                    )
                out[engine] = row
        browser.close()
    return out


# ------------------------------------------------------------------------------ report


def report(results: dict, queries: dict, stems: dict[str, str], args) -> None:
    engines = list(results)
    print(f"\n# Search on a real course: {args.notes} notes from {D2L_KO_REPO}@{D2L_KO_COMMIT}\n")
    for half in args.halves:
        qs = queries[half]
        print(
            f"## {half} ({len(qs)} queries: {sum(q['kind'] == 'topic' for q in qs)} topic, "
            f"{sum(q['kind'] == 'code' for q in qs)} code)\n"
        )
        print("| measure | " + " | ".join(engines) + " |")
        print("|---|" + "---:|" * len(engines))
        rows = {e: [score(results[e]["links"][q["query"]], q["pages"], stems) for q in qs] for e in engines}
        n = len(qs)
        print(
            "| page about the topic as the first link | "
            + " | ".join(f"{sum(r['first'] for r in rows[e])}/{n}" for e in engines)
            + " |"
        )
        print("| MRR | " + " | ".join(f"{statistics.mean(r['rr'] for r in rows[e]):.3f}" for e in engines) + " |")
        print("| recall@5 | " + " | ".join(f"{sum(r['at5'] for r in rows[e])}/{n}" for e in engines) + " |")
        print(
            "| distinct pages in the first 5 links (mean) | "
            + " | ".join(f"{statistics.mean(r['distinct5'] for r in rows[e]):.2f}" for e in engines)
            + " |"
        )
        for kind in ("topic", "code"):
            idx = [i for i, q in enumerate(qs) if q["kind"] == kind]
            print(
                f"| first link, {kind} queries | "
                + " | ".join(f"{sum(rows[e][i]['first'] for i in idx)}/{len(idx)}" for e in engines)
                + " |"
            )
        print()
        misses = [
            (q["query"], {e: rows[e][i]["rank"] for e in engines})
            for i, q in enumerate(qs)
            if any(rows[e][i]["rank"] != 1 for e in engines)
        ]
        if misses:
            print(
                f"not first ({half}): "
                + "; ".join(f"{q} " + " ".join(f"{e}={r}" for e, r in ranks.items()) for q, ranks in misses)
            )
            print()
    if args.loads:
        kb = lambda b: f"{b / 1024:,.0f} KB"
        print(f"## Speed (median of {args.loads} cold loads; keystrokes: IME steps of {args.strokes} queries)\n")
        print("| measure | " + " | ".join(engines) + " |")
        print("|---|" + "---:|" * len(engines))
        print("| search bytes before the first result | " + " | ".join(kb(results[e]["bytes"]) for e in engines) + " |")
        print("| first result after load | " + " | ".join(f"{results[e]['first'] / 1000:.2f} s" for e in engines) + " |")
        print(
            "| keystroke p50 / p95 | "
            + " | ".join(f"{results[e]['p50']:.0f} / {results[e]['p95']:.0f} ms" for e in engines)
            + " |"
        )
        print("| keystrokes | " + " | ".join(str(results[e]["strokes"]) for e in engines) + " |")
    if args.show:
        print()
        for half in args.halves:
            for q in queries[half]:
                print(f"[{half}] {q['query']} -> {', '.join(q['pages'])}")
                for e in engines:
                    shown = [
                        f"{page_of(link, stems) or link}{link[link.find('#') :] if '#' in link else ''}"
                        for link in results[e]["links"][q["query"]][: args.show]
                    ]
                    print(f"    {e:8} {' | '.join(shown)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--notes", type=int, default=100)
    ap.add_argument("--engines", default=",".join(ENGINES), help="comma-separated, of " + ", ".join(ENGINES))
    ap.add_argument("--loads", type=int, default=3, help="cold loads per engine (0: ranking only)")
    ap.add_argument("--strokes", type=int, default=40, help="queries typed keystroke by keystroke (default 40)")
    ap.add_argument("--work", type=Path, help="keep the copies and builds here (reused: stock and Pagefind)")
    ap.add_argument("--show", type=int, default=0, help="print the first N links of every query")
    ap.add_argument(
        "--halves",
        default=",".join(HALVES),
        help=f"comma-separated groups of queries to run, of {', '.join(HALVES)} (ranking work: {','.join(TUNING)})",
    )
    args = ap.parse_args()
    args.halves = [h for h in args.halves.split(",") if h]
    if not args.halves or set(args.halves) - set(HALVES):
        raise SystemExit(f"bench.search_course: --halves takes {', '.join(HALVES)}")
    engines = [e for e in args.engines.split(",") if e]
    if not engines or set(engines) - set(ENGINES):
        raise SystemExit(f"bench.search_course: --engines takes {', '.join(ENGINES)}")
    source_dir(None)  # loud early when the book is missing
    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="bench-course-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        print(f"# {args.notes} notes of {D2L_KO_REPO}@{D2L_KO_COMMIT} in {work}", flush=True)
        sites, stems, page = make_sites(work, args.notes, engines, queries)
        results = measure(sites, stems, page, queries, engines, args)
    report(results, queries, stems, args)


if __name__ == "__main__":
    main()
