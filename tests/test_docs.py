"""What the project's own documents say about the repository is true today.

README.md stays a short front page (size budget); its counts and versions are the
repository's; every `make` command, repository path and `python -m` module that README.md,
CONTRIBUTING.md, ARCHITECTURE.md or bench/README.md names exists; every measurement section of
bench/README.md names the command that prints its numbers.
"""

from __future__ import annotations

import functools
import re
import subprocess

import pytest

from tools import ROOT, locks

DOCS = ["README.md", "CONTRIBUTING.md", "ARCHITECTURE.md", "bench/README.md"]
README_BUDGET = 8 * 1024
PATH = re.compile(r"`((?:docs|snippets|img|overrides|hooks|tools|tests|bench|locks|\.github|\.ci)/[^`\s]*)`")
EXAMPLE = re.compile(r"[<>*]|dayN\b|/day(\d+)/")  # a pattern or an example path, not a file


def text(name: str) -> str:
    return (ROOT / name).read_text(encoding="utf-8")


@functools.cache
def make_targets() -> frozenset[str]:
    out = subprocess.run(["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return frozenset(re.findall(r"^make ([\w-]+)", out, re.M))


def test_readme_is_a_front_page():
    size = len(text("README.md").encode())
    assert size <= README_BUDGET, f"README.md is {size} bytes (budget {README_BUDGET}): move details to the other documents"
    for name in DOCS[1:]:
        assert f"({name})" in text("README.md"), f"README.md does not link {name}"


def test_readme_counts_and_versions_are_the_repositorys():
    m = re.search(
        r"현재 저장소: 노트 (\d+)개, 스니펫 (\d+)개, 실습 노트북 (\d+)개, 그림 (\d+)개"
        r"\(torch ([\d.]+), transformers ([\d.]+)으로 실행해 확인\)",
        text("README.md"),
    )
    assert m, "README.md: the line '현재 저장소: 노트 N개, ...' is missing or reworded"
    notes = [p for p in (ROOT / "docs").glob("day*/day*.md") if p.stem == p.parent.name]
    actual = (
        len(notes),
        len(list((ROOT / "snippets").glob("day*/*.py"))),
        len(list((ROOT / "docs").glob("day*/*.ipynb"))),
        len(list((ROOT / "img").glob("*.svg"))),
    )
    assert tuple(map(int, m.groups()[:4])) == actual, f"README.md says {m.groups()[:4]}, the repository has {actual}"
    pins = locks.read_pins(locks.lock_path("test"))
    assert (m.group(5), m.group(6)) == (pins["torch"], pins["transformers"])


@pytest.mark.parametrize("name", DOCS)
def test_every_make_command_a_document_names_exists(name):
    named = set(re.findall(r"`make ([a-z][\w-]*)", text(name)))
    assert named, f"{name} names no make command"
    assert not named - make_targets(), f"{name} names make targets the Makefile does not have: {sorted(named - make_targets())}"


@pytest.mark.parametrize("name", DOCS)
def test_every_repository_path_a_document_names_exists(name):
    days = {p.name for p in (ROOT / "docs").glob("day*")}
    missing = []
    for path in set(PATH.findall(text(name))):
        m = EXAMPLE.search(path)
        if m and not (m.group(1) and f"day{m.group(1)}" in days):
            continue  # `snippets/dayN/<주제>_NN.py`, `docs/day13/...`: an example
        if not (ROOT / path.split(":")[0].split("#")[0]).exists():
            missing.append(path)
    assert not missing, f"{name} names paths that do not exist: {sorted(missing)}"


@pytest.mark.parametrize("name", DOCS)
def test_every_module_a_document_runs_exists(name):
    modules = set(re.findall(r"python3? -m ((?:tools|bench)(?:\.\w+)+)", text(name)))
    missing = [
        m
        for m in modules
        if not (ROOT / (m.replace(".", "/") + ".py")).exists() and not (ROOT / m.replace(".", "/") / "__init__.py").exists()
    ]
    assert not missing, f"{name} runs modules that do not exist: {missing}"


def test_every_measurement_names_its_command():
    sections = re.split(r"^## ", text("bench/README.md"), flags=re.M)[1:]
    assert len(sections) >= 6
    for section in sections:
        assert re.search(r"python3? -m bench\.\w+", section), f"bench/README.md: '{section.splitlines()[0]}' names no command"
    benches = {p.stem for p in (ROOT / "bench").glob("*.py") if p.stem != "__init__"}
    named = set(re.findall(r"-m bench\.(\w+)", text("bench/README.md")))
    assert benches <= named, f"bench scripts bench/README.md does not mention: {sorted(benches - named)}"


def test_the_snippet_time_limit_the_guide_states_is_the_runners():
    from tools.snippet_runner import DEFAULT_TIMEOUT

    m = re.search(r"\*\*제한 시간\*\*: 스니펫마다 (\d+)초다", text("CONTRIBUTING.md"))
    assert m and int(m.group(1)) == DEFAULT_TIMEOUT, "CONTRIBUTING.md's time limit is not tools/snippet_runner/settings.py's"


def test_the_mutation_count_the_documents_state_is_the_lists():
    from tools.mutations import MUTATIONS

    for name in ("README.md", "ARCHITECTURE.md"):
        counts = {int(n) for n in re.findall(r"버그 (\d+)개", text(name))}
        assert counts == {len(MUTATIONS)}, f"{name} says {counts} bugs, tools/mutations.py has {len(MUTATIONS)}"


# --------------------------------------- the author guide states what the code enforces


def _guide_row(marker: str) -> str:
    """The line of CONTRIBUTING.md's message table that holds ``marker``."""
    rows = [line for line in text("CONTRIBUTING.md").splitlines() if line.startswith("|") and marker in line]
    assert len(rows) == 1, f"CONTRIBUTING.md: {len(rows)} table rows mention {marker!r}"
    return rows[0]


def test_the_guides_fix_for_a_missing_description_is_what_the_hook_asks(caplog):
    """The note list needs ``description`` itself (a ``title`` does not stand in for it)."""
    from types import SimpleNamespace

    from hooks.headings.note_list import NoteList

    note = SimpleNamespace(src_uri="day57/day57.md", name="day57", content_string="---\ntitle: 제목\n---\n\n# 제목\n")
    caplog.set_level("WARNING", logger="mkdocs.hooks.headings")
    NoteList().read(SimpleNamespace(pages=[SimpleNamespace(file=note)]))
    assert [m for m in caplog.messages if "no description" in m] == [
        "docs/day57/day57.md: no description for the home page's note list: add description: ... "
        "to the front matter at the top of the file"
    ]
    fix = _guide_row("no description for the home page").split("|")[2]
    assert "`description:`" in fix and "title" not in fix, fix


def test_the_loop_the_guide_states_is_the_one_the_newcomer_bench_runs():
    """The commands of the new-note loop (CONTRIBUTING.md) are bench/newcomer.py's COMMANDS."""
    from bench.newcomer import COMMANDS

    m = re.search(r"명령은 ((?:`make \w+`(?:와 |, | 그리고 )?)+)이고", text("CONTRIBUTING.md"))
    assert m, "CONTRIBUTING.md: the sentence '명령은 `make update`와 `make check`이고' is missing or reworded"
    assert re.findall(r"`make (\w+)`", m.group(1)) == [c[0] for c in COMMANDS]


def test_every_lint_fix_the_makefile_prints_is_in_the_guide():
    """`make lint` names `ruff check --fix` and `ruff format`; the guide gives the same commands."""
    makefile = text("Makefile")
    linted = re.search(r"^LINTED := (.+)$", makefile, re.M).group(1)
    fixes = [
        cmd.replace("$(TEST_VENV)", ".venv-test").replace("$(LINTED)", linted)
        for cmd in re.findall(r'echo "make lint: run ([^"]+?)(?: \(what|")', makefile)
    ]
    assert {f.split()[1:3] == ["check", "--fix"] or f.split()[1] for f in fixes} >= {True, "format"}, fixes
    for fix in fixes:
        assert f"`{fix}`" in text("CONTRIBUTING.md"), f"CONTRIBUTING.md does not give the fix `make lint` prints: {fix}"


def test_the_guides_snippet_sandbox_is_the_runners():
    """Fresh random state per run and a read-only project: the guide says so, the child does so."""
    guide = text("CONTRIBUTING.md")
    child = (ROOT / "tools" / "snippet_runner" / "child.py").read_text(encoding="utf-8")
    assert "guards.FreshRandom(" in child and "readonly.enter(" in child
    assert "난수 상태를 새 값으로 시작한다" in guide
    assert not any("같은 값으로 초기화" in text(name) for name in DOCS), "a document says every run starts from the same seed"
    rule = next(line for line in guide.split("\n- ") if line.startswith("**임시 폴더**"))
    assert "읽기 전용" in rule and all(f"`{way}`" in rule for way in ("open", "np.save", "pickle", "torch.save")), rule


def test_the_figure_folder_rule_is_the_hooks():
    """README: img/ holds generated figures and hand-drawn ones; the hook's message for a figure
    no tools/figures/ module draws says it is hand-drawn (not `make update`)."""
    line = next(x for x in text("README.md").splitlines() if x.startswith("img/"))
    assert "tools/figures/" in line and "손으로 그린" in line, line
    hook = (ROOT / "hooks" / "figures" / "extension.py").read_text(encoding="utf-8")
    message = re.search(r"if who is None:\n\s+return (f\".*\")", hook).group(1)
    assert "hand-drawn" in message and "make update" not in message, message
