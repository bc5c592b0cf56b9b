"""The gather explorer on the day12 page, driven in Debian's Chromium through its real
controls: random cases generated with torch (1-D..4-D, every dim incl. negative) render
torch's result, every bad-input class shows torch's rule and leaves the page usable, the
highlight of a result cell points at the right index and source cells, and it initialises
after Material's instant navigation.

"Explorer = torch": 2,000 seeded differential cases (``tools/harness/gather_fuzz.py``: big ints,
float32, bools, negative / out-of-range indices in torch's kernel order, empty shapes, shape
rules, ragged lists, dim spellings, pasted printouts of every dtype with ``dtype=`` and
``requires_grad=``, ``dtype=`` conversions, NumPy arrays, tuples) are compared with torch 2.x
and NumPy, value for value and message for message, through the explorer's engine and a
sample through the controls; what readers paste from torch and NumPy is read as torch reads
it or refused in one line. A 1000x1000 paste and 200x200 typed line by line run without a long task over
200 ms (PerformanceObserver ``longtask``)."""

from __future__ import annotations

import collections
import json
import random
import re

import pytest
import torch

from tools.harness import gather_fuzz, node
from tools.harness.browser import inject_axe

DAY12 = "day12/day12/"
ROOT_SEL = "[data-gather-explorer]"
N_RANDOM = 320
N_FUZZ = 2000
LONG_TASK_MS = 200

# One case per page update: set the three controls, fire `input` on each (what typing
# does) and `change` (what leaving the box does: the update runs at once instead of after
# the typing pause), then read what the page rendered: data-value and every result cell.
DRIVE = """
(cases) => {
  const root = document.querySelector('[data-gather-explorer]');
  const ctl = (r) => root.querySelector(`[data-role=${r}]`);
  const set = (el, v) => { el.value = v; el.dispatchEvent(new Event('input', {bubbles: true})); };
  const out = ctl('output');
  return cases.map(([input, index, dim]) => {
    set(ctl('input'), input); set(ctl('index'), index); set(ctl('dim'), String(dim));
    ctl('dim').dispatchEvent(new Event('change', {bubbles: true}));
    return {
      pending: root.hasAttribute('data-pending'),
      state: out.getAttribute('data-state'),
      value: out.getAttribute('data-value'),
      cells: [...out.querySelectorAll('.gx-cell')].map(c => c.textContent),
      error: ctl('error').hidden ? null : ctl('error').textContent,
    };
  });
}
"""

SETTLED = f"{ROOT_SEL}:not([data-pending])"


def axe_violations(page) -> list[str]:
    """axe-core's violations inside the explorer in its current state (the page-wide scan in
    test_quality sees only its first state)."""
    inject_axe(page)
    return page.evaluate("""async () => (await axe.run(document.querySelector('[data-gather-explorer]'),
        {resultTypes: ['violations']})).violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))""")


def random_cases(n: int, seed: int = 1234):
    g = torch.Generator().manual_seed(seed)

    def rint(lo, hi):  # inclusive
        return int(torch.randint(lo, hi + 1, (1,), generator=g))

    cases = []
    for c in range(n):
        ndim = 1 + c % 4
        max_size = {1: 7, 2: 5, 3: 4, 4: 3}[ndim]
        shape = [rint(1, max_size) for _ in range(ndim)]
        dim = rint(-ndim, ndim - 1)
        d = dim % ndim
        ishape = [rint(1, shape[a]) if a != d else rint(1, shape[a] + 2) for a in range(ndim)]
        source = torch.randint(-50, 100, shape, generator=g)
        index = torch.randint(0, shape[d], ishape, generator=g)
        cases.append((source, index, dim))
    return cases


@pytest.fixture
def day12(page, site_url):
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site_url + DAY12)
    page.wait_for_selector(f"{ROOT_SEL} [data-role=output][data-state=ok]")
    # on the screen, as a reader works it: off the screen its chunk (hooks/output/chunks.py) is not
    # drawn, and innerText (what the error checks read) is empty there; drawn from the next frame
    page.locator(ROOT_SEL).scroll_into_view_if_needed()
    page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")  # drawn
    yield page
    assert not errors, f"JavaScript errors: {errors}"


def drive(page, cases):
    texts = [[c if isinstance(c, str) else str(c.tolist()) for c in (s, i)] + [str(d)] for s, i, d in cases]
    results = page.evaluate(DRIVE, texts)
    assert not any(r["pending"] for r in results), "a small update did not run at once on `change`"
    return results


def test_random_cases_match_torch(day12):
    cases = random_cases(N_RANDOM)
    dims = {(s.dim(), d) for s, _, d in cases}
    # every dim of every rank, negative ones included, is exercised
    assert dims == {(n, d) for n in range(1, 5) for d in range(-n, n)}
    results = drive(day12, cases)
    assert len(results) == N_RANDOM
    for (source, index, dim), got in zip(cases, results):
        expected = torch.gather(source, dim, index)
        where = f"input={source.tolist()} index={index.tolist()} dim={dim}"
        assert got["state"] == "ok" and got["error"] is None, f"{where}: {got['error']}"
        assert json.loads(got["value"]) == expected.tolist(), where
        assert got["cells"] == [str(v) for v in expected.flatten().tolist()], where
    # same page: a few cases typed for real, and the empty-index corner case
    check_typing_through_the_real_controls(day12)
    check_empty_index_gives_empty_result_like_torch(day12)


