"""The build's cache (hooks/cache/store.py): work kept across builds by the content it was made
from, never found stale.

The store on its own: a key changes with every input, with the boundaries between inputs, and
with any file of hooks/; a value comes back exactly as it went in or is not kept; an entry that
cannot be read is made again; ``BUILD_CACHE=0`` reads and writes nothing; a full build deletes
what it did not use. Then whole builds of a copy: the site built with a warm cache is the
site built without one, byte for byte, and an edit of a note, of a hook or a refused page is
seen at once.
"""

from __future__ import annotations

import filecmp
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from hooks.cache import store as store_module
from hooks.cache.store import MISSING, Store
from tools.harness.build import BUILD_ENV, mkdocs_command


@pytest.fixture
def store(tmp_path, monkeypatch) -> Store:
    monkeypatch.delenv("BUILD_CACHE", raising=False)
    s = Store()
    s.open(tmp_path)
    return s


def test_a_key_changes_with_each_input_its_boundaries_and_the_namespace(store):
    key = store.key("csp", "ab", "c")
    assert key == store.key("csp", "ab", "c") == store.key("csp", b"ab", "c")  # text is its UTF-8 bytes
    assert len({key, store.key("csp", "a", "bc"), store.key("csp", "abc"), store.key("csp", "ab", "c", ""),
                store.key("backlinks", "ab", "c"), store.key("csp", "ab", "d")}) == 6  # fmt: skip


def test_an_edit_of_any_file_of_the_hooks_changes_every_key(tmp_path, monkeypatch):
    package = tmp_path / "hooks"
    (package / "links").mkdir(parents=True)
    (package / "links" / "backlinks.py").write_text("X = 1\n", encoding="utf-8")
    (package / "search").mkdir()
    (package / "search" / "glossary.yml").write_text("- [버퍼, buffer]\n", encoding="utf-8")
    monkeypatch.setattr(store_module, "PACKAGE", package)
    keys = []
    for edit in (None, ("links/backlinks.py", "X = 2\n"), ("search/glossary.yml", "- [셔플, shuffle]\n"), ("new.py", "")):
        if edit:
            (package / edit[0]).write_text(edit[1], encoding="utf-8")
        monkeypatch.setattr(store_module, "_version", None)  # what a new process (or make serve's reload) computes
        keys.append(Store().key("csp", "<p>same page</p>"))
    (package / "links" / "__pycache__").mkdir()
    (package / "links" / "__pycache__" / "backlinks.cpython-311.pyc").write_bytes(b"\0")
    monkeypatch.setattr(store_module, "_version", None)
    assert Store().key("csp", "<p>same page</p>") == keys[-1], "bytecode is not the code"
    assert len(set(keys)) == 4, keys


def test_an_upgraded_library_changes_every_key(tmp_path, monkeypatch):
    site = tmp_path / "site-packages"
    (site / "mkdocs_material-9.8.2.dist-info").mkdir(parents=True)
    monkeypatch.syspath_prepend(str(site))
    keys = []
    for version in ("9.8.2", "9.8.3"):
        (site / f"mkdocs_material-{version}.dist-info").mkdir(exist_ok=True)
        if version != "9.8.2":
            (site / "mkdocs_material-9.8.2.dist-info").rmdir()  # what pip does when it upgrades
        monkeypatch.setattr(store_module, "_version", None)
        keys.append(Store().key("search", "page"))
    assert keys[0] != keys[1]
    assert f"{site}/mkdocs_material-9.8.3.dist-info" in store_module._distributions()
    assert any("mkdocs_material-" in d and str(site) not in d for d in store_module._distributions()), "the venv's own"


def test_a_value_comes_back_as_it_went_in_or_is_not_kept(store):
    value = [{"location": "day12/day12/#gather", "title": "gather", "boost": 2, "ratio": 0.5, "hidden": True, "x": None}]
    store.put("search", "a", value)
    assert store.get("search", "a") == value
    kept = [{"n": 1}, {"n": True}, 1.0, 1]  # equal to each other in Python, each its own type in JSON
    store.put("search", "b", kept)
    back = store.get("search", "b")
    assert back == kept and [type(x) for x in back] == [type(x) for x in kept] and type(back[1]["n"]) is bool

    class Markup(str):  # equal to its text, but not what JSON gives back
        pass

    # a tuple comes back a list, an int key a string, a str subclass a str, a function not at
    # all: made every build instead
    for changed in ([("href", "id")], {1: "an int key"}, [{"title": Markup("<b>x</b>")}], [len]):
        store.put("search", "c", changed)
        assert store.get("search", "c") is MISSING, changed


def test_memo_makes_once_and_an_unreadable_entry_again(store):
    made = []

    def make():
        made.append(1)
        return ["problem"]

    assert store.memo("csp", ("<p>x</p>",), make) == ["problem"]
    assert store.memo("csp", ("<p>x</p>",), make) == ["problem"]
    assert len(made) == 1 and store.hits == 1
    path = store.root / "csp" / f"{store.key('csp', '<p>x</p>')}.json"
    for broken in (b'["probl', b"\xff\xfe", b""):
        path.write_bytes(broken)
        assert store.memo("csp", ("<p>x</p>",), make) == ["problem"]
        assert json.loads(path.read_bytes()) == ["problem"], "made again and kept again"
    assert len(made) == 4


def test_build_cache_0_reads_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("BUILD_CACHE", "0")
    s = Store()
    s.open(tmp_path)
    made = []
    for _ in range(2):
        assert s.memo("csp", ("x",), lambda: made.append(1) or []) == []
    assert len(made) == 2 and not (tmp_path / ".cache").exists() and s.prune() == 0


