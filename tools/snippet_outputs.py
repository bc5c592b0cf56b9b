"""Run snippet files and keep the ``#>`` output lines under each ``print`` true, together with
the record of the library versions they were verified with.

The convention (borrowed from pydantic's docs): every ``print(...)`` in a file under
``snippets/`` is followed by what it printed, one ``#> `` line per output line::

    print(x.shape)
    #> torch.Size([3, 4])

Output of a print inside a loop collects under that one print; the lines go under the last
line of the print statement, with its indentation. A reader who runs the file by itself
(``python snippets/day12/x.py``) sees exactly these lines: every snippet runs in its own
process with a fresh random state (``tools/snippet_runner/``: isolated, offline, under a
time limit, several at once), so output that depends on an unseeded generator cannot pass.

- ``render(path, run)``: the file text with every old ``#>`` line removed and the fresh ones
  inserted; output that belongs to one machine or one run (``tools/machine_specific.py``:
  addresses, absolute paths, timings) is an error, never a stored line;
- ``check(path)`` (the tests): AssertionError with a diff when the ``#>`` lines are stale or
  the version record (``hooks/snippets/versions.py``: ``snippets/dayNN/versions.json``) does not
  match the versions this environment ran the snippet with (upgrading torch forces a re-run);
- ``update(path)``: rewrites both; True when anything changed;
- ``outcomes(paths, update=...)``: the same for many files at once, in parallel, as they finish
  (``tools/cli.py`` prints one line per file and a summary of every failure);
- ``python -m tools.snippet_outputs [--check|--update] [FILE ...]`` (``make update FILE=...``).
  A FILE may be outside this repository (a project copy): it belongs to the ``snippets/``
  folder that holds it, and its record is written next to it.

Loud on purpose: a snippet that raises, times out, touches the network, writes into the
project, or writes to stdout other than through ``print`` is an error naming ``file:line``.
"""

from __future__ import annotations

import ast
import difflib
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from hooks.snippets import versions as record
from tools import ROOT, cli, machine_specific
from tools.snippet_runner import Run, SnippetError, display, imported_roots, run_many, run_one

SNIPPETS = ROOT / "snippets"
OUTPUT_PREFIX = "#>"

__all__ = ["SnippetError", "check", "files", "main", "outcomes", "render", "run", "snippet_files", "update"]


def snippet_files() -> list[Path]:
    """Every runnable snippet, in a stable order."""
    return sorted(p for p in SNIPPETS.rglob("*.py") if "__pycache__" not in p.parts)


def tracked(path: Path) -> list[str]:
    """The libraries whose versions the record keeps for ``path``: the ``TRACKED`` ones it
    imports; torchvision and transformers run on torch, so torch comes with them."""
    roots = set(imported_roots(path))
    names = [lib for lib in record.TRACKED if lib in roots]
    if names and "torch" not in names:
        names.insert(0, "torch")
    return names


def run(path: Path, *, confirm: bool = True) -> Run:
    """Run one snippet (its own process; see ``tools/snippet_runner/``)."""
    return run_one(path, track=tracked, confirm=confirm)


