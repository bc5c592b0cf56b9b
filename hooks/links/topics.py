"""Topics: notes grouped by their front matter ``tags:`` (Material's built-in tags plugin).

The tags plugin shows a note's tags above it, puts them into the search index (Material's
``tags`` field) and fills the listing in ``docs/topics.md`` (주제별 보기): per tag, a heading,
the notes with that tag and, under each note, its sections whose heading names the tag
(``overrides/fragments/tags/default/listing.html``). This module owns two of the plugin's
settings so that a tag's heading id is GitHub's id for its name, like every other heading of
the site (``hooks/headings``): ``tags_slugify`` and ``tags_slugify_format``; and sorts topics
without regard to case (``tags_sort_by``, ``listings_tags_sort_by``). The notes' tags stay out
of their search entries (``keep_tags_out_of_search_entries`` says why); a topic is found
through its section of the topic page. A note without
``tags:`` builds as before and is in no topic.
"""

from __future__ import annotations

import re

from material.plugins.tags import tag_name_casefold
from mkdocs.exceptions import PluginError

from hooks.headings.slugs import slug

PLUGIN = "material/tags"
TOPIC_HEADING = re.compile(r'(<h[1-6] id="([^"]+)")(>\s*<span class="md-tag[^"]*">([^<]*)</span>)')
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


def keep_tags_out_of_search_entries(page) -> None:
    """From ``on_page_content``, before the search plugin (and hooks/search, which sends the
    page to its second process at priority -100) reads ``page.meta``: Material's search copies
    a page's tags into the entry of every section of the page, with boost 1e6. Measured on
    day12 (11 tags, 81 sections): the first search index grew from under 10 KB to 15.9 KB per
    note (tests/test_search_scale.py's budget), every result of a tagged note showed the tags
    as text, and a tag query ranked all sections of the note alike, so `nn.Module` no longer
    found the section `nn.Module` in the first five. A topic is found through the topic page
    instead (``index_topics``). The tags plugin read the tags earlier (``on_page_markdown``) and shows them from
    its own record, so the chips above the note stay."""
    page.meta.pop("tags", None)


def index_topics(files) -> None:
    """From ``on_env``, after the tags plugin filled its listings (its ``on_env``, priority 100)
    and before the search plugin reads the pages (``on_page_context``). On the topic page: a
    line under the title naming every topic (a link to its heading), so a topic's name finds
    the topic page in search (as text of its first section: it ranks below the notes' own
    headings); the topics' own headings stay out of the results (``data-search-exclude``), as
    a heading "DataLoader" there took the place of the note's section "DataLoader" in the
    first five results (tests/test_search.py)."""
    for file in files.documentation_pages():
        page = file.page
        if page is None or not page.content or not TOPIC_HEADING.search(page.content):
            continue
        topics = [(m.group(2), m.group(4)) for m in TOPIC_HEADING.finditer(page.content)]
        line = " · ".join(f'<a href="#{hid}">{name}</a>' for hid, name in topics)
        start = TOPIC_HEADING.search(page.content).start()  # before the first topic
        content = page.content[:start] + f'<p class="topic-index">주제: {line}</p>\n' + page.content[start:]
        page.content = TOPIC_HEADING.sub(r"\1 data-search-exclude\3", content)
