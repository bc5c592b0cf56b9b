"""Korean search, the MkDocs hook: wires ``korean_search`` (the pure part, next to this
file) into Material's search plugin. What goes into the index and why is explained there.

- ``on_config``: owns the search separator and the hidden fields (a value set elsewhere in
  mkdocs.yml fails the build), loads the glossary (a malformed one fails the build, naming
  the file and the group), finds the search worker (``WORKER`` in the theme's custom_dir);
- ``on_page_context``: remembers each heading's enclosing heading (the ``context`` field)
  and hands the page's index entries, as the search plugin has just made them, to a
  second process (``ENRICH_PROCESSES``), which enriches them while the build goes on with
  the next pages: on a 2-core machine the enrichment (~0.5 ms per entry, 3 s of a 100-note
  build) leaves the build's critical path;
- ``on_post_page`` / ``on_post_template``: point Material's ``__config.search`` (the worker
  URL) at ``WORKER``, which runs Material's own worker in two stages;
- ``on_post_build``: rewrites ``search/search_index.json`` with the enriched entries
  (``process_docs``; the second process's, when the index the search plugin wrote is
  exactly the entries it was handed, else enriched here) and splits it:
  ``search_index.json`` keeps every entry with its title and keywords only (what Material
  downloads before the first result; ``config.first_fields``), ``search/search_text.json``
  has the text and the other hidden fields that the worker fetches on the first keystroke
  (``config.text_url``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from korean_search import (
    FIELDS,
    FIRST_FIELDS,
    GLOSSARY_FILE,
    SEPARATOR,
    Glossary,
    SearchDataError,
    process_docs,
    process_page,
    split_index,
    start_pool_worker,
)

WORKER = "assets/javascripts/workers/search-ko.js"
TEXT_FILE = "search/search_text.json"
# Material's worker URL in the __config JSON of base.html, e.g. "../../assets/javascripts/workers/search.a7633da7.min.js"
MATERIAL_WORKER = re.compile(r'("search": ")([^"]*)assets/javascripts/workers/(search\.[0-9a-f]+\.min\.js)"')

ENRICH_PROCESSES = 1   # one: the build itself keeps the other core busy
log = logging.getLogger(f"mkdocs.hooks.{__name__}")

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


def _worker_version(config) -> str:
    """Short content hash of ``WORKER`` from the theme directories (custom_dir first)."""
    for directory in getattr(config.theme, "dirs", []):
        path = Path(directory) / WORKER
        if path.is_file():
            return hashlib.sha256(path.read_bytes()).hexdigest()[:8]
    raise PluginError(f"search_ko hook: {WORKER} is missing from the theme's custom_dir "
                      "(overrides/); it is the search worker this hook points Material to")


@event_priority(100)  # before the search plugin copies its config into its index
def on_config(config):
    plugin = _search_plugin(config)
    _close_pool()  # mkdocs serve: the previous build's, if it failed
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
    _state["worker"] = _worker_version(config)
    _state["sent"], _state["batches"] = 0, []
    hooks_dir = str(Path(__file__).resolve().parent)
    if hooks_dir not in sys.path:  # the pool's processes import korean_search from here
        sys.path.append(hooks_dir)
    try:
        _state["pool"] = ProcessPoolExecutor(ENRICH_PROCESSES, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=start_pool_worker, initargs=(str(GLOSSARY_FILE),))
    except (OSError, NotImplementedError) as exc:  # no processes here: on_post_build enriches in-process
        log.info(f"search_ko hook: no second process ({exc}); enriching in the build's process")
    return config


def _close_pool() -> None:
    pool = _state.pop("pool", None)
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


def on_build_error(error):
    _close_pool()


def on_shutdown():
    _close_pool()


@event_priority(-100)  # after the search plugin added the page's entries
def on_page_context(context, page, config, nav):
    """Remember the enclosing heading of every heading (from the page's toc); send the
    page's new index entries to the second process."""
    if "glossary" not in _state:
        return context

    def walk(items, parent):
        for item in items:
            if parent:
                _state["context"][page.url + item.url] = parent
            walk(item.children, item.title if item.level > 1 else None)

    walk(page.toc.items, None)
    if "pool" not in _state:  # no second process (any more): on_post_build enriches everything
        return context
    entries = _search_plugin(config).search_index.entries
    new = [dict(entry) for entry in entries[_state["sent"]:]]  # copies: compared in on_post_build
    _state["sent"] = len(entries)
    if new:
        where = {e["location"]: _state["context"][e["location"]] for e in new if e["location"] in _state["context"]}
        try:
            _state["batches"].append((new, _state["pool"].submit(process_page, new, where)))
        except (BrokenProcessPool, RuntimeError) as exc:  # the batches stay short: on_post_build enriches in-process
            log.info(f"search_ko hook: the enrichment process failed ({exc}); enriching in the build's process")
            _close_pool()
    return context


def point_to_worker(html: str, where: str, version: str) -> str:
    """``html`` with Material's worker URL in ``__config`` replaced by ``WORKER``; the
    Material worker's file name goes along as ``?worker=`` (the worker imports it)."""
    html, n = MATERIAL_WORKER.subn(
        lambda m: f'{m.group(1)}{m.group(2)}{WORKER}?v={version}&worker={m.group(3)}"', html)
    if n != 1:
        raise PluginError(f"search_ko hook: {where}: expected Material's search worker URL once in "
                          f"__config, found it {n} times (Material changed base.html?)")
    return html


def on_post_page(output, page, config):
    if "worker" not in _state:
        return output
    return point_to_worker(output, page.file.src_uri, _state["worker"])


def on_post_template(output_content, template_name, config):
    if "worker" not in _state or '<script id="__config"' not in output_content:
        return output_content  # e.g. sitemap.xml
    return point_to_worker(output_content, template_name, _state["worker"])


def _write_json(path: Path, data) -> bytes:
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    path.write_bytes(raw)
    return raw


def _enriched(docs: list[dict]) -> list[dict]:
    """``process_docs(docs)``: the second process's work when ``docs`` are exactly the
    entries it was handed (in order), else (a dirty rebuild of ``mkdocs serve``, a plugin
    that changed the index after the pages) done here."""
    batches = _state["batches"]
    if [doc for sent, _ in batches for doc in sent] == docs:
        try:
            return [doc for _, future in batches for doc in future.result()]
        except BrokenProcessPool as exc:
            log.info(f"search_ko hook: the enrichment process failed ({exc}); enriching here")
    else:
        log.debug("search_ko hook: the index is not the entries of the pages; enriching here")
    return process_docs(docs, _state["glossary"], _state["context"])


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
        first, rest = split_index(_enriched(data["docs"]))
    except SearchDataError as exc:
        raise PluginError(f"search_ko hook: {exc} (Material changed its index format?)") from None
    finally:
        _close_pool()
    text = _write_json(Path(config.site_dir) / TEXT_FILE, rest)
    # the content hash in the URL: a page never pairs a cached old text with a new index
    data["config"]["text_url"] = f"{TEXT_FILE}?v={hashlib.sha256(text).hexdigest()[:8]}"
    data["config"]["first_fields"] = list(FIRST_FIELDS)
    data["docs"] = first
    _write_json(path, data)
