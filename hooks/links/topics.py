"""Topics: notes grouped by their front matter ``tags:`` (Material's built-in tags plugin).

The tags plugin shows a note's tags above it, puts them into the search index (Material's
``tags`` field) and fills the listing in ``docs/topics.md`` (주제별 보기): per tag, a heading,
the notes with that tag and, under each note, its sections whose heading names the tag
(``overrides/fragments/tags/default/listing.html``). This module owns two of the plugin's
settings so that a tag's heading id is GitHub's id for its name, like every other heading of
the site (``hooks/headings``): ``tags_slugify`` and ``tags_slugify_format``; and sorts topics
without regard to case (``tags_sort_by``, ``listings_tags_sort_by``). The listing's sections
stay out of the search index (``keep_listings_out_of_search``): a topic is found through the
tags of its notes. A note without
``tags:`` builds as before and is in no topic.
"""

from __future__ import annotations

import re

from material.plugins.tags import tag_name_casefold
from mkdocs.exceptions import PluginError

from hooks.headings.slugs import slug

TOPIC_HEADING = re.compile(r'(<h[1-6] id="[^"]+")(>\s*<span class="md-tag)')

PLUGIN = "material/tags"
FORMAT = "{slug}"


def tag_slug(name: str, separator: str) -> str:
    return slug(name)


def install(config) -> None:
    """From ``on_config``: the tags plugin's heading ids are GitHub's."""
    plugin = config.plugins.get(PLUGIN)
    if plugin is None:
        raise PluginError("hooks/links/topics.py: the 'tags' plugin is missing from mkdocs.yml (docs/topics.md lists its tags)")
    own = plugin.config
    default = getattr(own.tags_slugify, "func", None).__module__ == "pymdownx.slugs"  # the plugin's default partial
    if own.tags_slugify is not tag_slug and not default:
        raise PluginError("hooks/links/topics.py owns the tags plugin's tags_slugify (GitHub's rule): remove it from mkdocs.yml")
    if own.tags_slugify_format not in ("tag:{slug}", FORMAT):
        raise PluginError("hooks/links/topics.py owns the tags plugin's tags_slugify_format: remove it from mkdocs.yml")
    own.tags_slugify, own.tags_slugify_format = tag_slug, FORMAT
    # topics in alphabetical order whatever their case (the plugin's default puts "Dataset" before "gather")
    own.tags_sort_by = own.listings_tags_sort_by = tag_name_casefold


def keep_listings_out_of_search(files) -> None:
    """From ``on_env``, after the tags plugin filled its listings (its ``on_env``, priority 100)
    and before the search plugin reads the pages (``on_page_context``): a topic's heading and
    list are no search results of their own. A topic is found through the notes: their tags
    are in the index (Material's ``tags`` field), so a topic's name finds the notes with it;
    the listing's headings would only push the notes' own sections out of the first results."""
    for file in files.documentation_pages():
        page = file.page
        if page is not None and page.content and '<span class="md-tag' in page.content:
            page.content = TOPIC_HEADING.sub(r"\1 data-search-exclude\2", page.content)
