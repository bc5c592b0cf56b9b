"""Every snippet runs, every ``#>`` output it shows is what it prints now, it was verified
with the installed library versions (the badge under its code block says which), a reader
who runs it alone (``python snippets/day12/x.py``) sees exactly its ``#>`` lines, and every
snippet is embedded by a page (and every embed names an existing snippet).

The runner (``tools/snippet_runner/``) is checked through its failure modes, each with its
message naming ``file:line``: stale output, an exception, a time-out, a network attempt, a
write into the project, stdout outside ``print``, machine-specific output, unseeded
randomness, an unknown option. (A missing snippet and a bad section anchor are build errors:
``tests/test_build.py``.)

New notes need no change here: files are discovered under ``snippets/`` and ``docs/``.
All snippets run once per session, in parallel (``snippet_runs``); one test per snippet
reads its result, so a failure names the file. ``SNIPPETS_LITERAL=all`` makes the reader's
test run every snippet instead of a sample.
"""

from __future__ import annotations

import concurrent.futures
import importlib.metadata
import json
import os
import re
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from hooks.snippets import versions as hook
from tools import ROOT, cli, snippet_outputs, snippet_runner
from tools import update as update_tool
from tools.harness.build import build_site
from tools.snippet_runner import display, run_many

SNIPPETS = snippet_outputs.snippet_files()
# `--8<-- "day12/gather_01.py"` or `--8<-- "day12/gather_01.py:section"`
EMBED = re.compile(r'--8<--\s+"([^"]+?)(?::[\w-]+)?"')
LITERAL_MAX = 4  # snippets the reader's test runs as `python file.py` (each costs ~2-5 s of imports)


def snippet_id(path: Path) -> str:
    return str(path.relative_to(ROOT / "snippets"))


def embeds() -> dict[str, list[str]]:
    """snippet path (relative to snippets/) -> pages that embed it."""
    found: dict[str, list[str]] = {}
    for page in sorted((ROOT / "docs").rglob("*.md")):
        for m in EMBED.finditer(page.read_text(encoding="utf-8")):
            found.setdefault(m.group(1), []).append(str(page.relative_to(ROOT)))
    return found


def wanted(request, fixture: str, default: list[Path]) -> list[Path]:
    """The snippets this session's selected tests ask ``fixture`` about (all by default)."""
    paths = {
        item.callspec.params["path"]
        for item in request.session.items
        if fixture in getattr(item, "fixturenames", ()) and hasattr(item, "callspec") and "path" in item.callspec.params
    }
    return sorted(paths) or default


@pytest.fixture(scope="session")
def snippet_runs(request) -> dict[Path, snippet_runner.Run]:
    """One parallel run of the snippets (every core; see tools/snippet_runner/)."""
    paths = wanted(request, "snippet_runs", SNIPPETS)
    return {run.path: run for run in run_many(paths, track=snippet_outputs.tracked, confirm=False)}


# ---------------------------------------------------------------- the repository's snippets


def test_there_are_snippets():
    assert len(SNIPPETS) >= 10


@pytest.mark.parametrize("path", SNIPPETS, ids=snippet_id)
def test_snippet_runs_and_shown_output_is_fresh(path, snippet_runs):
    snippet_outputs.check(path, snippet_runs[path])


def test_every_snippet_is_embedded_by_a_page():
    used = set(embeds())
    orphans = [snippet_id(p) for p in SNIPPETS if snippet_id(p) not in used]
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


def test_version_records_list_exactly_the_snippets_of_their_folder():
    """One generated record per snippet folder; no snippet without an entry, no entry
    without a snippet (``make update`` drops those)."""
    folders = {p.parent for p in SNIPPETS} | {p.parent for p in (ROOT / "snippets").rglob(hook.RECORD_NAME)}
    problems = []
    for folder in sorted(folders):
        entries = hook.read_record(folder / hook.RECORD_NAME)
        names = {p.name for p in folder.glob("*.py")}
        if set(entries) != names:
            problems.append(
                f"{folder.relative_to(ROOT)}/{hook.RECORD_NAME}: missing {sorted(names - set(entries))}, "
                f"extra {sorted(set(entries) - names)}"
            )
    assert not problems, "run `make update`:\n" + "\n".join(problems)


