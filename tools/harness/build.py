"""Building the site: ``build_site`` (a strict ``mkdocs build`` with the torch-free docs venv
when present), the command and environment it uses, mkdocs.yml as MkDocs reads it
(``mkdocs_config``: ``!ENV`` and ``!!python`` tags mean what they mean to MkDocs), and the
pages a build made (``discover_pages``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tools import ROOT


def mkdocs_command() -> list[str]:
    """``python -m mkdocs`` from the torch-free docs venv when present, else from this
    interpreter; run it with the project as the working directory (the extensions are the
    package ``hooks`` there, hooks/events.py)."""
    docs_python = ROOT / ".venv" / "bin" / "python"
    return [str(docs_python) if docs_python.exists() else sys.executable, "-m", "mkdocs"]


# The environment every mkdocs run gets (the Makefile exports the same):
# - NO_MKDOCS_2_WARNING: MkDocs' banner about 2.0 at every build;
# - NBCONVERT_DISABLE_CONFIG_EXPORTERS: importing mkdocs-jupyter imports nbconvert's app, whose
#   class body instantiates every installed exporter (webpdf, qtpdf, ...) only to list their
#   names in a help string: 0.2-0.4 s of every build, the same pages either way.
BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1", "NBCONVERT_DISABLE_CONFIG_EXPORTERS": "1"}


def build_site(project: Path, site_dir: Path, *, timeout: int = 300) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of ``project`` into ``site_dir``; returns the process."""
    env = dict(os.environ, **BUILD_ENV)
    return subprocess.run(
        [*mkdocs_command(), "build", "--strict", "--clean", "--site-dir", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def build_problems(proc: subprocess.CompletedProcess) -> str:
    """What a failed build said, each problem once: MkDocs' ``WARNING``/``ERROR`` lines with
    their continuation lines (``Did you mean ...``), in order, duplicates dropped; the whole
    output when it has none (a crash)."""
    problems: list[list[str]] = []
    current: list[str] | None = None
    for line in (proc.stderr + proc.stdout).splitlines():
        if line.startswith(("WARNING", "ERROR", "Error:", "Aborted")):
            current = [line]
            problems.append(current)
        elif current is not None and line.startswith((" ", "\t")) and line.strip():
            current.append(line)
        else:
            current = None
    unique = list(dict.fromkeys("\n".join(p) for p in problems))
    return "\n".join(unique) if unique else (proc.stderr + proc.stdout).strip()


def discover_pages(site_dir: Path) -> list[str]:
    """URL paths (relative to the site root) of every built page: '' for home, 'day11/day11/', ..."""
    pages = []
    for index in sorted(site_dir.rglob("index.html")):
        rel = index.parent.relative_to(site_dir).as_posix()
        pages.append("" if rel == "." else rel + "/")
    return pages


def mkdocs_config(project: Path = ROOT):
    """``project``'s mkdocs.yml as MkDocs reads it (``mkdocs.config.load_config``)."""
    from mkdocs.config import load_config

    return load_config(str(project / "mkdocs.yml"))
