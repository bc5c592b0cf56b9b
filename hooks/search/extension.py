"""Korean search: wires ``engine`` (the pure part, next to this file) into Material's search
plugin. What goes into the index and why is explained there. ``Search`` holds one build's
state; ``hooks/events.py`` says when each handler runs:

- ``on_config``: owns the search separator and the hidden fields (a value set elsewhere in
  mkdocs.yml fails the build), loads the glossary (a malformed one fails the build, naming
  the file and the group), finds the search worker (``WORKER`` in the theme's custom_dir);
- ``on_pre_build``: gives the search plugin a ``ParallelSearchIndex``: Material's own
  index, but each page is split into sections (Material's HTML parser, ~0.13 s for a page
  like day12: 13 of a 100-note build's 35 s) and enriched in a second process
  (``ENRICH_PROCESSES``, ``pool.py``);
- ``on_page_content`` (last): sends the page there as soon as its HTML is final. MkDocs
  renders every page before the search plugin indexes any (``on_page_context``), so on a
  2-core machine the second process works while the build renders the other pages
  (100 notes: 35 -> 23 s). A page the build cache has (``hooks/cache``: the same pickled
  page, headings, index config, glossary and code) is not sent: both lists come from the
  cache, and a build that finds every page starts no second process. Without a second
  process Material's index stays, and
  ``on_page_context`` only remembers each heading's enclosing heading (the ``context``
  field; ``ParallelSearchIndex`` does it otherwise);
- ``on_post_page`` / ``on_post_template``: point Material's ``__config.search`` (the worker
  URL) at ``WORKER``, which runs Material's own worker in two stages;
- ``on_post_build``: rewrites ``search/search_index.json`` with the enriched entries
  (``process_docs``; the second process's, when the index the search plugin wrote is
  exactly the entries that process made, else enriched here) and splits it:
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
import pickle
import re
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import yaml
from material.plugins.search.plugin import SearchIndex
from mkdocs.exceptions import PluginError

from hooks.cache.store import MISSING, Store
from hooks.search import pool as search_pool
from hooks.search.engine import (
    FIELDS,
    FIRST_FIELDS,
    GLOSSARY_FILE,
    SEPARATOR,
    Glossary,
    SearchDataError,
    process_docs,
    split_index,
)

WORKER = "assets/javascripts/workers/search-ko.js"
TEXT_FILE = "search/search_text.json"
# Material's worker URL in the __config JSON of base.html, e.g. "../../assets/javascripts/workers/search.a7633da7.min.js"
MATERIAL_WORKER = re.compile(r'("search": ")([^"]*)assets/javascripts/workers/(search\.[0-9a-f]+\.min\.js)"')

ENRICH_PROCESSES = 1  # one: the build itself keeps the other core busy
log = logging.getLogger("mkdocs.hooks.search")


def _search_plugin(config):
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None:
            return plugin
    raise PluginError("search: Material's 'search' plugin is not enabled in mkdocs.yml")


def load_glossary(path: Path = GLOSSARY_FILE) -> Glossary:
    """The glossary, or a build error that names the file, the place and the fix."""
    where = f"hooks/search/{path.name}"
    try:
        return Glossary.load(path)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark else ""
        raise PluginError(
            f"{where}{line}: not valid YAML ({getattr(exc, 'problem', exc)}); each line is one group: `- [버퍼, buffer]`"
        ) from None
    except UnicodeDecodeError as exc:
        raise PluginError(f"{where}: not UTF-8 text ({exc.reason} at byte {exc.start}); save it as UTF-8") from None
    except SearchDataError as exc:
        raise PluginError(f"{where}: {exc}") from None


def _file_hash(path: Path) -> str:
    """SHA-256 of the file, or "-" when it cannot be read (the second process then fails: it
    keeps nothing under that key)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "-"


