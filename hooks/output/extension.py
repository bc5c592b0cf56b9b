"""What the build writes, besides the pages' content: lighter code blocks, long pages in chunks
drawn as they near the screen, minified assets, offline emoji, reproducible sitemap dates, and a
warning count for `make serve`.

One job per module: ``code_spans`` (Pygments spans that change nothing on screen), ``chunks``
(the text between two headings in one element the browser can skip while it is off the screen),
``minify`` (our JS/CSS published minified), ``emoji`` (shortcodes as Unicode text, no CDN),
``sitemap`` (``<lastmod>`` from git), ``serve_warnings`` (the count after a non-strict build),
``page_scripts`` (our two small scripts, inline and minified on every page).
``Output`` holds the state of one build; ``hooks/events.py`` says when each handler runs.
"""

from __future__ import annotations

from hooks.output import chunks, code_spans, emoji, page_scripts, sitemap
from hooks.output.minify import Minifier
from hooks.output.serve_warnings import WarningCount


class Output:
    def __init__(self) -> None:
        self.minifier = Minifier()
        self.warnings = WarningCount()

    def count_warnings(self, config):
        self.warnings.start()
        return config

    def report_warnings(self, config):
        self.warnings.report(config)

    def draw_long_pages_in_chunks(self, config):
        chunks.install(config)
        return config

    def use_offline_emoji(self, config):
        emoji.install(config)
        return config

    def collect_assets(self, files, config):
        self.minifier.collect(files, config)
        return files

    def minify_assets(self, config):
        self.minifier.minify()

    def inline_page_scripts(self, env, config, files):
        page_scripts.install(env)
        return env

    def use_commit_dates(self, env, config, files):
        sitemap.use_commit_dates(config, files)
        return env

    def size_chunks(self, output, page, config):
        return chunks.add_heights(output, f"docs/{page.file.src_uri}")

    def strip_code_spans(self, html, page, config, files):
        return code_spans.strip(html)
