"""Benchmark: Lighthouse scores, main-thread work, page weight and build time. Prints tables; asserts nothing.

    .venv-test/bin/python -m bench.quality [--no-lighthouse] [--runs N] [--trace-runs N]

1. Lighthouse 12 (mobile profile, Debian Chromium) for the home page, the longest note (day12)
   and a short note (day11), each built by us and by stock Material (the same Markdown, see 3),
   runs alternating ours/stock, median of ``--lh-runs`` (default 3): performance, total blocking
   time, LCP, best practices, the first load's weight, and the other categories. Goals: every
   page >= 95 and >= stock's score, TBT <= 200 ms on day12, best practices 100. Lighthouse is
   not a test dependency: on first use it is installed into bench/.npm/ (gitignored) with
   ``npm install --prefix bench/.npm lighthouse@12.2.3``. On a busy machine the scores move
   (simulated throttling multiplies the main thread's real time): compare ours and stock of the
   same run.
2. Page weight of a first load of every built page (fresh browser context, no cache):
   every response recorded in Chromium, each body gzip-compressed (level 6, as a static
   host serves text; already-compressed images count as they are), split into HTML, CSS,
   JS, images, other, and the search index (search worker, lunr, search_index.json)
   separately. Budget: <= 150 KB per note page, search index not included.
3. Build time: ``make build`` in a copy of the work tree (full git history, so the
   last-updated dates cost what they cost) next to a stock Material build of the same
   Markdown: same copy, mkdocs.yml without hooks, without plugins other than Material's
   search, without custom_dir. Runs alternate; medians and the ratio (goal <= 1.3x).
4. Main-thread work of a page load from a Chromium trace (``--trace-runs``, default 5; ours and
   stock alternating, unthrottled, a 412 px phone viewport): the renderer main thread's CPU time
   in tasks (thread time, so less moved by other processes than Lighthouse's simulated times)
   from navigation to 4 s after the load event, of it style recalculation and layout, and the
   longest task (wall time). Median of the runs.

The site is served by a small static server that gzips text like GitHub Pages does.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from tools import ROOT
from tools.harness.browser import CHROMIUM, CHROMIUM_ARGS, PAGE_BUDGET, launch_chromium, page_weights
from tools.harness.build import BUILD_ENV, build_site, discover_pages
from tools.harness.copies import PROJECT_FILES
from tools.harness.serve import serve_directory

NPM_PREFIX = ROOT / "bench" / ".npm"
LIGHTHOUSE = NPM_PREFIX / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
LABELS = {"performance": "performance", "accessibility": "a11y", "best-practices": "best practices", "seo": "SEO"}


# ---------------------------------------------------------------------------------------
# 1. Lighthouse


def ensure_lighthouse() -> Path:
    if not LIGHTHOUSE.exists():
        print("installing lighthouse@12.2.3 into bench/.npm (first run only) ...", flush=True)
        subprocess.run(
            ["npm", "install", "--prefix", str(NPM_PREFIX), "--no-audit", "--no-fund", "--loglevel=error", "lighthouse@12.2.3"],
            check=True,
        )
    return LIGHTHOUSE


def lighthouse(url: str, out_json: Path) -> dict[str, float]:
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    flags = "--headless=new " + " ".join(CHROMIUM_ARGS)
    proc = subprocess.run(
        [
            str(ensure_lighthouse()),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out_json}",
            "--only-categories=" + ",".join(CATEGORIES),
            "--form-factor=mobile",
            f"--chrome-flags={flags}",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if proc.returncode != 0 or not out_json.exists():
        raise RuntimeError(f"lighthouse failed for {url}:\n{proc.stderr[-3000:]}")
    report = json.loads(out_json.read_text(encoding="utf-8"))
    out_json.unlink()
    scores = {c: report["categories"][c]["score"] for c in CATEGORIES}
    failing = []
    for c in CATEGORIES:
        for ref in report["categories"][c]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                failing.append(f"{c}: {ref['id']} ({audit['score']:.2f}) {audit.get('displayValue', '')}")
    metrics = {
        k: report["audits"][k].get("displayValue", "")
        for k in (
            "first-contentful-paint",
            "largest-contentful-paint",
            "total-blocking-time",
            "cumulative-layout-shift",
            "speed-index",
        )
    }
    numbers = {
        k: report["audits"][k].get("numericValue")
        for k in ("total-blocking-time", "largest-contentful-paint", "first-contentful-paint")
    }
    return {"scores": scores, "failing": failing, "metrics": metrics, "numbers": numbers}


def compare(bases: dict[str, str], pages: list[str], runs: int, tmp: Path) -> None:
    """Lighthouse on each page of each site, alternating sites, ``runs`` times; prints medians."""
    results: dict[tuple[str, str], list[dict]] = {}
    for i in range(runs):
        for path in pages:
            for side, base in bases.items():
                results.setdefault((path, side), []).append(lighthouse(base + path, tmp / f"lh-{side}.json"))
                print(f"  run {i + 1}/{runs} {side} /{path}: done", flush=True)

    def med(rows, key):
        values = [key(r) for r in rows if key(r) is not None]
        return statistics.median(values) if values else None

    # the columns after LCP are CATEGORIES[1:], named from that list (a hand-written header had
    # "best practices" and "a11y" swapped)
    names = " | ".join(LABELS[c] for c in CATEGORIES[1:])
    print(f"\n| page | site | performance (runs) | median | TBT ms (median) | LCP s | {names} |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|")
    notes = []
    for path in pages:
        for side in bases:
            rows = results[(path, side)]
            perf = [round(r["scores"]["performance"] * 100) for r in rows]
            tbt = med(rows, lambda r: r["numbers"]["total-blocking-time"])
            lcp = med(rows, lambda r: r["numbers"]["largest-contentful-paint"])
            other = {c: med(rows, lambda r, c=c: r["scores"][c]) for c in CATEGORIES[1:]}
            print(
                f"| /{path} | {side} | {', '.join(map(str, perf))} | {statistics.median(perf):.0f} | {tbt:.0f} | {lcp / 1000:.1f}"
                + "".join(f" | {'n/a' if other[c] is None else round(other[c] * 100)}" for c in CATEGORIES[1:])
                + " |",
                flush=True,
            )
            if side == "ours":
                notes += sorted({f"/{path}: {f}" for r in rows for f in r["failing"]})
    if notes:
        print("\nours, weighted audits below 1 (any run):\n  " + "\n  ".join(notes))


# ---------------------------------------------------------------------------------------
# 4. Main-thread work from a Chromium trace

TRACE_CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "toplevel"]
TASKS = ("RunTask", "ThreadControllerImpl::RunTask")


def main_thread(browser, url: str) -> dict[str, float]:
    """One cold load of ``url``: the renderer main thread's task CPU, style, layout (ms) and its
    longest task (wall ms), from navigation to 4 s after the load event."""
    ctx = browser.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=1.75, is_mobile=True, has_touch=True)
    try:
        pg = ctx.new_page()
        browser.start_tracing(page=pg, categories=TRACE_CATEGORIES)
        pg.goto(url, wait_until="load")
        pg.wait_for_timeout(4000)
        events = json.loads(browser.stop_tracing())["traceEvents"]
    finally:
        ctx.close()
    main = {
        (e["pid"], e["tid"])
        for e in events
        if e.get("name") == "thread_name" and e.get("args", {}).get("name") == "CrRendererMain"
    }
    mine = [e for e in events if (e.get("pid"), e.get("tid")) in main and e.get("ph") == "X"]
    tasks, end = [], -1  # outermost tasks only (the two task events nest)
    for e in sorted((e for e in mine if e["name"] in TASKS), key=lambda e: (e["ts"], -e["dur"])):
        if e["ts"] >= end:
            tasks.append(e)
            end = e["ts"] + e["dur"]
    if not tasks:
        raise RuntimeError(f"no renderer main-thread tasks in the trace of {url}")

    def cpu(events):
        return sum(e.get("tdur", e["dur"]) for e in events) / 1000

    return {
        "cpu": cpu(tasks),
        "style": cpu(e for e in mine if e["name"] == "UpdateLayoutTree"),
        "layout": cpu(e for e in mine if e["name"] == "Layout"),
        "longest": max(e["dur"] for e in tasks) / 1000,
    }


def compare_main_thread(bases: dict[str, str], pages: list[str], runs: int) -> None:
    results: dict[tuple[str, str], list[dict]] = {}
    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            for _ in range(runs):
                for path in pages:
                    for side, base in bases.items():
                        results.setdefault((path, side), []).append(main_thread(browser, base + path))
        finally:
            browser.close()
    print("\n| page | site | main-thread task CPU ms (runs) | median | style ms | layout ms | longest task ms |")
    print("|---|---|---|---:|---:|---:|---:|")
    for path in pages:
        for side in bases:
            rows = results[(path, side)]
            med = {k: statistics.median(r[k] for r in rows) for k in rows[0]}
            each = ", ".join(f"{r['cpu']:.0f}" for r in rows)
            print(
                f"| /{path} | {side} | {each} | {med['cpu']:.0f}"
                f" | {med['style']:.0f} | {med['layout']:.0f} | {med['longest']:.0f} |",
                flush=True,
            )


# ---------------------------------------------------------------------------------------
# 2. Page weight

# response_kind() and page_weights() live in tools/harness/browser.py (tests/test_quality.py checks the budget)


# ---------------------------------------------------------------------------------------
# 3. Build time


def work_tree_copy(dest: Path) -> Path:
    """The work tree as it is (committed or not) plus its git history and the Makefile."""
    dest.mkdir(parents=True)
    for name in [*PROJECT_FILES, "Makefile", "pyproject.toml", "locks", "tools", ".git"]:  # make checks the locks first
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / name)
    # the docs venv, as `make build` expects it (its stamp is newer than pyproject.toml)
    (dest / ".venv").symlink_to(ROOT / ".venv")
    return dest


def top_level_blocks(text: str) -> list[tuple[str | None, str]]:
    """mkdocs.yml split into (top-level key, block text) in order (comments stay with the
    block that follows them)."""
    blocks: list[tuple[str | None, str]] = []
    key, lines, pending = None, [], []
    for line in text.splitlines(keepends=True):
        m = re.match(r"^([A-Za-z_][\w-]*):", line)
        if m:
            blocks.append((key, "".join(lines)))
            key, lines, pending = m.group(1), pending + [line], []
        elif line.startswith("#") or not line.strip():
            pending.append(line)
        else:
            lines += pending + [line]
            pending = []
    blocks.append((key, "".join(lines + pending)))
    return blocks


def stock_config(text: str) -> str:
    """Our mkdocs.yml as a stock Material project: no hooks, only Material's search plugin,
    no custom_dir, no extra CSS/JS; everything else (Markdown extensions) unchanged."""
    out = []
    keys = set()
    for key, block in top_level_blocks(text):
        keys.add(key)
        if key in ("hooks", "extra_css", "extra_javascript", "strict"):
            continue  # (not strict: without our hooks, e.g. top-level img/, it warns)
        if key == "plugins":
            block = "plugins:\n  - search:\n      lang: ko\n"
        if key == "theme":
            if "custom_dir:" not in block:
                raise SystemExit("mkdocs.yml theme has no custom_dir: update bench/quality.py")
            block = re.sub(r"^  custom_dir:.*\n", "", block, flags=re.M)
        out.append(block)
    for needed in ("plugins", "theme", "markdown_extensions"):
        if needed not in keys:
            raise SystemExit(f"mkdocs.yml has no top-level {needed}: update bench/quality.py")
    return "".join(out)


def build_stock(dest: Path) -> Path:
    """Stock Material's site of the same Markdown (see stock_config), built into dest/site."""
    stock = work_tree_copy(dest)
    (stock / "mkdocs.yml").write_text(stock_config((ROOT / "mkdocs.yml").read_text("utf-8")), encoding="utf-8")
    cmd = [str(ROOT / ".venv" / "bin" / "mkdocs"), "build", "--site-dir", "site", "--quiet"]
    proc = subprocess.run(cmd, cwd=stock, env=dict(os.environ, **BUILD_ENV), capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"stock build failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return stock / "site"


def time_builds(runs: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        tmp = Path(tmp)
        ours = work_tree_copy(tmp / "ours")
        stock = work_tree_copy(tmp / "stock")
        (stock / "mkdocs.yml").write_text(stock_config((ours / "mkdocs.yml").read_text("utf-8")), encoding="utf-8")
        env = dict(os.environ, **BUILD_ENV)
        stock_cmd = [str(ROOT / ".venv" / "bin" / "mkdocs"), "build", "--site-dir", "site", "--quiet"]
        times = {"ours": [], "stock": []}
        for i in range(runs + 1):  # the first round warms the file cache and is dropped
            for name, cwd, cmd in (
                ("ours", ours, ["make", "-s", "-o", ".venv/.installed", "build"]),
                ("stock", stock, stock_cmd),
            ):
                t = time.perf_counter()
                proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
                dt = time.perf_counter() - t
                if proc.returncode != 0:
                    raise RuntimeError(f"{name} build failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
                if i:
                    times[name].append(dt)
        stock_pages = len(discover_pages(stock / "site"))
    med = {k: statistics.median(v) for k, v in times.items()}
    return {"times": times, "median": med, "ratio": med["ours"] / med["stock"], "stock_pages": stock_pages}


# ---------------------------------------------------------------------------------------


def kb(n: int) -> str:
    return f"{n / 1024:.1f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--no-lighthouse", action="store_true", help="skip the Lighthouse runs")
    ap.add_argument("--runs", type=int, default=3, help="timed builds of each kind (default 3)")
    ap.add_argument("--lh-runs", type=int, default=3, help="Lighthouse runs of each page and site (default 3)")
    ap.add_argument("--no-build-time", action="store_true", help="skip the build-time comparison")
    ap.add_argument("--trace-runs", type=int, default=5, help="traced loads of each page and site (0: none)")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-quality-") as tmp:
        tmp = Path(tmp)
        site = tmp / "site"
        proc = build_site(ROOT, site)
        if proc.returncode != 0:
            raise SystemExit(f"build failed:\n{proc.stdout}\n{proc.stderr}")
        pages = discover_pages(site)
        with serve_directory(site, gzip=True) as base:
            if not args.no_lighthouse:
                stock_site = build_stock(tmp / "stock")
                day12 = next(p for p in pages if p.startswith("day12/day12"))
                short = next(p for p in pages if p.startswith("day11/day11"))
                chosen = ["", day12, short]
                with serve_directory(stock_site, gzip=True) as stock_base:
                    if args.trace_runs:
                        title = "Main-thread work of a load, Chromium trace (412 px, no throttling)"
                        print(f"\n## {title}, median of {args.trace_runs}")
                        compare_main_thread({"ours": base, "stock": stock_base}, chosen, args.trace_runs)
                    print(f"\n## Lighthouse 12.2.3, mobile profile (simulated throttling), median of {args.lh_runs}\n")
                    compare({"ours": base, "stock": stock_base}, chosen, args.lh_runs, tmp)
                    print("\nfirst load (gzip KB, search index apart): ", end="")
                    stock_rows = {r["page"]: r for r in page_weights(stock_base, chosen)}
                    ours_rows = {r["page"]: r for r in page_weights(base, chosen)}
                    print(
                        "; ".join(
                            f"{k}: ours {kb(ours_rows[k]['total'])} (+{kb(ours_rows[k]['search'])} search), "
                            f"stock {kb(stock_rows[k]['total'])} (+{kb(stock_rows[k]['search'])} search)"
                            for k in ours_rows
                        ),
                        flush=True,
                    )

            print("\n## Page weight, first load (gzip -6 of each response body, as a static host serves it)\n")
            rows = page_weights(base, pages)
            print("| page | HTML | CSS | JS | img | other | total KB | budget | search KB | requests | foreign |")
            print("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|")
            for r in rows:
                note = r["page"] != "/"
                verdict = ("ok" if r["total"] <= PAGE_BUDGET else f"OVER by {kb(r['total'] - PAGE_BUDGET)}") if note else "-"
                print(
                    f"| {r['page']} | {kb(r['html'])} | {kb(r['css'])} | {kb(r['js'])} | {kb(r['img'])}"
                    f" | {kb(r['other'])} | {kb(r['total'])} | {verdict} | {kb(r['search'])}"
                    f" | {r['requests']} | {r['foreign']} |",
                    flush=True,
                )

    if args.no_build_time:
        return
    print(f"\n## Build time: `make build` vs stock Material, same Markdown (median of {args.runs})\n")
    b = time_builds(args.runs)
    print("| build | runs (s) | median (s) |")
    print("|---|---|---:|")
    for k in ("ours", "stock"):
        print(f"| {k} | {', '.join(f'{t:.2f}' for t in b['times'][k])} | {b['median'][k]:.2f} |")
    print(
        f"\nratio ours/stock: {b['ratio']:.2f}x (goal <= 1.3x); "
        f"stock built {b['stock_pages']} pages (notebooks are plain files there)"
    )


if __name__ == "__main__":
    main()
