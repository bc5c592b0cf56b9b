"""Every snippet runs, every ``#>`` output it shows is what it prints now, and every snippet
is embedded by a page (and every embed names an existing snippet).

New notes need no change here: files are discovered under ``snippets/`` and ``docs/``.
"""

from __future__ import annotations

import re

import pytest

from support import ROOT
from tools import snippet_outputs

SNIPPETS = snippet_outputs.snippet_files()
# `--8<-- "day12/gather_01.py"` or `--8<-- "day12/gather_01.py:section"`
EMBED = re.compile(r'--8<--\s+"([^"]+?)(?::[\w-]+)?"')


def embeds() -> dict[str, list[str]]:
    """snippet path (relative to snippets/) -> pages that embed it."""
    found: dict[str, list[str]] = {}
    for page in sorted((ROOT / "docs").rglob("*.md")):
        for m in EMBED.finditer(page.read_text(encoding="utf-8")):
            found.setdefault(m.group(1), []).append(str(page.relative_to(ROOT)))
    return found


def test_there_are_snippets():
    assert len(SNIPPETS) >= 10


@pytest.mark.parametrize("path", SNIPPETS, ids=lambda p: str(p.relative_to(ROOT / "snippets")))
def test_snippet_runs_and_shown_output_is_fresh(path):
    snippet_outputs.check(path)


def test_every_snippet_is_embedded_by_a_page():
    used = set(embeds())
    orphans = [str(p.relative_to(ROOT / "snippets")) for p in SNIPPETS
               if str(p.relative_to(ROOT / "snippets")) not in used]
    assert not orphans, f"snippets no page embeds: {orphans}"


def test_every_embed_names_an_existing_snippet():
    missing = {k: v for k, v in embeds().items() if not (ROOT / "snippets" / k).is_file()}
    assert not missing, f"pages embed missing snippets: {missing}"


def test_embedded_sections_exist():
    """`file.py:name` embeds must name a `# --8<-- [start:name]` section of that file."""
    bad = []
    for page in (ROOT / "docs").rglob("*.md"):
        for m in re.finditer(r'--8<--\s+"([^"]+?):([\w-]+)"', page.read_text(encoding="utf-8")):
            f = ROOT / "snippets" / m.group(1)
            if f.is_file() and f"[start:{m.group(2)}]" not in f.read_text(encoding="utf-8"):
                bad.append(f"{page.relative_to(ROOT)}: {m.group(0)}")
    assert not bad, bad


def test_stale_output_is_detected(tmp_path, monkeypatch):
    """The checker itself fails on a wrong #> line and rewrites it on update."""
    monkeypatch.setattr(snippet_outputs, "ROOT", tmp_path)
    f = tmp_path / "s.py"
    f.write_text("for i in range(2):\n    print(i * 10)\n    #> 999\nprint('끝')\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="stale"):
        snippet_outputs.check(f)
    assert snippet_outputs.update(f)
    assert f.read_text(encoding="utf-8") == (
        "for i in range(2):\n    print(i * 10)\n    #> 0\n    #> 10\nprint('끝')\n#> 끝\n"
    )
    snippet_outputs.check(f)


def test_failing_snippet_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setattr(snippet_outputs, "ROOT", tmp_path)
    f = tmp_path / "bad.py"
    f.write_text("import torch\ntorch.zeros(2).view(3)\n", encoding="utf-8")
    with pytest.raises(snippet_outputs.SnippetError, match="RuntimeError"):
        snippet_outputs.check(f)


def test_stdout_outside_print_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setattr(snippet_outputs, "ROOT", tmp_path)
    f = tmp_path / "stray.py"
    f.write_text("import sys\nsys.stdout.write('x\\n')\n", encoding="utf-8")
    with pytest.raises(snippet_outputs.SnippetError, match="outside print"):
        snippet_outputs.check(f)
