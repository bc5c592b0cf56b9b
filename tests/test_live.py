"""``make serve``'s page updates (tools/live.py): every kind of save ends with the site a full
build of the same sources makes, and the common ones (a note's prose, a snippet, a figure)
render only the pages they feed."""

from __future__ import annotations

import os
import subprocess

import pytest

from tools.harness.copies import free_day
from tools.harness.live import FULL_BUILD_ONLY, LiveProcess, full_build, site_differences
from tools.harness.notes import note_text

NOTE = "day12/day12.md"


def _commit(project) -> None:
    """Last-updated dates come from git; a file git does not know gets its build time, to
    the second, so two builds of it differ. The copy is committed once, and a new note is
    committed (edits stay uncommitted: their date is their last commit's in both builds)."""
    env = {f"GIT_{who}_{what}": value for who in ("AUTHOR", "COMMITTER") for what, value in (("NAME", "t"), ("EMAIL", "t@x"))}
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    subprocess.run(["git", "commit", "-qm", "edit", "--allow-empty"], cwd=project, check=True, env=dict(os.environ, **env))


def _edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path} no longer has {old!r}: update tests/test_live.py"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def live(project_copy, tmp_path_factory):
    project = project_copy(notes=("day12",))
    _commit(project)
    served = tmp_path_factory.mktemp("served")
    with LiveProcess(project, served) as process:
        assert process.first["full"] == "first build" and process.first["error"] is None, process.first
        yield project, served, process


def _same_as_full_build(project, served, tmp_path, ignore=()) -> None:
    built = tmp_path / "built"
    first = full_build(project, built)
    assert first["error"] is None, first
    assert site_differences(served, built, ignore) == []


def test_prose_snippet_and_figure_render_only_their_pages(live, tmp_path):
    project, served, process = live
    _edit(project / "docs" / NOTE, "\n## 2. 학습 회고", "\n덧붙인 문장 하나.\n\n## 2. 학습 회고")
    row = process.build()
    assert (row["full"], row["pages"], row["error"]) == (None, [NOTE], None)
    assert "덧붙인 문장 하나." in (served / "day12" / "day12" / "index.html").read_text(encoding="utf-8")

    snippet = project / "snippets" / "day12" / "gather_01.py"
    snippet.write_text("# 덧붙인 주석\n" + snippet.read_text(encoding="utf-8"), encoding="utf-8")
    row = process.build()
    assert (row["full"], row["pages"], row["error"]) == (None, [NOTE], None)  # the one page that embeds it
    assert "덧붙인 주석" in (served / "day12" / "day12" / "index.html").read_text(encoding="utf-8")

    figure = project / "img" / "gather_diag_tall.svg"
    _edit(figure, "<title>세로로 긴 행렬", "<title>세로로 아주 긴 행렬")
    row = process.build()
    assert (row["full"], row["error"]) == (None, None) and NOTE in row["pages"]
    assert "세로로 아주 긴 행렬" in (served / "day12" / "day12" / "index.html").read_text(encoding="utf-8")
    # the same pages as a full build; only the search index waits for the next full build
    _same_as_full_build(project, served, tmp_path, ignore=FULL_BUILD_ONLY)


def test_edits_that_feed_other_pages_get_a_full_build(live, tmp_path):
    """Each save whose effect reaches other pages is a full build (a full build is MkDocs'
    own, so one comparison at the end covers them); a build error leaves the next save a
    full build; saved hook code is loaded again."""
    project, served, process = live
    day = free_day(project)
    note = project / "docs" / f"day{day}" / f"day{day}.md"

    def add_note(title: str) -> None:
        note.parent.mkdir()
        note.write_text(note_text(title, f"{title}: page update 시험용 노트.", "## 절\n\n본문.\n"), encoding="utf-8")
        _commit(project)  # a file git does not know is dated by the clock

    def remove_note() -> None:
        note.unlink()
        note.parent.rmdir()

    edits = {
        "heading": lambda: _edit(project / "docs" / NOTE, "\n## 2. 학습 회고", "\n## 2. 학습 돌아보기"),
        # day11's backlink list quotes the sentence of day12's link to it
        "linking sentence": lambda: _edit(project / "docs" / NOTE, "`view`와 `reshape`의 차이점은???", "`view`와 `reshape`는?"),
        "title": lambda: _edit(project / "docs" / "day11" / "day11.md", "title: ", "title: (고침) "),
        "new note": lambda: add_note("새 노트"),
        "removed note": remove_note,
        "mkdocs.yml": lambda: _edit(project / "mkdocs.yml", "site_description: ", "site_description: (고침) "),
        "hooks": lambda: _edit(
            project / "hooks" / "snippets" / "versions.py", '))}에서 실행해 확인한 출력"', '))}에서 돌려 본 출력"'
        ),
    }
    for kind, edit in edits.items():
        edit()
        row = process.build()
        assert row["full"] and row["error"] is None, (kind, row)
    assert "에서 돌려 본 출력" in (served / "day12" / "day12" / "index.html").read_text(encoding="utf-8")

    _edit(project / "docs" / NOTE, '--8<-- "day12/gather_01.py"', '--8<-- "day12/no_such_file.py"')
    row = process.build()
    assert row["full"] is None and row["error"] and "no_such_file.py" in row["error"], row
    _edit(project / "docs" / NOTE, '--8<-- "day12/no_such_file.py"', '--8<-- "day12/gather_01.py"')
    row = process.build()
    assert (row["full"], row["error"]) == ("the last build failed", None), row
    _same_as_full_build(project, served, tmp_path)