def check_typing_through_the_real_controls(day12):
    """A few cases typed with Playwright's fill() (real input events, then the typing pause),
    not set by script."""
    root = day12.locator(ROOT_SEL)
    for source, index, dim in random_cases(12, seed=7):
        root.locator("[data-role=input]").fill(str(source.tolist()))
        root.locator("[data-role=index]").fill(str(index.tolist()))
        root.locator("[data-role=dim]").fill(str(dim))
        day12.wait_for_selector(SETTLED)
        value = root.locator("[data-role=output]").get_attribute("data-value")
        assert json.loads(value) == torch.gather(source, dim, index).tolist()
    assert root.locator("[data-role=preset]").input_value() == "custom"


def torch_message(fn) -> str:
    try:
        fn()
    except (RuntimeError, IndexError, ValueError, TypeError, OverflowError) as e:
        return f"{type(e).__name__}: {e}"
    raise AssertionError("torch accepted a case that should fail")


SRC = [[1, 2, 3], [4, 5, 6]]
T = torch.tensor
BAD = {
    # kind: (input text, index text, dim, torch's failing call or None when torch has no equivalent)
    "ndim-mismatch": (str(SRC), "[0, 1]", 1, lambda: torch.gather(T(SRC), 1, T([0, 1]))),
    "size": (str(SRC), "[[0], [0], [0]]", 1, lambda: torch.gather(T(SRC), 1, T([[0], [0], [0]]))),
    "bounds": (str(SRC), "[[0, 3]]", 1, lambda: torch.gather(T(SRC), 1, T([[0, 3]]))),
    "bounds-negative": (str(SRC), "[[0], [-1]]", 1, lambda: torch.gather(T(SRC), 1, T([[0], [-1]]))),
    "bounds-dim0": (str(SRC), "[[2, 0]]", 0, lambda: torch.gather(T(SRC), 0, T([[2, 0]]))),
    "bounds-int64": (str(SRC), "[[9223372036854775807]]", 1, lambda: torch.gather(T(SRC), 1, T([[9223372036854775807]]))),
    "dtype": (str(SRC), "[[0.5]]", 1, lambda: torch.gather(T(SRC), 1, T([[0.5]]))),
    "dtype-1.0": (str(SRC), "[[1.0]]", 1, lambda: torch.gather(T(SRC), 1, T([[1.0]]))),
    "dtype-bool": (str(SRC), "[[True]]", 1, lambda: torch.gather(T(SRC), 1, T([[True]]))),
    "ragged-input": ("[[1, 2], [3]]", "[[0]]", 1, lambda: T([[1, 2], [3]])),
    "ragged-index": (str(SRC), "[[0, 1], [1]]", 1, lambda: T([[0, 1], [1]])),
    "not-a-sequence": ("[[1], 2]", "[[0]]", 1, lambda: T([[1], 2])),
    "list-for-int": ("[1, [2]]", "[0]", 0, lambda: T([1, [2]])),
    "list-for-float": ("[1.5, [2]]", "[0]", 0, lambda: T([1.5, [2]])),
    "int64-overflow": ("[1, 9223372036854775808]", "[0]", 0, lambda: T([1, 9223372036854775808])),
    "float-overflow": ("[0.5, " + str(2**1024) + "]", "[0]", 0, lambda: T([0.5, 2**1024])),
    "too-many-dims": ("[" * 129 + "1" + "]" * 129, "[0]", 0, lambda: T(json.loads("[" * 129 + "1" + "]" * 129))),
    "dim-too-big": (str(SRC), "[[0]]", 2, lambda: torch.gather(T(SRC), 2, T([[0]]))),
    "dim-too-small": (str(SRC), "[[0]]", -3, lambda: torch.gather(T(SRC), -3, T([[0]]))),
    "dim-float": (str(SRC), "[[0]]", "1.5", lambda: torch.gather(T(SRC), 1.5, T([[0]]))),
    "dim-bool": (str(SRC), "[[0]]", "True", lambda: torch.gather(T(SRC), True, T([[0]]))),
    "dim-overflow": (str(SRC), "[[0]]", str(2**63), lambda: torch.gather(T(SRC), 2**63, T([[0]]))),
    "dim-empty": (str(SRC), "[[0]]", "", None),
    "not-a-list": ("[[1, 2], [3, x]]", "[[0]]", 1, None),
    "unclosed": ("[[1, 2], [3, 4]", "[[0]]", 1, None),
    "leading-zero": ("[[1, 02]]", "[[0]]", 1, None),
    "complex": ("[[1, 2j]]", "[[0]]", 1, None),
    "two-values": ("[1], [2]", "[0]", 0, None),
    "tuple-for-int": ("[1, (2,)]", "[0]", 0, lambda: T([1, (2,)])),
    "int16-index": (str(SRC), "tensor([[0]], dtype=torch.int16)", 1, lambda: torch.gather(T(SRC), 1, T([[0]]).short())),
    "uint8-overflow": ("tensor([300], dtype=torch.uint8)", "[0]", 0, lambda: T([300], dtype=torch.uint8)),
    "grad-of-ints": ("tensor([1, 2], requires_grad=True)", "[0]", 0, lambda: T([1, 2], requires_grad=True)),
    "printout-grad-fn": ("tensor([2., 4.], grad_fn=<MulBackward0>)", "[0]", 0, None),
    "dtype-float16": ("tensor([1, 2], dtype=torch.float16)", "[0]", 0, None),
    "device-cuda": ("tensor([1, 2], device='cuda:0')", "[0]", 0, None),
    "numpy-ragged": ("np.array([[1], [2, 3]])", "[0]", 0, None),
    "too-deep-for-python": ("[" * 201 + "1" + "]" * 201, "[0]", 0, None),
}