def _worker_version(config) -> str:
    """Short content hash of ``WORKER`` from the theme directories (custom_dir first)."""
    for directory in getattr(config.theme, "dirs", []):
        path = Path(directory) / WORKER
        if path.is_file():
            return _file_hash(path)[:8]
    raise PluginError(
        f"search: {WORKER} is missing from the theme's custom_dir "
        "(overrides/); it is the search worker this hook points Material to"
    )


def _start_method() -> str:
    """How the second process starts: ``fork`` while this process has no other thread
    (``mkdocs build``: the child shares the build's imported modules, ~0.2 s of CPU less than a
    new interpreter importing MkDocs, Material and the engine), ``spawn`` when it has
    (``mkdocs serve``'s server and watcher threads: forking them is unsafe)."""
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return "fork"
    return "spawn"


def _toc_context(page) -> dict[str, str]:
    """location -> enclosing heading, for every heading of ``page`` below another one, and
    the page's own location -> its front matter ``description`` (``engine.describe``)."""
    description = (page.meta or {}).get("description")
    out = {page.url: description} if isinstance(description, str) and description.strip() else {}

    def walk(items, parent):
        for item in items:
            if parent:
                out[page.url + item.url] = parent
            walk(item.children, item.title if item.level > 1 else None)

    walk(page.toc.items, None)
    return out


class ParallelSearchIndex(SearchIndex):
    """Material's search index with each page split into sections (Material's own
    ``add_entry_from_context``) and enriched in the second process. A page goes there as
    soon as its HTML is final (``send``, from ``on_page_content``: MkDocs renders every
    page before the search plugin indexes any, so the second process works while the
    build renders the rest); when the search plugin then indexes the page, what was sent
    must still be the page (the same pickled bytes), or the page is sent again. If the
    second process fails, the page is indexed here, with the same code, when the index is
    written."""

    def __init__(self, index: SearchIndex, owner: Search):
        super().__init__(**index.config)
        self.owner = owner
        self.sent = {}  # page url -> (pickled search_pool.Page, enclosing headings, future or None, cache key)
        self.pages = []  # (pickled page, future, None, key) or (None, None, entries made here, None), in order
        self.made = []  # Material's entries of every page, in order, once written
        self.enriched = None  # the same enriched, or None if a page was indexed here
        self.config_text = json.dumps(self.config, sort_keys=True, default=repr)  # part of each page's cache key

    @staticmethod
    def _pickled(page, content: str) -> bytes | None:
        try:
            return search_pool.Page.pickle(page, content)
        except Exception as exc:  # e.g. a front matter value that does not pickle: indexed here
            log.info(f"search: {page.url} cannot go to the second process ({exc!r}); indexing it here")
            return None

    def send(self, page, content: str, *, final: bool = False) -> None:
        """To the second process, unless the cache has the page (``hooks/cache``: both lists,
        as the second process made them before from the same pickled page, headings, index
        config, glossary and code) or it was sent again last time before it was indexed (the
        topic page, which the tags plugin fills later: it goes when indexed, ``final``)."""
        blob = self._pickled(page, content)
        if blob is None:
            return
        where = _toc_context(page)
        store = self.owner.store
        key = store.key("search", self.config_text, self.owner.glossary_hash, blob, json.dumps(where, sort_keys=True))
        kept = store.get("search", key)
        if kept is not MISSING:
            future = Future()
            future.set_result(tuple(kept))
            self.sent[page.url] = (blob, where, future, None)
        elif final or store.get("search-resent", key) is not True:
            self.sent[page.url] = (blob, where, self._submit(blob, where), key)
        else:  # only when to send it: if it is not sent again, it goes when indexed
            self.sent[page.url] = (blob, where, None, key)

    def _submit(self, blob: bytes, where: dict[str, str]) -> Future | None:
        if self.owner.pool is None:
            return None
        try:
            return self.owner.pool.submit(search_pool.index_page, self.config, blob, where)
        except (BrokenProcessPool, RuntimeError) as exc:
            log.info(f"search: the second process failed ({exc}); indexing in the build's process")
            self.owner.close_pool()
            return None

    def _here(self, page) -> list[dict]:
        """Material's entries for ``page``, made in this process."""
        index = SearchIndex(**self.config)
        index.add_entry_from_context(page)
        return index.entries

    def add_entry_from_context(self, page):
        blob, where, future, key = self.sent.pop(page.url, (None, None, None, None))
        if blob is None or blob != self._pickled(page, page.content):
            if blob is not None:
                log.debug(f"search: {page.url} changed after on_page_content; sending it again")
                if key is not None:  # next time this first version waits until the page is indexed
                    self.owner.store.put("search-resent", key, True)
            self.send(page, page.content, final=True)
            blob, where, future, key = self.sent.pop(page.url, (None, None, None, None))
        elif future is None and key is not None:  # held back in send: it is final now
            future = self._submit(blob, where)
        if blob is None:  # it does not pickle: Material's own indexing, here and now
            self.owner.context.update(_toc_context(page))
            self.pages.append((None, None, self._here(page), None))
            return
        self.owner.context.update(where)
        self.pages.append((blob, future, None, key))

    def generate_search_index(self, prev):
        self.made, enriched, complete = [], [], True
        where = {"the second process": 0, "the cache": 0, "here": 0}
        for blob, future, made, key in self.pages:
            done = None
            if future is not None:
                try:
                    made, done = future.result()
                except Exception as exc:
                    log.info(f"search: the second process failed ({exc!r}); indexing here")
                else:
                    where["the cache" if key is None else "the second process"] += 1
                    if key is not None:  # made by the second process just now: kept for the next build
                        self.owner.store.put("search", key, [made, done])
            if done is None:
                where["here"] += 1
            if made is None:
                made = self._here(pickle.loads(blob))
            if done is None:
                complete = False
            self.made += made
            enriched += done or []
        self.enriched = enriched if complete else None
        log.debug("search: pages indexed by " + ", ".join(f"{k} {v}" for k, v in where.items()))
        self.entries = self.made  # Material replaces, never changes, the list (dirty rebuilds)
        return super().generate_search_index(prev)


