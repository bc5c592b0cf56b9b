"""The site's one MkDocs hook: every extension's handlers and the order they run in.

mkdocs.yml lists this file alone (``hooks: [hooks/events.py]``). For each MkDocs event, the
list below is the order in which our handlers run; ``at(priority, handler)`` places a handler
before (> 0) or after (< 0) the theme's plugins (Material's search, git dates, mkdocs-jupyter:
priority 0, and registered before any hook, so at a tie they run first). Read an event's list
top to bottom and that is what happens: tests/test_build.py checks that MkDocs' own order of
these handlers is the order written here (a priority can only move a handler past the theme's
plugins, never past the handler above it).

The extensions are packages under ``hooks/``, one per concern, each with one entry class that
holds its state for the build (``hooks/__init__.py`` maps them); their modules import each
other as ``hooks.<concern>.<module>``. MkDocs loads this file by path, so the project root
must be on ``sys.path``: run MkDocs as ``python -m mkdocs`` from the project root (``make
serve``, ``make build`` and the tests do).
"""

from __future__ import annotations

try:
    from hooks.figures.extension import Figures
except ModuleNotFoundError as exc:  # `mkdocs` started outside the project root
    if exc.name != "hooks":
        raise
    from mkdocs.exceptions import PluginError

    raise PluginError(
        "hooks/events.py: the site's extensions are the package `hooks` in the project root: run MkDocs "
        "from there as `python -m mkdocs ...` (make serve and make build do)"
    ) from None
from mkdocs.plugins import CombinedEvent, event_priority

from hooks.cache.extension import Cache
from hooks.headings.extension import Headings
from hooks.links.extension import Links
from hooks.notebooks.extension import Notebooks
from hooks.output.extension import Output
from hooks.runnable.extension import Runnable
from hooks.search.extension import Search
from hooks.security.extension import Security
from hooks.snippets.extension import Snippets

CACHE = Cache()  # work kept across builds, by content (hooks/cache/store.py)
SEARCH = Search(CACHE.store)
FIGURES = Figures()
SNIPPETS = Snippets()
HEADINGS = Headings()
NOTEBOOKS = Notebooks(CACHE.store)
SECURITY = Security(CACHE.store)
OUTPUT = Output()
LINKS = Links(CACHE.store)
RUNNABLE = Runnable(CACHE.store)


def at(priority: int, handler):
    """``handler`` with an MkDocs event priority (a bound method cannot carry one itself)."""

    def run(*args, **kwargs):
        return handler(*args, **kwargs)

    run.__qualname__ = handler.__qualname__
    return event_priority(priority)(run)


on_startup = CombinedEvent(
    SECURITY.note_command,  # `mkdocs serve` pages allow its live-reload script
)
on_config = CombinedEvent(
    at(100, CACHE.open),  # before anything reads the cache
    at(100, SEARCH.configure),  # before the search plugin copies its config into its index
    at(100, OUTPUT.count_warnings),  # before anything that may warn in on_config
    HEADINGS.use_github_ids,  # owns toc's slugify; adds the heading-id extension
    SNIPPETS.explain_missing_snippets,  # wraps pymdownx.snippets' error
    OUTPUT.use_offline_emoji,  # owns pymdownx.emoji's generator
    OUTPUT.draw_long_pages_in_chunks,  # adds the chunks' extension (last treeprocessor)
    SECURITY.read_policy_settings,
    LINKS.read_record,  # adds the alias anchors' extension
)
on_pre_build = CombinedEvent(
    at(-100, SEARCH.use_parallel_index),  # after the search plugin made its index
)
on_files = CombinedEvent(
    SNIPPETS.check_encoding,  # before any page is read
    FIGURES.add_figures,  # top-level img/*.svg, checked
    SECURITY.check_served_files,  # every .svg/.html/.xml under docs/ (the theme's files are not under docs/)
    NOTEBOOKS.add_clipboard_script,
    OUTPUT.collect_assets,  # our JS/CSS, for minify_assets
    at(-10, RUNNABLE.add_notebooks),  # after mkdocs-jupyter: each note's notebook is a file, not a page
)
on_nav = CombinedEvent(
    HEADINGS.put_notes_in_course_order,
    at(-10, HEADINGS.read_note_list),  # after the navigation is in course order
)
on_pre_page = CombinedEvent(
    NOTEBOOKS.check_notebook,  # after mkdocs-jupyter's, before rendering
)
on_page_markdown = CombinedEvent(
    SECURITY.plain_front_matter,  # titles plain, descriptions escaped, before any template reads them
    FIGURES.link_figures,
    HEADINGS.remember_page,
    SNIPPETS.remember_page,
    HEADINGS.insert_note_list,
    SNIPPETS.add_version_badges,
    LINKS.read_aliases,
)
on_page_content = CombinedEvent(
    OUTPUT.strip_code_spans,
    NOTEBOOKS.rewrite_page,
    HEADINGS.mark_added_headings,
    HEADINGS.forget_page,
    LINKS.remember_published,  # and takes the tags out of page.meta: the search index gets none
    at(-100, SEARCH.send_page),  # after every handler that edits the page's HTML
)
on_page_context = CombinedEvent(
    SEARCH.remember_headings,  # after the search plugin indexed the page
    LINKS.record_published,  # the page's final headings (the topic page's are filled on_env)
)
on_env = CombinedEvent(
    OUTPUT.use_commit_dates,  # sitemap dates, before MkDocs renders sitemap.xml
    OUTPUT.inline_page_scripts,  # minified, for overrides/partials/page-scripts.html
    NOTEBOOKS.require_clipboard_script,
    HEADINGS.remember_files,
    LINKS.index_topics,  # after the tags plugin filled docs/topics.md (its on_env, 100)
)
on_post_page = CombinedEvent(
    SEARCH.point_page_to_worker,
    FIGURES.inline_figures,  # after the search plugin indexed the page: figures stay out of the index
    LINKS.add_backlinks,  # likewise: the list repeats other notes' sentences
    RUNNABLE.link_notebook,  # likewise
    OUTPUT.size_chunks,  # after the figures are inlined (their heights count)
    at(-100, SECURITY.apply_policy_to_page),  # last: after every handler that edits the page
)
on_post_template = CombinedEvent(
    SEARCH.point_template_to_worker,
    at(-100, SECURITY.apply_policy_to_template),
)
on_post_build = CombinedEvent(
    at(50, HEADINGS.explain_missing_anchors),  # after MkDocs' anchor warnings, before the count
    LINKS.check_record,  # and writes the moved notes' redirect pages
    OUTPUT.minify_assets,
    at(-100, SEARCH.write_index),  # after the search plugin wrote search_index.json
    at(-100, CACHE.prune),  # after the search index kept its pages (the search plugin's on_post_build)
    at(-100, OUTPUT.report_warnings),  # after everything else that may warn
)
on_build_error = CombinedEvent(SEARCH.close_pool)
on_shutdown = CombinedEvent(SEARCH.close_pool)