def test_recorded_versions_are_the_installed_ones():
    """Upgrading torch (or torchvision, transformers, Python) fails here until `make update`
    re-ran the snippets with it and rewrote the records the badges show."""
    installed = {lib: importlib.metadata.version(lib).split("+")[0] for lib in hook.TRACKED}
    installed["python"] = f"{sys.version_info.major}.{sys.version_info.minor}"
    stale = [
        f"{record.relative_to(ROOT)}: {name} {lib} {version} (installed: {installed[lib]})"
        for record in sorted((ROOT / "snippets").rglob(hook.RECORD_NAME))
        for name, entry in hook.read_record(record).items()
        for lib, version in entry.items()
        if lib != hook.CODE_KEY and installed.get(lib) != version
    ]
    assert not stale, "verified with other versions; run `make update`:\n" + "\n".join(stale)


# ------------------------------------------------------------------ what a reader sees


def _literal_sample() -> list[Path]:
    """Every snippet with SNIPPETS_LITERAL=all; else up to LITERAL_MAX, first those that seed a
    random generator (their numbers are what this test is about), then those with the fewest
    big imports (each is a new interpreter), picked by a stable hash."""
    if os.environ.get("SNIPPETS_LITERAL") == "all":
        return SNIPPETS
    seeds = re.compile(r"manual_seed|random\.seed|default_rng\(\s*\d")

    def key(p):
        heavy = len(set(snippet_runner.imported_roots(p)) & set(snippet_runner.WARM_ROOTS))
        return not seeds.search(p.read_text(encoding="utf-8")), heavy, zlib.crc32(snippet_id(p).encode())

    return sorted(sorted(SNIPPETS, key=key)[:LITERAL_MAX])


@pytest.fixture(scope="session")
def reader_runs(request, tmp_path_factory) -> dict[Path, subprocess.CompletedProcess]:
    """``python snippets/dayNN/x.py`` in the test environment, from an empty folder, two at a time."""
    paths = wanted(request, "reader_runs", _literal_sample())
    cwd = tmp_path_factory.mktemp("reader")

    def run(path):
        return subprocess.run([sys.executable, str(path)], cwd=cwd, capture_output=True, text=True, timeout=300)

    with concurrent.futures.ThreadPoolExecutor(snippet_runner.default_jobs()) as pool:
        return dict(zip(paths, pool.map(run, paths)))


def shown_in_run_order(path: Path, run: snippet_runner.Run) -> list[str] | None:
    """The file's ``#>`` lines in the order a run prints them (the harness's run gives the
    order: the lines of a print in a loop are shown together under it). None when a print
    does not end its lines (``end=""``), so lines cannot be matched to prints."""
    source = path.read_text(encoding="utf-8")
    spans = snippet_outputs.statement_end_lines(source)
    shown: dict[int, list[str]] = {}
    last = 0
    for number, line in enumerate(source.splitlines(), start=1):
        text = line.lstrip()
        if text.startswith("#>"):
            shown.setdefault(last, []).append(text[3:] if text.startswith("#> ") else "")
        else:
            last = number
    ordered = []
    for line, printed in run.events:
        if not printed.endswith("\n"):
            return None
        end = spans[line][0]
        n = printed.count("\n")
        ordered += shown.get(end, [])[:n]
        shown[end] = shown.get(end, [])[n:]
    assert not any(shown.values()), f"{snippet_id(path)}: #> lines no print of this run accounts for: {shown}"
    return ordered


@pytest.mark.parametrize("path", _literal_sample(), ids=snippet_id)
def test_a_reader_running_the_file_sees_its_output_lines(path, reader_runs, snippet_runs):
    """Copy-paste truth: `python snippets/day12/x.py` prints exactly the `#>` lines. A snippet
    that fails in the harness is reported once, by test_snippet_runs_and_shown_output_is_fresh."""
    if snippet_runs[path].error is not None:
        pytest.skip(f"{snippet_id(path)} fails: test_snippet_runs_and_shown_output_is_fresh reports it")
    proc = reader_runs[path]
    assert proc.returncode == 0, f"`python {snippet_id(path)}` failed:\n{proc.stderr[-3000:]}"
    expected = shown_in_run_order(path, snippet_runs[path])
    got = [line.rstrip() for line in proc.stdout.splitlines()]
    if expected is None:  # prints with end=...: compare with the harness's own record of the run
        expected = "".join(text for _, text in snippet_runs[path].events).splitlines()
        got = proc.stdout.splitlines()
    assert got == expected


# ------------------------------------------------------------ the runner's failure modes