def test_prune_deletes_what_the_last_build_did_not_use(store, tmp_path):
    store.put("csp", "old", [])
    store.put("backlinks", "gone", [])
    (store.root / "csp" / ".tmp-x.json").write_text("[]")  # another build writing now: left alone
    store.open(tmp_path)  # the next build
    store.put("csp", "new", [])
    assert store.get("csp", "old") == []
    store.put("csp", "other", [])
    store.open(tmp_path)  # and the one after: uses old and new only
    store.get("csp", "old")
    store.get("csp", "new")
    assert store.prune() == 2  # csp/other, and backlinks (no entry of it used)
    assert sorted(p.name for p in (store.root / "csp").iterdir()) == sorted([".tmp-x.json", "old.json", "new.json"])
    assert not list((store.root / "backlinks").iterdir())


# ----------------------------------------------------------------------------- whole builds


def _build(project: Path, out: Path, *, cache: bool = True) -> tuple[subprocess.CompletedProcess, tuple[int, int] | None]:
    env = dict(os.environ, **BUILD_ENV, BUILD_CACHE="1" if cache else "0")
    proc = subprocess.run(
        [*mkdocs_command(), "build", "--strict", "--clean", "--verbose", "--site-dir", str(out)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    m = re.search(r"cache: (\d+) found, (\d+) missing", proc.stdout + proc.stderr)
    return proc, (int(m.group(1)), int(m.group(2))) if m else None


def _same_site(a: Path, b: Path) -> list[str]:
    files = [sorted(p.relative_to(d).as_posix() for p in d.rglob("*") if p.is_file()) for d in (a, b)]
    assert files[0] == files[1], sorted(set(files[0]) ^ set(files[1]))
    return [rel for rel in files[0] if not filecmp.cmp(a / rel, b / rel, shallow=False)]


def test_a_warm_build_is_the_build_without_cache_and_sees_every_edit(project_copy, tmp_path):
    project = project_copy(notes=("day12",))
    git = ["git", "-c", "user.name=test", "-c", "user.email=test@localhost"]
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    subprocess.run([*git, "commit", "-qm", "copy"], cwd=project, check=True)  # dates from git, not the build clock
    plain, counts = _build(project, tmp_path / "plain", cache=False)
    assert plain.returncode == 0, plain.stderr[-3000:]
    assert counts == (0, 0) and not (project / ".cache" / "hooks").exists()
    cold, counts = _build(project, tmp_path / "cold")
    assert cold.returncode == 0 and counts[0] == 0
    kinds = {p.name for p in (project / ".cache" / "hooks").iterdir()}
    assert {"search", "csp", "backlinks", "notebook", "notebook-check"} <= kinds, kinds
    warm, (found, missing) = _build(project, tmp_path / "warm")
    assert warm.returncode == 0
    # every page's search entries, policy check and links, the notes' notebooks, the notebook
    # pages' checks; missing: the topic page's first version (the tags plugin fills it later)
    assert found >= 3 * 4 and missing <= 1, (found, missing)
    log = warm.stdout + warm.stderr
    assert "search: pages indexed by the second process 0, the cache " in log and " here 0" in log, "no second process"
    assert "search: pages indexed by the second process 0" not in cold.stdout + cold.stderr
    assert _same_site(tmp_path / "plain", tmp_path / "cold") == []
    assert _same_site(tmp_path / "plain", tmp_path / "warm") == []

    # a note edited: its new text is in the search index and its notebook, the rest still found
    note = project / "docs" / "day12" / "day12.md"
    note.write_text(note.read_text(encoding="utf-8") + "\n\n캐시점검낱말 문단을 덧붙였다.\n", encoding="utf-8")
    edited, (found2, missing2) = _build(project, tmp_path / "edited")
    assert edited.returncode == 0
    assert "캐시점검낱말" in (tmp_path / "edited" / "search" / "search_text.json").read_text(encoding="utf-8")
    assert 3 <= missing2 <= 6 and found2 >= found - 5, (found2, missing2)
    plain2, _ = _build(project, tmp_path / "plain2", cache=False)
    assert plain2.returncode == 0
    assert _same_site(tmp_path / "plain2", tmp_path / "edited") == []

    # a hook edited (a comment): nothing made by the old code is found
    hook = project / "hooks" / "links" / "backlinks.py"
    hook.write_text(hook.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    _, (found3, _) = _build(project, tmp_path / "hook")
    assert found3 == 0

    # a page the policy refuses is refused again when its check is found in the cache
    note.write_text(note.read_text(encoding="utf-8") + '\n\n<span onclick="alert(1)">x</span>\n', encoding="utf-8")
    first, _ = _build(project, tmp_path / "bad1")
    again, _ = _build(project, tmp_path / "bad2")
    problem = "event handler onclick= in <span onclick="
    assert first.returncode != 0 and problem in first.stdout + first.stderr
    assert again.returncode != 0 and problem in again.stdout + again.stderr
    shutil.rmtree(project / ".cache")


def test_the_search_cache_key_holds_every_front_matter_key_material_reads():
    """A page goes to the second process (and into its cache key) with only the front matter
    keys Material's ``SearchIndex`` reads (``pool.META_READ``): a key it reads that is not
    listed would be dropped from every page's entries, unseen."""
    import inspect

    from material.plugins.search.plugin import SearchIndex

    from hooks.search.pool import META_READ

    source = inspect.getsource(SearchIndex)
    read = set(re.findall(r"\bmeta(?:\.get\(|\[)\s*[\"'](\w+)[\"']", source))
    assert read and read <= set(META_READ), read
    assert "meta" not in re.sub(r"\bmeta(?:\.get\(|\[)\s*[\"']\w+[\"']", "", source).replace("page.meta", ""), (
        "Material reads page.meta some other way: update pool.META_READ"
    )
