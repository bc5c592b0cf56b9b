"""Snippet files are UTF-8 text (one concern: a clear error for a file pymdownx cannot read).

pymdownx.snippets reads ``--8<--`` files as UTF-8 while it converts a page, so a snippet with
invalid bytes fails deep inside Markdown with a traceback that names the page, not the file.
Before any page is read (``on_files``) this hook decodes every note and every snippet
(``*.py``) under the snippet base paths (``pymdownx.snippets: base_path`` in mkdocs.yml;
``__pycache__`` and dot-directories skipped; other files there are data a snippet reads, such
as a ``.pt`` file, not text a page shows) and fails the build with one ``PluginError``
naming each bad file, the byte offset and line, and the fix.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError


def _base_paths(config) -> list[Path]:
    options = config.mdx_configs.get("pymdownx.snippets")
    if options is None:
        return []
    root = Path(config.config_file_path).resolve().parent
    bases = options.get("base_path", ["."])
    return [root / b for b in ([bases] if isinstance(bases, str) else bases)]


def encoding_problems(base: Path, root: Path) -> list[str]:
    """One line per snippet (``*.py``) under ``base`` that is not UTF-8 text."""
    problems = []
    for path in sorted(p for p in base.rglob("*.py") if p.is_file()):
        rel = path.relative_to(base).parts
        if any(part == "__pycache__" or part.startswith(".") for part in rel):
            continue
        problem = _problem(path, path.relative_to(root).as_posix())
        if problem:
            problems.append(problem)
    return problems


def _shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def _problem(path: Path, shown: str) -> str | None:
    data = path.read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return f"  {shown}: not UTF-8 ({exc.reason} at byte {exc.start}, line {line}): save it as UTF-8"
    return None


def check(config, files) -> None:
    """From ``on_files``: before any page is read. The notes themselves too (a note saved as
    cp949/EUC-KR would otherwise be a UnicodeDecodeError traceback from the first hook that
    reads its front matter, naming no file)."""
    root = Path(config.config_file_path).resolve().parent
    notes = [
        p
        for f in files.documentation_pages()
        if (p := _problem(Path(f.abs_src_path), _shown(Path(f.abs_src_path), root))) is not None
    ]
    if notes:
        raise PluginError("pages: these notes are not UTF-8 text:\n" + "\n".join(notes))
    problems = [p for base in _base_paths(config) if base.is_dir() for p in encoding_problems(base, root)]
    if problems:
        raise PluginError(
            "snippets: pages embed these snippet files as UTF-8 text "
            "(pymdownx.snippets), but they are not:\n" + "\n".join(problems)
        )
