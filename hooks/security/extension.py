"""Nothing runs that the author did not write as a script file: one sanitizer, one policy.

``markup`` is the site's one sanitizer (pure): allowlists and checkers for SVG figures, the
HTML of notebook cells and CSS, and the check of a built page against the policy; the
figures and notebooks extensions call it. ``csp`` puts a Content-Security-Policy on every page
and fails the build for anything that policy would block. ``hooks/events.py`` says when
each handler runs (the policy goes last on every page).
"""

from __future__ import annotations

import html
from pathlib import Path

from mkdocs.exceptions import PluginError

from hooks.cache.store import Store
from hooks.security.csp import ContentSecurityPolicy
from hooks.security.markup import plain_text_problem, served_file_problems


class Security:
    def __init__(self, store: Store | None = None) -> None:
        self.policy = ContentSecurityPolicy(store or Store())

    def note_command(self, command, dirty):
        self.policy.start(command)

    def read_policy_settings(self, config):
        self.policy.configure()
        return config

    def check_served_files(self, files, config):
        """Every file under docs/ the site serves as it is (``on_files``): SVG by the figures'
        rules, HTML/XML documents refused; one error naming every file and line."""
        docs = Path(config["docs_dir"]).resolve()
        problems = []
        for f in files:
            if f.is_documentation_page() or not f.abs_src_path:
                continue
            path = Path(f.abs_src_path).resolve()
            if not path.is_relative_to(docs):
                continue  # the theme's files, and top-level img/ (checked by the figures extension)
            problems += [f"  docs/{f.src_uri}: {p}" for p in served_file_problems(f.src_uri, path.read_bytes())]
        if problems:
            raise PluginError(
                "security: these files under docs/ are served as they are, and a browser opened on them runs their "
                "scripts (no Content-Security-Policy there):\n" + "\n".join(problems)
            )
        return files

    def plain_front_matter(self, markdown, page, config, files):
        """Front matter reaches the page as the theme writes it, unescaped (``on_page_markdown``):
        a ``title`` must be plain text (refused otherwise, naming the file), a ``description``
        is escaped for the ``<meta>`` tags it goes into (a notebook's is escaped where it is
        read, hooks/notebooks/render.py)."""
        where = f"docs/{page.file.src_uri}"
        if "title" in page.meta and (why := plain_text_problem(page.meta["title"])) is not None:
            raise PluginError(f"security: {where}: the front matter title {why}")
        description = page.meta.get("description")
        if description is not None and not page.file.src_uri.endswith(".ipynb"):
            if not isinstance(description, str):
                raise PluginError(f"security: {where}: the front matter description is {type(description).__name__}, not text")
            page.meta["description"] = html.escape(description)
        return markdown

    def apply_policy_to_page(self, output, page, config):
        return self.policy.apply(output, f"docs/{page.file.src_uri}", config)

    def apply_policy_to_template(self, output_content, template_name, config):
        if not template_name.endswith(".html"):
            return output_content
        return self.policy.apply(output_content, f"{template_name} (theme template)", config)
