"""The notes' notebooks in the repository, ``colab/dayN/dayN.ipynb``, for "Open in Colab".

The site builds each note's notebook itself (``hooks/runnable/``) from the note and its
snippet files; Colab opens notebooks from a GitHub repository, not from a site, so the same
text is also committed here. ``make update`` rewrites a stale one; ``tests/test_run_note.py``
fails when one is stale (the build does not: its own notebook is always fresh).

    python -m tools.colab_notebooks --check | --update [FILE ...]
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

from mkdocs.utils.meta import get_data

from hooks.runnable.extension import COLAB, colab_path, is_note
from hooks.runnable.notebook import build, embeds
from tools import ROOT, cli

DOCS = ROOT / "docs"


def _note(path: Path) -> str:
    """``colab/day12/day12.ipynb`` -> ``day12/day12.md``."""
    rel = Path(path).resolve().relative_to(ROOT / COLAB)
    return rel.with_suffix(".md").as_posix()


def files() -> list[Path]:
    out = []
    for md in sorted(DOCS.rglob("*.md")):
        src = md.relative_to(DOCS).as_posix()
        if is_note(src) and embeds(get_data(md.read_text(encoding="utf-8"))[0]):
            out.append(ROOT / colab_path(src))
    return out


def fresh(path: Path) -> str:
    note = _note(path)
    markdown, meta = get_data((DOCS / note).read_text(encoding="utf-8"))
    return build(markdown, meta, ROOT / "snippets", note)


def check(path: Path) -> None:
    want = fresh(path)
    have = path.read_text(encoding="utf-8") if path.is_file() else ""
    if have != want:
        diff = difflib.unified_diff(have.splitlines(), want.splitlines(), cli.rel(path), "from the note", lineterm="", n=1)
        raise AssertionError("\n".join(list(diff)[:40]))


def update(path: Path) -> bool:
    want = fresh(path)
    if path.is_file() and path.read_text(encoding="utf-8") == want:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(want, encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    return cli.main(argv, sys.modules[__name__])


if __name__ == "__main__":
    sys.exit(main())