FAILURES = {
    # name: (source, line the message names, what the message says)
    "exception": ("import torch\n\ntorch.zeros(2).view(3)\n", 3, r"RuntimeError: shape '\[3\]' is invalid"),
    "timeout": (
        "# snippet: timeout=1\nimport time\n\ntime.sleep(60)\n",
        4,
        r"timed out after 1 s \(the limit\).*# snippet: timeout=",
    ),
    "network": (
        "import socket\n\nsocket.create_connection(('example.com', 80), timeout=60)\n",
        3,
        r"tried to reach example\.com:80 — 스니펫은 오프라인으로 실행한다.*snippets run offline: make the data",
    ),
    "network_caught": (
        "import urllib.request\n\ntry:\n    urllib.request.urlopen('http://example.com', timeout=60)\n"
        "except Exception:\n    pass\nprint('계속')\n",
        4,
        r"tried to reach example\.com",
    ),
    "writes_into_project": (
        "from pathlib import Path\n\nPath(__file__).with_name('out.txt').write_text('x')\n",
        3,
        r"wrote .*/snippets/d/out\.txt, inside the project.*relative path",
    ),
    # writes the audit hook cannot see (C code, a subprocess) meet the read-only project (readonly.py)
    "torch_save_into_project": (
        "from pathlib import Path\n\nimport torch\n\ntorch.save(torch.ones(2), Path(__file__).parent / 'w.pt')\n",
        5,
        r"tried to write a file, inside the project \(snippets run with the project read-only\).*relative path",
    ),
    "numpy_save_into_project": (
        "from pathlib import Path\n\nimport numpy as np\n\nnp.save(Path(__file__).parent / 'a.npy', np.zeros(2))\n",
        5,
        r"wrote .*snippets/d/a\.npy, inside the project",
    ),
    "pickle_into_project": (
        "import pickle\nfrom pathlib import Path\n\nwith open(Path(__file__).parent / 'p.pkl', 'wb') as f:\n"
        "    pickle.dump([1], f)\n",
        4,
        r"wrote .*snippets/d/p\.pkl, inside the project",
    ),
    "subprocess_into_project": (
        "import subprocess\nfrom pathlib import Path\n\n"
        "subprocess.run(['touch', str(Path(__file__).parent / 't.txt')], check=True)\n",
        4,
        r"tried to write a file, inside the project",
    ),
    "stdout_outside_print": ("import sys\n\nsys.stdout.write('x\\n')\n", None, r"wrote to stdout outside print\(\)"),
    "machine_specific": ("print(object())\n", 1, r"machine-specific output 'at 0x"),
    "unseeded_torch": (
        "import torch\n\nx = torch.rand(3)\nprint(x.sum() > 0, x[0].item())\n",
        4,
        r"prints different values in another run.*\(torch\).*torch\.manual_seed\(0\)",
    ),
    "unseeded_numpy": (
        "import numpy as np\n\nprint(round(float(np.random.rand()), 6))\n",
        3,
        r"prints different values in another run.*\(numpy\)",
    ),
    "unknown_option": ("# snippet: timeot=5\nprint(1)\n", 1, r"unknown snippet option 'timeot'"),
    "syntax_error": ("x = 1\nprint(x\n", 2, r"SyntaxError: '\(' was never closed"),
    "stuck_in_c": (
        "# snippet: timeout=1\nimport signal\nimport time\n\n"
        "signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGALRM])\ntime.sleep(60)\n",
        None,
        r"timed out: still running 2 s after start \(limit 1 s\) and was killed",
    ),
}
PASSES = {
    # writes land in the run's own temporary folder
    "writes_relative": (
        "from pathlib import Path\n\nPath('out.txt').write_text('안녕')\nprint(Path('out.txt').read_text())\n",
        ["안녕"],
    ),
    # seeded: the same numbers in every run
    "seeded_torch": ("import torch\n\ntorch.manual_seed(0)\nprint(torch.rand(2))\n", ["tensor([0.4963, 0.7682])"]),
    # draws without a seed, but prints nothing that depends on it
    "unseeded_unprinted": ("from torch import nn\n\nprint(nn.Linear(3, 2).weight.shape)\n", ["torch.Size([2, 3])"]),
    # a snippet that changes the environment runs in a new interpreter (nothing imported before it)
    "fresh_interpreter": (
        "import os\n\nos.environ['SNIPPET_PROBE'] = '1'\nimport sys\n\nprint('numpy' in sys.modules)\n",
        ["False"],
    ),
}


