"""Benchmark: stock Material search vs ours (hooks/search/), side by side.

    .venv-test/bin/python -m bench.search [--failures]

Builds the project twice into temp dirs (ours as is; "stock" = a copy without the search
extension, SEARCH in hooks/events.py, i.e. `plugins: - search: lang: ko`), serves both, and in Debian Chromium
types every query of tests/search_queries.yml into the real search box. Prints recall@1
(first real answer), recall@5 (first 5 visible result links), queries with no results,
the median keystroke-to-results time (each query typed keystroke by keystroke as a Korean
IME fills the box: ㅅ, 셔, 셔ㅍ, 셔프, 셔플; keyup -> result list rendered in the DOM) and
how many of those keystrokes showed no result at all, the gzip size of search/search_index.json
(ours: the first index; search_text.json comes on the first keystroke) and the build time.
Ours is measured once the full text answers, and also with the first index alone (the text
request blocked): what a reader gets in the first seconds.
"""

from __future__ import annotations

import argparse
import gzip
import tempfile
import time
from pathlib import Path

from tools import ROOT
from tools.harness.browser import launch_chromium
from tools.harness.build import build_site
from tools.harness.copies import copy_project, without_extension
from tools.harness.search import QUERIES_FILE, SearchBox, evaluate, load_queries, median
from tools.harness.serve import serve_directory

HOLDOUT_FILE = QUERIES_FILE.with_name("search_queries_holdout.yml")


def make_stock(dest: Path) -> Path:
    """A copy of the project without our Korean search (the extension SEARCH of hooks/events.py)."""
    return without_extension(copy_project(dest), "SEARCH")


def first_index_recall(browser, url: str, cases: list[dict]) -> dict:
    """Recall while only the first index (titles, keywords) answers: the full text request
    is blocked, so the worker stays on its first stage (and says so in the console)."""
    context = browser.new_context(locale="ko-KR")
    context.route("**/search/search_text.json*", lambda route: route.abort())
    box = SearchBox(context.new_page(), url, full=False)
    _, summary = evaluate(box, cases)
    context.close()
    return summary


