"""Drive Material's real search box in Chromium and read what the reader sees.

Shared by tests/test_search.py and bench/search.py (and the other search tests and
benchmarks). One page load; every query is typed into ``input.md-search__input`` (``fill`` +
a real key press, because Material searches on ``keyup``), then the harness waits until
Material re-rendered the result list and reads the *visible* result links in order (links
folded into "more on this page" are hidden).

Ranking as the reader sees it: Material groups results by page and always shows the page
link first, as the heading of its group, followed by the best section(s).

- ``links``: every visible result link, in order (what recall@5 counts: strict);
- ``hits``: the same list without group headings, i.e. a page link counts only when the
  page itself is its group's best match (what recall@1 counts: the first real answer).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from tools import ROOT

QUERIES_FILE = ROOT / "tests" / "search_queries.yml"
INPUT = "input.md-search__input"

# Records when the search worker (overrides/assets/javascripts/workers/search-ko.js) said
# READY (the first index answers) and TEXT_READY (the full index answers), in ms since
# navigation start. Installed before the page's scripts run.
TEXT_READY = "search-ko:text-ready"
WORKER_PROBE = """(() => {
  const Native = window.Worker;
  window.__searchWorker = {ready: null, text: null};
  window.Worker = class extends Native {
    constructor(url, options) {
      super(url, options);
      this.addEventListener('message', ({data}) => {
        const s = window.__searchWorker;
        if (data && data.type === 1 && s.ready === null) s.ready = performance.now();
        if (data && data.type === 'TEXT_READY' && s.text === null) s.text = performance.now();
      });
    }
  };
})();""".replace("TEXT_READY", TEXT_READY)

# Marks the result list as stale; Material's render (list.innerHTML = "") removes it.
_ARM = """() => {
  const list = document.querySelector('.md-search-result__list');
  const s = document.createElement('li');
  s.setAttribute('data-stale', '');
  s.hidden = true;
  list.appendChild(s);
  window.__searchTiming = {keyup: null, rendered: null};
}"""

# Resolves when the sentinel is gone, with the visible result links.
_READ = """async (base) => {
  const list = document.querySelector('.md-search-result__list');
  const deadline = performance.now() + 20000;  // generous: 2 shared CPUs under load
  while (list.querySelector('[data-stale]')) {
    if (performance.now() > deadline) throw new Error('search results never rendered');
    await new Promise(r => setTimeout(r, 1));
  }
  const groups = [];
  for (const item of list.querySelectorAll(':scope > li.md-search-result__item')) {
    const links = [];
    for (const a of item.querySelectorAll('a.md-search-result__link')) {
      // folded into "more on this page" (Chromium still lays out closed <details> content)
      if (a.closest('details:not([open])') || !a.getClientRects().length) continue;
      const url = new URL(a.href);
      const loc = decodeURIComponent(url.pathname).slice(new URL(base).pathname.length)
                + decodeURIComponent(url.hash);
      const art = a.querySelector('article');
      links.push({loc, score: parseFloat(art.getAttribute('data-md-score')),
                  title: (art.querySelector('h1, h2') || {}).textContent || '',
                  // what the result shows, block by block, without Material's "missing terms" line
                  parts: [...art.childNodes].filter(n => !(n.classList && n.classList.contains('md-search-result__terms')))
                          .map(n => n.textContent).filter(t => t.trim())});
    }
    groups.push(links);
  }
  const t = window.__searchTiming;
  return {groups, ms: t.keyup !== null && t.rendered !== null ? t.rendered - t.keyup : null};
}"""

# Timing probe: keyup (capture phase, before Material's handler) to the result render.
_PROBE = """() => {
  if (window.__searchProbe) return;
  window.__searchProbe = true;
  document.addEventListener('keyup', () => {
    if (window.__searchTiming) window.__searchTiming.keyup = performance.now();
  }, true);
  const list = document.querySelector('.md-search-result__list');
  new MutationObserver(() => {
    const t = window.__searchTiming;
    if (t && t.rendered === null && !list.querySelector('[data-stale]'))
      t.rendered = performance.now();
  }).observe(list, {childList: true});
}"""


@dataclass
class Result:
    query: str
    links: list[str]  # visible result links in order
    hits: list[str]  # links without group headings
    texts: list[list[str]]  # visible text of each link, block by block (title, teaser)
    ms: float | None

    def rank(self, expected: str | list[str], strict: bool = True) -> int | None:
        """1-based rank of the best of the expected answers, None when not shown."""
        seq = self.links if strict else self.hits
        ranks = [seq.index(e) + 1 for e in ([expected] if isinstance(expected, str) else expected) if e in seq]
        return min(ranks) if ranks else None


_INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"


def ime_states(text: str) -> list[str]:
    """What the search box holds after each keystroke of a Korean IME (simplified: one
    keystroke per initial, vowel and final consonant)."""
    states, done = [], ""
    for ch in text:
        code = ord(ch) - 0xAC00
        if 0 <= code < 11172:
            lead, vowel, tail = code // 588, code % 588 // 28, code % 28
            states.append(done + _INITIALS[lead])
            states.append(done + chr(0xAC00 + lead * 588 + vowel * 28))
            if tail:
                states.append(done + ch)
        else:
            states.append(done + ch)
        done += ch
    return [s for s in states if s.strip()]


def load_queries(path: Path = QUERIES_FILE) -> list[dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    cases = []
    for kind, items in data.items():
        for item in items:
            ((query, expected),) = item.items()
            cases.append({"kind": kind, "query": str(query), "expected": expected})
    return cases


def normalize(loc: str) -> str:
    parts = urlsplit(loc)
    return unquote(parts.path) + ("#" + unquote(parts.fragment) if parts.fragment else "")


class SearchBox:
    """The search box of one loaded page. ``full``: wait until the worker searches the
    full text too (it loads it on the first keystroke); else only for the first index."""

    def __init__(self, page, site_url: str, *, full: bool = True):
        self.page, self.base = page, site_url
        page.add_init_script(WORKER_PROBE)
        page.goto(site_url)
        page.click(INPUT)  # the header search box (desktop width) opens the search dialog
        page.wait_for_selector(".md-search-result__list", state="attached")
        page.evaluate(_PROBE)
        # Until the worker is ready, the empty query of the focus is pending and its (empty)
        # result would be read as the answer to the first query: search until results come.
        for _ in range(50):
            if self.search("gather").links:
                break
        else:
            raise RuntimeError("Material's search never returned results for 'gather'")
        if full:  # 'gather' was a keystroke: the full text is on its way
            page.wait_for_function("() => window.__searchWorker.text !== null", timeout=60_000)

    def search(self, query: str) -> Result:
        """Type ``query`` (replacing the previous one) and read the results."""
        if query == self.page.input_value(INPUT):
            # Material only searches when the value changes: type something else first
            self.search(query + " ")
        self.page.evaluate(_ARM)
        self.page.fill(INPUT, query)
        self.page.press(INPUT, "End")  # keyup: Material reads the value on keyup
        return self._read(query)

    def type_timed(self, query: str) -> list[tuple[float, bool]]:
        """Type ``query`` as a Korean IME does, one keystroke at a time (셔플: ㅅ, 셔, 셔ㅍ,
        셔프, 셔플); per keystroke (ms from keyup to the rendered results, any results?)."""
        out = []
        for state in ime_states(query):
            if state == self.page.input_value(INPUT):
                continue  # no change, no search
            self.page.evaluate(_ARM)
            self.page.fill(INPUT, state)
            self.page.press(INPUT, "End")  # the keyup Material listens to
            r = self._read(state)
            if r.ms is not None:
                out.append((r.ms, bool(r.links)))
        return out

    def _read(self, query: str) -> Result:
        out = self.page.evaluate(_READ, self.base)
        links, hits, texts = [], [], []
        for group in out["groups"]:
            best = max((x["score"] for x in group), default=0)
            for i, x in enumerate(group):
                links.append(x["loc"])
                texts.append(x["parts"])
                is_heading = i == 0 and "#" not in x["loc"] and not (x["score"] > 0 and x["score"] >= best)
                if not is_heading:
                    hits.append(x["loc"])
        return Result(query, links, hits, texts, out["ms"])


# Material's search worker driven from the page without its UI: a fresh worker (the
# search-ko.js engine; for "material" the same as engine:uncut, Material's worker with lunr's
# own query and the engine's exact-word twins but no result cap) set up with the full
# index as the search box's worker gets it, then one QUERY per query. For each result the
# links Material's renderSearchResultItem shows: per page group the page itself, then the
# sections that score as high as the group's best; the rest fold into "more on this page".
_WORKER_SEARCH = """async ([base, kind, queries, limit, digest]) => {
  const cfg = JSON.parse(document.getElementById('__config').textContent);
  const router = new URL(cfg.search, document.baseURI);
  const url = router;
  if (!window.__workerSearch || window.__workerSearch.kind !== kind) {
    const index = await (await fetch(new URL('search/search_index.json', base))).json();
    const rest = new Map((await (await fetch(new URL(index.config.text_url, base))).json())
                           .map(d => [d.location, d]));
    const docs = index.docs.map(d => rest.has(d.location) ? {...d, ...rest.get(d.location)} : d);
    const worker = new Worker(url, {name: {reference: 'engine:reference', material: 'engine:uncut'}[kind] || 'engine'});
    const call = msg => new Promise(resolve => { worker.onmessage = e => resolve(e.data); worker.postMessage(msg); });
    await call({type: 0, data: {config: index.config, docs, options: {suggest: cfg.features.includes('search.suggest')}}});
    const hidden = Object.keys(index.config.fields).filter(name => !['title', 'text', 'tags'].includes(name));
    window.__workerSearch = {kind, call, hidden};
  }
  const out = [];
  for (const query of queries) {
    const {data} = await window.__workerSearch.call({type: 2, data: query});
    const links = [], sections = data.items.reduce((n, group) => n + group.length, 0);
    for (const group of data.items) {
      const threshold = group[0].score;
      const docs = [...group];
      const parent = docs.findIndex(d => !d.location.includes('#'));
      const [article] = docs.splice(parent, 1);
      let index = docs.findIndex(d => d.score < threshold);
      if (index === -1) index = docs.length;
      links.push(article.location, ...docs.slice(0, index).map(d => d.location));
      if (limit && links.length >= limit) break;
    }
    const row = {links: limit ? links.slice(0, limit) : links, groups: data.items.length, sections};
    if (digest) {  // the whole RESULT message: every section, score, highlight and term
      if (kind === 'material')  // as the engine sends it: no hidden fields, no parent
        for (const group of data.items)
          for (const item of group) {
            delete item.parent;
            for (const name of window.__workerSearch.hidden) delete item[name];
          }
      const bytes = new TextEncoder().encode(JSON.stringify(data));
      row.digest = [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))]
        .map(b => b.toString(16).padStart(2, '0')).join('');
    }
    out.push(row);
  }
  return out;
}"""


class WorkerSearch:
    """Material's search worker without its UI, for checks that run thousands of queries
    (``test_every_heading_is_findable``): one page, one worker; ``search`` returns the first
    10 links the search box would show per query, ``search_all`` all of them (scrolling
    the result list shows more pages). ``kind``: "engine" (what the search box uses),
    "reference" (the engine with lunr's own query instead of its faster one) or
    "material" (Material's worker with lunr's own query, without the engine's result cap; with
    the engine's exact-word twins; tests/test_search_ranking.py compares it with Material's
    worker as shipped on queries without twins).
    tests/test_search.py checks that it shows what the search box shows."""

    def __init__(self, page, site_url: str, kind: str = "engine"):
        self.page, self.base, self.kind = page, site_url, kind
        page.goto(site_url)

    def search(self, queries: list[str]) -> list[list[str]]:
        """Per query: the first 10 links."""
        return [r["links"] for r in self.search_all(queries, limit=10)]

    def search_all(self, queries: list[str], limit: int = 0, digest: bool = False) -> list[dict]:
        """Per query: {"links": every link shown (or the first ``limit``), "groups": pages
        listed, "sections": sections the worker returned, "digest": SHA-256 of the whole
        result message if ``digest``}."""
        return [
            {**r, "links": [normalize(loc) for loc in r["links"]]}
            for r in self.page.evaluate(_WORKER_SEARCH, [self.base, self.kind, queries, limit, digest])
        ]


def shown_links(items: list[list[dict]], limit: int = 10) -> list[str]:
    """The result links Material's search list shows for a RESULT message's ``items`` (as
    ``_WORKER_SEARCH`` reads them): per page group the page itself, then the sections that
    score as high as the group's best; the rest fold into "more on this page"."""
    links: list[str] = []
    for group in items:
        threshold, docs = group[0]["score"], list(group)
        article = docs.pop(next(i for i, d in enumerate(docs) if "#" not in d["location"]))
        shown = next((i for i, d in enumerate(docs) if d["score"] < threshold), len(docs))
        links += [article["location"]] + [d["location"] for d in docs[:shown]]
        if len(links) >= limit:
            break
    return links[:limit]


def evaluate(box: SearchBox, cases: list[dict]) -> tuple[list[dict], dict]:
    """Run every case; per-case rows and recall@1 (first hit) / recall@5 (visible links)."""
    rows = []
    for case in cases:
        r = box.search(case["query"])
        rows.append(
            {
                **case,
                "rank5": r.rank(case["expected"]),
                "rank1": r.rank(case["expected"], strict=False),
                "links": r.links[:5],
                "hits": r.hits[:3],
            }
        )
    n = len(rows)
    summary = {
        "n": n,
        "recall@1": sum(1 for x in rows if x["rank1"] == 1) / n,
        "recall@5": sum(1 for x in rows if x["rank5"] is not None and x["rank5"] <= 5) / n,
        "empty": sum(1 for x in rows if not x["links"]),
    }
    return rows, summary


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")
