"""Korean search, the MkDocs hook: wires ``korean_search`` (the pure part, next to this
file) into Material's search plugin. What goes into the index and why is explained there.

- ``on_config``: owns the search separator and the hidden fields (a value set elsewhere in
  mkdocs.yml fails the build), loads the glossary (a malformed one fails the build, naming
  the file and the group);
- ``on_page_context``: remembers each heading's enclosing heading (the ``context`` field);
- ``on_post_build``: rewrites ``search/search_index.json`` with ``process_docs``.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from korean_search import FIELDS, GLOSSARY_FILE, SEPARATOR, Glossary, SearchDataError, process_docs

_state: dict = {}


def _search_plugin(config):
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None:
            return plugin
    raise PluginError("search_ko hook: Material's 'search' plugin is not enabled in mkdocs.yml")


def load_glossary(path: Path = GLOSSARY_FILE) -> Glossary:
    """The glossary, or a build error that names the file, the place and the fix."""
    where = f"hooks/{path.name}"
    try:
        return Glossary.load(path)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark else ""
        raise PluginError(f"{where}{line}: not valid YAML ({getattr(exc, 'problem', exc)}); "
                          "each line is one group: `- [버퍼, buffer]`") from None
    except UnicodeDecodeError as exc:
        raise PluginError(f"{where}: not UTF-8 text ({exc.reason} at byte {exc.start}); "
                          "save it as UTF-8") from None
    except SearchDataError as exc:
        raise PluginError(f"{where}: {exc}") from None


@event_priority(100)  # before the search plugin copies its config into its index
def on_config(config):
    plugin = _search_plugin(config)
    _state.clear()
    if not plugin.config.enabled:  # search switched off on purpose: nothing to do
        return config
    if plugin.config.separator not in (None, SEPARATOR):
        raise PluginError("search_ko hook owns the search separator: remove "
                          "'separator:' from the search plugin in mkdocs.yml")
    for name in FIELDS:
        if name in plugin.config.fields:
            raise PluginError(f"search_ko hook owns the search field {name!r}: remove it from mkdocs.yml")
    plugin.config.separator = SEPARATOR
    plugin.config.fields = {**plugin.config.fields, **{k: dict(v) for k, v in FIELDS.items()}}
    _state["glossary"] = load_glossary()
    _state["context"] = {}
    return config


def on_page_context(context, page, config, nav):
    """Remember the enclosing heading of every heading (from the page's toc)."""
    if "glossary" not in _state:
        return context

    def walk(items, parent):
        for item in items:
            if parent:
                _state["context"][page.url + item.url] = parent
            walk(item.children, item.title if item.level > 1 else None)

    walk(page.toc.items, None)
    return context


@event_priority(-100)  # after the search plugin wrote search_index.json
def on_post_build(config):
    if "glossary" not in _state:
        return
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.exists():
        raise PluginError(f"search_ko hook: {path} was not written by the search plugin")
    data = json.loads(path.read_text(encoding="utf-8"))
    if set(data) != {"config", "docs"} or data["config"].get("separator") != SEPARATOR:
        raise PluginError(f"search_ko hook: unexpected search index layout in {path}")
    for name in FIELDS:
        if name not in data["config"]["fields"]:
            raise PluginError(f"search_ko hook: field {name!r} missing from the index config")
    try:
        data["docs"] = process_docs(data["docs"], _state["glossary"], _state["context"])
    except SearchDataError as exc:
        raise PluginError(f"search_ko hook: {exc} (Material changed its index format?)") from None
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
