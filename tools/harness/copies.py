"""Throw-away copies of the project, for tests and benchmarks that change what the build reads:
``copy_project`` (of every note, or of some notes and the notes they link to), ``used_days`` /
``free_day`` (a day number no note uses, for notes written into a copy).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from tools import ROOT

# Files the build reads; a copy of these is a complete project for mutation tests.
PROJECT_FILES = ["mkdocs.yml", "docs", "snippets", "img", "overrides", "hooks"]

DAY_DIR = re.compile(r"day(\d+)")  # a note's folder: docs/dayN, snippets/dayN
_LINKED_NOTE = re.compile(r"\]\((?:\.\./)*(day\d+)/")  # a Markdown link into another note's folder


def linked_notes(notes: set[str], docs: Path = ROOT / "docs") -> set[str]:
    """``notes`` (folder names under ``docs``) and every note their pages, or the pages
    outside the note folders (the home page), link to, and so on: what a strict build of
    these notes needs."""

    def links(files) -> set[str]:
        return {n for f in files if f.suffix in (".md", ".ipynb") for n in _LINKED_NOTE.findall(f.read_text(encoding="utf-8"))}

    have: set[str] = set()
    todo = set(notes) | links(f for f in docs.rglob("*") if not DAY_DIR.fullmatch(f.relative_to(docs).parts[0]))
    while todo:
        note = todo.pop()
        if not (docs / note).is_dir():
            raise FileNotFoundError(f"docs/{note}: no such note")
        have.add(note)
        todo |= links((docs / note).rglob("*")) - have
    return have


def copy_project(dest: Path, notes: tuple[str, ...] | None = None) -> Path:
    """A throw-away copy of everything the build reads (for mutation tests). With ``notes``
    (e.g. ``("day12",)``), of those notes only and the notes they link to
    (``linked_notes``): a test that changes one note then builds that note's site, not
    the whole course, so its time does not grow with every note the learner adds."""
    dest.mkdir(parents=True, exist_ok=True)
    keep = None if notes is None else linked_notes(set(notes))

    def ignore(directory: str, names: list[str]) -> set[str]:
        skip = {"__pycache__"} & set(names)
        if keep is not None and Path(directory).name in ("docs", "snippets") and Path(directory).parent == ROOT:
            skip |= {n for n in names if DAY_DIR.fullmatch(n) and n not in keep}
        return skip

    for name in PROJECT_FILES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=ignore)
        elif src.exists():
            shutil.copy2(src, dest / name)
    # The build may read git metadata (e.g. last-updated dates); give the copy a repo too.
    if (ROOT / ".git").exists():
        subprocess.run(["git", "init", "-q"], cwd=dest, check=True)
    return dest


def used_days(project: Path = ROOT) -> set[int]:
    """Day numbers that have a ``docs/dayN`` or ``snippets/dayN`` folder in ``project``."""
    return {
        int(m.group(1))
        for base in ("docs", "snippets")
        if (project / base).is_dir()
        for p in (project / base).iterdir()
        if p.is_dir() and (m := DAY_DIR.fullmatch(p.name))
    }


def free_day(project: Path = ROOT, at_least: int = 1) -> int:
    """The first day number >= ``at_least`` with neither docs/dayN nor snippets/dayN: a
    synthetic note made with it never collides with a real one."""
    used, n = used_days(project), at_least
    while n in used:
        n += 1
    return n
