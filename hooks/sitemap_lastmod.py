"""Sitemap ``<lastmod>`` = the page's last git commit date, not the build date.

MkDocs fills ``page.update_date`` (used by ``sitemap.xml`` and by the mtime inside
``sitemap.xml.gz``) with the build date, so every build on a new day changed both files and
told search engines that every page changed. The git-revision-date-localized plugin has
already looked up each page's last commit; this hook reuses that date (ISO ``YYYY-MM-DD``),
which makes the two files reproducible per commit.
"""

from __future__ import annotations

import re

KEY = "git_revision_date_localized_raw_iso_date"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def on_env(env, config, files):
    """After every page is read (page.meta is filled), before MkDocs renders sitemap.xml
    (static templates are rendered before the pages, so on_page_context is too late)."""
    if "git-revision-date-localized" not in config.plugins:
        raise RuntimeError(
            "hooks/sitemap_lastmod.py needs the git-revision-date-localized plugin "
            "in mkdocs.yml (it reads the date that plugin puts in page.meta)"
        )
    for file in files.documentation_pages():
        page = file.page
        if page is None:
            raise RuntimeError(f"{file.src_uri}: no page object before the sitemap is built")
        date = page.meta.get(KEY)
        if not isinstance(date, str) or not ISO_DATE.fullmatch(date):
            raise RuntimeError(
                f"{file.src_uri}: expected an ISO date in page.meta[{KEY!r}] from the "
                f"git-revision-date-localized plugin, got {date!r}"
            )
        page.update_date = date
    return env