def statement_end_lines(source: str) -> dict[int, tuple[int, str]]:
    """Map every line of a simple statement to (last line, indentation) of that statement."""
    tree = ast.parse(source)
    lines = source.splitlines()
    spans: dict[int, tuple[int, str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.stmt) and not isinstance(
            node,
            (
                ast.FunctionDef,
                ast.AsyncFunctionDef,
                ast.ClassDef,
                ast.If,
                ast.For,
                ast.AsyncFor,
                ast.While,
                ast.With,
                ast.AsyncWith,
                ast.Try,
                ast.Match,
            ),
        ):
            first = lines[node.lineno - 1]
            indent = first[: len(first) - len(first.lstrip())]
            for n in range(node.lineno, node.end_lineno + 1):
                # innermost statement wins (ast.walk is breadth-first: later = deeper)
                spans[n] = (node.end_lineno, indent)
    return spans


def render(path: Path, result: Run) -> str:
    """The file's text with the fresh ``#>`` lines of ``result`` (a run of that text)."""
    path = Path(path)
    if result.error is not None:
        raise result.error
    # Line numbers in the recorded output refer to the file as it is on disk, so map them
    # through the statement table of the on-disk text, then drop the old output lines.
    on_disk = path.read_text(encoding="utf-8")
    spans = statement_end_lines(on_disk)
    placed: dict[int, list[str]] = {}
    for line, out in sorted(result.outputs.items()):
        if line not in spans:
            raise SnippetError(f"{display(path)}:{line}: cannot find the statement that printed")
        found = machine_specific.find("\n".join(out))
        if found:
            raise SnippetError(
                f"{display(path)}:{line}: prints machine-specific output {found!r} (an address, a path of "
                "this machine or a timing; see tools/machine_specific.py): print something every "
                "reader sees the same, e.g. type(x).__name__, a relative path, a rounded count"
            )
        end, indent = spans[line]
        text = [f"{indent}{OUTPUT_PREFIX} {o}".rstrip() if o else f"{indent}{OUTPUT_PREFIX}" for o in out]
        placed.setdefault(end, []).extend(text)
    lines = []
    for number, line in enumerate(on_disk.splitlines(), start=1):
        if line.lstrip().startswith(OUTPUT_PREFIX):
            continue
        lines.append(line)
        lines.extend(placed.get(number, []))
    return "\n".join(lines) + "\n"


def _versions(result: Run, text: str) -> dict[str, str]:
    """The record entry: the versions the run used and the digest of the code it ran (``text``)."""
    kept = {k: v for k, v in result.versions.items() if k == "python" or k in record.TRACKED}
    return {**kept, record.CODE_KEY: record.code_digest(text)}


def _stale(path: Path, result: Run) -> list[str]:
    """What is out of date in the file and its record (empty when both are true)."""
    path = Path(path)
    name = display(path)
    problems = []
    current = path.read_text(encoding="utf-8")
    fresh = render(path, result)
    if fresh != current:
        problems.append(
            "".join(
                difflib.unified_diff(
                    current.splitlines(keepends=True),
                    fresh.splitlines(keepends=True),
                    f"{name} (committed)",
                    f"{name} (fresh run)",
                )
            )
        )
        if result.unseeded:
            problems.append(
                f"note: {name} draws from a random generator it does not seed "
                f"({', '.join(result.unseeded)}); if the numbers differ, seed it "
                "(e.g. `torch.manual_seed(0)`) so every run prints the same"
            )
    stored = _record_of(path).get(path.name)
    wanted = _versions(result, current)
    if stored != wanted:
        code = record.CODE_KEY
        stored_versions = {k: v for k, v in (stored or {}).items() if k != code}
        wanted_versions = {k: v for k, v in wanted.items() if k != code}
        if stored and stored_versions == wanted_versions:
            problems.append(f"{display(record.record_file(path))}: {path.name} changed since `make update` last ran it")
        else:
            problems.append(
                f"{display(record.record_file(path))}: {path.name} was verified with {stored_versions or None}, "
                f"this environment runs it with {wanted_versions}"
            )
    return problems


def _record_of(path: Path) -> dict[str, dict[str, str]]:
    try:
        return record.read_record(record.record_file(path))
    except record.RecordError as exc:
        raise SnippetError(str(exc)) from None


def check(path: Path, result: Run | None = None) -> None:
    """Raise AssertionError with a diff when the ``#>`` lines or the version record are stale
    (``result``: a run of the file, e.g. from a parallel batch; default: run it now)."""
    path = Path(path)
    result = result if result is not None else run(path, confirm=False)
    problems = _stale(path, result)
    if problems:
        raise AssertionError(f"stale #> output or version record; run `make update FILE={display(path)}`\n" + "\n".join(problems))


def update(path: Path, result: Run | None = None) -> bool:
    """Rewrite the file's ``#>`` lines and its version record; True when anything changed."""
    path = Path(path)
    result = result if result is not None else run(path)
    fresh = render(path, result)
    changed = False
    if fresh != path.read_text(encoding="utf-8"):
        path.write_text(fresh, encoding="utf-8")
        changed = True
    rec_path = record.record_file(path)
    entries = _record_of(path)
    entries[path.name] = _versions(result, fresh)
    # entries of snippets that are gone go too
    entries = {n: v for n, v in entries.items() if (path.parent / n).is_file()}
    text = record.format_record(entries)
    if not rec_path.exists() or rec_path.read_text(encoding="utf-8") != text:
        rec_path.write_text(text, encoding="utf-8")
        changed = True
    return changed


def outcomes(paths: Iterable[Path], *, update: bool) -> Iterator[tuple[Path, float, object]]:
    """tools/cli.py's parallel protocol: (path, seconds, True/False changed | None ok |
    the exception) for every file, as the runs finish."""
    do = globals()["update"] if update else check
    for result in run_many(paths, track=tracked, confirm=update):
        start = time.perf_counter()
        try:
            outcome = do(result.path, result)
        except Exception as exc:
            outcome = exc
        yield result.path, result.seconds + time.perf_counter() - start, outcome


def files() -> list[Path]:
    """tools/cli.py contract: every snippet."""
    return snippet_files()


def main(argv: list[str] | None = None) -> int:
    return cli.main(argv, sys.modules[__name__])


if __name__ == "__main__":
    sys.exit(main())
