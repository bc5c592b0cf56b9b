"""Throw-away copies of the project, for tests and benchmarks that change what the build reads:
``copy_project`` (of every note, or of some notes and the notes they link to),
``clone_project`` (a git clone of HEAD), ``without_extension`` (a copy built without one of
the site's extensions, for a comparison), ``used_days`` / ``free_day`` (a day number no note
uses, for notes written into a copy).

In the test suite copies are made through the ``project_copy`` fixture (tests/conftest.py),
which marks the test ``slow``; in any other test ``copy_project`` and ``clone_project`` refuse
(``tools.harness.guard``): ``make check`` builds no copy.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from tools import ROOT
from tools.harness import guard
from tools.harness.build import BUILD_ENV, mkdocs_command

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
    guard.require("copy", "copy_project")
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


def clone_project(dest: Path) -> Path:
    """A throw-away git clone of the project's HEAD: committed files only, with their history
    (what a fresh clone builds, whatever is being edited in the work tree)."""
    guard.require("copy", "clone_project")
    subprocess.run(["git", "clone", "-q", "--local", str(ROOT), str(dest)], check=True, capture_output=True)
    return dest


# hooks/events.py: an extension's instance (``SEARCH = Search()``) and an event's handlers, one
# per line in a list (``    at(100, SEARCH.configure),  # why``, ``    NOTEBOOKS.rewrite_page,``)
# or all on the event's line (``on_shutdown = CombinedEvent(SEARCH.close_pool)``).
_INSTANCE = re.compile(r"^([A-Z][A-Z_]*) = [A-Z]\w*\(\)$", re.M)
_ONE_LINE_EVENT = re.compile(r"^(on_\w+ = CombinedEvent\()(.*)(\)\n?)$")


def without_extension(project: Path, name: str) -> Path:
    """``project``, a copy of the project (``copy_project``), without one of the site's
    extensions: its ``hooks/events.py`` loses every handler of the extension instance ``name``
    (the name events.py gives it: "SEARCH", "NOTEBOOKS", ...), the other extensions run as
    before. For benchmarks that compare the site with and without an extension (mkdocs.yml
    lists events.py alone, so there is no hook line to drop). Loud: ValueError when
    events.py has no such extension, no handler of it, or a handler line of a form it does
    not know; RuntimeError when the rewritten file does not import. Returns ``project``."""
    if project.resolve() == ROOT.resolve():
        raise ValueError("without_extension rewrites a copy's hooks/events.py (copy_project), never the project's own")
    path = project / "hooks" / "events.py"
    text = path.read_text(encoding="utf-8")
    instances = _INSTANCE.findall(text)
    if name not in instances:
        raise ValueError(f"{path}: no extension {name!r}: it has {', '.join(instances)}")
    handler = rf"(?:at\(-?\d+, )?{name}\.\w+\)?"
    kept, removed = [], 0
    for line in text.splitlines(keepends=True):
        if re.fullmatch(rf"[ ]+{handler},(?:[ ]+#.*)?\n?", line):
            removed += 1
            continue
        one = _ONE_LINE_EVENT.match(line)
        if one:
            handlers = re.findall(r"at\(-?\d+, \w+\.\w+\)|\w+\.\w+", one.group(2))
            rest = [h for h in handlers if not re.fullmatch(handler, h)]
            if len(rest) < len(handlers):
                removed += len(handlers) - len(rest)
                line = one.group(1) + ", ".join(rest) + one.group(3)
        kept.append(line)
    new = "".join(kept)
    left = [line.strip() for line in kept if re.search(rf"\b{name}\.", line)]
    if not removed or left:
        raise ValueError(
            f"{path}: found {removed} handler line(s) of {name}"
            + (f"; lines of a form without_extension does not know: {left}" if left else "")
            + ": update tools/harness/copies.py without_extension"
        )
    path.write_text(new, encoding="utf-8")
    proc = subprocess.run(
        [mkdocs_command()[0], "-c", "import hooks.events"],
        cwd=project,
        env=dict(os.environ, **BUILD_ENV),
        capture_output=True,
        text=True,
        timeout=120,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{path} without the {removed} handler(s) of {name} does not import:\n{proc.stderr[-3000:]}")
    return project


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
