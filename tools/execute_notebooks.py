"""Execute the practice notebooks and keep their stored outputs true.

Every ``docs/**/*.ipynb`` is a page of the site (rendered by mkdocs-jupyter from its *stored*
outputs: the build never executes anything, so serving needs no torch). This module is the
one place that runs them:

- ``execute(path)`` runs a notebook top to bottom in a fresh ``python3`` kernel of *this*
  interpreter (the test venv) with nbclient and returns it in canonical form;
- ``check(path)`` compares the stored notebook with a fresh run and raises ``NotebookStale``
  with a readable diff: first the text outputs cell by cell, then the file bytes;
- ``update(path)`` (``make update`` / ``python -m tools.execute_notebooks --update``) rewrites a
  notebook whose canonical fresh form differs from the file (the contract of ``tools/cli.py``).

Output rule (one rule, applied when storing and when comparing):

- Only text is kept: ``stream`` stdout, and the ``text/plain`` of ``execute_result`` and
  ``display_data``. Any other output type is an error, and so is anything on **stderr**
  (warnings, default tqdm bars): a notebook that wants a progress bar writes it to stdout
  with a fixed ``bar_format`` (no timings) and ``mininterval=0``.
- Consecutive stdout chunks of a cell are joined into one output, and each line is stored as
  a terminal shows it: text before a carriage return (``\\r``) is dropped, so a tqdm bar is
  stored as its final state.
- An error in a cell is an error (``allow_errors=False``).

Canonical form (so the JSON is byte-stable across runs and git diffs stay quiet): cell ids
``<notebook stem>-NN``, execution counts 1..n in cell order, no cell metadata except
``tags``, notebook metadata reduced to ``description`` (required: the page's meta
description, read by ``hooks/notebooks/``), the kernelspec and
``language_info.name``, no
timestamps, nbformat 4.5 written with nbformat's sorted keys and one-space indent.
"""

from __future__ import annotations

import copy
import difflib
import os
import sys
import tempfile
from pathlib import Path

import nbformat

from tools import ROOT, cli, machine_specific

DOCS = ROOT / "docs"
KERNEL_NAME = "python3"
TIMEOUT = 60  # seconds per cell
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": KERNEL_NAME}
KEPT_CELL_METADATA = ("tags",)
_PROBE = "import sys as _nb_sys\nprint(_nb_sys.executable)"


class NotebookError(RuntimeError):
    """A notebook could not be executed or produced output outside the rule."""


class NotebookStale(AssertionError):
    """The stored notebook differs from a fresh run."""


