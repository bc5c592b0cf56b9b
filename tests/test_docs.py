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
