"""The curated mutations `make mutate` puts into a copy of the project, one at a time.

Each is a small, realistic bug, named by what it breaks (not by line numbers) and found by a
fragment of code that must occur exactly once in its file, so the list survives refactors: when
a fragment stops matching, `make mutate` says so and the entry is updated with the code.
``tests`` are the fast tests (``make check``'s set) that must catch it: pytest node ids or
files, run with ``-m "not slow and not browser"``.

The first twelve are the bugs of issue 26's review; then at least one per extension of
hooks/, per rule of the sanitizer (hooks/security/markup.py) and per generator of tools/.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mutation:
    name: str
    breaks: str  # what a reader or author would see go wrong
    file: str
    edits: tuple[tuple[str, str], ...]  # (fragment, replacement): each fragment occurs exactly once
    tests: tuple[str, ...]


M = Mutation
MUTATIONS = [
    # ------------------------------------------------------------------ the review's twelve
    M(
        "heading-duplicate-suffix",
        "a repeated heading gets the id `x_1` instead of GitHub's `x-1`",
        "hooks/headings/slugs.py",
        (('candidate = f"{base}-{n}"', 'candidate = f"{base}_{n}"'),),
        ("tests/test_github_slugs.py",),
    ),
    M(
        "output-check-first-line",
        "the #> check compares a snippet only up to its first output line",
        "tools/snippet_outputs.py",
        (("    if fresh != current:", '    if fresh.split("#>")[:2] != current.split("#>")[:2]:'),),
        ("tests/test_snippets.py::test_a_stale_line_anywhere_is_detected",),
    ),
    M(
        "badge-torch-only",
        "the version badge names torch only, also under snippets that ran transformers",
        "hooks/snippets/versions.py",
        (("for lib in TRACKED for e in entries", "for lib in TRACKED[:1] for e in entries"),),
        (
            "tests/test_snippets.py::test_badge_hook_reads_embeds_the_way_pymdownx_does",
            "tests/test_snippets.py::test_every_snippet_block_has_its_version_badge",
        ),
    ),
    M(
        "csp-unsafe-inline",
        "built pages allow inline scripts ('unsafe-inline' in script-src)",
        "hooks/security/csp.py",
        (("""(["'unsafe-inline'"] if serve else sorted(set(hashes)))""", """(["'unsafe-inline'"] + sorted(set(hashes)))"""),),
        ("tests/test_security.py",),
    ),
    M(
        "svg-onload",
        "an SVG figure may carry an onload= handler",
        "hooks/security/markup.py",
        (
            (
                '            if akey.lower().startswith("on"):',
                '            if akey.lower().startswith("on") and akey != "onload":',
            ),
            ("    type media href\n", "    type media href onload\n"),
        ),
        ("tests/test_security.py",),
    ),
    M(
        "particle-gwa",
        "the particle 과 is no longer split off: 입력과 is one token, so 입력 does not find it",
        "hooks/search/engine.py",
        (('_P1 = "으로|에서|에게|까지|부터|처럼|보다|와|과|로|에"', '_P1 = "으로|에서|에게|까지|부터|처럼|보다|와|로|에"'),),
        ("tests/test_search.py",),
    ),
    M(
        "search-lowest-first",
        "the search engine orders lunr's results lowest score first (its cut then keeps the wrong ones)",
        "overrides/assets/javascripts/workers/search-ko.js",
        (("results.sort((a, b) => b.score - a.score)", "results.sort((a, b) => a.score - b.score)"),),
        ("tests/test_search.py::test_engine_answers_as_lunr_past_the_result_cap_in_node",),
    ),
    M(
        "search-camel-parts-count",
        "a camelCase query's parts count fully again: DenseNet finds every ...Net title before the page that names DenseNet",
        "overrides/assets/javascripts/workers/search-ko.js",
        (("const PART = 0.001", "const PART = 1"),),
        ("tests/test_search_ranking.py",),
    ),
    M(
        "search-page-share-off",
        "a section no longer counts its page's share of the query: AlexNet's 활성화 함수 section ties the MLP page's and wins",
        "overrides/assets/javascripts/workers/search-ko.js",
        (("const SPREAD = 0.1", "const SPREAD = 0"),),
        ("tests/test_search_ranking.py",),
    ),
    M(
        "search-prefix-as-exact",
        "a word a query term only begins counts as much as the term (자동 미분 finds 자동차 first)",
        "overrides/assets/javascripts/workers/search-ko.js",
        (("const EXACT = 10", "const EXACT = 0"),),
        ("tests/test_search_ranking.py",),
    ),
    M(
        "search-page-demoted",
        "a long page's section that mentions the topic outranks the page whose title is the topic",
        "hooks/search/engine.py",
        (("PAGE_BOOST = 0.5  #", "PAGE_BOOST = 0.2  #"),),
        ("tests/test_search_ranking.py",),
    ),
    M(
        "explorer-bounds",
        "the gather explorer accepts index == size (torch raises)",
        "docs/assets/javascripts/gather-explorer.js",
        (("if (!(v >= 0 && v < bound)) {", "if (!(v >= 0 && v <= bound)) {"),),
        ("tests/test_gather_explorer.py::test_differential_fuzz_equals_torch_in_node",),
    ),
    M(
        "day-order-as-text",
        "notes are ordered by day as text: day100 comes before day11",
        "hooks/headings/order.py",
        (
            (
                "return tuple(int(part) if i % 2 else part.lower() for i, part in enumerate(_NUMBER.split(name)))",
                "return tuple(part if i % 2 else part.lower() for i, part in enumerate(_NUMBER.split(name)))",
            ),
        ),
        ("tests/test_build.py",),
    ),
    M(
        "home-list-drops-last",
        "the home page's note list drops its last row (the oldest note)",
        "hooks/headings/note_list.py",
        (("for src, title, description in self.rows]", "for src, title, description in self.rows[:-1]]"),),
        ("tests/test_build.py::test_home_lists_every_note_on_disk_newest_first",),
    ),
    M(
        "notebook-last-cell",
        "the notebook check ignores the last code cell's outputs",
        "tools/execute_notebooks.py",
        (("    return blocks\n", "    return blocks[:-1]\n"),),
        ("tests/test_notebooks.py",),
    ),
    M(
        "runner-no-fresh-seed",
        "snippets no longer start from a fresh random state: torch is not reseeded per run",
        "tools/snippet_runner/guards.py",
        (("            torch.manual_seed(self.seed)\n", "            pass\n"),),
        ("tests/test_snippets.py",),
    ),
    # ------------------------------------------------------------- one or more per extension
    M(
        "figure-no-label",
        "an inlined figure loses its accessible name (the alt text as aria-label)",
        "hooks/figures/extension.py",
        (('first=[("role", "img"), ("aria-label", alt)]', 'first=[("role", "img")]'),),
        ("tests/test_security.py", "tests/test_gather_figures.py"),
    ),
    M(
        "notebook-code-searchable",
        "notebook outputs are no longer kept out of the search index (a search for a number finds printouts)",
        "hooks/notebooks/render.py",
        (("""    (re.compile(r'(<div class="jp-RenderedText jp-OutputArea-output"[^>]*>\\s*<pre)(>)'), "some"),\n""", ""),),
        ("tests/test_notebooks.py::test_code_stays_out_of_the_search_index_but_markdown_cells_are_in",),
    ),
    M(
        "code-spans-lose-colour",
        "code blocks lose the colour of numbers (Pygments' .mi spans are stripped too)",
        "hooks/output/code_spans.py",
        (("r'<span class=\"(?:n|w|p|o)\">([^<]*)</span>'", "r'<span class=\"(?:n|w|p|o|mi)\">([^<]*)</span>'"),),
        ("tests/test_build.py::test_unwrapped_code_spans_lose_no_colour",),
    ),
    M(
        "sitemap-build-date",
        "sitemap.xml says every page changed at every build (build date, not commit date)",
        "hooks/output/sitemap.py",
        (("        page.update_date = date\n", "        pass\n"),),
        ("tests/test_build.py::test_sitemap_dates_are_the_pages_commit_dates",),
    ),
    M(
        "assets-not-minified",
        "our JS and CSS are published with their comments (pages heavier than the budget)",
        "hooks/output/minify.py",
        (("dest.write_text(small, encoding=", "dest.write_text(text, encoding="),),
        ("tests/test_build.py::test_our_assets_are_published_minified",),
    ),
    M(
        "emoji-from-cdn",
        "emoji shortcodes become images from a CDN again (a request to another host)",
        "hooks/output/emoji.py",
        (('    settings["emoji_generator"] = to_icon_or_text\n', "    pass\n"),),
        ("tests/test_build.py::test_emoji_render_offline",),
    ),
    M(
        "snippet-encoding-unchecked",
        "a snippet that is not UTF-8 fails deep in Markdown instead of with its name",
        "hooks/snippets/encoding.py",
        (('        data.decode("utf-8")\n', '        data.decode("latin-1")\n'),),
        ("tests/test_security.py::test_a_snippet_that_is_not_utf8_is_named_with_byte_and_line",),
    ),
    M(
        "heading-ids-not-owned",
        "toc's own slugify may be set in mkdocs.yml (heading ids stop being GitHub's)",
        "hooks/headings/ids.py",
        (('if toc_config.get("slugify") not in (None, _toc_fallback_slugify):', "if False:"),),
        ("tests/test_github_slugs.py",),
    ),
    M(
        "search-separator-not-owned",
        "the search separator set in mkdocs.yml silently replaces the Korean one",
        "hooks/search/extension.py",
        (("if plugin.config.separator not in (None, SEPARATOR):", "if False:"),),
        ("tests/test_search.py",),
    ),
    # --------------------------------------------------------------- the sanitizer's rules
    M(
        "sanitizer-script-element",
        "a notebook's markdown cell may hold <script>",
        "hooks/security/markup.py",
        (("    a abbr b bdi bdo blockquote", "    script a abbr b bdi bdo blockquote"),),
        ("tests/test_security.py",),
    ),
    M(
        "sanitizer-handlers",
        "an on*= handler in a notebook's HTML passes",
        "hooks/security/markup.py",
        (
            (
                '            if name.startswith("on"):\n                problems.append(f"{shown}: event handler',
                '            if name.startswith("on") and False:\n                problems.append(f"{shown}: event handler',
            ),
        ),
        ("tests/test_security.py",),
    ),
    M(
        "sanitizer-javascript-url",
        "a javascript: link in a notebook passes",
        "hooks/security/markup.py",
        (
            (
                '    if scheme in ("javascript", "vbscript"):\n        return f"{url!r} is a {scheme}: URL (it would run script)"',
                '    if scheme in ():\n        return f"{url!r} is a {scheme}: URL (it would run script)"',
            ),
            (
                'if name == "href" and scheme in ("http", "https", "mailto"):',
                'if name == "href" and scheme in ("http", "https", "mailto", "javascript"):',
            ),
        ),
        ("tests/test_security.py",),
    ),
    M(
        "sanitizer-css-url",
        "CSS url() may load from another host (a figure's or a style= attribute's)",
        "hooks/security/markup.py",
        (("                elif name in CSS_URL_FUNCTIONS:", "                elif name in CSS_URL_FUNCTIONS and False:"),),
        ("tests/test_security.py",),
    ),
    M(
        "sanitizer-svg-external-href",
        "a figure's link may point outside the figure",
        "hooks/security/markup.py",
        (
            (
                '            elif akey in ("href", "xlink:href") and (why := _internal_only(value)):',
                '            elif akey in ("href", "xlink:href") and False:',
            ),
        ),
        ("tests/test_security.py",),
    ),
    M(
        "policy-handlers",
        "the CSP check of built pages misses on*= handlers in page content",
        "hooks/security/markup.py",
        (
            (
                '            if name.startswith("on"):\n                problems.append(\n                    f"event handler {name}= in {tag_text}',
                '            if name.startswith("on") and False:\n                problems.append(\n                    f"event handler {name}= in {tag_text}',
            ),
        ),
        ("tests/test_security.py",),
    ),
    M(
        "policy-foreign-resources",
        "the CSP check of built pages misses an image from another host",
        "hooks/security/markup.py",
        (
            (
                '    if re.sub(r"[\\x00-\\x20\\x7f]+", "", url).startswith("//"):\n        return True\n    scheme = url_scheme(url)\n    return bool(scheme) and not (data_ok and scheme == "data")',
                "    return False",
            ),
        ),
        ("tests/test_security.py",),
    ),
    M(
        "sanitizer-svg-elements",
        "a figure may hold <foreignObject> (HTML, and its scripts, inside the SVG)",
        "hooks/security/markup.py",
        (
            (
                "    svg g defs symbol use title desc style a switch\n",
                "    svg g defs symbol use title desc style a switch foreignObject img\n",
            ),
        ),
        ("tests/test_security.py",),
    ),
    M(
        "sanitizer-css-at-rules",
        "a figure's CSS may @import a stylesheet (from anywhere)",
        "hooks/security/markup.py",
        (
            (
                'CSS_AT_RULES = frozenset({"media", "supports",',
                'CSS_AT_RULES = frozenset({"import", "font-face", "media", "supports",',
            ),
        ),
        ("tests/test_security.py",),
    ),
    M(
        "sanitizer-html-attributes",
        "any attribute passes in a notebook's HTML (only handlers and URLs are still checked)",
        "hooks/security/markup.py",
        (
            (
                '            elif not (name in HTML_ATTRIBUTES or name.startswith(("data-", "aria-"))) or name.startswith("data-md"):',
                "            elif False:",
            ),
        ),
        ("tests/test_security.py",),
    ),
    M(
        "sanitizer-data-urls",
        "a data: URL that is not an image (text/html) passes in a notebook's HTML",
        "hooks/security/markup.py",
        (
            (
                '    if scheme == "data":\n        return f"{url!r} is a data: URL',
                '    if False:\n        return f"{url!r} is a data: URL',
            ),
            ('    if scheme == "data" and IMAGE_DATA.match(', '    if scheme == "data" or IMAGE_DATA.match('),
        ),
        ("tests/test_security.py",),
    ),
    M(
        "policy-script-urls",
        "the CSP check of built pages misses a javascript: link in page content",
        "hooks/security/markup.py",
        (
            (
                '        elif name in POLICY_URL_ATTRIBUTES and url_scheme(value) in ("javascript", "vbscript"):',
                "        elif False:",
            ),
        ),
        ("tests/test_security.py",),
    ),
    # ------------------------------------------------ issue 20: what the browser builds, everywhere
    M(
        "sanitizer-comment-tricks",
        "a comment the browser reads differently from how it looks (<!--x--!>) passes in a notebook cell",
        "hooks/security/markup.py",
        (
            (
                '        if f"<!--{data}-->" not in fragment and not ("<" in data or ">" in data):',
                '        if False and f"<!--{data}-->" not in fragment:',
            ),
        ),
        ("tests/test_security.py::test_hostile_notebook_content_is_named_by_cell",),
    ),
    M(
        "sanitizer-fragment-end",
        "a raw cell ending inside a tag or comment passes (it swallows the next cell's markup)",
        "hooks/security/markup.py",
        (("    closed = any(tag == _SENTINEL for tag, _ in elements)", "    closed = True"),),
        ("tests/test_security.py::test_hostile_notebook_content_is_named_by_cell",),
    ),
    M(
        "sanitizer-theme-ids",
        "a figure or notebook cell may carry id=__config and clobber Material's configuration",
        "hooks/security/markup.py",
        (("    if THEME_ID.fullmatch(value.strip()):", "    if False:"),),
        ("tests/test_security.py",),
    ),
    M(
        "figure-style-unscoped",
        "a figure's <style> may style the whole page (body {display: none})",
        "hooks/security/markup.py",
        (
            (
                '                    if not any(c == own or c.startswith(own + "-") for c in classes):',
                "                    if False:",
            ),
        ),
        ("tests/test_security.py::test_hostile_figure_is_rejected_naming_line_and_reason",),
    ),
    M(
        "figure-utf16-without-bom",
        "a UTF-16 figure without a byte order mark passes as if it were UTF-8",
        "hooks/security/markup.py",
        (('    if b"\\x00" in data:', "    if False:"),),
        ("tests/test_security.py::test_malformed_figure_gives_a_clear_message",),
    ),
    M(
        "served-html-allowed",
        "an .html file under docs/ is served as it is, with its scripts",
        "hooks/security/markup.py",
        (("    if suffix in SERVED_AS_IS_REFUSED:", "    if False:"),),
        ("tests/test_security.py::test_a_file_served_as_it_is_passes_the_same_rules",),
    ),
    M(
        "note-list-unescaped",
        "the home page's note list builds markup from a notebook's metadata (a <meta> refresh redirects home)",
        "hooks/headings/note_list.py",
        (('    return _MARKDOWN_PUNCTUATION.sub(r"\\\\\\1", plain)', "    return str(text)"),),
        ("tests/test_security.py::test_home_note_list_shows_metadata_as_text_through_the_sites_markdown",),
    ),
    M(
        "published-anchor-gone-silently",
        "a renamed heading that was published breaks every link into it, and the build says nothing",
        "hooks/links/published.py",
        (
            (
                '            for anchor in sorted(set(entry["ids"]) - have):',
                '            for anchor in sorted(set(entry["ids"]) - have - set(entry["ids"])):',
            ),
        ),
        ("tests/test_links.py::test_a_gone_page_or_id_is_one_line_each_and_a_declared_move_or_alias_is_not",),
    ),
    M(
        "cache-key-blind-to-hook-edits",
        "after a hook is edited the build still serves results the old hook code made",
        "hooks/cache/store.py",
        (("                h.update(path.read_bytes())\n", "                pass\n"),),
        ("tests/test_cache.py::test_an_edit_of_any_file_of_the_hooks_changes_every_key",),
    ),
    M(
        "cache-keeps-look-alike-values",
        "a cached value comes back as a different type that only compares equal (a str subclass as str)",
        "hooks/cache/store.py",
        (
            (
                "        if back is MISSING or back != value or not _same_types(back, value):",
                "        if back is MISSING or back != value:",
            ),
        ),
        ("tests/test_cache.py::test_a_value_comes_back_as_it_went_in_or_is_not_kept",),
    ),
    M(
        "cache-key-joins-inputs",
        "two different pages whose inputs join to the same text share one cached result",
        "hooks/cache/store.py",
        (('            h.update(len(data).to_bytes(8, "little"))', "            pass"),),
        ("tests/test_cache.py::test_a_key_changes_with_each_input_its_boundaries_and_the_namespace",),
    ),
    M(
        "backlink-to-itself",
        "a note lists its own table of contents among the notes that link to it",
        "hooks/links/backlinks.py",
        (("            if target is None or target[0] == page.url:", "            if target is None:"),),
        ("tests/test_links.py::test_each_note_lists_every_section_of_another_page_that_links_to_it",),
    ),
    M(
        "backlinks-fast-path-cuts-charrefs",
        "a backlink quotes a sentence wrongly: the reader drops tags that cut a character reference without ';'",
        "hooks/links/backlinks.py",
        (('    r"|&(?!(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]{0,31});)",', '    r"",'),),
        ("tests/test_links.py::test_the_link_reader_reads_a_page_whole_when_dropping_tags_would_change_it",),
    ),
    M(
        "note-notebook-outputs-as-code",
        "a note's notebook carries the #> lines as comments in the code, and no outputs",
        "hooks/runnable/notebook.py",
        (("        m = OUTPUT.match(line)\n", "        m = None\n"),),
        ("tests/test_run_note.py::test_the_notebook_has_the_snippets_in_page_order_with_headings_and_prose",),
    ),
    M(
        "home-list-unnamed-links",
        "the home page's note links lose their text: a screen reader hears only 'link' (axe link-name)",
        "hooks/headings/note_list.py",
        (('lines += [f"| [{title}]({src}) | {description} |"', 'lines += [f"| [ ]({src}) | {title}: {description} |"'),),
        ("tests/test_quality.py::test_content_passes_the_static_accessibility_rules",),
    ),
    # -------------------------------------------------------------------- the test harness
    M(
        "scan-skips-changed-pages",
        "on a long course the browser scans no longer load the pages a change touched",
        "tools/harness/pages.py",
        (("    chosen |= changed_pages(sources, changed) & set(pages)\n", "    pass\n"),),
        ("tests/test_quality.py::test_browser_pages_scans_every_kind_and_every_changed_page",),
    ),
    # -------------------------------------------------------------------- the generators
    M(
        "figure-wrong-value",
        "a gather figure's formula shows a value torch did not return",
        "tools/figures/gather.py",
        (('        ("gf-to", str(value)),', '        ("gf-to", str(value + 1)),'),),
        ("tests/test_gather_figures.py",),
    ),
    M(
        "lock-digest-ignores-includes",
        "a lock stays 'fresh' after an edit of a group it includes (docs in test)",
        "tools/locks.py",
        (('            out += requirements(groups, item["include-group"], _seen + (group,))', "            pass"),),
        ("tests/test_environments.py",),
    ),
    M(
        "upgrade-report-misses-badges",
        "the upgrade report says no badge changed when one did",
        "tools/upgrade.py",
        (("                by_change.setdefault(", "                {}.setdefault("),),
        ("tests/test_environments.py",),
    ),
    # ------------------------------------------------------- a learner's mistakes (issue 23)
    M(
        "snippet-project-writable",
        "a snippet's torch.save or subprocess leaves a file in the repository",
        "tools/snippet_runner/child.py",
        (("    return readonly.enter(project, [interpreter] if inside else [])", "    return None"),),
        ("tests/test_snippets.py::test_each_failure_mode_gives_its_message_with_file_and_line",),
    ),
    M(
        "stale-output-unnoticed",
        "a snippet edited after make update still builds, its page showing old #> output",
        "hooks/snippets/versions.py",
        (("        if entry.get(CODE_KEY) != code_digest(", "        if False and entry.get(CODE_KEY) != code_digest("),),
        ("tests/test_snippets.py::test_a_snippet_edited_since_make_update_warns_with_the_command",),
    ),
    M(
        "output-lines-look-like-comments",
        "#> output lines are drawn as grey comments again",
        "hooks/output/code_spans.py",
        ((".replace(_OUTPUT_LINE, f'<span class=\"c1 {OUTPUT_CLASS}\">#&gt;')", ""),),
        ("tests/test_build.py::test_output_lines_are_marked_apart_from_comments",),
    ),
    M(
        "code-blocks-not-focusable",
        "a wide code block below the first screen cannot be reached or scrolled with the keyboard",
        "hooks/output/code_spans.py",
        (("""return html.replace(_BLOCK_START, '<pre><span></span><code tabindex="0">')""", "return html"),),
        ("tests/test_build.py::test_every_code_block_starts_in_the_tab_order",),
    ),
    M(
        "chunks-swallow-headings",
        "a heading goes into the chunk before it: Material's table of contents then lays out whole skipped chunks at start-up",
        "hooks/output/chunks.py",
        (
            (
                "            if block.tag in HEADINGS:\n                chunk = None",
                "            if block.tag in HEADINGS and chunk is None:",
            ),
        ),
        (
            "tests/test_build.py::test_chunks_hold_the_text_between_headings_after_the_first_screen",
            "tests/test_build.py::test_long_notes_are_drawn_in_chunks",
        ),
    ),
    M(
        "anchor-record-forgets-on-update",
        "make update drops the published ids of a heading that was renamed, so the build no longer guards them",
        "tools/anchors.py",
        (('        ids = set(pages.get(url, {}).get("ids", [])) | set(entry["ids"])', '        ids = set(entry["ids"])'),),
        ("tests/test_links.py::test_update_adds_what_is_published_and_keeps_what_was",),
    ),
    M(
        "colab-copy-never-stale",
        "the committed notebook Colab opens stays behind the note and nothing says so",
        "tools/colab_notebooks.py",
        (("    if have != want:\n", "    if not have:\n"),),
        ("tests/test_run_note.py::test_a_stale_colab_copy_is_found_and_rewritten",),
    ),
]
