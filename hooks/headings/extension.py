"""Headings and the course's order: ids a link written on GitHub can rely on, notes in
course order, and the home page's note list.

One job per module: ``slugs`` (GitHub's heading-id rule, pure), ``ids`` (that rule on every
Markdown heading, and a fix for every link to a missing heading), ``order`` (navigation:
day9 < day11 < day100), ``note_list`` (the home page's table from each note's front matter),
``added`` (the "덧붙임" tag on a heading written after the learner's note).
``hooks/events.py`` says when each handler runs.
"""

from __future__ import annotations

from hooks.headings import added, order
from hooks.headings.ids import HeadingIds
from hooks.headings.note_list import NoteList


class Headings:
    def __init__(self) -> None:
        self.ids = HeadingIds()
        self.notes = NoteList()

    def use_github_ids(self, config):
        self.ids.install(config)
        return config

    def put_notes_in_course_order(self, nav, config, files):
        order.in_course_order(nav, config)
        return nav

    def read_note_list(self, nav, config, files):
        self.notes.read(nav)
        return nav

    def remember_page(self, markdown, page, config, files):
        self.ids.page = page  # for messages: the treeprocessor runs while this page renders
        return markdown

    def insert_note_list(self, markdown, page, config, files):
        return self.notes.insert(markdown, page)

    def mark_added_headings(self, html, page, config, files):
        return added.mark(html, f"docs/{page.file.src_uri}")

    def forget_page(self, html, page, config, files):
        self.ids.page = None
        return html

    def remember_files(self, env, config, files):
        self.ids.files = files  # every page is rendered now; MkDocs checks anchors after the build
        return env

    def explain_missing_anchors(self, config):
        self.ids.explain_missing_anchors()