def test_every_bad_input_class_shows_torchs_rule_and_page_stays_usable(day12):
    root = day12.locator(ROOT_SEL)
    error = root.locator("[data-role=error]")
    output = root.locator("[data-role=output]")
    good = (torch.tensor(SRC), torch.tensor([[2, 0], [1, 1]]), -1)
    for kind, (inp, idx, dim, torch_fn) in BAD.items():
        if kind.startswith("bounds"):  # a few typed for real, the rest set + `input` events
            root.locator("[data-role=input]").fill(inp)
            root.locator("[data-role=index]").fill(idx)
            root.locator("[data-role=dim]").fill(str(dim))
            day12.wait_for_selector(SETTLED)
        else:
            drive(day12, [(inp, idx, dim)])
        assert error.is_visible(), f"{kind}: no error shown"
        assert error.get_attribute("role") == "alert"
        text = error.inner_text()
        assert re.search(r"[가-힣]", text), f"{kind}: no Korean explanation: {text}"
        assert output.get_attribute("data-value") == "" and output.get_attribute("data-state") == "error"
        assert output.locator(".gx-cell").count() == 0, f"{kind}: a stale result is still drawn"
        if torch_fn is not None:
            assert torch_message(torch_fn) in text, f"{kind}: torch's message missing from {text!r}"
        else:
            assert error.get_attribute("data-kind") in ("syntax", "numpy"), kind
        if kind == "bounds":
            assert axe_violations(day12) == [], "the error state"
        # and the page is still usable: a good case right after renders torch's result
        got = drive(day12, [good])[0]
        assert got["state"] == "ok" and not error.is_visible()
        assert json.loads(got["value"]) == torch.gather(*good[:1], good[2], good[1]).tolist()


def check_empty_index_gives_empty_result_like_torch(day12):
    got = drive(day12, [(torch.tensor(SRC), torch.zeros(0, dtype=torch.long), 1)])[0]
    assert got["state"] == "ok" and json.loads(got["value"]) == []
    assert torch.gather(torch.tensor(SRC), 1, torch.zeros(0, dtype=torch.long)).tolist() == []


# ------------------------------------------------------------------ explorer = torch (fuzz)

COMPUTE = "(cases) => cases.map(([a, b, c]) => window.GatherExplorer.compute(a, b, c))"


def report(failures, total):
    by = collections.Counter(cat for cat, *_ in failures)
    lines = [f"{len(failures)} of {total} cases differ from torch: {dict(by)}"]
    lines += [f"[{cat} #{k}] {case!r}\n    {why}" for cat, k, case, why in failures[:15]]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def fuzz():
    """2,000 seeded cases over every category of gather_fuzz and torch's answer to each."""
    cases = gather_fuzz.cases(N_FUZZ, seed=2024)
    per_category = collections.Counter(cat for cat, _ in cases)
    assert len(cases) == N_FUZZ and set(per_category) == set(gather_fuzz.CATEGORIES)
    assert min(per_category.values()) >= N_FUZZ // len(gather_fuzz.CATEGORIES)
    wants = [gather_fuzz.reference(c) for _, c in cases]
    outcomes = collections.Counter("error" if "error" in w else "value" for w in wants)
    assert outcomes["error"] > 500 and outcomes["value"] > 800, outcomes  # both sides well covered
    return cases, wants


def fuzz_failures(cases, results, wants) -> list:
    numbered = collections.Counter()
    failures = []
    for (cat, case), got, want in zip(cases, results, wants, strict=True):
        numbered[cat] += 1
        why = gather_fuzz.mismatch(got, want)
        if why:
            failures.append((cat, numbered[cat] - 1, case, why))
    return failures