@pytest.fixture(scope="module")
def probe_runs(tmp_path_factory, monkeypatch_module) -> dict[str, snippet_runner.Run]:
    """Every failure-mode and pass probe, in one parallel batch, in a throw-away project."""
    folder = tmp_path_factory.mktemp("probe") / "snippets" / "d"
    folder.mkdir(parents=True)
    for name, (source, *_) in {**FAILURES, **PASSES}.items():
        (folder / f"{name}.py").write_text(source, encoding="utf-8")
    monkeypatch_module.setattr(snippet_runner, "GRACE", 1.0)  # the stuck probe is killed 1 s after its limit
    start = time.monotonic()
    runs = {run.path.stem: run for run in run_many(sorted(folder.glob("*.py")))}
    runs["_seconds"] = time.monotonic() - start
    runs["_folder"] = folder
    return runs


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as mp:
        yield mp


@pytest.mark.parametrize("name", FAILURES)
def test_each_failure_mode_gives_its_message_with_file_and_line(name, probe_runs):
    """The run fails (or, for output that may not be stored, writing its #> lines fails)."""
    _, line, message = FAILURES[name]
    run = probe_runs[name]
    error = run.error
    if error is None:
        with pytest.raises(snippet_runner.SnippetError) as info:
            snippet_outputs.render(run.path, run)
        error = info.value
    where = f"snippets/d/{name}.py:{line}: " if line else f"snippets/d/{name}.py: "
    assert where in str(error), str(error)
    assert re.search(message, str(error), re.S), str(error)


@pytest.mark.parametrize("name", PASSES)
def test_runs_that_must_pass(name, probe_runs):
    run = probe_runs[name]
    assert run.error is None, str(run.error)
    assert "".join(text for _, text in run.events).splitlines() == PASSES[name][1]


def test_failures_come_at_once_not_after_a_timeout(probe_runs):
    """No DNS time-out, no waiting on the network: the whole batch (with a 1 s time-out and a
    snippet killed 1 s after it) takes seconds, not the 60 s the probes ask for."""
    assert probe_runs["_seconds"] < 30, probe_runs["_seconds"]
    for name in ("network", "network_caught"):
        assert probe_runs[name].seconds < 10, (name, probe_runs[name].seconds)


def test_nothing_was_written_into_the_project(probe_runs):
    folder = probe_runs["_folder"]
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{n}.py" for n in {**FAILURES, **PASSES})
    assert not (Path.cwd() / "out.txt").exists()


def _project_snippet(tmp_path: Path, name: str, source: str) -> Path:
    path = tmp_path / "snippets" / "day57" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source, encoding="utf-8")
    return path


def test_stale_output_is_detected_and_rewritten(tmp_path):
    """The checker fails on a wrong #> line, rewrites it on update (a print in a loop collects
    its lines under itself), and writes the snippet's version record."""
    f = _project_snippet(tmp_path, "s.py", "for i in range(2):\n    print(i * 10)\n    #> 999\nprint('끝')\n")
    with pytest.raises(AssertionError, match=r"(?s)stale.*-    #> 999\n\+    #> 0\n\+    #> 10"):
        snippet_outputs.check(f)
    assert snippet_outputs.update(f)
    assert f.read_text(encoding="utf-8") == ("for i in range(2):\n    print(i * 10)\n    #> 0\n    #> 10\nprint('끝')\n#> 끝\n")
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    code = hook.code_digest(f.read_text(encoding="utf-8"))
    assert hook.read_record(f.parent / hook.RECORD_NAME) == {"s.py": {"python": python, hook.CODE_KEY: code}}
    snippet_outputs.check(f)
    assert not snippet_outputs.update(f)
    f.write_text(f.read_text(encoding="utf-8").replace("print('끝')", "print('끝.')"), encoding="utf-8")
    with pytest.raises(AssertionError, match=r"s\.py changed since `make update` last ran it"):
        snippet_outputs.check(f)  # the code changed (and so its output): the record says so too


@pytest.mark.parametrize(
    "where",
    ["the second line of a print", "the last line of a print", "a later print"],
)
def test_a_stale_line_anywhere_is_detected(tmp_path, where):
    """Not only the first #> line: every output line of every print is compared."""
    fresh = (
        "import torch\n\nprint(torch.arange(6).view(3, 2))\n"
        "#> tensor([[0, 1],\n#>         [2, 3],\n#>         [4, 5]])\nprint('끝')\n#> 끝\n"
    )
    broken = {
        "the second line of a print": ("#>         [2, 3],", "#>         [2, 9],"),
        "the last line of a print": ("#>         [4, 5]])", "#>         [4, 6]])"),
        "a later print": ("#> 끝", "#> 끝!"),
    }[where]
    f = _project_snippet(tmp_path, "m.py", fresh)
    run = snippet_outputs.run(f)
    snippet_outputs.update(f, run)
    assert f.read_text(encoding="utf-8") == fresh
    snippet_outputs.check(f, run)
    f.write_text(fresh.replace(*broken), encoding="utf-8")
    with pytest.raises(AssertionError) as info:
        snippet_outputs.check(f, run)
    assert f"-{broken[1]}\n+{broken[0]}" in str(info.value)