def point_to_worker(html: str, where: str, version: str) -> str:
    """``html`` with Material's worker URL in ``__config`` replaced by ``WORKER``; the
    Material worker's file name goes along as ``?worker=`` (the worker imports it)."""
    html, n = MATERIAL_WORKER.subn(lambda m: f'{m.group(1)}{m.group(2)}{WORKER}?v={version}&worker={m.group(3)}"', html)
    if n != 1:
        raise PluginError(
            f"search: {where}: expected Material's search worker URL once in "
            f"__config, found it {n} times (Material changed base.html?)"
        )
    return html


def _write_json(path: Path, data) -> bytes:
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    path.write_bytes(raw)
    return raw


class Search:
    """One build's Korean search: the glossary and the headings' context (``None``/empty while
    search is off), the worker's version, and the second process (``None`` when there is none)."""

    def __init__(self, store: Store | None = None) -> None:
        self.glossary: Glossary | None = None
        self.glossary_hash = ""  # of the glossary file this build read: part of a kept page's key
        self.context: dict[str, str] = {}
        self.worker: str | None = None
        self.pool: ProcessPoolExecutor | None = None
        self.store = store or Store()

    def configure(self, config):
        """``on_config``, before the search plugin copies its config into its index."""
        plugin = _search_plugin(config)
        self.close_pool()  # mkdocs serve: the previous build's, if it failed
        self.glossary, self.context, self.worker = None, {}, None
        if not plugin.config.enabled:  # search switched off on purpose: nothing to do
            return config
        if plugin.config.separator not in (None, SEPARATOR):
            raise PluginError("search owns the search separator: remove 'separator:' from the search plugin in mkdocs.yml")
        for name in FIELDS:
            if name in plugin.config.fields:
                raise PluginError(f"search owns the search field {name!r}: remove it from mkdocs.yml")
        plugin.config.separator = SEPARATOR
        plugin.config.fields = {**plugin.config.fields, **{k: dict(v) for k, v in FIELDS.items()}}
        self.glossary = load_glossary()
        self.glossary_hash = _file_hash(GLOSSARY_FILE)  # the file the second process loads
        self.worker = _worker_version(config)
        try:
            self.pool = ProcessPoolExecutor(
                ENRICH_PROCESSES,
                mp_context=multiprocessing.get_context(_start_method()),
                initializer=search_pool.start,
                initargs=(str(GLOSSARY_FILE),),
            )
        except (OSError, NotImplementedError) as exc:  # no processes here: write_index enriches in-process
            log.info(f"search: no second process ({exc}); enriching in the build's process")
        return config

    def close_pool(self, error: Exception | None = None) -> None:
        """Also ``on_build_error`` (``error``) and ``on_shutdown``."""
        pool, self.pool = self.pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def use_parallel_index(self, config):
        """``on_pre_build``, after the search plugin's on_config made its index."""
        if self.pool is not None:  # there is one only while search is enabled (configure)
            plugin = _search_plugin(config)
            plugin.search_index = ParallelSearchIndex(plugin.search_index, self)

    def send_page(self, html, page, config, files):
        """``on_page_content``, after every handler that edits the page's HTML."""
        index = _search_plugin(config).search_index if self.pool is not None else None
        if isinstance(index, ParallelSearchIndex):
            index.send(page, html)
        return html

    def remember_headings(self, context, page, config, nav):
        """``on_page_context``: without a second process, the enclosing heading of every heading."""
        if self.glossary is not None and not isinstance(_search_plugin(config).search_index, ParallelSearchIndex):
            self.context.update(_toc_context(page))
        return context

    def point_page_to_worker(self, output, page, config):
        if self.worker is None:
            return output
        return point_to_worker(output, page.file.src_uri, self.worker)

    def point_template_to_worker(self, output_content, template_name, config):
        if self.worker is None or '<script id="__config"' not in output_content:
            return output_content  # e.g. sitemap.xml
        return point_to_worker(output_content, template_name, self.worker)

    def _enriched(self, docs: list[dict], index) -> list[dict]:
        """``process_docs(docs)``: the second process's work when ``docs`` are exactly the
        entries it made (in order), else (a dirty rebuild of ``mkdocs serve``, a plugin that
        changed the index after the pages, a failed second process) done here."""
        if isinstance(index, ParallelSearchIndex) and index.enriched is not None and index.made == docs:
            return index.enriched
        log.debug("search: the index is not what the second process made; enriching here")
        return process_docs(docs, self.glossary, self.context)

    def write_index(self, config):
        """``on_post_build``, after the search plugin wrote search_index.json."""
        if self.glossary is None:
            return
        path = Path(config.site_dir) / "search" / "search_index.json"
        if not path.exists():
            raise PluginError(f"search: {path} was not written by the search plugin")
        data = json.loads(path.read_text(encoding="utf-8"))
        if set(data) != {"config", "docs"} or data["config"].get("separator") != SEPARATOR:
            raise PluginError(f"search: unexpected search index layout in {path}")
        for name in FIELDS:
            if name not in data["config"]["fields"]:
                raise PluginError(f"search: field {name!r} missing from the index config")
        try:
            first, rest = split_index(self._enriched(data["docs"], _search_plugin(config).search_index))
        except SearchDataError as exc:
            raise PluginError(f"search: {exc} (Material changed its index format?)") from None
        finally:
            self.close_pool()
        text = _write_json(Path(config.site_dir) / TEXT_FILE, rest)
        # the content hash in the URL: a page never pairs a cached old text with a new index
        data["config"]["text_url"] = f"{TEXT_FILE}?v={hashlib.sha256(text).hexdigest()[:8]}"
        data["config"]["first_fields"] = list(FIRST_FIELDS)
        data["docs"] = first
        _write_json(path, data)
