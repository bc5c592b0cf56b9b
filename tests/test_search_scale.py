"""Search at the scale of a course: 20 notes (18 synthetic copies of day12 next to the real
notes, ``tools.harness.notes.add_synthetic_notes``), built once in a temp copy of the project.

- the search index stays within a per-note budget: the first index (search_index.json, what
  a reader downloads before the first result) and the full text (search_text.json, fetched
  on the first keystroke), raw and gzip, per synthetic note (each note's entries alone);
- every note is findable by a heading of its own, from the first index alone (the full text
  request blocked) and once the full text answers;
- the search engine's result cap (search-ko.js) changes nothing a reader sees but the count
  in a page's folded "more on this page": for broad queries whose results the cap cuts,
  Material's own worker (with lunr's own query and the engine's exact-word twins:
  ``engine:uncut``) and the engine list the same pages in the same order with the same
  visible links, down to the end of the list;
- the engine's own query (search-ko.js, cheaper than lunr's on a big index) answers exactly
  as lunr's: the same sections, scores, highlights and terms, for broad queries, the query
  set (each keystroke of a third of it) and lunr's query syntax (+, -, field, wildcard, fuzzy, boost);
- where the cap cuts nothing, the engine's answer is Material's own worker's (``engine:uncut``;
  tests/test_search_ranking.py compares that with Material's worker as shipped), byte for
  byte, less the hidden fields and ``parent`` it leaves out of every result.

Timings (build, worker ready, keystrokes) are measured by bench/scale.py, not here.
"""

from __future__ import annotations

import gzip
import json
import re

import pytest

from tools import ROOT
from tools.harness.build import build_site
from tools.harness.copies import DAY_DIR
from tools.harness.html import parse_html
from tools.harness.notes import add_synthetic_notes, synthetic_heading
from tools.harness.search import SearchBox, WorkerSearch, ime_states, load_queries
from tools.harness.serve import serve_directory

NOTES = 20  # synthetic copies + the real notes (day11, day12)
MIN_SYNTHETIC = 3  # the budget is measured on synthetic notes (copies of day12)
# Budgets per note of day12's size (measured at 100 notes: first 7.8 KB raw / 2.0 KB gzip,
# text 88 KB / 24.5 KB). The first index's gzip budget is the goal itself: <= 600 KB
# before the first result at 100 notes. Its raw size sets the worker's first setup time.
FIRST_RAW_PER_NOTE = 10 * 1024
FIRST_GZ_PER_NOTE = 6 * 1024
TEXT_RAW_PER_NOTE = 115 * 1024
TEXT_GZ_PER_NOTE = 32 * 1024
# queries whose results the engine cuts at 20 notes (more than its KEEP = 100 sections)
# search-ko.js cuts nothing from a result of at most KEEP sections
ENGINE = ROOT / "overrides" / "assets" / "javascripts" / "workers" / "search-ko.js"
KEEP = int(re.search(r"^const KEEP = (\d+)$", ENGINE.read_text(encoding="utf-8"), re.M).group(1))
BROAD = ["gather", "t", "d", "s", "p", "c", "torch", "nn.Module", "데이터로더", "배치", "모듈의 자식", *ime_states("텐서의 대각")]


@pytest.fixture(scope="module")
def course(tmp_path_factory, project_copy):
    """(site dir, synthetic day numbers) of a strict build with NOTES notes."""
    tmp = tmp_path_factory.mktemp("course")
    project = project_copy()
    real = len([d for d in (project / "docs").iterdir() if DAY_DIR.fullmatch(d.name)])
    days = add_synthetic_notes(project, max(NOTES - real, MIN_SYNTHETIC))  # a long course still gets a few
    proc = build_site(project, tmp / "site")
    if proc.returncode != 0:
        pytest.fail(f"build of {NOTES} notes failed:\n{proc.stderr[-3000:]}")
    return tmp / "site", days


def per_note(entries: list[dict], days: list[int]) -> tuple[float, float]:
    """Mean raw and gzip bytes of each synthetic note's entries (each note alone)."""
    raw, gz = [], []
    for day in days:
        data = json.dumps(
            [e for e in entries if e["location"].startswith(f"day{day}/")], ensure_ascii=False, separators=(",", ":")
        ).encode()
        raw.append(len(data))
        gz.append(len(gzip.compress(data, 9, mtime=0)))
    return sum(raw) / len(raw), sum(gz) / len(gz)


def test_index_stays_within_its_budget_per_note(course):
    site, days = course
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = json.loads((site / index["config"]["text_url"].split("?")[0]).read_text(encoding="utf-8"))
    first_raw, first_gz = per_note(index["docs"], days)
    text_raw, text_gz = per_note(text, days)
    report = f"per note: first index {first_raw:.0f} B raw / {first_gz:.0f} B gzip, text {text_raw:.0f} B / {text_gz:.0f} B"
    assert first_raw > 1000 and text_raw > 10_000, report  # the notes are really in there
    assert first_raw <= FIRST_RAW_PER_NOTE and first_gz <= FIRST_GZ_PER_NOTE, report
    assert text_raw <= TEXT_RAW_PER_NOTE and text_gz <= TEXT_GZ_PER_NOTE, report
    # nothing but titles, keywords and (page entries) the description's words wait in the first index
    assert {k for d in index["docs"] for k in d} <= {"location", "title", "text", "keywords", "about", "boost", "tags"}
    assert all(d["text"] == "" for d in index["docs"])