def test_a_version_change_makes_the_output_stale(tmp_path):
    """The record keeps the torch version a snippet ran with; another installed version (or no
    entry) fails the check until `make update` runs it again."""
    f = _project_snippet(tmp_path, "t.py", "import torch\n\nprint(torch.tensor([1, 2]).sum())\n")
    run = snippet_outputs.run(f)  # one run serves every step below: the file does not change
    snippet_outputs.update(f, run)
    record = f.parent / hook.RECORD_NAME
    entry = hook.read_record(record)["t.py"]
    assert entry["torch"] == importlib.metadata.version("torch").split("+")[0]
    snippet_outputs.check(f, run)
    record.write_text(record.read_text(encoding="utf-8").replace(entry["torch"], "0.0.1"), encoding="utf-8")
    with pytest.raises(AssertionError, match=r"t\.py was verified with .*'torch': '0\.0\.1'.* this environment"):
        snippet_outputs.check(f, run)
    record.write_text(hook.format_record({}), encoding="utf-8")
    with pytest.raises(AssertionError, match=r"verified with None"):
        snippet_outputs.check(f, run)
    assert snippet_outputs.update(f, run)
    snippet_outputs.check(f, run)


def test_the_cli_reports_every_file_and_then_every_failure(tmp_path, capsys):
    """One line per file as it finishes (with seconds), a failure never stops the run, and a
    summary lists every failure with file:line. Paths outside the repository work."""
    good = _project_snippet(tmp_path, "good.py", "print(6 * 7)\n#> 42\n")
    bad = _project_snippet(tmp_path, "bad.py", "x = 1\nraise ValueError('망가짐')\n")
    stale = _project_snippet(tmp_path, "stale.py", "print(1)\n#> 2\n")
    worse = _project_snippet(tmp_path, "worse.py", "print(1)\nprint(undefined)\n")
    snippet_outputs.update(good)
    assert snippet_outputs.main(["--check", str(bad), str(good), str(stale), str(worse)]) == 1
    out = capsys.readouterr().out
    for path, state in ((good, "ok"), (bad, "FAILED"), (stale, "STALE"), (worse, "FAILED")):
        assert re.search(rf"^{re.escape(str(path))}: {state}", out, re.M), out
    assert len(re.findall(r"\(\d+\.\d s\)$", out, re.M)) == 4, out
    summary = out[out.index("2 failed:") :]
    assert f"FAILED {bad}:2: ValueError: 망가짐" in summary
    assert f"FAILED {worse}:2: NameError: name 'undefined' is not defined" in summary
    assert "tools.snippet_outputs: 1 stale, 2 failed" in out


