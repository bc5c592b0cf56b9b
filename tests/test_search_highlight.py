"""The search highlight parameter (`?h=`) cannot make a page unusable (issue 20, item 7).

Material's `search.highlight` marks the words of `?h=` on the page. A value its highlighter
turns into an empty alternative (only separators, or a word ending in one) marked the empty
string between every two characters: ~98,000 empty <mark> elements on day12 and seconds of
blocked main thread. hooks/output/page_scripts/search-highlight.js (inline on every page) rewrites `h` before Material
reads it (on load and on instant navigation):

- in Node (make check): the guard's copy of the search separator is the hook's, and a table of
  values maps to the `h` the highlighter gets (hostile ones to none, real words kept);
- in Chromium with Material's own bundle: hostile values leave no <mark> at all (none empty),
  on a page load and after an instant navigation; real words (`텐서`, `gather`) still get marked.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest

from hooks.search import engine
from tools import ROOT
from tools.harness import node

GUARD = ROOT / "hooks" / "output" / "page_scripts" / "search-highlight.js"
MARKS = "mark[data-md-highlight]"

# value of ?h= -> the h Material's highlighter gets (None: the parameter is removed)
CASES = {
    "<": None,
    "=": None,
    " ": None,
    ".": None,
    "-": None,
    "&amp;": None,  # an entity is a separator too
    "((((": None,
    "< " * 500: None,
    "ㅋㅋ": None,  # lone jamo (an IME half-way) are separators
    "a" * 65: None,  # longer than any word
    "e": None,  # a single Latin letter marks every word that has one
    "7": None,
    "0.5": None,  # the highlighter escapes the dot and then splits at the backslash
    "의": None,  # a lone particle
    "e x 7": None,
    "텐서": "텐서",
    "gather": "gather",
    "훅": "훅",  # a one-syllable Korean word stays
    "a" * 64: "a" * 64,
    "텐서의": "텐서",  # the particle would be an empty alternative
    "gather(": "gather",
    "nn.Module": "nn Module",
    "gather함수": "gather 함수",
    "__init__": "init",
    "torch.gather <": "torch gather",
    "버퍼 버퍼 buffer": "버퍼 buffer",
    "aa bb cc dd ee ff gg hh ii jj": "aa bb cc dd ee ff gg hh",  # at most 8 words
}


def test_guard_carries_the_search_separator():
    """The guard splits `h` as the search does: its copy of the separator is the hook's."""
    m = re.search(r'^  const SEPARATOR = (".*")$', GUARD.read_text(encoding="utf-8"), re.M)
    assert m, f'{GUARD.relative_to(ROOT)}: no `const SEPARATOR = "..."` line'
    assert json.loads(m.group(1)) == engine.SEPARATOR, (
        f"{GUARD.relative_to(ROOT)}: SEPARATOR is not hooks/search/engine.py's; paste this line:\n"
        f"  const SEPARATOR = {json.dumps(engine.SEPARATOR, ensure_ascii=False)}"
    )


def test_guard_rewrites_h_on_load_and_on_instant_navigation():
    values = list(CASES)
    results = node.run("search_highlight", {"script": str(GUARD), "values": values})
    for value, got in zip(values, results, strict=True):
        want = CASES[value]
        assert got["load"] == want, (value[:20], got)
        assert got["navigation"] == want, (value[:20], got)
        # the URL in the address bar is rewritten only when h changed
        if want == value:
            assert got["replaced"] is None, (value[:20], got)
        else:
            assert got["replaced"] is not None and ("h=" in got["replaced"]) == (want is not None), got


# ---------------------------------------------------------------------------- Chromium

HOSTILE = ["<", "=", " ", ".", "-", "nn.Module(", "텐서의 <", "e", "< " * 500, "a" * 5000]


def _marks(page) -> dict:
    return page.evaluate(
        """(sel) => {
      const marks = [...document.querySelectorAll(sel)];
      return {count: marks.length, empty: marks.filter(m => !m.textContent).length,
              texts: [...new Set(marks.map(m => m.textContent.toLowerCase()))],
              h: new URL(location.href).searchParams.get("h")};
    }""",
        MARKS,
    )


def _settled(page) -> None:
    """Material highlights as soon as the search index is in (it fetches it on load)."""
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("value", HOSTILE, ids=lambda v: repr(v[:12]) + (f"x{len(v)}" if len(v) > 12 else ""))
def test_hostile_h_marks_nothing_empty(page, site_url, value):
    page.goto(f"{site_url}day12/day12/?h={quote(value)}")
    _settled(page)
    got = _marks(page)
    assert got["empty"] == 0, got["count"]
    want = {"nn.Module(": "nn Module", "텐서의 <": "텐서"}.get(value)
    if want is None:  # nothing of it is a word: no highlight at all
        assert got["count"] == 0 and got["h"] is None, got
    else:  # the words in it, each mark one of them
        page.wait_for_selector(MARKS)
        got = _marks(page)
        assert got["h"] == want, got
        assert got["texts"] and set(got["texts"]) <= set(want.lower().split()), got["texts"][:5]


@pytest.mark.parametrize("value", ["텐서", "gather"])
def test_words_still_highlight(page, site_url, value):
    page.goto(f"{site_url}day12/day12/?h={quote(value)}")
    page.wait_for_selector(MARKS)
    got = _marks(page)
    assert got["h"] == value and got["empty"] == 0
    assert got["texts"] == [value] and got["count"] >= 3, got


def test_instant_navigation_with_hostile_h(page, site_url, site_dir):
    """A same-site link with `?h=<` (instant navigation: no page load, Material's location$)."""
    # Material intercepts only links in sitemap.xml, built for site_url: serve it as a
    # deployment at this test server would have it (as tests/test_gather_explorer.py does)
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    built_for = re.search(r"<loc>(.*?)</loc>", sitemap).group(1)
    page.route(
        "**/sitemap.xml", lambda route: route.fulfill(body=sitemap.replace(built_for, site_url), content_type="application/xml")
    )
    for value, want in [("<", None), ("gather(", "gather")]:
        page.goto(site_url)
        _settled(page)
        page.evaluate(
            """(href) => { window.stayed = true; const a = document.createElement("a"); a.href = href;
                          document.body.append(a); a.click(); a.remove(); }""",
            f"{site_url}day12/day12/?h={quote(value)}",
        )
        page.wait_for_url(re.compile(r".*/day12/day12/.*"))
        page.wait_for_selector("[data-gather-explorer]", state="attached")
        _settled(page)
        if want:
            page.wait_for_selector(MARKS)
        got = _marks(page)
        assert page.evaluate("() => window.stayed"), "not an instant navigation (the page loaded anew)"
        assert got["h"] == want and got["empty"] == 0, got
        assert got["count"] > 0 if want else got["count"] == 0, got