def own_headings(site, days) -> dict[int, str]:
    """Location of each synthetic note's own heading, read from the built pages."""
    out = {}
    for day in days:
        html = parse_html(site / f"day{day}" / f"day{day}" / "index.html")
        ids = [hid for _, hid, text, _ in html.headings if text == synthetic_heading(day)]
        assert len(ids) == 1, (day, ids)
        out[day] = f"day{day}/day{day}/#{ids[0]}"
    return out


@pytest.mark.parametrize("stage", ["first index", "full text"])
def test_every_note_is_findable_by_its_own_heading(browser, course, stage):
    site, days = course
    wanted = own_headings(site, days)
    with serve_directory(site) as url:
        context = browser.new_context(locale="ko-KR")
        if stage == "first index":  # the worker stays on its first stage
            context.route("**/search/search_text.json*", lambda route: route.abort())
        box = SearchBox(context.new_page(), url, full=stage == "full text")
        misses = []
        for day, loc in wanted.items():
            query = f"synth{day:03d}"
            r = box.search(query)
            if r.rank(loc) != 2:  # the page (its group's heading), then the section
                misses.append((query, loc, r.links[:3]))
        context.close()
    assert misses == []


def test_result_cap_changes_nothing_a_reader_sees(browser, course):
    site, _ = course
    with serve_directory(site) as url:
        context = browser.new_context(locale="ko-KR")
        material = WorkerSearch(context.new_page(), url, kind="material").search_all(BROAD)
        engine = WorkerSearch(context.new_page(), url, kind="engine").search_all(BROAD)
        context.close()
    cut = [q for q, m, e in zip(BROAD, material, engine) if e["sections"] < m["sections"]]
    assert len(cut) >= len(BROAD) // 2, f"the cap cut only {cut}: the queries are not broad enough"
    # every page listed, in order, with the same sections shown (scrolling to the end)
    differ = [
        (q, m["groups"], e["groups"], [x for x in zip(m["links"], e["links"]) if x[0] != x[1]][:2])
        for q, m, e in zip(BROAD, material, engine)
        if (m["groups"], m["links"]) != (e["groups"], e["links"])
    ]
    assert differ == []


# lunr's query syntax, which Material passes through: required, prohibited, a field, a
# leading wildcard, an edit distance, a boost, a phrase, a query of prohibited terms only
SYNTAX = ["+gather +dim", "torch -nn", "-view", "title:gather", "*ther", "gath~1", "dim^2 gather", '"view reshape"']


def test_engine_query_answers_exactly_as_lunrs(browser, course):
    site, _ = course
    cases = load_queries()  # every query whole, and every keystroke of a third of them
    typed = [state for case in cases[::3] for state in ime_states(case["query"])]
    queries = list(dict.fromkeys([*BROAD, *SYNTAX, *(case["query"] for case in cases), *typed]))
    with serve_directory(site) as url:
        context = browser.new_context(locale="ko-KR")
        lunr = WorkerSearch(context.new_page(), url, kind="reference").search_all(queries, digest=True)
        engine = WorkerSearch(context.new_page(), url, kind="engine").search_all(queries, digest=True)
        context.close()
    assert sum(r["sections"] for r in lunr) > 10 * len(queries), "the queries found too little to compare"
    differ = [
        (q, a["groups"], b["groups"], a["sections"], b["sections"])
        for q, a, b in zip(queries, lunr, engine)
        if a["digest"] != b["digest"]
    ]
    assert differ == []


def test_engine_answers_as_materials_worker_where_nothing_is_cut(browser, course):
    """Where the cap keeps every section (at most KEEP matched), the engine's RESULT is
    Material's own, byte for byte, less what the engine leaves out of every result (the
    hidden fields, which it drops once indexed, and ``parent``): same sections, scores,
    title and text highlights, terms and suggestion."""
    site, days = course
    # the query set matches more sections as the course grows; each note's own heading stays narrow
    queries = list(
        dict.fromkeys([*SYNTAX, *(case["query"] for case in load_queries()), *(synthetic_heading(day) for day in days)])
    )
    with serve_directory(site) as url:
        context = browser.new_context(locale="ko-KR")
        material = WorkerSearch(context.new_page(), url, kind="material").search_all(queries, digest=True)
        engine = WorkerSearch(context.new_page(), url, kind="engine").search_all(queries, digest=True)
        context.close()
    whole = [(q, m, e) for q, m, e in zip(queries, material, engine) if m["sections"] <= KEEP]
    assert len(whole) >= 10 and sum(m["sections"] for _, m, _ in whole) > 5 * len(whole), (
        f"only {len(whole)} of {len(queries)} queries are uncut: too few to compare"
    )
    differ = [(q, m["groups"], e["groups"], m["sections"], e["sections"]) for q, m, e in whole if m["digest"] != e["digest"]]
    assert differ == []
