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

_state: dict = {"page": None, "base": "snippets"}


class _FriendlySnippetErrors(Extension):
    def extendMarkdown(self, md):
        if "snippet" not in md.preprocessors:
            raise PluginError("hooks/snippet_errors.py needs pymdownx.snippets in mkdocs.yml (after it)")
        preprocessor = md.preprocessors["snippet"]
        original = preprocessor.run

        def run(lines):
            try:
                return original(lines)
            except SnippetMissingError as exc:
                page = _state["page"]
                where = f"docs/{page.file.src_uri}" if page is not None else "a page"
                raise PluginError(
                    f"{where}: --8<-- names a snippet that does not exist: {exc}. Snippet paths are "
                    f'relative to {_state["base"]}/ (`--8<-- "day13/example_01.py"` is snippets/day13/example_01.py): '
                    "create the file or fix the path"
                ) from None

        preprocessor.run = run


def on_config(config):
    base = config.mdx_configs.get("pymdownx.snippets", {}).get("base_path") or ["."]
    _state["base"] = ", ".join([base] if isinstance(base, str) else base)
    if not any(isinstance(e, _FriendlySnippetErrors) for e in config.markdown_extensions):
        config.markdown_extensions.append(_FriendlySnippetErrors())
    return config


def on_page_markdown(markdown, page, config, files):
    _state["page"] = page
    return markdown