def test_differential_fuzz_equals_torch_in_node(fuzz):
    """The 2,000 cases through the explorer's engine in Node (no browser: part of `make check`),
    compared with torch: value (int64 exact, float32 bit for bit), dtype, shape, printed
    elements, or exception type and message."""
    cases, wants = fuzz
    failures = fuzz_failures(cases, node.explorer([c for _, c in cases]), wants)
    assert not failures, report(failures, len(cases))


# What readers copy from torch and NumPy (issue 20): each read exactly as Python, NumPy and
# torch read it (value, dtype, printed elements, or torch's error), or refused in one line.
PASTED = [
    ("tensor([1, 2, 3], dtype=torch.int32)", "tensor([2, 0])", "0"),
    ("tensor([[1, 2, 3],\n        [4, 5, 6]])", "tensor([[2, 0],\n        [1, 1]], dtype=torch.int64)", "1"),
    ("tensor([10, 20, 30])", "tensor([0, 2], dtype=torch.int32)", "0"),  # torch 2.x takes an int32 index
    ("tensor(3)", "tensor(0)", "0"),
    ("tensor([1., 2.])", "[1, 1]", "0"),
    ("tensor([1.5000, 2.2500], dtype=torch.float64)", "[1]", "0"),
    ("tensor([[ True, False]])", "[[1, 1]]", "1"),
    ("tensor([1.5, 2.5], requires_grad=True)", "[1]", "0"),
    ("torch.tensor([1, 2], device='cpu')", "[1]", "0"),
    ("tensor([-1, 255.9, True], dtype=torch.uint8)", "[0, 1, 2]", "0"),  # torch wraps -1, truncates 255.9
    ("array([1, 2, 3])", "array([2, 1])", "0"),
    ("array([1, 2, 3], dtype=int32)", "[0]", "0"),
    ("np.array([[1.5, 2], [3, 4]])", "np.array([[1], [0]])", "1"),  # NumPy's float64
    ("numpy.array([1, 2], dtype=np.int64)", "np.array([1], dtype='int32')", "0"),
    ("np.array([-0.5, 255.9], dtype=np.uint8)", "[1]", "0"),  # NumPy truncates
    ("array(5)", "array(0)", "0"),
    ("(1, 2)", "(1,)", "0"),
    ("((1, 2), (3, 4))", "((0,), (1,))", "1"),
    ("[(1, 2), (3, 4)]", "[[(1)], [0]]", "1"),  # (1) is 1
    # torch's errors for them
    ("tensor([1, 2], requires_grad=True)", "[0]", "0"),
    ("tensor([300], dtype=torch.uint8)", "[0]", "0"),
    ("tensor([1, 2])", "tensor([0], dtype=torch.int16)", "0"),
    ("[[1, 2], (3, (4,))]", "[0]", "0"),
]
REFUSED = {  # text -> what the one-line reason names
    "tensor([1, 2], dtype=torch.float16)": "dtype=torch.float16",
    "tensor([2., 4.], grad_fn=<MulBackward0>)": "grad_fn=",
    "tensor([], size=(0, 3))": "size=",
    "tensor([1, 2], device='cuda:0')": "device='cuda:0'",
    "np.array([[1], [2, 3]])": "NumPy",
    "np.array([300], dtype=np.uint8)": "uint8",
    "np.array([nan], dtype=np.int32)": "NumPy",
    "array([1, 2], dtype=complex)": "dtype=complex",
    "tensor([1], torch.int32)": "torch.int32",
    "-(1, 2)": "부호",
}


def test_pasted_torch_and_numpy_forms_are_read_as_torch_reads_them():
    got = node.explorer(PASTED)
    errors = 0
    for case, result in zip(PASTED, got, strict=True):
        want = gather_fuzz.reference(case)
        assert "refused" not in want, case
        assert gather_fuzz.mismatch(result, want) is None, (case, result, gather_fuzz.mismatch(result, want))
        errors += "error" in want
    assert errors == 4  # the last four are torch's errors, the rest torch's values


def test_forms_outside_the_language_are_refused_in_one_line():
    got = node.explorer([(text, "[0]", "0") for text in REFUSED])
    for (text, names), result in zip(REFUSED.items(), got, strict=True):
        error = result.get("error")
        assert error and error["type"] is None and error["kind"] in ("syntax", "numpy"), (text, result)
        assert names in error["message"] and "\n" not in error["message"], (text, error)


def test_differential_fuzz_equals_torch(day12, fuzz):
    """The same cases through the engine in Chromium in one batch, then a sample of them
    through the page's real controls."""
    cases, wants = fuzz
    results = day12.evaluate(COMPUTE, [list(c) for _, c in cases])
    failures = fuzz_failures(cases, results, wants)
    assert not failures, report(failures, len(cases))

    # a sample through the real controls: what the page shows is what the engine computed
    rng = random.Random(3)
    sample = rng.sample(range(len(cases)), 60)
    shown = drive(day12, [cases[k][1] for k in sample])
    for k, got in zip(sample, shown):
        want, where = wants[k], f"{cases[k][0]}: {cases[k][1]!r}"
        if "refused" in want:
            assert got["state"] == "error" and "NumPy" in got["error"], f"{where}: {got['error']}"
        elif "error" in want:
            assert got["state"] == "error" and got["value"] == "", where
            assert "{}: {}".format(*want["error"]) in got["error"], f"{where}: {got['error']}"
        else:
            assert got["state"] == "ok" and got["error"] is None, f"{where}: {got['error']}"
            assert (
                gather_fuzz.mismatch(
                    {"value": got["value"], "dtype": want["dtype"], "shape": want["shape"], "cells": got["cells"]}, want
                )
                is None
            ), where


