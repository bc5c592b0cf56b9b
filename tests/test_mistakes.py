"""A learner's mistakes, each made in a throw-away copy: every one is one clear line, once.

What a newcomer got wrong on a fresh clone (issue 23), done again in copies of the project
(``project_copy``: marked ``slow``) at a day no note uses (``free_day``). For each, the commands
that can see it: ``make update`` (``tools.snippet_outputs``, what it runs for snippets),
``make build`` (a strict build) and the check runner (``pytest -m "not slow and not browser"``
over the copy's own tests, what ``make check`` runs; here the build tests and the copy's
snippets). Each assertion is the message's text and how many times the output holds it.

- a note saved as cp949: one line naming the file and line, no traceback;
- a bad link, and a snippet edited since ``make update`` (stale ``#>`` output): one warning
  each, in the build and once in the check runner, however many tests need the site;
- a note with only ``# title``, the same generic heading twice, a hand-drawn SVG in ``img/``:
  not rule breaks; the build and the check runner pass;
- snippets writing into the repository (``torch.save``, ``Path.write_text``): one line each
  naming ``file:line``; nothing is left in the copy, also after the check runner.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tools import ROOT
from tools.harness.build import build_site
from tools.harness.copies import free_day, used_days
from tools.harness.notes import note_text

# Two files that need the built site, so both workers of the parallel run meet a failed build
SITE_TESTS = ("tests/test_build.py", "tests/test_gather_figures.py")
CHECK = ["-m", "pytest", "-n", "2", "--dist", "loadfile", "-q", "-p", "no:cacheprovider", "-m", "not slow and not browser"]


def _runnable(project: Path) -> Path:
    """The copy with what the check runner needs besides the build's files: its own tests and
    tools (so ``ROOT`` is the copy), the pytest settings, the environments (symlinked)."""
    for name in ("tests", "tools", "bench"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__", ".npm"))
    for name in ("pyproject.toml", "Makefile"):
        shutil.copy(ROOT / name, project / name)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    for step in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "the learner's clone"]):  # pages have commit dates
        subprocess.run([*git, *step], cwd=project, check=True, capture_output=True)
    for venv in (".venv", ".venv-test"):
        (project / venv).symlink_to((ROOT / venv).resolve())
    return project


def _check_runner(project: Path, *tests: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    # As on a CI machine (GitHub Actions and ours set CI): there pytest prints a failure's whole
    # message in the short summary, not its first line. Passed on a laptop, failed in CI.
    env["CI"] = "true"
    return subprocess.run(
        [str(project / ".venv-test" / "bin" / "python"), *CHECK, *tests],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=900,
        env=env,
    )


def _files(project: Path) -> set[str]:
    return {str(p.relative_to(project)) for p in project.rglob("*") if p.is_file()}


def _day(project: Path) -> int:
    return free_day(ROOT, max(used_days(ROOT) | used_days(project)) + 1)


def _count(output: str, text: str) -> int:
    return sum(text in line for line in output.splitlines())


@pytest.fixture(scope="module")
def note_mistakes(project_copy, tmp_path_factory):
    """One copy with the note mistakes that warn (a bad link, a stale snippet) and those that
    are not rules (one-section note, a repeated heading, a hand-drawn figure)."""
    project = _runnable(project_copy(notes=("day12",)))
    n = _day(project)
    folder = project / "docs" / f"day{n}"
    folder.mkdir()
    (folder / f"day{n}.md").write_text(
        note_text(
            "새 노트",
            "설명.",
            "## 정리\n\n[다시 보기](../day12/day12.md#없는-제목)\n\n## 예제\n\n### 정리\n\n본문.\n\n### 정리\n\n끝.\n",
        ),
        encoding="utf-8",
    )
    one = project / "docs" / f"day{n + 1}"
    one.mkdir()
    (one / f"day{n + 1}.md").write_text(note_text("제목뿐인 노트", "절이 없는 노트.", "본문 한 줄.\n"), encoding="utf-8")
    (project / "img" / "hand_arrow.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><path d="M0 5h10" stroke="black"/></svg>\n',
        encoding="utf-8",
    )
    (one / f"day{n + 1}.md").write_text(
        (one / f"day{n + 1}.md").read_text(encoding="utf-8") + "\n![손으로 그린 화살표](../../img/hand_arrow.svg)\n",
        encoding="utf-8",
    )
    snippet = project / "snippets" / "day12" / "gather_01.py"
    snippet.write_text(snippet.read_text(encoding="utf-8") + "\nx = 1\n", encoding="utf-8")
    stale = subprocess.run(
        [sys.executable, "-m", "tools.snippet_outputs", "--check", str(snippet)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )
    build = build_site(project, tmp_path_factory.mktemp("site"))
    check = _check_runner(project, *SITE_TESTS)
    return {"n": n, "stale": stale, "build": build, "check": check}


LINK = "contains a link '../day12/day12.md#없는-제목'"
STALE = (
    "snippets: snippets/day12/gather_01.py changed since `make update` wrote its #> output "
    "(docs/day12/day12.md shows it): run `make update FILE=snippets/day12/gather_01.py`"
)


def test_a_bad_link_and_a_stale_snippet_are_one_warning_each_in_make_build(note_mistakes):
    build = note_mistakes["build"]
    out = build.stdout + build.stderr
    assert build.returncode != 0
    assert _count(out, LINK) == 1 and _count(out, STALE) == 1, out
    assert "Traceback" not in out
    assert "Aborted with 2 warnings in strict mode" in out, out  # nothing else: the other notes are fine


def test_make_update_names_the_stale_snippet_once(note_mistakes):
    stale = note_mistakes["stale"]
    out = stale.stdout + stale.stderr
    assert stale.returncode != 0
    assert _count(out, "gather_01.py changed since `make update` last ran it") == 1, out
    assert _count(out, "run `make update FILE=snippets/day12/gather_01.py`") == 1, out


def test_the_check_runner_prints_each_build_problem_once(note_mistakes):
    check = note_mistakes["check"]
    out = check.stdout + check.stderr
    assert check.returncode != 0
    assert _count(out, LINK) == 1 and _count(out, STALE) == 1, out[-5000:]
    assert "1 error" in out and "skipped" in out, out[-2000:]
    assert _count(out, "needs the site, and make build fails (the error above)") == 1, out[-2000:]  # the skips, one line
    assert "Traceback" not in out


def test_a_one_section_note_a_repeated_heading_and_a_hand_drawn_figure_are_fine(project_copy, tmp_path):
    """The same three without the two real problems: the strict build and the build tests pass."""
    project = _runnable(project_copy(notes=("day12",)))
    n = _day(project)
    (project / "docs" / f"day{n}").mkdir()
    (project / "docs" / f"day{n}" / f"day{n}.md").write_text(
        note_text("제목뿐인 노트", "절이 없는 노트.", "본문.\n\n![손으로 그린 화살표](../../img/hand_arrow.svg)\n"),
        encoding="utf-8",
    )
    (project / "docs" / f"day{n + 1}").mkdir()
    (project / "docs" / f"day{n + 1}" / f"day{n + 1}.md").write_text(
        note_text("정리가 둘", "같은 제목을 두 번 쓴 노트.", "## 예제\n\n### 정리\n\n하나.\n\n## 다른 예제\n\n### 정리\n\n둘.\n"),
        encoding="utf-8",
    )
    (project / "img" / "hand_arrow.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><path d="M0 5h10" stroke="black"/></svg>\n',
        encoding="utf-8",
    )
    build = build_site(project, tmp_path / "site")
    assert build.returncode == 0, build.stdout + build.stderr
    check = _check_runner(project, *SITE_TESTS)
    assert check.returncode == 0, (check.stdout + check.stderr)[-5000:]


def test_a_note_saved_as_cp949_is_one_line_naming_the_file(project_copy, tmp_path):
    project = _runnable(project_copy(notes=("day12",)))
    n = _day(project)
    (project / "docs" / f"day{n}").mkdir()
    (project / "docs" / f"day{n}" / f"day{n}.md").write_bytes(note_text("새 노트", "설명.", "## 본문\n\n한글.\n").encode("cp949"))
    message = f"docs/day{n}/day{n}.md: not UTF-8 (invalid start byte at byte"
    build = build_site(project, tmp_path / "site")
    out = build.stdout + build.stderr
    assert build.returncode != 0
    assert _count(out, message) == 1 and "save it as UTF-8" in out, out
    assert "Traceback" not in out and "UnicodeDecodeError" not in out, out
    check = _check_runner(project, *SITE_TESTS)
    out = check.stdout + check.stderr
    assert check.returncode != 0
    assert _count(out, message) == 1, out[-5000:]
    assert "Traceback" not in out and "UnicodeDecodeError" not in out


def test_snippets_writing_into_the_repository_fail_at_their_line_and_leave_nothing(project_copy):
    """`torch.save` (C code) and `Path.write_text` next to the snippet: `make update` and the
    check (`--check`, what the snippet tests run) name file:line once; no file is left."""
    project = project_copy(notes=("day12",))
    n = _day(project)
    folder = project / "snippets" / f"day{n}"
    folder.mkdir()
    save = folder / "save_01.py"
    save.write_text(
        "from pathlib import Path\n\nimport torch\n\nw = torch.ones(2)\ntorch.save(w, Path(__file__).parent / 'w.pt')\n",
        encoding="utf-8",
    )
    text = folder / "text_01.py"
    text.write_text("from pathlib import Path\n\nPath(__file__).with_name('out.txt').write_text('x')\n", encoding="utf-8")
    before = _files(project)
    for mode in ("--update", "--check"):
        proc = subprocess.run(
            [sys.executable, "-m", "tools.snippet_outputs", mode, str(save), str(text)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        out = proc.stdout + proc.stderr
        assert proc.returncode != 0
        rel = f"{folder}/"
        assert _count(out, f"{rel}save_01.py:6: tried to write a file, inside the project") == 2, (
            out
        )  # as it ends, and in the summary
        assert _count(out, f"{rel}text_01.py:3: wrote {folder}/out.txt, inside the project") == 2, out
        assert "not UTF-8" not in out
    assert _files(project) == before
