"""Incremental rebuilds for ``make serve`` (tools/serve.py): a saved note is on screen in a
fraction of a second, however many notes the course has.

``mkdocs serve`` builds the whole site on every save (every page rendered again: ~4 s at 100
notes). ``LiveSite`` keeps the objects of its last full build (config, files, navigation,
theme environment, every page as rendered) and, on a save, renders only the pages that the
saved files feed, with MkDocs' own page steps (``_populate_page``, ``_build_page``: every
plugin and hook page event runs as in a full build):

| saved | rendered again |
| --- | --- |
| a page (``docs/**/*.md``, a notebook) | that page |
| a snippet (``snippets/**``) | the pages that read the file during the last build (``Reads``) |
| a figure (``img/*.svg``) | the figure checked again, and the pages that show it |
| anything else: a new or removed file, ``mkdocs.yml``, ``hooks/``, ``overrides/``, an asset | a full build |

A page whose title, front matter, heading or anchor ids, or links to other pages changed in
the save feeds other pages (navigation, home list, links into it, backlinks): the save then
gets a full build too, so no page is left stale. What a full build alone writes is not
refreshed by a page update: the search index (until the next full build, search finds the
saved page by the words it had; its titles are always current, since a changed heading is a
full build) and the sitemap (dates). Saving ``hooks/`` loads the hook code again (``mkdocs
serve`` keeps the modules it loaded first).

After a failed build, the next save gets a full build. ``make build`` and ``make test`` never
use this: they are full, strict builds.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.plugins import BasePlugin, PluginCollection, event_priority

log = logging.getLogger("mkdocs.serve.live")

WATCHED = ("docs", "snippets", "img", "overrides", "hooks", "mkdocs.yml")
PAGE_SUFFIXES = (".md", ".ipynb")
HOOKS_KEY = "hooks/events.py"  # mkdocs.yml's only hook
# editors' and tools' files next to the ones they save: never a reason to build
_IGNORED = re.compile(r"(^\.|~$|\.sw[px]$|^#.*#$|^4913$)")


def scan(root: Path) -> dict[str, tuple[int, int]]:
    """(mtime ns, size) of every watched file, by path relative to ``root``."""
    out: dict[str, tuple[int, int]] = {}
    for top in WATCHED:
        path = root / top
        if path.is_file():
            st = path.stat()
            out[top] = (st.st_mtime_ns, st.st_size)
            continue
        for dirpath, dirnames, filenames in os.walk(path):
            dirnames[:] = [d for d in dirnames if d != "__pycache__" and not d.startswith(".")]
            for name in filenames:
                if _IGNORED.search(name):
                    continue
                full = os.path.join(dirpath, name)
                try:
                    st = os.stat(full)
                except FileNotFoundError:  # removed while scanning: the next scan sees it gone
                    continue
                out[os.path.relpath(full, root)] = (st.st_mtime_ns, st.st_size)
    return out


class Reads:
    """Which project files each page read while it was rendered: an audit hook (``open``
    events, so any reader counts: pymdownx.snippets, our hooks, a plugin) attributes every
    file opened under the project root to the page MkDocs is rendering
    (``config._current_page``). Installed once per process (audit hooks cannot be removed);
    silent outside ``recording``."""

    def __init__(self, root: Path) -> None:
        self.root = str(root.resolve()) + os.sep
        self.config = None
        self.by_page: dict[str, set[str]] = defaultdict(set)
        sys.addaudithook(self._audit)

    def _audit(self, event: str, args: tuple) -> None:
        if event != "open" or self.config is None:
            return
        page = getattr(self.config, "_current_page", None)
        path = args[0]
        if page is None or isinstance(path, int):
            return
        path = os.path.abspath(os.fsdecode(path))
        if path.startswith(self.root):
            self.by_page[page.file.src_uri].add(path[len(self.root) :])

    def pages_reading(self, rel: str) -> set[str]:
        return {uri for uri, paths in self.by_page.items() if rel in paths}


class _Capture(BasePlugin):
    """Added to a full build's plugins: keeps the objects a page update needs, as the last
    handler of their event sees them."""

    def __init__(self, site: LiveSite) -> None:
        self.site = site
        self.nav = None

    @event_priority(-1000)
    def on_nav(self, nav, config, files):
        self.nav = nav
        return nav

    @event_priority(-1000)
    def on_env(self, env, config, files):  # after on_nav: the build's objects are all there
        self.site.state = _State(config, files, self.nav, env)
        return env


@dataclass
class _State:
    config: object
    files: object
    nav: object
    env: object
    signatures: dict[str, tuple] = field(default_factory=dict)


@dataclass
class Plan:
    """What one rebuild does: ``pages`` (src_uri) and ``figures`` (img/ paths) to render
    again, or a full build (``full`` says why)."""

    full: str | None = None
    pages: list[str] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)

    def describe(self) -> str:
        return f"full build ({self.full})" if self.full else f"{len(self.pages)} page(s): {', '.join(self.pages)}"


_HREF = re.compile(r'href="([^"]*)"')


def extensions(config) -> list:
    """The hook extensions that take part in page updates: instances on the hooks module
    with any of ``live_forget(page)`` (drop what was read from the page before it is read
    again), ``live_signature(page)`` (what other pages show of it: a change is a full build),
    ``live_refresh(page, config, files)`` (write again a file made from the page; returns a
    reason for a full build, or None)."""
    hooks = config["hooks"].get(HOOKS_KEY)
    if hooks is None:
        raise RuntimeError(f"tools/live.py: mkdocs.yml has no hook {HOOKS_KEY}: update tools/live.py")
    methods = ("live_forget", "live_signature", "live_refresh")
    instances = [v for v in vars(hooks).values() if not isinstance(v, type)]  # not the classes it imports
    return [v for v in instances if any(callable(getattr(v, m, None)) for m in methods)]


def signature(page, exts=()) -> tuple:
    """What other pages read of ``page``: title, front matter, heading and anchor ids, links
    out (relative hrefs, with fragments), and what extensions say they show of it."""
    toc: list[tuple[str, str]] = []

    def walk(items) -> None:
        for item in items:
            toc.append((item.id, item.title))
            walk(item.children)

    walk(page.toc or [])
    links = sorted({h for h in _HREF.findall(page.content or "") if not re.match(r"[a-z][\w+.-]*:|#", h)})
    shown = [repr(ext.live_signature(page)) for ext in exts if hasattr(ext, "live_signature")]
    anchors = tuple(sorted(page.present_anchor_ids or ()))
    return (page.title, repr(sorted(page.meta.items())), tuple(toc), anchors, tuple(links), tuple(shown))


class LiveSite:
    """The builder of ``make serve``: ``build()`` after every batch of saves."""

    def __init__(self, get_config, serve_url: str, root: Path, incremental: bool = True) -> None:
        self.get_config = get_config
        self.serve_url = serve_url
        self.root = root
        self.incremental = incremental
        self.reads = Reads(root)
        self.state: _State | None = None
        self.snapshot: dict[str, tuple[int, int]] = {}
        self.last = Plan(full="first build")

    # ------------------------------------------------------------------ deciding

    def plan(self) -> Plan:
        """What the saves since the last build need (and remember the files as they are now)."""
        now = scan(self.root)
        before, self.snapshot = self.snapshot, now
        if self.state is None:
            return Plan(full="first build" if not before else "the last build failed")
        if not self.incremental:
            return Plan(full="incremental builds are off")
        added = now.keys() - before.keys()
        removed = before.keys() - now.keys()
        changed = sorted(k for k in now.keys() & before.keys() if now[k] != before[k])
        if added or removed:
            return Plan(full=f"{'added' if added else 'removed'} {sorted(added or removed)[0]}")
        pages = {p.file.src_uri: p for p in self._pages()}
        plan = Plan()
        for rel in changed:
            top, _, rest = rel.partition(os.sep)
            if top == "docs" and rest.endswith(PAGE_SUFFIXES) and rest.replace(os.sep, "/") in pages:
                plan.pages.append(rest.replace(os.sep, "/"))
            elif top == "snippets":
                plan.pages += sorted(self.reads.pages_reading(rel))
            elif top == "img" and rel.endswith(".svg") and os.sep not in rest:
                plan.figures.append(rel)
                shown = f"/{rest}"
                plan.pages += sorted(uri for uri, p in pages.items() if shown in (p.content or ""))
            else:
                return Plan(full=f"{rel} changed")
        plan.pages = list(dict.fromkeys(plan.pages))
        return plan

    def _pages(self):
        from mkdocs.structure.files import InclusionLevel

        return [f.page for f in self.state.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)]

    # ------------------------------------------------------------------ building

    def build(self, config=None, plan: Plan | None = None) -> Plan:
        """Build what the saves since the last build need (``plan``: from ``plan()``, or
        made here); raises what the build raises (the next build is then a full one). With
        ``config``: the server's first build, with the config it started the plugins with."""
        if config is not None:
            plan, self.snapshot = Plan(full="first build"), scan(self.root)
        elif plan is None:
            plan = self.plan()
        self.last = plan
        t = time.perf_counter()
        try:
            if plan.full is None:
                again = self._update(plan)
                if again:
                    plan.full = again
                    self.last = plan
            if plan.full is not None:
                self._full(config, plan.full)
        except BaseException:
            self.state = None
            raise
        log.info(f"live: {plan.describe()} in {time.perf_counter() - t:.2f} s")
        return plan

    def _full(self, config, why: str) -> None:
        from mkdocs.commands.build import build

        reload = config is None and why.startswith("hooks" + os.sep)
        if reload:
            self._reload_hooks()
        config = config or self.get_config()
        if reload:  # the new hook module's startup event, run as MkDocs runs a hook's events
            only_hooks = PluginCollection()
            only_hooks[HOOKS_KEY] = config["hooks"][HOOKS_KEY]
            only_hooks.on_startup(command="serve", dirty=False)
        config.plugins["tools.live"] = _Capture(self)
        self.state = None
        self.reads.by_page.clear()
        self.reads.config = config
        try:
            build(config, serve_url=self.serve_url)
        finally:
            self.reads.config = None
        if self.state is None:
            raise RuntimeError("tools/live.py: the build ran no on_env event; MkDocs changed its build steps?")
        exts = extensions(config)
        self.state.signatures = {p.file.src_uri: signature(p, exts) for p in self._pages()}

    def _update(self, plan: Plan) -> str | None:
        """Render ``plan``'s pages again; the reason for a full build instead, if one is needed."""
        from mkdocs.commands.build import _build_page, _populate_page
        from mkdocs.structure.files import InclusionLevel

        state = self.state
        config, files = state.config, state.files
        for rel in plan.figures:
            self._refresh_figure(config, self.root / rel)
        pages = {p.file.src_uri: p for p in self._pages()}
        todo = [pages[uri] for uri in plan.pages]
        exts = extensions(config)
        self.reads.config = config
        try:
            for page in todo:
                self.reads.by_page.pop(page.file.src_uri, None)
                for ext in exts:
                    if hasattr(ext, "live_forget"):
                        ext.live_forget(page)
                _populate_page(page, config, files)
            doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
            for page in todo:
                _build_page(page, config, doc_files, state.nav, state.env, excluded=page.file.inclusion.is_excluded())
        finally:
            self.reads.config = None
        for page in todo:
            page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        for page in todo:
            if signature(page, exts) != state.signatures.get(page.file.src_uri):
                return f"{page.file.src_uri}: its title, front matter, headings or links changed"
            for ext in exts:
                why = ext.live_refresh(page, config, files) if hasattr(ext, "live_refresh") else None
                if why:
                    return why
        return None

    def _refresh_figure(self, config, path: Path) -> None:
        hooks = config["hooks"].get(HOOKS_KEY)
        figures = getattr(hooks, "FIGURES", None)
        if figures is None or not hasattr(figures, "refresh"):
            raise RuntimeError(f"tools/live.py: {HOOKS_KEY} has no FIGURES.refresh: update tools/live.py")
        figures.refresh(path, config)
        dest = Path(config.site_dir) / path.relative_to(self.root)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, dest)

    def _reload_hooks(self) -> None:
        """The next config loads hooks/ anew (MkDocs caches a hook module per process)."""
        from mkdocs.config import config_options

        config_options.Hooks._load_hook.cache_clear()
        for name in [n for n in sys.modules if n == "hooks" or n.startswith("hooks.") or n == HOOKS_KEY]:
            del sys.modules[name]