def notebook_files() -> list[Path]:
    """Every notebook page, in a stable order."""
    return sorted(p for p in DOCS.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


# ---------------------------------------------------------------------------------------------
# canonical form


def _terminal_text(text: str) -> str:
    """``text`` as a terminal shows it: within each line, keep what follows the last ``\\r``."""
    lines = text.split("\n")
    return "\n".join(line.rsplit("\r", 1)[-1] for line in lines)


def _check_text(text: str, where: str) -> str:
    """The one rule shared with the snippets: no addresses, machine paths or timings."""
    found = machine_specific.find(text)
    if found:
        raise NotebookError(f"{where}: machine-specific output {found!r} in {text[:200]!r} (see tools/machine_specific.py)")
    return text


def _canonical_outputs(outputs: list, where: str) -> list:
    result: list = []
    stdout: list[str] = []

    def flush():
        if stdout:
            result.append(
                nbformat.v4.new_output("stream", name="stdout", text=_check_text(_terminal_text("".join(stdout)), where))
            )
            stdout.clear()

    for out in outputs:
        kind = out.get("output_type")
        if kind == "stream":
            if out.get("name") != "stdout":
                raise NotebookError(
                    f"{where} wrote to {out.get('name')}: {''.join(out.get('text', ''))[:300]!r}\n"
                    "Notebooks may only print to stdout (see the output rule in tools/execute_notebooks.py)."
                )
            stdout.append(out["text"] if isinstance(out["text"], str) else "".join(out["text"]))
            continue
        flush()
        if kind in ("execute_result", "display_data"):
            data = out.get("data", {})
            if set(data) != {"text/plain"}:
                raise NotebookError(f"{where}: only text/plain outputs are allowed, got {sorted(data)}")
            text = data["text/plain"]
            text = _check_text(text if isinstance(text, str) else "".join(text), where)
            if kind == "execute_result":
                new = nbformat.v4.new_output(
                    "execute_result", data={"text/plain": text}, execution_count=out.get("execution_count")
                )
            else:
                new = nbformat.v4.new_output("display_data", data={"text/plain": text})
            result.append(new)
        elif kind == "error":
            raise NotebookError(f"{where} raised {out.get('ename')}: {out.get('evalue')}")
        else:
            raise NotebookError(f"{where}: unknown output type {kind!r}")
    flush()
    return result


def canonical(nb: nbformat.NotebookNode, stem: str) -> nbformat.NotebookNode:
    """A copy of ``nb`` in canonical form (see the module docstring)."""
    nb = copy.deepcopy(nb)
    nb.nbformat, nb.nbformat_minor = 4, 5
    description = nb.metadata.get("description")
    if not isinstance(description, str) or not description.strip():
        raise NotebookError(f"{stem}: notebook metadata needs a 'description' (the page's meta description)")
    nb.metadata = nbformat.from_dict(
        {
            "description": description.strip(),
            "kernelspec": dict(KERNELSPEC),
            "language_info": {"name": "python"},
        }
    )
    count = 0
    for i, cell in enumerate(nb.cells):
        cell.id = f"{stem.replace('_', '-')}-{i:02d}"
        cell.metadata = nbformat.from_dict({k: cell.metadata[k] for k in KEPT_CELL_METADATA if k in cell.metadata})
        if cell.cell_type == "code":
            count += 1
            cell.execution_count = count
            cell.outputs = _canonical_outputs(cell.get("outputs", []), f"{stem} cell {i}")
            for out in cell.outputs:
                if out.output_type == "execute_result":
                    out.execution_count = count
        else:
            cell.pop("outputs", None)
            cell.pop("execution_count", None)
    nbformat.validate(nb)
    return nb


def dumps(nb: nbformat.NotebookNode) -> str:
    """The exact file text of a canonical notebook."""
    return nbformat.writes(nb, version=4) + "\n"


# ---------------------------------------------------------------------------------------------
# execution


def execute(path: Path) -> nbformat.NotebookNode:
    """Run ``path`` from a clean kernel and return the canonical, freshly executed notebook."""
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    # One extra cell proves the kernel runs on this interpreter (the test venv), then goes.
    nb.cells.append(nbformat.v4.new_code_cell(_PROBE))
    with tempfile.TemporaryDirectory(prefix="nb-run-") as cwd:
        env = dict(os.environ, PYTHONHASHSEED="0")
        # IPC sockets in the temporary directory: no TCP ports, no "unencrypted TCP" warning.
        km = KernelManager(kernel_name=KERNEL_NAME, transport="ipc", ip=os.path.join(cwd, "kernel"))
        client = NotebookClient(
            nb,
            km=km,
            kernel_name=KERNEL_NAME,
            timeout=TIMEOUT,
            allow_errors=False,
            record_timing=False,
            resources={"metadata": {"path": cwd}},
        )
        try:
            client.execute(env=env)
        except CellExecutionError as exc:
            raise NotebookError(f"{path.relative_to(ROOT)} failed:\n{exc}") from None
        finally:
            if km.has_kernel:  # nbclient leaves a kernel it did not create running
                km.shutdown_kernel(now=True)
    probe = nb.cells.pop()
    printed = "".join(o.get("text", "") for o in probe.outputs).strip()
    if Path(printed).resolve() != Path(sys.executable).resolve():
        raise NotebookError(f"kernel ran {printed!r}, expected this interpreter {sys.executable!r}")
    return canonical(nb, path.stem)


def text_outputs(nb: nbformat.NotebookNode) -> list[str]:
    """One readable block per code cell: its source head and its text outputs."""
    blocks = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        head = cell.source.splitlines()[0] if cell.source else ""
        lines = [f"--- cell {i}: {head}"]
        for out in cell.get("outputs", []):
            if out.output_type == "stream":
                lines.append(f"[{out.name}]")
                lines += out.text.splitlines()
            else:
                lines.append(f"[{out.output_type}]")
                lines += out.data["text/plain"].splitlines()
        blocks.append("\n".join(lines))
    return blocks


def compare(stored: nbformat.NotebookNode, fresh: nbformat.NotebookNode, name: str) -> None:
    """Raise ``NotebookStale`` with a readable diff when ``stored`` differs from ``fresh``."""
    stem = Path(name).stem
    old = "\n".join(text_outputs(canonical(stored, stem))).splitlines()
    new = "\n".join(text_outputs(fresh)).splitlines()
    if old != new:
        diff = "\n".join(difflib.unified_diff(old, new, f"{name} (stored)", f"{name} (fresh run)", lineterm=""))
        raise NotebookStale(f"stale outputs in {name}; run `make update`:\n{diff}")
    if dumps(canonical(stored, stem)) != dumps(fresh):
        raise NotebookStale(f"{name}: sources or metadata are not in canonical form; run `make update`")


def check(path: Path, fresh: nbformat.NotebookNode | None = None) -> None:
    """Stored notebook == fresh run, and the file is byte-for-byte canonical."""
    path = Path(path)
    name = str(path.relative_to(ROOT))
    fresh = execute(path) if fresh is None else fresh
    stored = nbformat.read(path, as_version=4)
    compare(stored, fresh, name)
    text = path.read_text(encoding="utf-8")
    if text != dumps(fresh):
        diff = "\n".join(
            difflib.unified_diff(
                text.splitlines(), dumps(fresh).splitlines(), f"{name} (file)", f"{name} (canonical)", lineterm="", n=1
            )
        )
        raise NotebookStale(f"{name} is not written in canonical form; run `make update`:\n{diff}")


def update(path: Path) -> bool:
    """Re-execute ``path`` and rewrite it if anything changed; True when it was rewritten."""
    path = Path(path)
    text = dumps(execute(path))
    if path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def files() -> list[Path]:
    """tools/cli.py contract: every notebook page."""
    return notebook_files()


def main(argv: list[str] | None = None) -> int:
    return cli.main(argv, sys.modules[__name__])


if __name__ == "__main__":
    sys.exit(main())
