"""Benchmark: the gather explorer against torch. Prints tables; asserts nothing.

    .venv-test/bin/python -m bench.explorer_fuzz [--cases 20000] [--seed 1] [--baseline REV]
                                                [--paste-runs 3]

1. Differential fuzz: ``--cases`` seeded cases from ``tools/harness/gather_fuzz.py`` (every category:
   small and big ints, float32, bools, out-of-range indices in torch's kernel order, empty
   shapes, shape rules, ragged lists, dim spellings, pasted printouts, torch's dtype=
   conversions, NumPy arrays, tuples) run through the
   explorer's engine (``window.GatherExplorer.compute``) in Debian Chromium and through
   torch; prints mismatches per category (value, dtype, shape, printed elements, or exception
   type and message). With ``--baseline REV`` the explorer of that git revision (the
   pre-issue-11 one had ``parseTensor``/``gather``) runs the same cases, printed elements
   not compared.
2. Paste: a 1000x1000 matrix (~3.9 MB) pasted with Ctrl+V into the built day12 page's input;
   longest task (PerformanceObserver ``longtask``) and time until the result is shown. With
   ``--baseline`` the old script is served in its place, runs alternate; medians.

The machine may be shared: timings are medians of alternating runs.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from tools import ROOT
from tools.harness import gather_fuzz
from tools.harness.browser import launch_chromium
from tools.harness.build import build_site
from tools.harness.serve import serve_directory

SCRIPT = ROOT / "docs" / "assets" / "javascripts" / "gather-explorer.js"
COMPUTE = "(cases) => cases.map(([a, b, c]) => window.GatherExplorer.compute(a, b, c))"
# the pre-issue-11 explorer: parseTensor/gather, messages "Type: message", numbers as JS numbers
COMPUTE_OLD = """(cases) => cases.map(([a, b, c]) => {
  const G = window.GatherExplorer;
  const nest = (shape, data) => { let i = 0; const build = (d) => { const o = [];
    for (let k = 0; k < shape[d]; k++) o.push(d === shape.length - 1 ? data[i++] : build(d + 1)); return o; };
    return shape.length ? build(0) : data[0]; };
  try {
    const x = G.parseTensor(a, 'input'), ix = G.parseTensor(b, 'index');
    if (!/^[+-]?\\d+$/.test(c.trim())) throw {message: "TypeError: dim is not an int"};
    const o = G.gather(x, parseInt(c, 10), ix);
    return {value: JSON.stringify(nest(o.shape, o.data)), shape: o.shape, dtype: x.isFloat ? 'float32' : 'int64'};
  } catch (e) {
    const m = /^(\\w+Error): ([\\s\\S]*)$/.exec(e.message || '');
    return {error: {type: m ? m[1] : null, message: m ? m[2] : e.message}};
  }
})"""


def old_script(rev: str) -> str:
    return subprocess.run(
        ["git", "show", f"{rev}:docs/assets/javascripts/gather-explorer.js"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout


def fuzz(browser, cases, script: str, compute: str, cells: bool):
    page = browser.new_page()
    page.set_content("<!doctype html><html><body></body></html>")
    page.add_script_tag(content=script)
    t0 = time.perf_counter()
    results = []
    for k in range(0, len(cases), 2000):
        results += page.evaluate(compute, [list(c) for _, c in cases[k : k + 2000]])
    elapsed = time.perf_counter() - t0
    page.close()
    bad = collections.Counter()
    examples = {}
    for (cat, case), got in zip(cases, results):
        want = gather_fuzz.reference(case)
        if not cells and "cells" in want:
            want = dict(want, cells=None)
        why = gather_fuzz.mismatch(got, want)
        if why:
            bad[cat] += 1
            examples.setdefault(cat, (case, why))
    return bad, examples, elapsed


def print_fuzz(label, cases, bad, examples, elapsed):
    per = collections.Counter(cat for cat, _ in cases)
    print(f"\n{label}: {sum(bad.values())} mismatches in {len(cases)} cases ({elapsed:.1f} s in the browser)")
    print(f"  {'category':<14}{'cases':>7}{'mismatches':>12}")
    for cat in gather_fuzz.CATEGORIES:
        print(f"  {cat:<14}{per[cat]:>7}{bad[cat]:>12}")
    for cat, (case, why) in examples.items():
        print(f"  e.g. [{cat}] {str(case)[:150]}\n       {why[:200]}")


PASTE = """async (text) => {
  await navigator.clipboard.writeText(text);
  const box = document.querySelector('[data-gather-explorer] [data-role=input]');
  box.focus();
  box.select();
}"""


def paste_once(browser, url, text, script_body):
    ctx = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = ctx.new_page()
    if script_body is not None:
        page.route("**/gather-explorer.js", lambda route: route.fulfill(body=script_body, content_type="application/javascript"))
    page.goto(url)
    page.wait_for_selector("[data-gather-explorer] [data-role=output][data-state=ok]")
    page.evaluate(PASTE, text)
    page.evaluate("""() => { window.__tasks = []; new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__tasks.push(e.duration); }).observe({type: 'longtask'}); }""")
    before = page.evaluate("document.querySelector('[data-role=output]').getAttribute('data-value')")
    t0 = time.perf_counter()
    page.keyboard.press("Control+V")
    # the result differs from the preset's once the paste is computed (both explorers)
    page.wait_for_function(
        """(before) => { const r = document.querySelector('[data-gather-explorer]');
      const o = r.querySelector('[data-role=output]');
      return !r.hasAttribute('data-pending') && o.getAttribute('data-value') !== before; }""",
        arg=before,
        timeout=120000,
        polling=20,
    )
    elapsed = time.perf_counter() - t0
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 200)))")
    tasks = page.evaluate("window.__tasks")
    ctx.close()
    return max(tasks, default=0.0), elapsed


def paste_bench(browser, runs: int, baseline: str | None):
    rng = random.Random(5)
    text = "[" + ",\n ".join("[" + ", ".join(str(rng.randint(0, 99)) for _ in range(1000)) + "]" for _ in range(1000)) + "]"
    with tempfile.TemporaryDirectory() as tmp:
        proc = build_site(ROOT, Path(tmp) / "site")
        if proc.returncode:
            raise SystemExit(proc.stderr)
        with serve_directory(Path(tmp) / "site") as url:
            variants = {"this tree": None}
            if baseline:
                variants[f"baseline {baseline}"] = old_script(baseline)
            got = {k: [] for k in variants}
            for _ in range(runs):
                for name, body in variants.items():
                    got[name].append(paste_once(browser, url + "day12/day12/", text, body))
    print(f"\nPaste of a 1000x1000 matrix ({len(text):,} characters), {runs} alternating runs, medians:")
    print("  (longest task: 0 when no task reached the 50 ms long-task threshold)")
    print(f"  {'explorer':<22}{'longest task ms':>16}{'worst run ms':>14}{'paste -> result s':>19}")
    for name, rows in got.items():
        print(
            f"  {name:<22}{statistics.median(r[0] for r in rows):>16.0f}{max(r[0] for r in rows):>14.0f}"
            f"{statistics.median(r[1] for r in rows):>19.2f}"
        )


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--baseline", help="git revision of an older explorer to compare (e.g. c771995)")
    ap.add_argument("--paste-runs", type=int, default=3, help="0 skips the paste measurement")
    args = ap.parse_args(argv)

    from playwright.sync_api import sync_playwright

    cases = gather_fuzz.cases(args.cases, seed=args.seed)
    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        bad, ex, t = fuzz(browser, cases, SCRIPT.read_text(encoding="utf-8"), COMPUTE, cells=True)
        print_fuzz("This tree's explorer vs torch " + json.dumps(gather_fuzz.torch.__version__), cases, bad, ex, t)
        if args.baseline:
            bad, ex, t = fuzz(browser, cases, old_script(args.baseline), COMPUTE_OLD, cells=False)
            print_fuzz(f"Explorer at {args.baseline} vs torch (printed elements not compared)", cases, bad, ex, t)
        if args.paste_runs:
            paste_bench(browser, args.paste_runs, args.baseline)
        browser.close()


if __name__ == "__main__":
    main()