def main(argv: list[str] | None = None) -> int:
    """``python -m tools.live SITE_DIR``: the page updates without a server, for tests and
    benchmarks (tools/harness/live.py). Run from the project root with MKDOCS_STRICT=false,
    like ``make serve``. Builds once, then once per line ``build`` on stdin; after each
    build prints one JSON line: ``{"full": why or null, "pages": [...], "error": text or
    null, "seconds": s, "cpu": s}``."""
    import argparse
    import json

    from mkdocs.config import load_config

    parser = argparse.ArgumentParser(prog="python -m tools.live", description=main.__doc__.splitlines()[0])
    parser.add_argument("site_dir")
    parser.add_argument("--url", default="http://127.0.0.1:8000/", help="the site URL the server would use")
    parser.add_argument("--full", action="store_true", help="a full build every time")
    args = parser.parse_args(argv)

    def get_config():
        config = load_config(config_file=None, site_dir=args.site_dir)
        config.site_url = args.url
        return config

    site = LiveSite(get_config, args.url, Path.cwd(), incremental=not args.full)
    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)

    errors: list[str] = []
    handler = logging.Handler(logging.ERROR)
    handler.emit = lambda record: errors.append(record.getMessage())
    logging.getLogger("mkdocs").addHandler(handler)

    def step(config=None) -> None:
        t, cpu, error = time.perf_counter(), time.process_time(), None
        errors.clear()
        try:
            plan = site.build(config)
        except Exception as exc:  # what the server would show: the logged errors, else the exception
            said = [*errors, str(exc)] if "Aborted with" not in str(exc) else errors
            plan, error = site.last, " ".join(dict.fromkeys(said)) or type(exc).__name__
        row = {"full": plan.full, "pages": plan.pages, "error": error}
        row.update(seconds=time.perf_counter() - t, cpu=time.process_time() - cpu)
        print(json.dumps(row, ensure_ascii=False), flush=True)

    try:
        step(config)
        for line in sys.stdin:
            if line.strip() != "build":
                raise SystemExit(f"python -m tools.live: unknown command {line.strip()!r} (only 'build')")
            step()
    finally:
        config.plugins.on_shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