TORCH_SHAPES = [
    # cases the old explorer refused although torch computes them
    ("5", "[0]", "0"),  # 0-d input counts as 1-d
    ("[5, 6]", "1", "0"),  # 0-d index: 0-d result
    ("[[[[[1, 2]]]]]", "[[[[[1, 0]]]]]", "-1"),  # 5 dims
    ("[[1, 2], [3, 4]]", "[[], [1]]", "1"),  # ragged but empty: an empty float32 index
    ("[[1, 2], [3, 4]]", "[]", "5"),  # empty index, but the dim is still checked
]


def test_shapes_torch_accepts_are_computed_and_drawn(day12):
    results = drive(day12, TORCH_SHAPES)
    for case, got in zip(TORCH_SHAPES, results):
        want = gather_fuzz.reference(case)
        if "error" in want:
            assert "{}: {}".format(*want["error"]) in (got["error"] or ""), case
            continue
        assert got["state"] == "ok", f"{case}: {got['error']}"
        assert json.loads(got["value"]) == want["value"], case
        assert got["cells"] == (want["cells"] or []), case


# ------------------------------------------------------------------------- responsiveness

# Long tasks from now on (one observer per page, so a second call does not count them twice),
# and how long the browser took to hand a paste's clipboard text over: a capture listener reads
# it first and times the read (the explorer's own read then comes from the browser's cache).
LONG_TASKS = """() => { window.__longTasks = []; window.__taskSpans = []; window.__clipboardReads = [];
  if (window.__longTaskObserver) window.__longTaskObserver.disconnect();
  window.__longTaskObserver = new PerformanceObserver((list) => { for (const e of list.getEntries()) {
    window.__longTasks.push(Math.round(e.duration)); window.__taskSpans.push([e.startTime, e.duration]); } });
  window.__longTaskObserver.observe({type: 'longtask'});
  if (!window.__clipboardTimer) { window.__clipboardTimer = true;
    window.addEventListener('paste', (e) => { const t0 = performance.now();
      e.clipboardData.getData('text/plain'); window.__clipboardReads.push([t0, performance.now() - t0]); }, true); } }"""

# Per long task, the part that is not the browser reading the clipboard for a paste.
OWN_TASKS = """() => window.__taskSpans.map(([start, ms]) => Math.round(ms - window.__clipboardReads
  .filter(([t0]) => t0 >= start && t0 <= start + ms).reduce((sum, [, read]) => sum + read, 0)))"""


def matrix_text(rows: int, cols: int, seed: int) -> tuple[str, list[list[int]]]:
    rng = random.Random(seed)
    m = [[rng.randint(0, 99) for _ in range(cols)] for _ in range(rows)]
    return "[" + ",\n ".join("[" + ", ".join(map(str, r)) + "]" for r in m) + "]", m


def settle(page):
    page.wait_for_selector(SETTLED, timeout=60000)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 100)))")  # flush observer


