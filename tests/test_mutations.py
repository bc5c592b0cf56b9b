"""The mutation check's list (tools/mutations.py) stays usable: every fragment still occurs
exactly once in its file, every named test exists and is a fast one, and the list covers the
review's bugs, every extension of hooks/, the sanitizer's rules and every generator. `make
mutate` runs the list itself (weekly in CI): each bug must fail its fast tests."""

from __future__ import annotations

import collections
import subprocess
import sys

from tools import ROOT, update
from tools.mutate import check_fragments
from tools.mutations import MUTATIONS


def test_every_fragment_still_matches_its_code():
    assert check_fragments(MUTATIONS) == []


def test_names_are_unique_and_say_what_breaks():
    names = [m.name for m in MUTATIONS]
    assert len(names) == len(set(names))
    assert all(len(m.breaks.split()) >= 5 for m in MUTATIONS)


def test_the_list_covers_extensions_sanitizer_rules_and_generators():
    files = collections.Counter(m.file for m in MUTATIONS)
    assert len(MUTATIONS) >= 30
    concerns = {p.name for p in (ROOT / "hooks").iterdir() if (p / "extension.py").is_file()}
    touched = {m.file.split("/")[1] for m in MUTATIONS if m.file.startswith("hooks/")}
    assert concerns <= touched, f"extensions without a mutation: {sorted(concerns - touched)}"
    assert files["hooks/security/markup.py"] >= 7  # the sanitizer's rules
    generators = {name.replace(".", "/") for name in update.GENERATORS}
    assert all(any(m.file.startswith(g) for m in MUTATIONS) for g in generators), generators


def test_every_named_test_is_collected_in_the_fast_set():
    tests = sorted({t for m in MUTATIONS for t in m.tests})
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-m", "not slow and not browser", *tests],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr
    lines = proc.stdout.splitlines()
    for t in tests:
        assert any(line == t or line.startswith((t + "[", t + "::")) for line in lines), f"{t}: not collected in the fast set"
