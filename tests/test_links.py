"""Links between notes (hooks/links/): published anchors are permanent, backlinks.

- The record ``anchors/published.json`` holds every page URL and heading id the build
  publishes (read here from the built HTML, not from the hook), and a renamed heading or a
  moved note in a copy fails the build with one line each naming the old id or URL, the note
  and both ways out; after the alias and the move are declared, old URLs with their
  fragment land on the right heading in Chromium.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from hooks.links import backlinks
from hooks.links.published import RECORD, read_record, record_json
from tools import ROOT, anchors
from tools.harness.build import build_site, discover_pages
from tools.harness.copies import free_day
from tools.harness.html import load_search_index
from tools.harness.serve import serve_directory

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*)</article>', re.S)
HEADING_ID = re.compile(r'<h[1-6][^>]*\sid="([^"]+)"')
BACKLINKS = re.compile(r'<nav class="backlinks".*?</nav>', re.S)


def _published_headings(site: Path) -> dict[str, set[str]]:
    out = {}
    for url in discover_pages(site):
        text = (site / url / "index.html").read_text(encoding="utf-8")
        m = ARTICLE.search(text)
        if m is None:
            continue  # 404 etc.
        body = BACKLINKS.sub("", m.group(1))
        out[url] = {json.loads(f'"{i}"') for i in HEADING_ID.findall(body)}
    return out


def test_the_record_holds_every_published_page_and_heading_id(site_dir):
    record = read_record(ROOT / RECORD)
    built = _published_headings(site_dir)
    assert len(built) >= 5 and set(built) <= set(record), f"pages missing from {RECORD}: {set(built) - set(record)}: make update"
    for url, ids in built.items():
        if url.startswith("day") and (site_dir / url / "index.html").exists() and record[url]["source"].endswith(".md"):
            assert ids <= set(record[url]["ids"]), f"{url}: ids missing from {RECORD}: {ids - set(record[url]['ids'])}"
    assert "gather의-인자" in record["day12/day12/"]["ids"]
    assert (ROOT / RECORD).read_text(encoding="utf-8") == record_json(record), "not in the generator's form: make update"


def test_forget_drops_one_id_or_a_page_and_names_a_typo(tmp_path):
    path = tmp_path / "published.json"
    path.write_text(record_json({"a/": {"source": "a.md", "ids": ["x", "y"]}, "b/": {"source": "b.md", "ids": []}}))
    anchors.forget("a/#x", path)
    assert read_record(path)["a/"]["ids"] == ["y"]
    anchors.forget("b/", path)
    assert set(read_record(path)) == {"a/"}
    with pytest.raises(SystemExit, match=r"'a/#z' is not in the record\. Did you mean 'a/#y'\?"):
        anchors.forget("a/#z", path)


def _front_matter(path: Path, lines: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    path.write_text("---\n" + lines + text[4:], encoding="utf-8")


def test_renamed_heading_and_moved_note_fail_then_alias_and_redirect_land(tmp_path, project_copy, browser):
    project = project_copy()
    shutil.copytree(ROOT / "anchors", project / "anchors")
    docs = project / "docs"
    day12 = docs / "day12" / "day12.md"
    day12.write_text(day12.read_text(encoding="utf-8").replace("##### gather의 인자\n", "##### gather 함수의 인자\n"))
    n = free_day(project, 13)
    (docs / f"day{n}").mkdir()
    (docs / "day11" / "day11.md").rename(docs / f"day{n}" / f"day{n}.md")
    (docs / "day11").rmdir()
    for page in docs.rglob("*.md"):
        page.write_text(page.read_text(encoding="utf-8").replace("day11/day11.md", f"day{n}/day{n}.md"))

    proc = build_site(project, tmp_path / "broken")
    assert proc.returncode != 0
    gone = [ln for ln in proc.stderr.splitlines() if RECORD in ln]
    assert len(gone) == 2, proc.stderr
    page_line, id_line = sorted(gone, key=lambda ln: "the page" not in ln)
    assert "the page 'day11/day11/' (docs/day11/day11.md) was published and is gone" in page_line
    assert "'moved_from: [day11/day11.md]'" in page_line and "python -m tools.anchors --forget 'day11/day11/'" in page_line
    assert "'day12/day12/#gather의-인자' (docs/day12/day12.md) was published and is gone" in id_line
    assert "'aliases: {gather의-인자: <the new heading id>}'" in id_line and "docs/day12/day12.md" in id_line
    assert "python -m tools.anchors --forget 'day12/day12/#gather의-인자'" in id_line

    _front_matter(day12, "aliases:\n  gather의-인자: gather-함수의-인자\n")
    _front_matter(docs / f"day{n}" / f"day{n}.md", "moved_from:\n  - day11/day11.md\n")
    # the link checker knows the alias: a link to the old id is no broken anchor
    extra = docs / "day12" / "day12.md"
    extra.write_text(extra.read_text(encoding="utf-8") + "\n옛 링크: [인자](#gather의-인자)\n", encoding="utf-8")
    site = tmp_path / "fixed"
    proc = build_site(project, site)
    assert proc.returncode == 0, proc.stderr
    redirect = (site / "day11" / "day11" / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in redirect and 'http-equiv="Content-Security-Policy"' in redirect

    context = browser.new_context(locale="ko-KR")
    try:
        pg = context.new_page()
        errors = []
        pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        with serve_directory(site) as url:
            for old, new_url, heading in (
                ("day12/day12/#gather의-인자", "day12/day12/#gather의-인자", "gather-함수의-인자"),
                ("day11/day11/#view-저장-공간-공유", f"day{n}/day{n}/#view-저장-공간-공유", "view-저장-공간-공유"),
            ):
                pg.goto(url + old)
                pg.wait_for_url(re.compile(re.escape(new_url.split("#")[0])))
                pg.wait_for_function("() => document.readyState === 'complete'")
                got = pg.evaluate(
                    """(id) => { const h = document.getElementById(id);
                    return [decodeURIComponent(location.pathname + location.hash), h.getBoundingClientRect().top,
                            document.querySelector(':target')?.closest('h1,h2,h3,h4,h5,h6').id]; }""",
                    heading,
                )
                assert got[0].endswith(new_url), got
                assert 0 <= got[1] < 200, f"{old}: heading #{heading} is not at the top of the window ({got[1]} px)"
                assert got[2] == heading, got
        assert not errors, errors
    finally:
        context.close()


def test_a_gone_page_or_id_is_one_line_each_and_a_declared_move_or_alias_is_not(caplog, tmp_path):
    from types import SimpleNamespace

    from hooks.links.published import PublishedAnchors

    pub = PublishedAnchors()
    pub.record = {
        "a/": {"source": "a.md", "ids": ["kept", "renamed", "aliased"]},
        "old/": {"source": "old.md", "ids": ["x"]},
        "gone/": {"source": "gone.md", "ids": []},
    }
    pub.current = {"a/": {"source": "a.md", "ids": ["kept", "new", "aliased"]}, "new/": {"source": "new.md", "ids": ["x"]}}
    pub.moves = {"old/": ("new/", "old.md")}
    with caplog.at_level("WARNING", logger="mkdocs.hooks.links"):
        pub.check(SimpleNamespace(site_dir=str(tmp_path)))
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 2 and all("\n" not in ln for ln in lines), lines
    assert lines[0].startswith(f"{RECORD}: 'a/#renamed' (docs/a.md) was published and is gone")
    assert lines[1].startswith(f"{RECORD}: the page 'gone/' (docs/gone.md) was published and is gone")
    page = (tmp_path / "old" / "index.html").read_text(encoding="utf-8")
    assert 'data-to="../new/"' in page and 'src="../assets/javascripts/redirect.js"' in page and "<script>" not in page


def test_update_adds_what_is_published_and_keeps_what_was(tmp_path, monkeypatch):
    path = tmp_path / "anchors" / "published.json"
    path.parent.mkdir()
    path.write_text(record_json({"a/": {"source": "a.md", "ids": ["old", "kept"]}}), encoding="utf-8")
    monkeypatch.setattr(anchors, "published", lambda project: {"a/": {"source": "a.md", "ids": ["kept", "new"]}})
    with pytest.raises(AssertionError, match=r'\+ +"new"'):
        anchors.check(path)
    assert anchors.update(path) is True
    assert read_record(path) == {"a/": {"source": "a.md", "ids": ["kept", "new", "old"]}}
    anchors.check(path)
    assert anchors.update(path) is False


# ------------------------------------------------------------------------------ backlinks

TOKEN = re.compile(r'<h[1-6][^>]*\sid="(?P<h>[^"]+)"|<a\s(?P<a>[^>]*)>')
HREF = re.compile(r'href="([^"]*)"')


def _resolve(page_url: str, href: str) -> tuple[str, str]:
    import posixpath
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(html_unescape(href))
    path = posixpath.normpath(posixpath.join(page_url or ".", unquote(parts.path))) if parts.path else page_url.rstrip("/")
    return ("" if path == "." else path + "/"), unquote(parts.fragment)


def html_unescape(text: str) -> str:
    import html

    return html.unescape(text)


def _article(site: Path, url: str) -> str:
    m = ARTICLE.search((site / url / "index.html").read_text(encoding="utf-8"))
    return m.group(1) if m else ""


def _links_out(site: Path, url: str) -> set[tuple[str, str, str]]:
    """(target url, source url, heading id of the linking section), read from the built page."""
    out, heading = set(), ""
    for m in TOKEN.finditer(BACKLINKS.sub("", _article(site, url))):
        if m.group("h"):
            heading = html_unescape(m.group("h"))
        elif 'class="headerlink"' not in m.group("a") and (href := HREF.search(m.group("a"))):
            if not re.match(r"[a-z]+:|/|#", href.group(1)):
                out.add((_resolve(url, href.group(1))[0], url, heading))
    return out


def _listed(site: Path, url: str) -> set[tuple[str, str]]:
    m = BACKLINKS.search(_article(site, url))
    if not m:
        return set()
    items = re.findall(r'<li><a href="([^"]+)#([^"]+)">', m.group(0))
    return {(_resolve(url, href)[0], html_unescape(hid)) for href, hid in items}


def test_each_note_lists_every_section_of_another_page_that_links_to_it(site_dir):
    notes = [f"{p.parent.name}/{p.stem}/" for p in (ROOT / "docs").glob("day*/*.md")]
    # pages in a note folder (notes, notebooks); the root pages (home, topics) link to every note
    sources = [u for u in discover_pages(site_dir) if u.count("/") >= 2 and _article(site_dir, u)]
    links = set().union(*(_links_out(site_dir, u) for u in sources))
    for note in notes:
        want = {(src, hid) for target, src, hid in links if target == note and src != note}
        assert _listed(site_dir, note) == want, note
    day12 = _article(site_dir, "day12/day12/")
    assert ("day11/day11/", "view와-reshape") in _listed(site_dir, "day12/day12/")
    assert "<q>week3-2 노트가 &quot;예전에 정리했는데...&quot;라며 링크하는 노트이다." in day12
    index = (site_dir / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "가리키는 노트" not in index and "가리키는 노트" not in (site_dir / "search" / "search_text.json").read_text()
    assert not BACKLINKS.search(_article(site_dir, "")), "the home page gets no backlinks"


def _read_links(text: str, *, drop: bool) -> list:
    parser = backlinks._Links()
    parser.feed(backlinks._IGNORED_TAG.sub("", text) if drop else text)
    parser.close()
    return parser.found


# Pages where dropping the tags the link reader ignores would change what it reads: the reader
# must see them whole (backlinks._KEEP_TAGS), and then finds what a full parse finds.
_CUT_BY_A_DROPPED_TAG = {
    "charref": '<h2 id="h">A</h2><p>1 &#60<span class="n">3</span> <a href="../x/">x</a></p>',
    "comment": '<h2 id="h">A</h2><p>a <!-- x -<span class="n">-> <a href="../x/">x</a> --> b</p>',
    "attribute": '<h2 id="h">A</h2><p><a title="<span class="x">" href="../x/">x</a> <b title=">">t</b></p>',
    "raw text": '<h2 id="h">A</h2><p><a href="../x/">x</a><style><span class="a"></style>b</p>',
}


@pytest.mark.parametrize("case", sorted(_CUT_BY_A_DROPPED_TAG))
def test_the_link_reader_reads_a_page_whole_when_dropping_tags_would_change_it(case):
    text = _CUT_BY_A_DROPPED_TAG[case]
    assert _read_links(text, drop=True) != _read_links(text, drop=False), f"{case}: the example changes nothing"
    assert backlinks._KEEP_TAGS.search(text), f"{case}: the backlinks hook would read this page with tags dropped"


def test_dropping_the_tags_the_link_reader_ignores_changes_nothing_it_finds(site_dir):
    """The backlinks hook reads a page with Pygments' spans and every other tag it ignores
    dropped (hooks/links/backlinks.py) unless ``_KEEP_TAGS`` finds a reason not to: on every
    built page where it would, it finds what HTMLParser finds in the whole page."""
    fast = 0
    for url in (u for u in discover_pages(site_dir) if _article(site_dir, u)):
        article = _article(site_dir, url)
        if backlinks._KEEP_TAGS.search(article):
            continue
        fast += 1
        assert len(backlinks._IGNORED_TAG.sub("", article)) < len(article), f"{url}: nothing was dropped"
        assert _read_links(article, drop=True) == _read_links(article, drop=False), url
    assert fast >= 3, f"only {fast} built pages take the fast path"


def test_a_new_note_shows_up_in_the_backlinks_and_a_note_nothing_links_to_has_none(tmp_path, project_copy):
    project = project_copy(notes=("day12",))
    n = free_day(project, 13)
    (project / "docs" / f"day{n}").mkdir()
    (project / "docs" / f"day{n}" / f"day{n}.md").write_text(
        f"---\ntitle: day{n} 노트\ndescription: 역링크 시험 노트.\n---\n\n# day{n} 노트\n\n## 다시 보는 gather\n\n"
        "`gather`의 인자는 [앞의 노트](../day12/day12.md#gather의-인자)에 정리했다.\n",
        encoding="utf-8",
    )
    site = tmp_path / "site"
    proc = build_site(project, site)
    assert proc.returncode == 0, proc.stderr
    assert (f"day{n}/day{n}/", "다시-보는-gather") in _listed(site, "day12/day12/")
    block = BACKLINKS.search(_article(site, "day12/day12/")).group(0)
    assert "<q>gather의 인자는 앞의 노트에 정리했다.</q>" in block and '→ <a href="#gather의-인자">gather의 인자</a>' in block
    assert _listed(site, f"day{n}/day{n}/") == set() and not BACKLINKS.search(_article(site, f"day{n}/day{n}/"))
    # the new note has no tags: it builds, shows no tags and is in no topic
    assert f"day{n}/day{n}/" not in _article(site, "topics/") and 'class="md-tag' not in _article(site, f"day{n}/day{n}/")


# --------------------------------------------------------------------------------- topics

H2 = re.compile(r'<h2 id="([^"]+)"[^>]*>\s*<span class="md-tag[^"]*">([^<]+)</span>')


def _tags() -> dict[str, list[str]]:
    from mkdocs.utils.meta import get_data

    notes = {}
    for path in sorted((ROOT / "docs").glob("day*/*.md")):
        notes[f"{path.parent.name}/{path.stem}/"] = get_data(path.read_text(encoding="utf-8"))[1].get("tags", [])
    return notes


def test_the_topic_page_lists_each_tag_with_its_notes_and_their_sections_on_it(site_dir):
    from hooks.headings.slugs import slug
    from tools.harness.html import parse_html

    notes = _tags()
    assert all(len(tags) >= 3 for tags in notes.values()), notes  # the real notes are tagged
    article = _article(site_dir, "topics/")
    parts = H2.split(article)[1:]  # id, name, body, id, name, body ...
    listed = {html_unescape(name): (hid, body) for hid, name, body in zip(parts[::3], parts[1::3], parts[2::3])}
    tags = {t for ts in notes.values() for t in ts}
    assert set(listed) == tags
    for tag, (hid, body) in listed.items():
        assert html_unescape(hid) == slug(tag), tag  # GitHub's id, like every other heading
        links = {_resolve("topics/", h) for h in re.findall(r'<a href="([^"]+)"', body)}
        want = set()
        for note, note_tags in notes.items():
            if tag in note_tags:
                want.add((note, ""))
                headings = parse_html(_article(site_dir, note)).headings
                want |= {(note, h[1]) for h in headings if h[0] >= 2 and tag.casefold() in h[2].casefold()}
        assert links == want, tag
    assert ("day12/day12/", "gather의-인자") in {
        x for _, b in listed.values() for x in {_resolve("topics/", h) for h in re.findall(r'<a href="([^"]+)"', b)}
    }
    # on the note: each tag links to its topic; in the search index: the note carries its tags
    day11 = (site_dir / "day11" / "day11" / "index.html").read_text(encoding="utf-8")
    chips = re.findall(r'<a href="([^"]+)" class="md-tag[^"]*">\s*([^<]+?)\s*<', day11)
    assert {name for _, name in chips} == set(notes["day11/day11/"])
    assert all(_resolve("day11/day11/", href) == ("topics/", slug(name)) for href, name in chips)
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    # a topic is found through its section of the topic page, not through tags copied into every
    # section of its notes (hooks/links/topics.py: keep_tags_out_of_search_entries says why)
    assert not [d["location"] for d in index["docs"] if "tags" in d]
    text = load_search_index(site_dir)
    topics_entry = next(d for d in text["docs"] if d["location"] == "topics/")
    assert all(t in topics_entry["text"] for t in tags), "a topic's name finds the topic page"
    assert not [d for d in text["docs"] if d["location"].startswith("topics/#")], "the topics' headings are no results"


# ------------------------------------------------------------------------------- previews


def test_only_links_to_other_notes_get_a_preview(site_dir):
    for url in ("day11/day11/", "day12/day12/", "", "topics/", "day12/practice_1/"):
        text = (site_dir / url / "index.html").read_text(encoding="utf-8")
        for attrs in re.findall(r"<a\s([^>]*\bdata-preview\b[^>]*)>", text):
            target = _resolve(url, HREF.search(attrs).group(1))[0]
            assert target != url and re.fullmatch(r"day\d+/day\d+/", target), (url, attrs)
    day11 = (site_dir / "day11" / "day11" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a data-preview="" href="../../day12/day12/#view">', day11)
    assert 'class="headerlink" data-preview' not in day11


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_link_to_another_note_previews_its_section_on_keyboard_focus_under_the_policy(page, site_url, site_dir, scheme):
    from tools.harness.browser import RECORD_VIOLATIONS, inject_axe, watch_errors

    pg = page
    pg.emulate_media(color_scheme=scheme)
    pg.context.add_init_script(RECORD_VIOLATIONS)
    errors = watch_errors(pg, site_url, [])
    # previews engage only for URLs in sitemap.xml (built for site_url): serve it as it would be here
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    built_for = re.search(r"<loc>(.*?)</loc>", sitemap).group(1)
    pg.route("**/sitemap.xml", lambda r: r.fulfill(body=sitemap.replace(built_for, site_url), content_type="application/xml"))
    pg.goto(site_url + "day11/day11/")
    for _ in range(300):  # keyboard only: Tab until the link into day12 has the focus
        pg.keyboard.press("Tab")
        if pg.evaluate("() => document.activeElement.matches('a[data-preview]')"):
            break
    assert pg.evaluate("() => decodeURIComponent(document.activeElement.hash)") == "#view"
    tip = pg.locator(".md-tooltip2--active .md-tooltip2__inner")
    tip.wait_for(state="visible", timeout=10000)
    text = tip.inner_text()
    assert text.startswith("view") and "reshape" in text, text[:200]
    # axe reads colours as painted: wait until the preview's fade-in has finished
    pg.evaluate(
        """() => Promise.all(document.querySelector('.md-tooltip2--active')
            .getAnimations({subtree: true}).map(a => a.finished))"""
    )
    inject_axe(pg)
    result = pg.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .map(v => `${v.id}: ${v.nodes.map(n => n.target).join(' ')}`)"""
    )
    assert result == [], result
    dark = pg.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
    assert dark == {"light": "default", "dark": "slate"}[scheme]
    assert pg.evaluate("window.__csp") == [] and errors == [], (pg.evaluate("window.__csp"), errors)
