"""Adding the next note just works: the newcomer's daily loop, done in a throw-away copy.

The loop (README "새 노트 추가하기"): write ``docs/dayN/dayN.md`` with front matter and
``snippets/dayN/*.py``, link it both ways with day12, fill the ``#>`` lines
(``python -m tools.snippet_outputs --update FILE...``, what ``make update`` runs), build
strictly. Nothing else is edited: no test, query list, glossary or config. The copy
already holds a three-digit day, so the navigation order is checked past day99.

Day numbers are picked at test time, so a synthetic note never collides with a real one:
the new note is the day after the copy's last day (what the learner adds next), the
three-digit one the first free day from 100 on.

Also here, each as the newcomer meets it: a missing snippet, a link to a heading that does
not exist or was renamed, a note without a description, a busy port for ``make serve``
and a warning while serving. Those that build copies of the project use the ``project_copy``
fixture: marked ``slow``.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urljoin

import pytest

from hooks.headings.slugs import Slugger
from tools import ROOT
from tools.harness.build import build_site
from tools.harness.copies import DAY_DIR, free_day, used_days
from tools.harness.html import crawl, parse_html
from tools.harness.notes import NEWCOMER_OUTPUTS, NEWCOMER_SNIPPETS, add_newcomer_note, note_text
from tools.harness.search import SearchBox
from tools.harness.serve import serve_directory


def _git(project: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=project,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@pytest.fixture(scope="module")
def loop(tmp_path_factory, project_copy):
    """The whole loop, once: returns what the tests look at."""
    tmp = tmp_path_factory.mktemp("newcomer")
    project = project_copy()
    # the copy already has a three-digit day (the learner's course is long)
    big = free_day(project, 100)
    (project / "docs" / f"day{big}").mkdir()
    (project / "docs" / f"day{big}" / f"day{big}.md").write_text(
        note_text("세 자리 날짜 노트", "day99 다음에도 순서가 맞는지 보는 노트.", "## 순서\n\n본문.\n"), encoding="utf-8"
    )
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "baseline")

    # --- what the newcomer does ---------------------------------------------------
    n = free_day(project, max(d for d in used_days(project) if d < big) + 1)
    snippets = add_newcomer_note(project, n)
    started = time.perf_counter()
    update, check = (  # in this order: --update fills the #> lines, --check then finds them fresh
        subprocess.run(
            [sys.executable, "-m", "tools.snippet_outputs", mode, *map(str, snippets)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        for mode in ("--update", "--check")
    )
    touched = sorted(line[3:] for line in _git(project, "status", "--porcelain", "-uall").splitlines())
    site = tmp / "site"
    build = build_site(project, site)
    return {
        "project": project,
        "site": site,
        "n": n,
        "big": big,
        "update": update,
        "check": check,
        "touched": touched,
        "build": build,
        "snippets": snippets,
        "seconds": time.perf_counter() - started,
    }


def test_only_the_notes_own_files_are_touched(loop):
    """By hand: the note, its snippets and the back link in day12. Besides those, only the
    version record that `make update` generates for the new folder (never edited by hand)."""
    n = loop["n"]
    assert loop["touched"] == sorted(
        [
            f"docs/day{n}/day{n}.md",
            "docs/day12/day12.md",
            *(f"snippets/day{n}/{name}" for name in NEWCOMER_SNIPPETS),
            f"snippets/day{n}/versions.json",
        ]
    )
    page = (loop["site"] / f"day{n}" / f"day{n}" / "index.html").read_text(encoding="utf-8")
    assert page.count("에서 실행해 확인한 출력") == len(NEWCOMER_SNIPPETS), "a version badge under each snippet"


def test_outputs_are_filled_in_and_fresh(loop):
    assert loop["update"].returncode == 0, loop["update"].stdout + loop["update"].stderr
    assert loop["check"].returncode == 0, loop["check"].stdout + loop["check"].stderr
    for path in loop["snippets"]:
        assert NEWCOMER_OUTPUTS[path.name] in path.read_text(encoding="utf-8").splitlines(), path.name


def test_strict_build_passes_and_both_links_resolve(loop):
    build, site, n = loop["build"], loop["site"], loop["n"]
    assert build.returncode == 0, build.stdout + build.stderr
    assert crawl(site) == []
    page = site / f"day{n}" / f"day{n}" / "index.html"
    refs = {r for _, r in parse_html(page).refs}
    assert "../../day12/day12/#1-과제-내용-정리" in refs
    back = {r for _, r in parse_html(site / "day12" / "day12" / "index.html").refs}
    assert f"../../day{n}/day{n}/#기울기-누적" in back
    text = page.read_text(encoding="utf-8")
    assert all(NEWCOMER_OUTPUTS[name][3:] in text for name in NEWCOMER_SNIPPETS)  # the filled-in outputs are on the page


def test_new_note_headings_get_githubs_ids(loop):
    n = loop["n"]
    ids = [h[1] for h in parse_html(loop["site"] / f"day{n}" / f"day{n}" / "index.html").headings]
    assert ids == [
        "week4-1-autograd",
        "requires_grad와-detach",
        "기울기-누적",
        "no_grad로-추론하기",
        "__call__과-forward",
        "정리",
        "정리-1",
    ]
    slugger = Slugger()
    assert ids == [
        slugger.slug(t)
        for t in (
            "week4-1 autograd",
            "requires_grad와 detach",
            "기울기 누적",
            "no_grad로 추론하기",
            "__call__과 forward",
            "정리",
            "정리",
        )
    ]


def _home_rows(site: Path) -> list[tuple[str, str, str]]:
    html = (site / "index.html").read_text(encoding="utf-8")
    table = re.search(r'<h2[^>]*id="노트-목록".*?<table>(.*?)</table>', html, re.S)
    assert table, "no note table on the home page"
    return re.findall(r'<tr>\s*<td><a href="([^"]+)">([^<]+)</a></td>\s*<td>([^<]*)</td>\s*</tr>', table.group(1))


def _day_pages(project: Path) -> dict[int, list[str]]:
    """Site paths of the pages in each day folder of ``project``: the note, then the day's
    other pages (its notebooks) by name. Every note the learner has, not only day11/day12."""
    out = {}
    for folder in (project / "docs").iterdir():
        if m := DAY_DIR.fullmatch(folder.name):
            others = sorted(p.stem for p in folder.iterdir() if p.suffix in (".md", ".ipynb") and p.stem != folder.name)
            out[int(m.group(1))] = [f"{folder.name}/{folder.name}/", *(f"{folder.name}/{stem}/" for stem in others)]
    return out


def test_home_page_lists_the_new_note_from_its_front_matter(loop):
    n, big = loop["n"], loop["big"]
    rows = _home_rows(loop["site"])
    days = _day_pages(loop["project"])
    # every page in a day folder, newest day first; inside a day: the note, then its notebooks
    assert [r[0] for r in rows] == [path for day in sorted(days, reverse=True) for path in days[day]]
    assert (f"day{big}/day{big}/", "세 자리 날짜 노트", "day99 다음에도 순서가 맞는지 보는 노트.") in rows
    assert (f"day{n}/day{n}/", "week4-1 autograd", "requires_grad, detach, 기울기 누적, no_grad를 정리한 노트.") in rows


def test_navigation_is_in_course_order_past_day99(loop):
    site, n, big = loop["site"], loop["n"], loop["big"]
    days = _day_pages(loop["project"])
    order = sorted(days)  # course order by number: day9 < day11 < day99 < day100 (not as text)
    assert big >= 100

    def nav_order(page: Path) -> list[str]:
        """The day pages the primary navigation links, in order, as site paths."""
        html = page.read_text(encoding="utf-8")
        primary = html[html.index("md-nav--primary") : html.index('class="md-content"')]
        base = "http://site/" + page.parent.relative_to(site).as_posix() + "/"
        paths = [urljoin(base, href)[len("http://site/") :] for href in re.findall(r'href="([^"#]*)"', primary)]
        return list(dict.fromkeys(p for p in paths if re.match(r"day\d+/", p)))

    # navigation.prune: the home page lists each day once (its first page) ...
    assert nav_order(site / "index.html") == [days[day][0] for day in order]
    # ... and a day's own page shows that day expanded: the note first, then its notebooks
    assert nav_order(site / "day12" / "day12" / "index.html") == [
        path for day in order for path in (days[day] if day == 12 else days[day][:1])
    ]
    page = (site / f"day{n}" / f"day{n}" / "index.html").read_text(encoding="utf-8")
    footer = re.findall(r'<a href="([^"]+)" class="md-footer__link md-footer__link--(prev|next)"', page)
    at = order.index(n)
    want = [(f"../../{days[order[at - 1]][-1]}", "prev")]  # the last page of the day before
    if at + 1 < len(order):
        want.append((f"../../{days[order[at + 1]][0]}", "next"))
    assert footer == want


def test_search_finds_the_new_headings(loop, browser):
    """No glossary or query-list edit: every heading of the new note is found by its title,
    and a term in the other language through the existing glossary."""
    n = loop["n"]
    titles = {
        "requires_grad와 detach": "requires_grad와-detach",
        "기울기 누적": "기울기-누적",
        "no_grad로 추론하기": "no_grad로-추론하기",
        "detach": "requires_grad와-detach",
        "그래디언트 누적": "기울기-누적",
    }
    misses = []
    with serve_directory(loop["site"]) as url:
        context = browser.new_context(locale="ko-KR")
        try:
            box = SearchBox(context.new_page(), url)
            for query, anchor in titles.items():
                r = box.search(query)
                rank = r.rank(f"day{n}/day{n}/#{anchor}")
                if rank is None or rank > 5:
                    misses.append((query, r.links[:5]))
        finally:
            context.close()
    assert misses == []


# --- failure modes, as the newcomer meets them -------------------------------------------


def _new_note_copy(project_copy, body: str, *, front: str | None = None) -> tuple[Path, int]:
    """A copy (day12 and the notes it needs) with one new note at a day N no note of the
    project uses ("{n}" in ``body`` is N)."""
    project = project_copy(notes=("day12",))
    n = free_day(ROOT, max(used_days(ROOT)) + 1)
    (project / "docs" / f"day{n}").mkdir()
    text = front if front is not None else note_text("새 노트", "설명.", "")
    (project / "docs" / f"day{n}" / f"day{n}.md").write_text(text + body.replace("{n}", str(n)), encoding="utf-8")
    return project, n


def test_missing_snippet_names_the_page_the_path_and_the_fix(tmp_path, project_copy):
    project, n = _new_note_copy(project_copy, '## 예제\n\n```python\n--8<-- "day{n}/typo_01.py"\n```\n')
    proc = build_site(project, tmp_path / "site")
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "Traceback" not in out, out[-3000:]
    line = next(x for x in out.splitlines() if f"day{n}/typo_01.py" in x)
    assert f"docs/day{n}/day{n}.md" in line and "relative to snippets/" in line and "create the file or fix the path" in line


def test_link_to_a_missing_or_renamed_heading_says_how_to_fix(tmp_path, project_copy):
    """A link to a heading that does not exist, and day12's own table of contents after
    its heading '2. 학습 회고' is renamed: each names the file and the link, and suggests
    the id that exists."""
    project, n = _new_note_copy(
        project_copy,
        "[과제](../day12/day12.md#1-과제-내용-정리) "
        "[없는 제목](../day12/day12.md#없는-제목) [오타](../day12/day12.md#1-과제-내용정리)\n",
    )
    day12 = project / "docs" / "day12" / "day12.md"
    text = day12.read_text(encoding="utf-8")
    assert "\n## 2. 학습 회고\n" in text
    day12.write_text(text.replace("\n## 2. 학습 회고\n", "\n## 2. 학습 돌아보기\n"), encoding="utf-8")
    proc = build_site(project, tmp_path / "site")
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "Traceback" not in out
    lines = out.splitlines()

    def about(link):
        return [x for x in lines if link in x]

    assert any(
        f"docs/day{n}/day{n}.md" in x and "names no heading of docs/day12/day12.md" in x
        for x in about("../day12/day12.md#없는-제목")
    )
    assert any("Did you mean #1-과제-내용-정리?" in x for x in about("../day12/day12.md#1-과제-내용정리"))
    assert any("docs/day12/day12.md" in x and "Did you mean #2-학습-돌아보기?" in x for x in about("#2-학습-회고"))
    assert not about("../day12/day12.md#1-과제-내용-정리'")  # the good link is not reported
    assert "Aborted with 3 warnings in strict mode" in out


def test_note_without_description_fails_strict_with_the_fix(tmp_path, project_copy):
    project, n = _new_note_copy(project_copy, "## 본문\n", front="---\ntitle: 설명 없는 노트\n---\n\n# 설명 없는 노트\n\n")
    proc = build_site(project, tmp_path / "site")
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert any(f"docs/day{n}/day{n}.md: no description" in x and "add description: ..." in x for x in out.splitlines()), out[
        -2000:
    ]


# --- make serve, make help ----------------------------------------------------------------


def test_make_help_lists_every_target():
    phony = re.search(r"^\.PHONY:(.*)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M).group(1).split()
    proc = subprocess.run(["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    listed = re.findall(r"^make ([\w-]+) +\S", proc.stdout, re.M)
    assert proc.returncode == 0
    assert sorted(listed) == sorted(phony) and {"serve", "check", "test", "update", "help"} <= set(listed)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _two_busy_ports() -> tuple[socket.socket, socket.socket]:
    """Two listening sockets on consecutive ports (a free port's next one may be in use by
    anything on the machine: then try another pair)."""
    for _ in range(50):
        first = socket.socket()
        first.bind(("127.0.0.1", 0))
        second = socket.socket()
        try:
            second.bind(("127.0.0.1", first.getsockname()[1] + 1))
        except (OSError, OverflowError):  # in use, or past 65535
            first.close()
            second.close()
            continue
        first.listen()
        second.listen()
        return first, second
    raise AssertionError("no two consecutive free ports in 50 tries")


def test_make_serve_on_a_busy_port_is_one_clear_line_naming_a_free_port():
    """The suggested port is free now: not the busy one, nor the next one when that is busy too."""
    from tools.serve import can_listen

    busy, next_busy = _two_busy_ports()  # the old message always said PORT=port + 1
    with busy, next_busy:
        port = busy.getsockname()[1]
        # -o: never (re)build the docs venv from here, whatever the timestamps say
        proc = subprocess.run(
            ["make", "-s", "-o", ".venv/.installed", "serve", f"PORT={port}"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert proc.returncode != 0
        assert "Traceback" not in proc.stderr + proc.stdout
        ours = [x for x in proc.stderr.splitlines() if x.startswith("make serve:")]
        assert len(ours) == 1, proc.stderr
        m = re.fullmatch(
            rf"make serve: cannot listen on 127\.0\.0\.1:{port} \(port in use\? another make serve\?\): "
            r"run make serve PORT=(\d+)",
            ours[0],
        )
        assert m, ours[0]
        assert int(m.group(1)) > port + 1 and can_listen("127.0.0.1", int(m.group(1)))


@contextlib.contextmanager
def _make_serve(project: Path):
    """`make serve` of ``project`` (a copy) on a free port until it serves: yields (url, its output so far)."""
    for name in ("Makefile", "pyproject.toml"):
        (project / name).write_bytes((ROOT / name).read_bytes())
    for name in ("locks", "tools"):  # make checks the locks before it serves; tools/serve.py serves
        if not (project / name).exists():
            shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    if not (project / ".venv").exists():
        (project / ".venv").symlink_to(ROOT / ".venv")
    port = _free_port()
    proc = subprocess.Popen(
        ["make", "-s", "-o", ".venv/.installed", "serve", f"PORT={port}"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    out: list[str] = []
    reader = threading.Thread(target=lambda: out.extend(proc.stdout), daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 180
        while not any("Serving on" in line for line in list(out)) and time.monotonic() < deadline:
            assert proc.poll() is None, "".join(out)
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}/", out
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
        reader.join(timeout=10)


def test_make_serve_keeps_serving_on_a_warning_and_shows_it_on_the_page(project_copy):
    """`make serve` in a copy whose new note links a missing heading: the warning and the
    count are printed, the site is served (a strict serve would abort), and the page says it."""
    project, n = _new_note_copy(project_copy, "[없는 제목](../day12/day12.md#없는-제목)\n")
    with _make_serve(project) as (url, out):
        with urllib.request.urlopen(f"{url}day{n}/day{n}/", timeout=60) as response:
            status, page = response.status, response.read().decode()
    text = "".join(out)
    assert status == 200, text
    assert "contains a link '../day12/day12.md#없는-제목'" in text
    assert "1 warning above: the site is served anyway, but `make build` and `make test` fail" in text
    banner = re.search(r'<div id="build-problems"[^>]*data-kind="warning"[^>]*>(.*?)</div>', page, re.S)
    assert banner, page[:2000]
    items = re.findall(r"<li>(.*?)</li>", banner.group(1))
    assert len(items) == 1 and "없는-제목" in items[0], items


def test_make_serve_shows_a_build_error_in_the_browser_and_recovers(project_copy, browser):
    """A build error (a figure that does not exist) does not leave the server stuck: the page
    shows the one-line message; a save that turns it into a warning (stale #> output) reloads
    the page with that warning; a save that fixes it clears the banner, with no manual reload."""
    project, n = _new_note_copy(project_copy, "![그림](../../img/nope.svg)\n")
    note = project / "docs" / f"day{n}" / f"day{n}.md"
    snippet = project / "snippets" / "day12" / "gather_01.py"
    with _make_serve(project) as (url, out):
        context = browser.new_context(locale="ko-KR")
        try:
            page = context.new_page()
            page.goto(f"{url}day{n}/day{n}/", timeout=60_000)
            banner = page.locator("#build-problems")
            assert banner.get_attribute("data-kind") == "error"
            lines = banner.locator("li").all_inner_texts()
            assert lines == [
                f"Error reading page 'day{n}/day{n}.md': figures: docs/day{n}/day{n}.md links ../../img/nope.svg, "
                "but img/nope.svg does not exist: fix the link, or generate the figure (`make update`)"
            ], lines
            # fixed, but a snippet the page shows was edited since `make update`: a warning
            note.write_text(note.read_text(encoding="utf-8").replace("![그림](../../img/nope.svg)", "본문."), encoding="utf-8")
            snippet.write_text(snippet.read_text(encoding="utf-8") + "\nx = 1\n", encoding="utf-8")
            page.wait_for_function("() => document.getElementById('build-problems')?.dataset.kind === 'warning'", timeout=180_000)
            lines = banner.locator("li").all_inner_texts()
            assert lines == [
                "snippets: snippets/day12/gather_01.py changed since `make update` wrote its #> output "
                "(docs/day12/day12.md shows it): run `make update FILE=snippets/day12/gather_01.py`"
            ], lines
            snippet.write_text(snippet.read_text(encoding="utf-8").removesuffix("\nx = 1\n"), encoding="utf-8")
            page.wait_for_function("() => !document.getElementById('build-problems')", timeout=180_000)
            assert page.locator("h1").first.inner_text().rstrip("¶") == "새 노트"  # the page itself, fixed
        finally:
            context.close()
    assert "Traceback" not in "".join(out)
