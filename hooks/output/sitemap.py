"""Sitemap ``<lastmod>`` = the page's last git commit date, not the build date.

MkDocs fills ``page.update_date`` (used by ``sitemap.xml`` and by the mtime inside
``sitemap.xml.gz``) with the build date, so every build on a new day changed both files and
told search engines that every page changed. The git-revision-date-localized plugin has
already looked up each page's last commit; this hook reuses that date (ISO ``YYYY-MM-DD``),
which makes the two files reproducible per commit.
"""

from __future__ import annotations

import re

from mkdocs.exceptions import PluginError

KEY = "git_revision_date_localized_raw_iso_date"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def use_commit_dates(config, files) -> None:
    """Each page's ``update_date`` from git. Called from ``on_env``: after every page is read
    (page.meta is filled), before MkDocs renders sitemap.xml (static templates are rendered
    before the pages, so on_page_context is too late)."""
    if "git-revision-date-localized" not in config.plugins:
        raise PluginError(
            "output.sitemap: mkdocs.yml: add the git-revision-date-localized plugin "
            "(this hook reads the date that plugin puts in page.meta)"
        )
    for file in files.documentation_pages():
        page = file.page
        if page is None:
            raise PluginError(
                f"output.sitemap: docs/{file.src_uri}: no page object before the sitemap "
                "is built (MkDocs changed its build order: update the hook)"
            )
        date = page.meta.get(KEY)
        if not isinstance(date, str) or not ISO_DATE.fullmatch(date):
            raise PluginError(
                f"output.sitemap: docs/{file.src_uri}: expected an ISO date in page.meta[{KEY!r}] from "
                f"the git-revision-date-localized plugin, got {date!r} (the plugin changed: update the hook)"
            )
        page.update_date = date