def test_update_of_one_file_outside_the_repository(tmp_path):
    """`python -m tools.snippet_outputs --update /copy/snippets/day57/x.py` (what a new-note
    test does on a project copy): #> lines and the record land next to the file."""
    f = _project_snippet(tmp_path, "x.py", "print(sorted({3, 1, 2}))\n")
    proc = subprocess.run(
        [sys.executable, "-m", "tools.snippet_outputs", "--update", str(f)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"{f}: updated" in proc.stdout
    assert f.read_text(encoding="utf-8") == "print(sorted({3, 1, 2}))\n#> [1, 2, 3]\n"
    assert "x.py" in hook.read_record(f.parent / hook.RECORD_NAME)
    proc = subprocess.run(
        [sys.executable, "-m", "tools.snippet_outputs", "--check", str(f)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_make_update_file_runs_only_that_file(capsys):
    """`make update FILE=...` = `python -m tools.update FILE`: the generator that owns the file
    handles only it; a file no generator owns is an error."""
    light = [p for p in SNIPPETS if not set(snippet_runner.imported_roots(p)) & set(snippet_runner.WARM_ROOTS)]
    target = (light or SNIPPETS)[0]  # a snippet without torch starts fastest
    assert update_tool.main(["--check", str(target)]) == 0
    out = capsys.readouterr().out
    assert re.findall(r"^(\S+): ok", out, re.M) == [str(target.relative_to(ROOT))], out
    assert update_tool.main(["--check", "README.md"]) == 2
    assert "no generator owns README.md" in capsys.readouterr().err
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^update:.*\n\t\$\(TEST_VENV\)/bin/python -m tools\.update \$\(FILE\)$", makefile, re.M)


def test_machine_specific_rule_is_shared_with_the_notebooks():
    from tools import execute_notebooks, machine_specific

    assert not hasattr(execute_notebooks, "_MACHINE_SPECIFIC")
    for text in ("<Foo object at 0x7f3a2b1c>", "/tmp/x.txt", f"{ROOT}/snippets", "took 0.53s", "35.2it/s"):
        assert machine_specific.find(text), text
    for text in ("timed out after 0.05 seconds", "std=0.0200", "tensor([0.5000])", "a/home/b"):
        assert machine_specific.find(text) is None, text


def test_cli_summary_line_names_file_and_line():
    err = snippet_runner.SnippetError("snippets/day12/x.py:3: RuntimeError: boom\n    y = x.view(3)")
    assert cli.summary(ROOT / "snippets/day12/x.py", err) == "snippets/day12/x.py:3: RuntimeError: boom"
    assert cli.summary(ROOT / "img/a.svg", ValueError("bad")) == "img/a.svg: bad"


# ------------------------------------------------------------------- the version badge


def _blocks_with_snippets(markdown: str) -> list[list[str]]:
    """The .py snippets of each fenced code block of a page (an independent, simple reading:
    the notes use ``` fences and inline embeds)."""
    blocks, current = [], None
    for line in markdown.splitlines():
        if line.strip().startswith("```"):
            if current is None:
                current = []
            else:
                if current:
                    blocks.append(current)
                current = None
        elif current is not None and (m := EMBED.search(line)) and m.group(1).endswith(".py"):
            current.append(m.group(1))
    return blocks


def test_every_snippet_block_has_its_version_badge(site_dir):
    """Under each code block that shows a snippet: the versions from its record, e.g.
    "torch 2.14.1에서 실행해 확인한 출력", out of the search index."""
    torch_version = importlib.metadata.version("torch").split("+")[0]
    checked = 0
    for md in sorted((ROOT / "docs").rglob("*.md")):
        blocks = _blocks_with_snippets(md.read_text(encoding="utf-8"))
        rel = md.relative_to(ROOT / "docs")
        html_path = site_dir / ("index.html" if rel.name == "index.md" else rel.with_suffix("") / "index.html")
        html = html_path.read_text(encoding="utf-8")
        badges = re.findall(r'</code></pre></div>\s*<p class="snippet-version" data-search-exclude>([^<]+)</p>', html)
        expected = []
        for names in blocks:  # written out here, not with the hook's badge_text
            entries = [hook.read_record(ROOT / "snippets" / Path(n).parent / hook.RECORD_NAME)[Path(n).name] for n in names]
            libraries = [f"{lib} {e[lib]}" for lib in ("torch", "torchvision", "transformers") for e in entries if lib in e]
            shown = list(dict.fromkeys(libraries or [f"Python {e['python']}" for e in entries]))
            expected.append(", ".join(shown) + "에서 실행해 확인한 출력")
        assert badges == expected, f"{rel}: badges {badges} != records {expected}"
        assert html.count('class="snippet-version"') == len(blocks)
        checked += len(blocks)
    assert checked >= 40
    day12 = (site_dir / "day12" / "day12" / "index.html").read_text(encoding="utf-8")
    assert f"torch {torch_version}에서 실행해 확인한 출력" in day12
    transformers_version = importlib.metadata.version("transformers")
    assert f"torch {torch_version}, transformers {transformers_version}에서 실행해 확인한 출력" in day12


def test_badge_is_not_in_the_search_index(site_dir):
    text = (site_dir / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "실행해 확인한 출력" not in json.dumps(json.loads(text), ensure_ascii=False)


def test_badge_follows_dark_mode(page, site_url):
    """Theme colours: the badge changes with the palette and stays readable (WCAG AA 4.5:1)."""
    page.goto(site_url + "day12/day12/")
    measure = """() => {
      const el = document.querySelector('.snippet-version');
      const rgb = s => s.match(/[\\d.]+/g).map(Number);
      const lum = ([r, g, b]) => {
        const f = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      const bg = rgb(getComputedStyle(document.body).backgroundColor);
      const [r, g, b, a = 1] = rgb(getComputedStyle(el).color);
      const fg = [r, g, b].map((c, i) => c * a + bg[i] * (1 - a));
      const [hi, lo] = [lum(fg), lum(bg)].sort((x, y) => y - x);
      return {color: getComputedStyle(el).color, contrast: (hi + 0.05) / (lo + 0.05),
              size: parseFloat(getComputedStyle(el).fontSize)};
    }"""
    light = page.evaluate(measure)
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    dark = page.evaluate(measure)
    assert light["color"] != dark["color"]
    assert light["contrast"] >= 4.5 and dark["contrast"] >= 4.5, (light, dark)
    assert light["size"] < 14  # small: a note under the block, not a heading


def test_a_snippet_without_a_record_fails_the_build(tmp_path, project_copy):
    project = project_copy(notes=("day12",))
    record = project / "snippets" / "day12" / hook.RECORD_NAME
    entries = hook.read_record(record)
    del entries["gather_01.py"]
    record.write_text(hook.format_record(entries), encoding="utf-8")
    proc = build_site(project, tmp_path / "site")
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "snippets/day12/gather_01.py, which has no version record" in output, output
    assert "run `make update FILE=snippets/day12/gather_01.py`" in output
    assert "Traceback" not in output


def test_a_snippet_edited_since_make_update_warns_with_the_command(tmp_path, caplog):
    """The record keeps a digest of the code its #> output came from: editing the code (not
    the #> lines) since `make update` is one warning naming the file and the command, so
    `make build` fails on it and `make serve` shows it; a fresh record is silent."""
    folder = tmp_path / "snippets" / "day57"
    folder.mkdir(parents=True)
    snippet = folder / "a.py"
    snippet.write_text("print(1)\n#> 1\n", encoding="utf-8")
    entry = {"python": "3.11", hook.CODE_KEY: hook.code_digest(snippet.read_text(encoding="utf-8"))}
    (folder / hook.RECORD_NAME).write_text(hook.format_record({"a.py": entry}), encoding="utf-8")
    block = '```python\n--8<-- "day57/a.py"\n```\n'
    caplog.set_level("WARNING", logger="mkdocs.hooks.snippets")
    _hooked(tmp_path, block)
    snippet.write_text("print(1)\n#> 1\n#> 2\n", encoding="utf-8")  # only output lines: still fresh
    _hooked(tmp_path, block)
    assert caplog.messages == []
    snippet.write_text("print(2)\n#> 1\n", encoding="utf-8")
    _hooked(tmp_path, block)
    assert caplog.messages == [
        "snippets: snippets/day57/a.py changed since `make update` wrote its #> output (docs/day57/day57.md shows it): "
        "run `make update FILE=snippets/day57/a.py`"
    ]


class _Config(dict):
    def __init__(self, root: Path):
        super().__init__(
            config_file_path=str(root / "mkdocs.yml"), mdx_configs={"pymdownx.snippets": {"base_path": ["snippets"]}}
        )


class _Page:
    class file:
        src_uri = "day57/day57.md"


def _hooked(tmp_path: Path, markdown: str) -> str:
    return hook.add_badges(markdown, _Page, _Config(tmp_path))


def test_badge_hook_reads_embeds_the_way_pymdownx_does(tmp_path):
    """Inline and block embeds, sections, indented blocks (admonitions, tabs), nested fences
    and escaped embeds; a .py embed outside a code block is an error."""
    folder = tmp_path / "snippets" / "day57"
    folder.mkdir(parents=True)
    for name in ("a.py", "b.py"):
        (folder / name).write_text("print(1)\n", encoding="utf-8")
    (folder / "c.py").write_text("print(1)\n", encoding="utf-8")
    (folder / hook.RECORD_NAME).write_text(
        hook.format_record(
            {
                "a.py": {"python": "3.11", "torch": "9.9.9"},
                "b.py": {"python": "3.11"},
                "c.py": {"python": "3.11", "torch": "9.9.9", "torchvision": "7.7.7", "transformers": "8.8.8"},
            }
        ),
        encoding="utf-8",
    )
    out = _hooked(tmp_path, '```python\n--8<-- "day57/c.py"\n```\n')
    assert "\ntorch 9.9.9, torchvision 7.7.7, transformers 8.8.8에서 실행해 확인한 출력\n" in out  # every library it used
    torch_badge = "torch 9.9.9에서 실행해 확인한 출력\n{ .snippet-version data-search-exclude }"
    out = _hooked(tmp_path, '```python\n--8<-- "day57/a.py:part"\n```\n')
    assert out == f'```python\n--8<-- "day57/a.py:part"\n```\n\n{torch_badge}\n\n'
    out = _hooked(tmp_path, "!!! note\n\n    ```python\n    --8<--\n    day57/b.py\n    --8<--\n    ```\n")
    assert out.endswith("    ```\n\n    Python 3.11에서 실행해 확인한 출력\n    { .snippet-version data-search-exclude }\n\n")
    escaped = '````markdown\n```python\n;--8<-- "day57/a.py"\n```\n````\n'
    assert _hooked(tmp_path, escaped) == escaped
    out = _hooked(tmp_path, '~~~python\n--8<-- "day57/a.py"\n--8<-- "day57/b.py"\n~~~\n')
    assert "torch 9.9.9에서 실행해 확인한 출력" in out  # torch wins over plain Python
    missing = '```python\n--8<-- "day57/missing.py"\n```\n'
    assert _hooked(tmp_path, missing) == missing  # pymdownx.snippets names the missing file
    with pytest.raises(PluginError, match=r"day57/day57\.md:2: day57/a\.py is embedded outside a code block"):
        _hooked(tmp_path, 'text\n--8<-- "day57/a.py"\n')
    (folder / hook.RECORD_NAME).write_text("{not json", encoding="utf-8")
    with pytest.raises(PluginError, match=r"versions\.json: not valid JSON.*make update"):
        _hooked(tmp_path, '```python\n--8<-- "day57/a.py"\n```\n')
    assert display(folder / "a.py") == str(folder / "a.py")


def test_the_read_only_project_refuses_every_write_but_the_interpreters(tmp_path):
    """``readonly.enter`` in a process of its own (what each forked child does): a write into
    the project fails with EROFS, also from a subprocess; the folder kept writable (the
    interpreter's install, when it lies inside) and everything outside take writes."""
    project, kept, outside = tmp_path / "project", tmp_path / "project" / ".venv", tmp_path / "elsewhere"
    for folder in (kept, outside):
        folder.mkdir(parents=True)
    probe = f"""
import errno, subprocess, sys
from tools.snippet_runner import readonly
assert readonly.enter({str(project)!r}, [{str(kept)!r}]) is None
try:
    open({str(project / "x.txt")!r}, "w")
except OSError as exc:
    assert exc.errno == errno.EROFS, exc
else:
    sys.exit("a write into the project went through")
assert subprocess.run(["touch", {str(project / "y.txt")!r}], capture_output=True).returncode != 0
open({str(kept / "ok.txt")!r}, "w").write("x")
open({str(outside / "ok.txt")!r}, "w").write("x")
"""
    proc = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in project.iterdir()) == [".venv"]
    assert (kept / "ok.txt").exists() and (outside / "ok.txt").exists()


def test_a_version_named_in_prose_is_the_one_the_snippets_ran_with(tmp_path):
    """{{ version transformers }} in prose becomes the version the page's snippets recorded (the
    badge's source), not a number typed by hand; a library no snippet used, two versions on one
    page, or an unknown name fail the build with the page and line."""
    folder = tmp_path / "snippets" / "day57"
    folder.mkdir(parents=True)
    for name in ("a.py", "b.py", "c.py"):
        (folder / name).write_text("print(1)\n", encoding="utf-8")
    (folder / hook.RECORD_NAME).write_text(
        hook.format_record(
            {
                "a.py": {"python": "3.11", "torch": "9.9.9", "transformers": "8.8.8"},
                "b.py": {"python": "3.11", "torch": "9.9.9"},
                "c.py": {"python": "3.11", "torch": "9.9.8"},
            }
        ),
        encoding="utf-8",
    )
    page = '{{ version transformers }} 기준이다.\n\n```python\n--8<-- "day57/a.py"\n```\n\n!!! note\n    ({{version torch}})\n'
    out = _hooked(tmp_path, page)
    assert out.startswith("transformers 8.8.8 기준이다.\n") and "    (torch 9.9.9)\n" in out
    fenced = '```python\n# {{ version torch }}\n--8<-- "day57/b.py"\n```\n'
    assert "# {{ version torch }}" in _hooked(tmp_path, fenced)  # code is not prose: left alone
    with pytest.raises(PluginError, match=r"day57\.md:1: .*no snippet on this page ran with torchvision"):
        _hooked(tmp_path, '{{ version torchvision }}\n\n```python\n--8<-- "day57/a.py"\n```\n')
    with pytest.raises(PluginError, match=r"day57\.md:1: .*ran with torch 9\.9\.8 and 9\.9\.9; run `make update`"):
        _hooked(tmp_path, '{{ version torch }}\n\n```python\n--8<-- "day57/b.py"\n--8<-- "day57/c.py"\n```\n')
    with pytest.raises(PluginError, match=r"day57\.md:1: \{\{ version numpy \}\} names no recorded library"):
        _hooked(tmp_path, '{{ version numpy }}\n\n```python\n--8<-- "day57/a.py"\n```\n')
