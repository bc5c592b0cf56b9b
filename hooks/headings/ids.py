"""Heading ids exactly as GitHub makes them, so ``day12.md#제목`` links work on both.

The rule itself is ``slugs.py`` (next to this file). ``HeadingIds`` applies it to every
Markdown page:

- ``on_config`` adds a small Markdown extension whose treeprocessor runs after
  ``attr_list`` and before ``toc`` and gives every heading without an explicit
  ``{#id}`` GitHub's id: same text rule, duplicates ``-1``, ``-2`` in page order. ``toc``
  keeps ids that exist, so the permalinks, the TOC sidebar, the search index locations and
  MkDocs' anchor validation all see these ids. The hook owns toc's ``slugify`` (its
  fallback for headings left without an id); setting one in mkdocs.yml fails the build.
- Emoji shortcodes: GitHub makes the id from the Markdown text, where an emoji is still
  its shortcode (``## :tada: 축하`` -> ``tada-축하``; GitHub's own output, recorded in
  github-slugger's fixtures). pymdownx.emoji has replaced the shortcode by an image by
  the time headings are read, so the extension tags each emoji element with its shortcode.
- ``on_post_build``: for every link to a heading that does not exist (MkDocs warns about
  it just before: ``validation.links.anchors``), one more line that says how to fix it:
  the ids the target page does have that look closest. A heading without any letter or
  digit (no usable id on GitHub) is a warning naming the page.

The extension raises when Python-Markdown or pymdownx no longer look as expected
(``toc`` / ``attr_list`` priorities, the emoji pattern), instead of silently doing less.
"""

from __future__ import annotations

import copy
import difflib
import html
import logging
import re
from xml.etree import ElementTree as etree

from markdown import Extension
from markdown.extensions import toc
from markdown.inlinepatterns import HTML_RE
from markdown.treeprocessors import Treeprocessor
from mkdocs.exceptions import PluginError

from hooks.headings.slugs import Slugger, slug

log = logging.getLogger("mkdocs.hooks.headings")
HEADING = re.compile(r"h[1-6]")
SHORTCODE = "data-gh-shortcode"  # set on emoji elements, removed again by the treeprocessor
PRIORITY = 6  # after attr_list (8, explicit {#id}), before toc (5) and MkDocs' anchor list (5)


def heading_text(el: etree.Element, md) -> str:
    """The heading's text as GitHub slugs it: rendered inline Markdown without tags,
    entities decoded, emoji as their ``:shortcode:``, whitespace as written."""
    el = toc.remove_fnrefs(copy.deepcopy(el))
    for child in el.iter():
        code = child.attrib.pop(SHORTCODE, None)
        if code is not None:
            child.attrib.clear()
            child.tag, child.text = "span", code
            for grandchild in list(child):
                child.remove(grandchild)
    text = toc.render_inner_html(el, md)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    return html.unescape(re.sub(HTML_RE, "", text, flags=re.S))


class _GithubHeadingIds(Treeprocessor):
    def __init__(self, md, owner: HeadingIds):
        super().__init__(md)
        self.owner = owner

    def run(self, root: etree.Element) -> None:
        headings = [el for el in root.iter() if isinstance(el.tag, str) and HEADING.fullmatch(el.tag)]
        slugger = Slugger(el.get("id") for el in root.iter() if el.get("id"))
        for el in headings:
            if "id" in el.attrib:
                continue  # an explicit {#id}: kept
            text = heading_text(el, self.md)
            if not slug(text):
                log.warning(
                    f"{self.owner.where()}: heading {text.strip()!r} has no letter or digit, so it has no "
                    "usable id (on GitHub either): add a word to it"
                )
                continue
            el.set("id", slugger.slug(text))
        for el in root.iter():
            el.attrib.pop(SHORTCODE, None)


class GithubHeadingIdsExtension(Extension):
    def __init__(self, owner: HeadingIds):
        super().__init__()
        self.owner = owner

    def extendMarkdown(self, md):
        tree = md.treeprocessors
        if "toc" not in tree or "attr_list" not in tree:
            raise PluginError("hooks/headings/ids.py needs the 'toc' and 'attr_list' extensions in mkdocs.yml")
        priorities = {item.name: item.priority for item in tree._priority}
        if not priorities["toc"] < PRIORITY < priorities["attr_list"]:
            raise PluginError(
                f"hooks/headings/ids.py: expected attr_list > {PRIORITY} > toc, got "
                f"{priorities} (Python-Markdown changed? update PRIORITY)"
            )
        tree.register(_GithubHeadingIds(md, self.owner), "github_heading_ids", PRIORITY)
        if "emoji" in md.inlinePatterns:
            _tag_emoji_shortcodes(md.inlinePatterns["emoji"])


def _tag_emoji_shortcodes(pattern) -> None:
    """Make pymdownx.emoji's elements carry the shortcode they replace."""
    if type(pattern).__name__ != "EmojiPattern" or not hasattr(pattern, "handleMatch"):
        raise PluginError(f"hooks/headings/ids.py: unexpected emoji pattern {pattern!r} (pymdownx changed?)")
    original = pattern.handleMatch

    def handle(m, data):
        el, start, end = original(m, data)
        if isinstance(el, etree.Element):
            el.set(SHORTCODE, m.group(0))
        return el, start, end

    pattern.handleMatch = handle


def _toc_fallback_slugify(text: str, sep: str) -> str:
    return slug(text)


class HeadingIds:
    """GitHub's ids for one build: the Markdown extension, the page being converted (for
    messages) and, after the build, a fix for every link to a missing heading."""

    def __init__(self) -> None:
        self.page = None
        self.files = None

    def where(self) -> str:
        return f"docs/{self.page.file.src_uri}" if self.page is not None else "a Markdown page"

    def install(self, config) -> None:
        """From ``on_config``: own toc's slugify, add the extension."""
        toc_config = config.mdx_configs.setdefault("toc", {})
        if "toc" not in config.markdown_extensions:
            raise PluginError("hooks/headings/ids.py needs the 'toc' extension in mkdocs.yml")
        if toc_config.get("slugify") not in (None, _toc_fallback_slugify):
            raise PluginError(
                "hooks/headings/ids.py owns toc's slugify (GitHub's rule): remove 'slugify:' from toc in mkdocs.yml"
            )
        toc_config["slugify"] = _toc_fallback_slugify
        if not any(isinstance(e, GithubHeadingIdsExtension) for e in config.markdown_extensions):
            config.markdown_extensions.append(GithubHeadingIdsExtension(self))

    def explain_missing_anchors(self) -> None:
        """From ``on_post_build`` (after MkDocs' anchor warnings): a fix for every link to a
        missing heading (MkDocs' own warning says what is wrong)."""
        files, self.files = self.files, None
        for file in files or []:
            page = file.page if file.is_documentation_page() else None
            for target, links in ((page.links_to_anchors or {}) if page else {}).items():
                present = target.page.present_anchor_ids if target.page else None
                if present is None:
                    continue
                for anchor, link in links.items():
                    if anchor in present:
                        continue
                    close = difflib.get_close_matches(anchor, sorted(present), n=1, cutoff=0.4)
                    hint = f" Did you mean #{close[0]}?" if close else ""
                    log.info(
                        f"docs/{file.src_uri}: the link {link!r} names no heading of docs/{target.src_uri}.{hint} "
                        "A heading's id is its text lower-cased, spaces as '-', punctuation dropped "
                        "(GitHub's rule): copy it from the heading's ¶ link on the site, or fix the link "
                        "after renaming a heading."
                    )