def measure(browser, site: Path, cases: list[dict], timed: list[str], staged: bool) -> dict:
    with serve_directory(site) as url:
        first = first_index_recall(browser, url, cases) if staged else None
        page = browser.new_context(locale="ko-KR").new_page()
        box = SearchBox(page, url, full=staged)
        rows, summary = evaluate(box, cases)
        hold_rows, hold = evaluate(box, load_queries(HOLDOUT_FILE))
        summary.update({f"holdout {k}": v for k, v in hold.items()}, holdout_rows=hold_rows)
        if first:
            summary.update({f"first {k}": v for k, v in first.items()})
        strokes = [x for q in timed for x in box.type_timed(q)]
        times = [ms for ms, _ in strokes]
        summary["blank"] = sum(1 for _, any_result in strokes if not any_result)
        page.context.close()
    raw = (site / "search" / "search_index.json").read_bytes()
    text_file = site / "search" / "search_text.json"
    text = text_file.read_bytes() if text_file.exists() else b""
    summary.update(
        rows=rows,
        ms=median(times),
        keystrokes=len(times),
        ms_p95=sorted(times)[int(0.95 * (len(times) - 1))] if times else float("nan"),
        ms_max=max(times) if times else float("nan"),
        gzip=len(gzip.compress(raw, 9)),
        raw=len(raw),
        text_gzip=len(gzip.compress(text, 9)) if text else 0,
        text_raw=len(text),
    )
    return summary


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--failures", action="store_true", help="list the queries each variant misses")
    ap.add_argument("--only-ours", action="store_true", help="skip the stock build (faster iteration)")
    ap.add_argument(
        "--timed", type=int, default=None, metavar="N", help="time the keystrokes of the first N queries only (default: all)"
    )
    args = ap.parse_args()

    from playwright.sync_api import sync_playwright

    cases = load_queries()
    timed = [c["query"] for c in cases][: args.timed]
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        variants = {"ours": ROOT} if args.only_ours else {"stock": make_stock(tmp / "stock"), "ours": ROOT}
        sites, build_s = {}, {}
        for name, project in variants.items():
            times = []
            for _ in range(2):  # best of 2: the first build also warms the caches
                t0 = time.perf_counter()
                proc = build_site(project, tmp / f"site-{name}")
                times.append(time.perf_counter() - t0)
                if proc.returncode != 0:
                    raise SystemExit(f"{name} build failed:\n{proc.stderr[-3000:]}")
            sites[name], build_s[name] = tmp / f"site-{name}", min(times)
        with sync_playwright() as pw:
            browser = launch_chromium(pw)
            for name, site in sites.items():
                results[name] = measure(browser, site, cases, timed, staged=name == "ours")
                results[name]["build"] = build_s[name]
            browser.close()

    names = list(results)
    n_hold = results[names[0]]["holdout n"]
    print(
        f"{len(cases)} queries (tests/search_queries.yml) + {n_hold} held-out queries "
        f"(tests/search_queries_holdout.yml), typed into Material's search box in Chromium\n"
    )
    print(f"{'':34}" + "".join(f"{n:>14}" for n in names))
    rows = [
        ("recall@1 (first answer)", lambda r: f"{100 * r['recall@1']:.1f} %"),
        ("recall@5 (first 5 visible links)", lambda r: f"{100 * r['recall@5']:.1f} %"),
        ("queries with no results", lambda r: f"{r['empty']}"),
        ("held-out recall@1", lambda r: f"{100 * r['holdout recall@1']:.1f} %"),
        ("held-out recall@5", lambda r: f"{100 * r['holdout recall@5']:.1f} %"),
        ("first index only: recall@1", lambda r: f"{100 * r['first recall@1']:.1f} %" if "first recall@1" in r else "-"),
        ("first index only: recall@5", lambda r: f"{100 * r['first recall@5']:.1f} %" if "first recall@5" in r else "-"),
        ("median keystroke->results", lambda r: f"{r['ms']:.1f} ms"),
        ("p95 keystroke->results", lambda r: f"{r['ms_p95']:.1f} ms"),
        ("max keystroke->results", lambda r: f"{r['ms_max']:.1f} ms"),
        ("keystrokes timed (IME steps)", lambda r: f"{r['keystrokes']}"),
        ("keystrokes showing no result", lambda r: f"{r['blank']}"),
        ("search_index.json gzip", lambda r: f"{r['gzip']:,} B"),
        ("search_index.json raw", lambda r: f"{r['raw']:,} B"),
        ("search_text.json gzip (1st key)", lambda r: f"{r['text_gzip']:,} B"),
        ("search_text.json raw", lambda r: f"{r['text_raw']:,} B"),
        ("mkdocs build (best of 2)", lambda r: f"{r['build']:.2f} s"),
    ]
    for label, fmt in rows:
        print(f"{label:34}" + "".join(f"{fmt(results[n]):>14}" for n in names))
    if "stock" in results:
        print(f"\nindex gzip ours/stock: {results['ours']['gzip'] / results['stock']['gzip']:.2f}x")
    # per query class
    kinds = sorted({c["kind"] for c in cases}, key=[c["kind"] for c in cases].index)
    print("\nrecall@5 by query class:")
    for kind in kinds:
        cells = []
        for n in names:
            rs = [x for x in results[n]["rows"] if x["kind"] == kind]
            ok = sum(1 for x in rs if x["rank5"] is not None and x["rank5"] <= 5)
            cells.append(f"{ok}/{len(rs)}")
        print(f"  {kind:32}" + "".join(f"{c:>14}" for c in cells))
    if args.failures:
        for n in names:
            print(f"\n{n}: misses (rank@1 hits, rank@5 links)")
            for x in results[n]["rows"] + results[n]["holdout_rows"]:
                if x["rank1"] != 1 or x["rank5"] is None or x["rank5"] > 5:
                    print(f"  {x['query']!r:32} r1={x['rank1']} r5={x['rank5']} want={x['expected']}\n      got {x['links']}")


if __name__ == "__main__":
    main()