def test_paste_of_a_1000x1000_matrix_has_no_long_task(page, site_url):
    """A real paste (clipboard + Ctrl+V) of ~3.9 MB: torch's result for the preset index, the
    input summarised instead of drawn, and no task over 200 ms from paste to result; then a
    1000x1000 index (a million results) and a paste over the 4 MiB limit, likewise (there not
    counting the browser's read of 8 MiB from the clipboard, which comes before our code runs)."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(site_url + DAY12)
    page.wait_for_selector(f"{ROOT_SEL} [data-role=output][data-state=ok]")
    text, m = matrix_text(1000, 1000, seed=5)
    assert 3_500_000 < len(text) < 4 * 1024 * 1024
    page.evaluate("(t) => navigator.clipboard.writeText(t)", text)
    box = page.locator(f"{ROOT_SEL} [data-role=input]")
    box.click()
    page.keyboard.press("Control+A")
    page.evaluate(LONG_TASKS)
    page.keyboard.press("Control+V")
    settle(page)
    tasks = page.evaluate("window.__longTasks")
    assert box.input_value() == text  # the paste went in (into the folded text box)
    assert page.locator(f"{ROOT_SEL} [data-role=input-big]").is_visible()
    out = page.locator(f"{ROOT_SEL} [data-role=output]")
    assert out.get_attribute("data-state") == "ok"
    index = [[0, 1, 2, 3], [4, 0, 3, 3], [2, 2, 1, 0]]  # the preset's, dim=1
    assert json.loads(out.get_attribute("data-value")) == torch.gather(T(m), 1, T(index)).tolist()
    assert "1,000,000" in page.locator(f"{ROOT_SEL} [data-role=input-view]").inner_text()
    assert max(tasks, default=0) <= LONG_TASK_MS, f"long tasks (ms): {tasks}"
    # the folded text box: keyboard focus moved to its stand-in, which is accessible
    assert page.evaluate("document.activeElement.dataset.role") == "input-big"
    assert axe_violations(page) == [], "the folded state"
    # a 1000x1000 index too: a million results computed and serialised in slices, not drawn
    index_text, index = matrix_text(1000, 1000, seed=8)
    page.evaluate("(t) => navigator.clipboard.writeText(t)", index_text)
    page.locator(f"{ROOT_SEL} [data-role=index]").click()
    page.keyboard.press("Control+A")
    page.evaluate(LONG_TASKS)
    page.keyboard.press("Control+V")
    settle(page)
    tasks = page.evaluate("window.__longTasks")
    assert json.loads(out.get_attribute("data-value")) == torch.gather(T(m), 1, T(index)).tolist()
    assert "1,000,000" in page.locator(f"{ROOT_SEL} [data-role=status]").inner_text()
    assert max(tasks, default=0) <= LONG_TASK_MS, f"long tasks (ms), 1000x1000 index: {tasks}"
    # over the 4 MiB limit: refused before parsing, with the size named
    page.evaluate("(t) => navigator.clipboard.writeText(t)", text + " " * (4 * 1024 * 1024))
    page.locator(f"{ROOT_SEL} [data-role=index-big] button").first.click()  # clear it (an empty box)
    page.locator(f"{ROOT_SEL} [data-role=index]").click()
    page.keyboard.press("Control+A")
    page.evaluate(LONG_TASKS)
    page.keyboard.press("Control+V")
    settle(page)
    error = page.locator(f"{ROOT_SEL} [data-role=error]")
    assert error.get_attribute("data-kind") == "too-big" and "4 MiB" in error.inner_text()
    # the browser's own read of 8 MiB from the clipboard, in the paste's task before any of our
    # code, reached 210 ms on a loaded CI machine (107 ms here at 5x CPU throttling); the bar is
    # for the page's work: everything else in that task and every task after it
    reads = [round(ms) for _, ms in page.evaluate("window.__clipboardReads")]
    assert len(reads) == 1, reads
    own = page.evaluate(OWN_TASKS)
    assert max(own, default=0) <= LONG_TASK_MS, f"long tasks without the clipboard read of {reads[0]} ms: {own}"
    # refused, not lost: the stand-in names the size and the limit, the box is marked invalid,
    # and an edit elsewhere keeps the refusal (the pasted text is still the index)
    big_text = text + " " * (4 * 1024 * 1024)
    stand_in = page.locator(f"{ROOT_SEL} [data-role=index-big]")
    assert f"{len(big_text):,}자" in stand_in.inner_text() and "4 MiB를 넘어" in stand_in.inner_text()
    assert page.locator(f"{ROOT_SEL} [data-role=index]").get_attribute("aria-invalid") == "true"
    page.locator(f"{ROOT_SEL} [data-role=dim]").fill("0")
    page.locator(f"{ROOT_SEL} [data-role=dim]").dispatch_event("change")
    settle(page)
    assert error.get_attribute("data-kind") == "too-big" and f"{len(big_text):,}자" in error.inner_text()
    # "지우고 다시 입력" gives back an empty, visible, focused text box
    page.locator(f"{ROOT_SEL} [data-role=index-big] button").first.click()
    settle(page)
    index_box = page.locator(f"{ROOT_SEL} [data-role=index]")
    assert index_box.is_visible() and index_box.input_value() == ""
    assert page.evaluate("document.activeElement.dataset.role") == "index"
    # pasted again and "편집 창에 펼치기": the whole text comes back into the box
    index_box.click()
    page.keyboard.press("Control+V")
    settle(page)
    stand_in.locator("button").nth(1).click()
    assert index_box.is_visible()
    assert page.evaluate(f"document.querySelector('{ROOT_SEL} [data-role=index]').value.length") == len(big_text)


def test_typing_a_200x200_matrix_line_by_line_is_debounced(day12):
    """200 lines typed one after another (an input event each): the explorer waits for the
    pause instead of re-parsing on every event, and no task takes over 200 ms."""
    text, m = matrix_text(200, 200, seed=6)
    lines = text.split("\n")
    box = day12.locator(f"{ROOT_SEL} [data-role=input]")
    box.fill("")
    day12.wait_for_selector(SETTLED)
    runs = "document.querySelector('[data-gather-explorer]').gatherExplorer.runs"
    before = day12.evaluate(runs)
    day12.evaluate(LONG_TASKS)
    for k, line in enumerate(lines):
        day12.keyboard.insert_text(line + ("\n" if k < len(lines) - 1 else ""))
    settle(day12)
    assert box.input_value() == text
    runs_used = day12.evaluate(runs) - before
    # typed without a pause, the 200 events start a handful of updates (not one each; a
    # shared, loaded machine may space some events more than the 150 ms pause)
    assert runs_used <= len(lines) // 4, f"{runs_used} updates for {len(lines)} input events"
    out = day12.locator(f"{ROOT_SEL} [data-role=output]")
    index = [[0, 1, 2, 3], [4, 0, 3, 3], [2, 2, 1, 0]]
    assert json.loads(out.get_attribute("data-value")) == torch.gather(T(m), 1, T(index)).tolist()
    tasks = day12.evaluate("window.__longTasks")
    assert max(tasks, default=0) <= LONG_TASK_MS, f"long tasks (ms): {tasks}"


def highlighted(page):
    return page.evaluate("""() => {
      const r = document.querySelector('[data-gather-explorer]');
      const one = (sel) => { const c = r.querySelectorAll(sel); return c.length === 1 ?
        {pos: c[0].dataset.pos, text: c[0].textContent} : {count: c.length}; };
      return {src: one('.is-src'), idx: one('.is-idx'), out: one('.is-out'),
              formula: r.querySelector('[data-role=formula]').textContent};
    }""")


def check_seed_preset_hover_highlights_the_right_cells(day12):
    root = day12.locator(ROOT_SEL)
    assert root.locator("[data-role=preset]").input_value() == "seed-dim1"
    root.locator('[data-role=output] .gx-cell[data-pos="0,0"]').hover()
    root.locator('[data-role=output] .gx-cell[data-pos="1,2"]').hover()
    h = highlighted(day12)
    assert h["idx"] == {"pos": "1,2", "text": "3"}
    assert h["src"] == {"pos": "1,3", "text": "9"}
    assert h["out"] == {"pos": "1,2", "text": "9"}
    assert h["formula"] == "out[1][2] = input[1][index[1][2]] = input[1][3] = 9"


def check_presets_are_torchs_cases(day12):
    root = day12.locator(ROOT_SEL)
    source = torch.arange(1, 16).view(3, 5)
    expected = {
        "seed-dim1": torch.gather(source, 1, torch.tensor([[0, 1, 2, 3], [4, 0, 3, 3], [2, 2, 1, 0]])),
        "dim0": torch.gather(source, 0, torch.tensor([[2, 0, 1, 2], [0, 1, 2, 0]])),
        "diag-tall": torch.diagonal(torch.arange(24).view(2, 4, 3), dim1=1, dim2=2).unsqueeze(1),
        "diag-wide": torch.diagonal(torch.arange(24).view(2, 3, 4), dim1=1, dim2=2).unsqueeze(2),
    }
    day12.mouse.move(0, 0)  # a pointer resting on the result grid would select the cell under it
    for preset, value in expected.items():
        root.locator("[data-role=preset]").select_option(preset)
        got = json.loads(root.locator("[data-role=output]").get_attribute("data-value"))
        assert got == value.tolist(), preset
    assert root.locator("[data-role=dim]").input_value() == "-1"  # the wide preset uses a negative dim
    # the preset opens with the figure's highlighted cell
    assert highlighted(day12)["formula"] == "out[1][2][0] = input[1][2][index[1][2][0]] = input[1][2][2] = 22"


def check_keyboard_focus_highlights_the_source_cell_of_random_cells(day12):
    root = day12.locator(ROOT_SEL)
    g = torch.Generator().manual_seed(99)
    for source, index, dim in random_cases(16, seed=5)[-8:]:  # 3-D and 4-D among them
        drive(day12, [(source, index, dim)])
        out = torch.gather(source, dim, index)
        flat = int(torch.randint(0, out.numel(), (1,), generator=g))
        pos = tuple(int(p) for p in torch.unravel_index(torch.tensor(flat), out.shape))
        cell = root.locator(f'[data-role=output] .gx-cell[data-pos="{",".join(map(str, pos))}"]')
        cell.focus()
        d = dim % source.dim()
        k = int(index[pos])
        src = tuple(k if a == d else p for a, p in enumerate(pos))
        h = highlighted(day12)
        assert h["src"] == {"pos": ",".join(map(str, src)), "text": str(int(source[src]))}
        assert h["idx"] == {"pos": ",".join(map(str, pos)), "text": str(k)}
        b = lambda p: "".join(f"[{x}]" for x in p)
        gen = "".join(f"[index{b(pos)}]" if a == d else f"[{p}]" for a, p in enumerate(pos))
        assert h["formula"] == f"out{b(pos)} = input{gen} = input{b(src)} = {int(source[src])}"


def check_arrow_keys_move_between_result_cells(day12):
    root = day12.locator(ROOT_SEL)
    first = root.locator('[data-role=output] .gx-cell[data-pos="0,0"]')
    first.focus()
    day12.keyboard.press("ArrowRight")
    day12.keyboard.press("ArrowDown")
    focused = day12.evaluate("document.activeElement.dataset.pos")
    assert focused == "1,1"
    assert highlighted(day12)["src"] == {"pos": "1,0", "text": "6"}  # index[1][1] == 0
    # roving tabindex: exactly one result cell is in the tab order
    assert root.locator('[data-role=output] .gx-cell[tabindex="0"]').count() == 1


def check_controls_are_labelled(day12):
    for role in ("input", "index", "dim", "preset"):
        el = day12.locator(f"{ROOT_SEL} [data-role={role}]")
        label = day12.locator(f'label[for="{el.get_attribute("id")}"]')
        assert label.count() == 1 and label.inner_text().strip(), role
    cell = day12.locator(f'{ROOT_SEL} [data-role=output] .gx-cell[data-pos="1,2"]')
    assert cell.get_attribute("aria-label") == "out[1][2] = 9"
    assert day12.locator(f"{ROOT_SEL} [data-role=formula]").get_attribute("aria-live") == "polite"


def test_highlight_keyboard_presets_and_labels(day12):
    """One page: the highlight follows hover/focus to the right cells, presets are torch's
    cases, arrow keys move, controls are labelled."""
    check_seed_preset_hover_highlights_the_right_cells(day12)
    check_arrow_keys_move_between_result_cells(day12)
    check_controls_are_labelled(day12)
    check_keyboard_focus_highlights_the_source_cell_of_random_cells(day12)
    check_presets_are_torchs_cases(day12)


def test_phone_width_and_dark_mode(day12):
    day12.set_viewport_size({"width": 390, "height": 844})
    # nothing of the explorer or the figures sticks out of a 390 px screen (wide tensors
    # scroll inside their own panel)
    sticking_out = day12.evaluate("""() => {
      const inScroller = (e) => { for (let p = e.parentElement; p; p = p.parentElement) {
        if (p.classList.contains('gx-panel-body')) return true; } return false; };
      const mine = [...document.querySelectorAll('[data-gather-explorer], [data-gather-explorer] *, svg.gf')];
      return mine.filter(e => !inScroller(e) && e.getBoundingClientRect().right > 390)
                 .map(e => e.tagName + '.' + (e.className.baseVal ?? e.className));
    }""")
    assert sticking_out == []
    assert day12.locator("svg.gf").count() == 4
    colours = {}
    for scheme in ("default", "slate"):
        day12.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        colours[scheme] = day12.evaluate("""() => {
          const c = document.querySelector('[data-gather-explorer] .is-src');
          const f = document.querySelector('svg.gf rect.gf-src');
          return [getComputedStyle(c).backgroundColor, getComputedStyle(f).fill];
        }""")
    # the explorer and the inline figures both follow Material's palette toggle
    assert colours["default"] == ["rgb(207, 227, 255)", "rgb(207, 227, 255)"]
    assert colours["slate"] == ["rgb(13, 47, 102)", "rgb(13, 47, 102)"]


def test_initialises_after_instant_navigation(page, site_url, site_dir):
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    # Material intercepts only links listed in sitemap.xml, whose URLs come from site_url
    # (http://127.0.0.1:8000/ by default) and are matched without the port: serve the
    # sitemap as a deployment whose site_url is this test server would have it.
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    built_for = re.search(r"<loc>(.*?)</loc>", sitemap).group(1)
    page.route(
        "**/sitemap.xml", lambda route: route.fulfill(body=sitemap.replace(built_for, site_url), content_type="application/xml")
    )
    page.goto(site_url)
    assert page.locator(ROOT_SEL).count() == 0
    assert not page.evaluate("!!window.GatherExplorer"), "explorer script loaded on the home page"
    page.wait_for_load_state("networkidle")  # instant navigation starts once sitemap.xml is in
    page.evaluate("window.__noReload = true")  # survives only if navigation is instant
    for _ in range(2):  # there and back again: it must initialise every time
        page.locator(f'a[href$="{DAY12}"]').first.click()
        page.wait_for_selector(f"{ROOT_SEL} [data-role=output][data-state=ok]")
        assert page.evaluate("window.__noReload") is True, "navigation was not instant"
        assert page.evaluate("getComputedStyle(document.querySelector('.gx')).getPropertyValue('--gx-src-bg')").strip()
        page.locator(f'{ROOT_SEL} [data-role=output] .gx-cell[data-pos="1,2"]').hover()
        assert highlighted(page)["src"] == {"pos": "1,3", "text": "9"}
        page.locator('a.md-header__button.md-logo, a[href="../.."], a[href="../../"]').first.click()
        page.wait_for_function("() => !document.querySelector('[data-gather-explorer]')")
        assert page.evaluate("window.__noReload") is True, "navigation was not instant"
        page.wait_for_load_state("networkidle")
    assert not errors, errors
    # loaded only where used
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    assert "gather-explorer" not in home
    day12_html = (site_dir / "day12" / "day12" / "index.html").read_text(encoding="utf-8")
    assert day12_html.count("gather-explorer.js") == 1 and day12_html.count("gather-explorer.css") == 1
