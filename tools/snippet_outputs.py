"""Run snippet files and keep the ``#>`` output lines under each ``print`` true.

The convention (borrowed from pydantic's docs): every ``print(...)`` in a file under
``snippets/`` is followed by what it printed, one ``#> `` line per output line::

    print(x.shape)
    #> torch.Size([3, 4])

``render(path)`` runs the file in this process (fresh globals, ``__name__ == "__main__"``,
seeded RNGs, default print options) with ``print`` patched so that each call's text is
recorded against the line of the ``print`` statement in that file. It then returns the file
text with every old ``#>`` line removed and the fresh ones inserted under the statement that
printed them (output of a print inside a loop collects under that one print).

``check`` is what the tests call (stale output -> AssertionError with a diff); ``update``
rewrites the files; ``python -m tools.snippet_outputs [--check|--update] [files...]`` does
either (the contract of ``tools/cli.py``).

Loud on purpose: a snippet that raises, or that writes to stdout other than through
``print`` (where its output could not be placed), is an error, never a silent pass.
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import difflib
import io
import os
import random
import runpy
import sys
import warnings
from pathlib import Path

from tools import cli

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets"
OUTPUT_PREFIX = "#>"


class SnippetError(RuntimeError):
    """A snippet could not be run or its output could not be placed."""


def snippet_files() -> list[Path]:
    """Every runnable snippet, in a stable order."""
    return sorted(p for p in SNIPPETS.rglob("*.py") if "__pycache__" not in p.parts)


def _reset_state() -> None:
    """Same starting point for every snippet: seeded RNGs, default print options, and the
    global torch switches a snippet might flip (grad mode, default device/dtype)."""
    random.seed(0)
    try:
        import numpy as np

        np.random.seed(0)
        np.set_printoptions()
    except ImportError:  # pragma: no cover - numpy comes with torch
        pass
    try:
        import torch
    except ImportError:
        return
    torch.manual_seed(0)
    torch.set_printoptions(profile="default")
    torch.set_default_dtype(torch.float32)
    torch.set_default_device(None)
    torch.set_grad_enabled(True)
    torch.use_deterministic_algorithms(False)


def _statement_end_lines(source: str) -> dict[int, tuple[int, str]]:
    """Map every line of a simple statement to (last line, indentation) of that statement."""
    tree = ast.parse(source)
    lines = source.splitlines()
    spans: dict[int, tuple[int, str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.stmt) and not isinstance(
            node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.If, ast.For,
                   ast.AsyncFor, ast.While, ast.With, ast.AsyncWith, ast.Try, ast.Match)
        ):
            first = lines[node.lineno - 1]
            indent = first[: len(first) - len(first.lstrip())]
            for n in range(node.lineno, node.end_lineno + 1):
                # innermost statement wins (ast.walk is breadth-first: later = deeper)
                spans[n] = (node.end_lineno, indent)
    return spans


def run(path: Path) -> dict[int, list[str]]:
    """Run ``path``; return {print statement line: [output lines]}."""
    path = Path(path).resolve()
    filename = str(path)
    outputs: dict[int, list[str]] = {}
    real_print = builtins.print
    stray = io.StringIO()

    def recording_print(*args, sep=" ", end="\n", file=None, flush=False):
        if file is not None and file not in (sys.stdout, stray):
            return real_print(*args, sep=sep, end=end, file=file, flush=flush)
        frame = sys._getframe(1)
        while frame is not None and frame.f_code.co_filename != filename:
            frame = frame.f_back
        if frame is None:
            raise SnippetError(f"{path.name}: print() called from outside the snippet file")
        buf = io.StringIO()
        real_print(*args, sep=sep, end=end, file=buf)
        outputs.setdefault(frame.f_lineno, []).append(buf.getvalue())

    _reset_state()
    old_cwd = os.getcwd()
    builtins.print = recording_print
    try:
        os.chdir(path.parent)
        # warnings filters a snippet sets (e.g. to record a deprecation) end with it
        with contextlib.redirect_stdout(stray), warnings.catch_warnings():
            runpy.run_path(filename, run_name="__main__")
    except SnippetError:
        raise
    except BaseException as exc:  # SystemExit included: a snippet must run to the end
        raise SnippetError(f"{path.relative_to(ROOT)} failed: {type(exc).__name__}: {exc}") from exc
    finally:
        builtins.print = real_print
        os.chdir(old_cwd)
    if stray.getvalue():
        raise SnippetError(
            f"{path.relative_to(ROOT)} wrote to stdout outside print(); its output cannot be "
            f"shown under a line: {stray.getvalue()[:200]!r}"
        )
    return {line: "".join(chunks).splitlines() for line, chunks in outputs.items()}


def render(path: Path) -> str:
    """The file's text with fresh ``#>`` lines."""
    path = Path(path)
    # Line numbers in the recorded output refer to the file as it is on disk, so map them
    # through the statement table of the on-disk text, then drop the old output lines.
    on_disk = path.read_text(encoding="utf-8")
    outputs = run(path)
    spans = _statement_end_lines(on_disk)
    placed: dict[int, list[str]] = {}
    for line, out in sorted(outputs.items()):
        if line not in spans:
            raise SnippetError(f"{path.name}:{line}: cannot find the statement that printed")
        end, indent = spans[line]
        text = [f"{indent}{OUTPUT_PREFIX} {o}".rstrip() if o else f"{indent}{OUTPUT_PREFIX}" for o in out]
        placed.setdefault(end, []).extend(text)
    result = []
    for number, line in enumerate(on_disk.splitlines(), start=1):
        if line.lstrip().startswith(OUTPUT_PREFIX):
            continue
        result.append(line)
        result.extend(placed.get(number, []))
    return "\n".join(result) + "\n"


def check(path: Path) -> None:
    """Raise AssertionError with a diff when the shown output is stale."""
    path = Path(path)
    current = path.read_text(encoding="utf-8")
    fresh = render(path)
    if fresh != current:
        diff = "".join(
            difflib.unified_diff(
                current.splitlines(keepends=True), fresh.splitlines(keepends=True),
                f"{path.relative_to(ROOT)} (committed)", f"{path.relative_to(ROOT)} (fresh run)",
            )
        )
        raise AssertionError(f"stale #> output; run `make update`\n{diff}")


def update(path: Path) -> bool:
    """Rewrite the file's ``#>`` lines; return True when it changed."""
    path = Path(path)
    fresh = render(path)
    if fresh != path.read_text(encoding="utf-8"):
        path.write_text(fresh, encoding="utf-8")
        return True
    return False


def files() -> list[Path]:
    """tools/cli.py contract: every snippet."""
    return snippet_files()


def main(argv: list[str] | None = None) -> int:
    return cli.main(argv, sys.modules[__name__])


if __name__ == "__main__":
    sys.exit(main())
