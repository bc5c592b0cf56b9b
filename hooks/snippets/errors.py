"""A missing snippet is one clear line naming the page, the path and the fix.

pymdownx.snippets (``check_paths: true``) raises ``SnippetMissingError`` for an embed like
``--8<-- "day13/no_such.py"`` whose file is not under ``snippets/``; MkDocs then prints a
full Python traceback. This hook wraps the snippet preprocessor of every page's Markdown
instance and turns that error into a ``PluginError``, which MkDocs prints as one line:

    docs/day13/day13.md: --8<-- names a snippet that does not exist: Snippet at path
    'day13/no_such.py' could not be found. Snippet paths are relative to snippets/ ...
"""

from __future__ import annotations

from markdown import Extension
from mkdocs.exceptions import PluginError
from pymdownx.snippets import SnippetMissingError


class SnippetErrors:
    """The page being converted and the snippet base paths, for the one-line message."""

    def __init__(self) -> None:
        self.page = None
        self.base = "snippets"

    def install(self, config) -> None:
        """From ``on_config``: the Markdown extension that wraps pymdownx.snippets."""
        base = config.mdx_configs.get("pymdownx.snippets", {}).get("base_path") or ["."]
        self.base = ", ".join([base] if isinstance(base, str) else base)
        if not any(isinstance(e, _FriendlySnippetErrors) for e in config.markdown_extensions):
            config.markdown_extensions.append(_FriendlySnippetErrors(self))

    def message(self, exc: Exception) -> str:
        where = f"docs/{self.page.file.src_uri}" if self.page is not None else "a page"
        return (
            f"{where}: --8<-- names a snippet that does not exist: {exc}. Snippet paths are "
            f'relative to {self.base}/ (`--8<-- "day13/example_01.py"` is snippets/day13/example_01.py): '
            "create the file or fix the path"
        )


class _FriendlySnippetErrors(Extension):
    def __init__(self, owner: SnippetErrors):
        super().__init__()
        self.owner = owner

    def extendMarkdown(self, md):
        if "snippet" not in md.preprocessors:
            raise PluginError("hooks/snippets/errors.py needs pymdownx.snippets in mkdocs.yml (after it)")
        preprocessor = md.preprocessors["snippet"]
        original = preprocessor.run

        def run(lines):
            try:
                return original(lines)
            except SnippetMissingError as exc:
                raise PluginError(self.owner.message(exc)) from None

        preprocessor.run = run
