"""Benchmark: the site on a real course (bench/course.py: d2l-ko converted to notes), ours vs
stock Material vs Material with our plugins and no hooks.

    .venv-test/bin/python -m bench.scale [--notes 2,30,100] [--runs 3] [--queries 40] [--no-tests]
                                         [--no-browser] [--synthetic] [--baseline REV]

For each N, in temp copies of the project (one git commit, as in a clone): N = 2 is the
project's own two notes; N > 2 is the own notes plus the first N sections of the course
(``bench.course.add_course``: real, distinct Korean text). ``--synthetic`` is the old stress
case instead: N - 2 copies of docs/day12/day12.md (tools/harness/notes.py
``add_synthetic_notes``), every query matching 100 times over; its numbers are labelled
"synthetic".

- build: ``mkdocs build`` of ours (strict), of stock Material (bench/quality.py
  ``stock_config``: no hooks, no custom_dir, only Material's search plugin) and of Material
  with our plugins (git-revision-date-localized, mkdocs-jupyter with our options) but no
  hooks; runs interleaved, the first round dropped, medians of wall and of CPU (user + sys
  of the build and its children: the search index's second process counts). "ours" keeps its
  cache across the runs (hooks/cache: the dropped first round fills it, as a build before
  fills it for ``make build`` or ``make serve``); "ours, no cache" is the same project built
  with ``BUILD_CACHE=0`` (a fresh clone's first build, CI). ``--baseline
  REV`` adds a fourth variant to the same interleaved runs: the same notes built with REV's
  hooks/, overrides/ and mkdocs.yml (strict), to see what a change to the hooks costs or saves;
- index: ours ``search_index.json`` (downloaded before the first result) and
  ``search_text.json`` (fetched on the first keystroke), raw and gzip -9; "distinct" is the
  sum of each note's own entries gzipped alone (for synthetic copies gzip also squeezes one
  copy against the next);
- browser (Debian Chromium, a fresh context per load = cold cache, the site served with
  gzip like GitHub Pages) on the middle note's page: search worker ready after the load
  event, first result after the load event (the query "gather" typed at load), search bytes
  downloaded (encoded) before that first result, full text ready after the first keystroke,
  and ms from keyup to rendered results for every IME keystroke of the first ``--queries``
  queries (bench/course_queries.yml for the course, tests/search_queries.yml for synthetic
  copies; p50 / p95), for ours and for stock;
- page weight: the note page's first load, gzip, search excluded (bench/quality.py);
- tests: wall and CPU time of ``pytest`` over the copy (the whole suite, as ``make test``
  runs it; synthetic copies repeat day12's headings, so tests that want every heading to
  be unique are expected to fail there: their time still counts), and of the ``make check``
  selection (``-m "not slow"``).

The machine may be shared: builds alternate between variants and medians are printed.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import yaml

from bench.course import D2L_KO_COMMIT, D2L_KO_REPO, add_course
from bench.quality import stock_config, top_level_blocks
from tools import ROOT
from tools.harness.browser import launch_chromium, page_weights
from tools.harness.build import BUILD_ENV, mkdocs_command
from tools.harness.copies import PROJECT_FILES, copy_project
from tools.harness.notes import add_synthetic_notes
from tools.harness.search import INPUT, WORKER_PROBE, SearchBox, load_queries
from tools.harness.serve import serve_directory

REAL_NOTES = 2  # docs/day11, docs/day12
COURSE_QUERIES = Path(__file__).with_name("course_queries.yml")
SEARCH_URL = re.compile(r"/(search/|assets/javascripts/workers/|assets/javascripts/lunr/)")


# ---------------------------------------------------------------------------------- projects


def plugins_config(text: str) -> str:
    """Our mkdocs.yml with our plugins but without hooks, custom_dir, extra CSS/JS, strict."""
    plugins = dict(top_level_blocks(text)).get("plugins")
    if not plugins:
        raise SystemExit("mkdocs.yml has no plugins block: update bench/scale.py")
    stock = stock_config(text)
    out = [block if key != "plugins" else plugins for key, block in top_level_blocks(stock)]
    return "".join(out)


def label(notes: int, synthetic: bool) -> str:
    """What a row of the tables is: "2" (own notes), "2 + 100" (own + course notes), or
    "100 synthetic" (own + copies of day12)."""
    if notes <= REAL_NOTES:
        return str(REAL_NOTES)
    return f"{notes} synthetic" if synthetic else f"{REAL_NOTES} + {notes}"


BASELINE_FILES = ["hooks", "overrides", "mkdocs.yml"]  # what --baseline REV takes from REV (the notes stay the same)


def baseline_project(ours: Path, dest: Path, rev: str) -> Path:
    """A copy of ``ours`` (same notes, same git history) with ``BASELINE_FILES`` as at ``rev``."""
    shutil.copytree(ours, dest, symlinks=True, ignore=shutil.ignore_patterns("site", "__pycache__"))
    for name in BASELINE_FILES:
        path = dest / name
        shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink(missing_ok=True)
    archive = subprocess.run(["git", "archive", rev, "--", *BASELINE_FILES], cwd=ROOT, capture_output=True)
    if archive.returncode != 0:
        raise SystemExit(f"--baseline {rev}: git archive failed: {archive.stderr.decode(errors='replace').strip()}")
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive.stdout, check=True)
    return dest


def make_projects(
    tmp: Path, notes: int, tests: bool, synthetic: bool, baseline: str | None = None
) -> tuple[dict[str, Path], str]:
    """Projects ours / stock / plugins (and ``baseline``: REV's hooks) with ``notes`` notes, and
    the note page to load."""
    ours = copy_project(tmp / "ours")
    if notes <= REAL_NOTES:
        days = [12]
    elif synthetic:
        days = add_synthetic_notes(ours, notes - REAL_NOTES)
    else:
        days = [day for day, _ in add_course(ours, notes)]
    day = days[len(days) // 2]
    if tests:  # what pytest needs besides the project (tools.ROOT is the copy's root)
        # everything else the repository tracks (tests, tools, documents, anchors/, colab/, ...)
        tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
        for name in sorted({line.split("/")[0] for line in tracked.splitlines()} - set(PROJECT_FILES)):
            src = ROOT / name
            if src.is_dir():
                shutil.copytree(src, ours / name, ignore=shutil.ignore_patterns("__pycache__"))
            elif src.exists():
                shutil.copy2(src, ours / name)
        for name in (".venv", ".venv-test", ".venv-lock", "node_modules"):
            (ours / name).symlink_to((ROOT / name).resolve())
    if (ours / ".git").exists():
        # one commit, as in a clone: last-updated dates and the reproducible-build test use git
        env = dict(
            os.environ,
            GIT_AUTHOR_NAME="bench",
            GIT_AUTHOR_EMAIL="bench@localhost",
            GIT_COMMITTER_NAME="bench",
            GIT_COMMITTER_EMAIL="bench@localhost",
        )
        subprocess.run(["git", "add", "-A"], cwd=ours, check=True, env=env)
        subprocess.run(["git", "commit", "-qm", f"{notes} notes"], cwd=ours, check=True, env=env)
    text = (ours / "mkdocs.yml").read_text(encoding="utf-8")
    projects = {"ours": ours}
    if baseline:
        projects["baseline"] = baseline_project(ours, tmp / "baseline", baseline)
    for name, config in (("stock", stock_config(text)), ("plugins", plugins_config(text))):
        project = tmp / name
        project.mkdir()
        for entry in ("docs", "snippets", "img"):
            (project / entry).symlink_to(ours / entry)
        (project / "mkdocs.yml").write_text(config, encoding="utf-8")
        projects[name] = project
    return projects, f"day{day}/day{day}/"


# variants that build another variant's project with other settings: name -> (project, environment)
SAME_PROJECT = {"nocache": ("ours", {"BUILD_CACHE": "0"})}


def time_builds(projects: dict[str, Path], runs: int) -> tuple[dict[str, float], dict[str, float], dict[str, Path]]:
    """Median wall and CPU seconds (user + sys of the build and its children) per variant."""
    projects = dict(projects)
    for name, (base, _) in SAME_PROJECT.items():
        if base in projects:
            projects[name] = projects[base]
    times: dict[str, list[float]] = {name: [] for name in projects}
    cpu: dict[str, list[float]] = {name: [] for name in projects}
    sites = {}
    for i in range(runs + 1):  # the first round warms caches and is dropped
        for name, project in projects.items():
            site = project.parent / f"site-{name}"
            cmd = [*mkdocs_command(), "build", "--quiet", "--clean", "--site-dir", str(site)]
            if name in ("ours", "baseline", *SAME_PROJECT):
                cmd.append("--strict")
            env = dict(os.environ, **BUILD_ENV, **SAME_PROJECT.get(name, ("", {}))[1])
            t, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
            proc = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True)
            dt, after = time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN)
            if proc.returncode != 0:
                raise SystemExit(f"{name} build failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}")
            if i:
                times[name].append(dt)
                cpu[name].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            sites[name] = site
    med = lambda d: {k: statistics.median(v) for k, v in d.items()}
    return med(times), med(cpu), sites


# ------------------------------------------------------------------------------------ sizes


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 9, mtime=0))


def index_sizes(site: Path) -> dict[str, int]:
    out = {}
    for key, name in (("first", "search_index.json"), ("text", "search_text.json")):
        path = site / "search" / name
        if not path.exists():
            continue
        raw = path.read_bytes()
        out[f"{key}_raw"], out[f"{key}_gz"] = len(raw), gz(raw)
        docs = json.loads(raw)
        docs = docs["docs"] if isinstance(docs, dict) else docs
        notes: dict[str, list] = {}
        for d in docs:
            notes.setdefault(d["location"].split("/")[0], []).append(d)
        out[f"{key}_distinct_gz"] = sum(
            gz(json.dumps(v, ensure_ascii=False, separators=(",", ":")).encode()) for v in notes.values()
        )
    return out


# ---------------------------------------------------------------------------------- browser

FIRST_RESULT = """() => new Promise(resolve => {
  const list = document.querySelector('.md-search-result__list');
  const done = () => list.querySelector('li.md-search-result__item');
  if (done()) return resolve(performance.now());
  new MutationObserver((_, obs) => { if (done()) { obs.disconnect(); resolve(performance.now()); } })
    .observe(list, {childList: true});
})"""


def cold_load(browser, url: str, ours: bool) -> dict[str, float]:
    """One cold-cache load: ready / first result after the load event, search bytes before
    the first result, full text ready after the first keystroke (ours)."""
    ctx = browser.new_context(locale="ko-KR")
    ctx.add_init_script(WORKER_PROBE)
    finished: list = []
    ctx.on("requestfinished", lambda r: finished.append(r))
    pg = ctx.new_page()
    pg.goto(url, wait_until="load")
    pg.click(INPUT)
    t_key = pg.evaluate("performance.now()")
    pg.fill(INPUT, "gather")
    pg.press(INPUT, "End")
    first = pg.evaluate(FIRST_RESULT)
    load = pg.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
    origin = pg.evaluate("performance.timeOrigin")
    pg.wait_for_function("() => window.__searchWorker.ready !== null", timeout=120_000)
    ready = pg.evaluate("window.__searchWorker.ready")
    row = {"ready": ready - load, "first": first - load}
    if ours:
        pg.wait_for_function("() => window.__searchWorker.text !== null", timeout=300_000)
        row["text"] = pg.evaluate("window.__searchWorker.text") - max(t_key, ready)
    size = 0
    for r in finished:
        if SEARCH_URL.search(r.url) and r.timing["startTime"] + r.timing["responseEnd"] <= origin + first:
            size += r.sizes()["responseBodySize"]
    row["requests"] = sorted(r.url.split("/")[-1] for r in finished if SEARCH_URL.search(r.url))
    row["bytes"] = size
    ctx.close()
    return row


def keystrokes(browser, url: str, queries: list[str], full: bool) -> list[float]:
    ctx = browser.new_context(locale="ko-KR")
    box = SearchBox(ctx.new_page(), url, full=full)
    ms = [m for q in queries for m, _ in box.type_timed(q)]
    ctx.close()
    return ms


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[round(q * (len(values) - 1))] if values else float("nan")


def browse(sites: dict[str, Path], page: str, queries: list[str], loads: int) -> dict[str, dict]:
    from playwright.sync_api import sync_playwright

    out: dict[str, dict] = {}
    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        for name in ("ours", "stock"):
            with serve_directory(sites[name], gzip=True) as base:
                rows = [cold_load(browser, base + page, name == "ours") for _ in range(loads)]
                row = {k: statistics.median(r[k] for r in rows) for k in rows[0]}
                ms = keystrokes(browser, base + page, queries, full=name == "ours")
                row.update(p50=statistics.median(ms), p95=percentile(ms, 0.95), strokes=len(ms))
                out[name] = row
        browser.close()
    with serve_directory(sites["ours"], gzip=True) as base:
        w = page_weights(base, [page])[0]  # (starts its own Playwright)
    out["ours"].update(page_kb=w["total"] / 1024, html_kb=w["html"] / 1024)
    return out


# ------------------------------------------------------------------------------------ tests


# as the Makefile runs pytest: one pytest-xdist worker per core, at most 4, a file per worker
PARALLEL = ("-n", str(min(os.cpu_count() or 1, 4)), "--dist", "loadfile")


def run_tests(project: Path, tmp: Path, *select: str) -> dict:
    """``pytest`` over the copy (``select``: e.g. ``-m "not slow and not browser"``, what
    ``make check`` runs): wall and CPU seconds (of pytest and every process it started)."""
    env = dict(os.environ, **BUILD_ENV)
    t, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run(
        [
            str(ROOT / ".venv-test" / "bin" / "python"),
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            *PARALLEL,
            f"--basetemp={tmp / 'pytest'}",
            *select,
            *(["tests"] if select else []),
        ],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    seconds, after = time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    tail = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else proc.stderr[-300:]
    failed = re.findall(r"^FAILED (\S+)", proc.stdout, re.M)
    slowest = re.search(r"=+ slowest \d+ durations =+\n(.*?)\n(?:\(|=)", proc.stdout, re.S)
    return {"seconds": seconds, "cpu": cpu, "summary": tail, "failed": failed, "slowest": slowest.group(1) if slowest else ""}


def course_queries() -> list[str]:
    """The course's topic queries of the tuning set, ``tune`` then ``seen`` (bench/course_queries.yml)."""
    data = yaml.safe_load(COURSE_QUERIES.read_text(encoding="utf-8"))
    return [str(item["query"]) for half in ("tune", "seen") for item in data[half]]


# ------------------------------------------------------------------------------------- main


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--notes", default="2,30,100", help="comma-separated note counts (default 2,30,100)")
    ap.add_argument("--runs", type=int, default=3, help="timed builds of each variant (default 3)")
    ap.add_argument("--loads", type=int, default=3, help="cold page loads per variant (default 3)")
    ap.add_argument("--queries", type=int, default=40, help="queries typed keystroke by keystroke (default 40)")
    ap.add_argument("--no-tests", action="store_true", help="skip the test-suite timing")
    ap.add_argument("--no-browser", action="store_true", help="skip the browser measurements")
    ap.add_argument("--synthetic", action="store_true", help="stress case: copies of day12 instead of the real course")
    ap.add_argument("--baseline", metavar="REV", help="also build with REV's hooks/, overrides/, mkdocs.yml (e.g. main)")
    args = ap.parse_args()
    counts = [int(n) for n in args.notes.split(",")]
    queries = [c["query"] for c in load_queries()] if args.synthetic else course_queries()
    queries = queries[: args.queries]
    if not args.synthetic:
        print(f"course: {D2L_KO_REPO}@{D2L_KO_COMMIT[:12]} (bench/course.py)", flush=True)

    results = {}
    for n in counts:
        with tempfile.TemporaryDirectory(prefix=f"bench-scale-{n}-") as tmp:
            tmp = Path(tmp)
            print(f"\n# {label(n, args.synthetic)} notes", flush=True)
            projects, page = make_projects(tmp, n, not args.no_tests, args.synthetic, args.baseline)
            build, cpu, sites = time_builds(projects, args.runs)
            row = {"build": build, "cpu": cpu, "sizes": index_sizes(sites["ours"]), "stock_sizes": index_sizes(sites["stock"])}
            print(
                f"  build s (wall): {', '.join(f'{k} {v:.2f}' for k, v in build.items())}; "
                f"(cpu): {', '.join(f'{k} {v:.2f}' for k, v in cpu.items())}",
                flush=True,
            )
            if not args.no_browser:
                row["browser"] = browse(sites, page, queries, args.loads)
                print(f"  browser: {row['browser']}", flush=True)
            if not args.no_tests:
                row["tests"] = run_tests(projects["ours"], tmp)
                print(f"  tests: {row['tests']['seconds']:.0f} s, {row['tests']['summary']}", flush=True)
                row["check"] = run_tests(projects["ours"], tmp, "-m", "not slow and not browser")
                print(f"  check: {row['check']['seconds']:.0f} s, {row['check']['summary']}", flush=True)
            results[n] = row
    report(results, args)


def report(results: dict[int, dict], args) -> None:
    kb = lambda n: f"{n / 1024:,.0f} KB"
    name = lambda n: label(n, args.synthetic)
    what = "synthetic copies of day12 (stress case)" if args.synthetic else f"real course ({D2L_KO_REPO})"
    print(f"\n# Notes: own notes + {what}")
    for key, kind in (("build", "wall"), ("cpu", "CPU (user + sys)")):
        print(
            f"\n## Build, {kind} seconds (median of {args.runs} interleaved; ratio ours / stock Material, "
            "ours / Material + our plugins = the hooks' cost; ours keeps its cache between builds, "
            "no cache = BUILD_CACHE=0, a fresh clone's first build)\n"
        )
        print(
            "| notes | ours | ours, no cache | stock Material | Material + plugins | ours/stock | "
            "ours/+plugins | no cache/+plugins |"
        )
        print("|---:|---:|---:|---:|---:|---:|---:|---:|")
        for n, r in results.items():
            b = r[key]
            print(
                f"| {name(n)} | {b['ours']:.2f} | {b['nocache']:.2f} | {b['stock']:.2f} | {b['plugins']:.2f} | "
                f"{b['ours'] / b['stock']:.2f}x | {b['ours'] / b['plugins']:.2f}x | {b['nocache'] / b['plugins']:.2f}x |"
            )
    if args.baseline:
        print(
            f"\n## The hooks' cost before (--baseline {args.baseline}) and now, CPU seconds "
            f"(the same interleaved runs; ratio to Material + our plugins)\n"
        )
        rev = args.baseline
        print(f"| notes | {rev} | now | Material + plugins | {rev}/+plugins | now/+plugins | now - {rev} |")
        print("|---:|---:|---:|---:|---:|---:|---:|")
        for n, r in results.items():
            b = r["cpu"]
            print(
                f"| {name(n)} | {b['baseline']:.2f} | {b['ours']:.2f} | {b['plugins']:.2f} | "
                f"{b['baseline'] / b['plugins']:.2f}x | {b['ours'] / b['plugins']:.2f}x | {b['ours'] - b['baseline']:+.2f} |"
            )
    print("\n## Search index (raw / gzip -9; distinct = each note's entries gzipped alone, summed)\n")
    print("| notes | first: search_index.json | first, distinct gz | text: search_text.json | stock search_index.json |")
    print("|---:|---:|---:|---:|---:|")
    for n, r in results.items():
        s, t = r["sizes"], r["stock_sizes"]
        print(
            f"| {name(n)} | {kb(s['first_raw'])} / {kb(s['first_gz'])} | {kb(s['first_distinct_gz'])} | "
            f"{kb(s['text_raw'])} / {kb(s['text_gz'])} | {kb(t['first_raw'])} / {kb(t['first_gz'])} |"
        )
    if not args.no_browser:
        print(
            f"\n## Search in Chromium (cold cache, median of {args.loads} loads; keystrokes: IME steps of "
            f"{args.queries} queries)\n"
        )
        print(
            "| notes | ready after load | first result after load | search bytes before it | full text after 1st key "
            "| keystroke p50 / p95 | stock: ready | stock: first result | stock: bytes | stock: p50 / p95 | page gz |"
        )
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for n, r in results.items():
            o, s = r["browser"]["ours"], r["browser"]["stock"]
            print(
                f"| {name(n)} | {o['ready'] / 1000:.2f} s | {o['first'] / 1000:.2f} s | {kb(o['bytes'])} | "
                f"{o['text'] / 1000:.1f} s | {o['p50']:.0f} / {o['p95']:.0f} ms | {s['ready'] / 1000:.2f} s | "
                f"{s['first'] / 1000:.2f} s | {kb(s['bytes'])} | {s['p50']:.0f} / {s['p95']:.0f} ms | "
                f"{o['page_kb']:.0f} KB |"
            )
    if not args.no_tests:
        print("\n## Test suite over the copy (`make test` = all of pytest; `make check` = -m 'not slow and not browser')\n")
        print("| notes | make test: wall / CPU s | result | make check: wall / CPU s | result |")
        print("|---:|---:|---|---:|---|")
        for n, r in results.items():
            t, c = r["tests"], r["check"]
            print(
                f"| {name(n)} | {t['seconds']:.0f} / {t['cpu']:.0f} | {t['summary']} | "
                f"{c['seconds']:.0f} / {c['cpu']:.0f} | {c['summary']} |"
            )
        ns = sorted(results)
        if len(ns) > 1:
            lo, hi = ns[0], ns[-1]
            added = hi - lo if (args.synthetic or lo > REAL_NOTES) else hi
            per = (results[hi]["tests"]["seconds"] - results[lo]["tests"]["seconds"]) / added
            print(f"\nmake test: seconds per added note: {per:.1f} s ({name(lo)} -> {name(hi)} notes)")
        for n, r in results.items():
            for key in ("tests", "check"):
                if r[key]["failed"]:
                    print(f"\nfailed at {name(n)} notes ({key}): {', '.join(r[key]['failed'])}")
            print(f"\nslowest at {name(n)} notes:\n{r['tests']['slowest']}")


if __name__ == "__main__":
    main()
