"""Heading ids follow GitHub's rule (hooks/headings/slugs.py, applied by hooks/headings/ids.py).

- GitHub's own outputs: the cases github-slugger records from headings rendered on GitHub
  (test/fixtures.json of https://github.com/Flet/github-slugger: duplicates, dashes,
  underscores, punctuation, spaces, emoji, gemoji shortcodes, Cyrillic, Han) and samples of
  every Unicode general category from the same fixtures, run in order through one slugger;
- the rule equals github-slugger's definition (its script/generate-regex.mjs: categories
  minus ``Alphabetic`` minus space and ``-``) on every code point, with the ``regex``
  module's Unicode tables as the independent reference;
- Korean headings (Hangul, jamo, particles next to API names, Korean punctuation);
- the site's Markdown pipeline gives those ids to real headings: duplicates ``-1``,
  ``__dunder__`` kept, emoji shortcodes as GitHub slugs them, explicit ``{#id}`` kept.
"""

from __future__ import annotations

import unicodedata

import markdown
import pytest
import regex

from hooks.headings import added
from hooks.headings import ids as heading_ids
from hooks.headings import slugs as github_slugs
from tools.harness.build import mkdocs_config

# (heading text, id GitHub gave it), in document order: github-slugger's fixtures.json.
GITHUB_SEQUENCE = [
    ("alpha", "alpha"),
    ("alpha", "alpha-1"),
    ("bravoCharlieDelta", "bravocharliedelta"),
    ("__proto__", "__proto__"),
    ("__proto__", "__proto__-1"),
    ("hasOwnProperty", "hasownproperty"),
    ("echo", "echo"),
    ("echo", "echo-1"),
    ("echo 1", "echo-1-1"),
    ("echo-1", "echo-1-2"),
    ("echo", "echo-2"),
    ("foxtrot-1", "foxtrot-1"),
    ("foxtrot", "foxtrot"),
    ("foxtrot", "foxtrot-2"),
    ("heading with a - dash", "heading-with-a---dash"),
    ("heading with an _ underscore", "heading-with-an-_-underscore"),
    ("heading with a period.txt", "heading-with-a-periodtxt"),
    ("exchange.bind_headers(exchange, routing [, bindCallback])", "exchangebind_headersexchange-routing--bindcallback"),
    (" ", "-"),
    (" a", "-a"),
    ("a ", "a-"),
    (" a ", "-a-"),
    ("-a-", "-a--1"),
    ("apostrophe\u2019s should be trimmed", "apostrophes-should-be-trimmed"),
    ("golf", "golf"),
    ("golf", "golf-1"),
    ("golf", "golf-2"),
    ("I \u2665 unicode", "i--unicode"),
    ("dash-dash", "dash-dash"),
    ("en\u2013dash", "endash"),
    ("em\u2013dash", "emdash"),
    ("\U0001f604 unicode emoji", "-unicode-emoji"),
    ("\U0001f604-\U0001f604 unicode emoji", "--unicode-emoji"),
    ("\U0001f604_\U0001f604 unicode emoji", "_-unicode-emoji"),
    ("\U0001f604 - an emoji", "---an-emoji"),
    (":smile: - a gemoji", "smile---a-gemoji"),
    ("Привет", "привет"),
    ("Профили пользователей", "профили-пользователей"),
    ("Привет non-latin 你好", "привет-non-latin-你好"),
    (":ok: No underscore", "ok-no-underscore"),
    (":ok_hand: Single", "ok_hand-single"),
    (":ok_hand::hatched_chick: Two in a row with no spaces", "ok_handhatched_chick-two-in-a-row-with-no-spaces"),
    (":ok_hand: :hatched_chick: Two in a row", "ok_hand-hatched_chick-two-in-a-row"),
]

# Per general category (fixtures "Uppercase_Letter" ... "Unassigned"): sample characters
# from the fixtures' "a<c1> <c2> ... b" headings and what GitHub kept of each ("\0" =
# removed), so the heading "a" + " ".join(chars) + "b" gets "a" + "-".join(kept) + "b".
CATEGORY_SAMPLES = {
    "Lu": ("A E À Ǉ Ͳ Σ Ꭱ Ა ẞ İ 𐐂 𝐄", "a e à ǉ ͳ σ ꭱ ა ß i\u0307 𐐪 𝐄"),
    "Ll": ("a µ ſ ß ɐ ᏹ ｗ", "a µ ſ ß ɐ ᏹ ｗ"),
    "Lt": ("ǅ ᾈ ῼ", "ǆ ᾀ ῳ"),
    "Lm": ("ʰ ˆ ー 々 ｰ", "ʰ ˆ ー 々 ｰ"),
    "Lo": ("ª 곳 항 ㄉ 您 ﭡ", "ª 곳 항 ㄉ 您 ﭡ"),
    "Nl": ("Ⅰ ⅰ 〇 ᛮ", "ⅰ ⅰ 〇 ᛮ"),
    "Nd": ("0 9 ١ ० ０ 𝟏", "0 9 ١ ० ０ 𝟏"),
    "No": ("² ¹ ½ ① ⑴ ㉈ 🄁", " ".join("\0" * 7)),
    "Mn": ("\u0304 \u0591 \u0941", "\u0304 \u0591 \u0941"),
    "Mc": ("\u0903 \u093e", "\u0903 \u093e"),
    "Me": ("\u0488 \u20dd", "\u0488 \u20dd"),
    "Pc": ("_ ‿ ⁀ ︳ ＿", "_ ‿ ⁀ ︳ ＿"),
    "Pd": ("- ֊ ‐ – — 〜 －", "- \0 \0 \0 \0 \0 \0"),
    "Ps": ("( [ { 「 『 《 （", "\0 \0 \0 \0 \0 \0 \0"),
    "Pe": (") ] } 」 』 》 ）", "\0 \0 \0 \0 \0 \0 \0"),
    "Pi": ("« ‘ “", "\0 \0 \0"),
    "Pf": ("» ’ ”", "\0 \0 \0"),
    "Po": ("! \" # & ' , . : ; @ \\ § ¶ ¿ · 、 。 …", " ".join("\0" * 18)),
    "Sm": ("+ = | ± ÷ ∑ ≤ →", " ".join("\0" * 8)),
    "Sc": ("$ ¢ € ₩ ￦", " ".join("\0" * 5)),
    "Sk": ("^ ` ¨ ´ \U0001f3fb", " ".join("\0" * 5)),
    "So": (
        "¦ № ☎ ♪ ✅ \U0001f389 \U0001f606 Ⓔ ⓘ \U0001f13a \U0001f14a \U0001f159 \U0001f17b",
        "\0 \0 \0 \0 \0 \0 \0 ⓔ ⓘ \U0001f13a \0 \U0001f159 \U0001f17b",
    ),
    "Zs": ("\u00a0 \u2003 \u3000", "\0 \0 \0"),
    "Zl": ("\u2028", "\0"),
    "Zp": ("\u2029", "\0"),
    "Cf": ("\u00ad \u0600 \u200b \u200d \u2060 \ufeff", " ".join("\0" * 6)),
    "Cc": ("\t \x1f \x7f", "\0 \0 \0"),
    "Co": ("\ue000 \uf8ff", "\0 \0"),
    "Cn": ("\u0378", "\0"),
}


def _fixture(chars: str, kept: str) -> tuple[str, str]:
    """The fixture heading for ``chars`` and the id GitHub gave it."""
    samples, results = chars.split(" "), kept.split(" ")
    assert len(samples) == len(results), (chars, kept)
    return "a" + " ".join(samples) + "b", "a" + "-".join(r.replace("\0", "") for r in results) + "b"


def test_github_outputs_in_document_order():
    slugger = github_slugs.Slugger()
    assert [(text, slugger.slug(text)) for text, _ in GITHUB_SEQUENCE] == GITHUB_SEQUENCE


@pytest.mark.parametrize("category", CATEGORY_SAMPLES)
def test_github_outputs_per_unicode_category(category):
    chars, kept = CATEGORY_SAMPLES[category]
    heading, expected = _fixture(chars, kept)
    assert github_slugs.slug(heading) == expected
    # the samples really are of that category (no typo above)
    assert [c for c in chars.split(" ") if unicodedata.category(c) != category] == []


def test_rule_equals_github_sluggers_definition_on_every_code_point():
    """github-slugger removes: No, P except Pc, S, Cc, Cf, Co, Cn, Z; minus Alphabetic,
    minus ' ' and '-'. Compared on every code point both Unicode versions (Python's
    unicodedata, the regex module's tables) agree is assigned or unassigned."""
    removed = regex.compile(
        r"[[\p{No}\p{Pd}\p{Ps}\p{Pe}\p{Pi}\p{Pf}\p{Po}\p{S}\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Z}]"
        r"--[\p{Alphabetic}\x20\-]]",
        regex.V1,
    )
    unassigned = regex.compile(r"\p{Cn}")
    is_kept = github_slugs.is_kept.__wrapped__  # uncached: a million characters
    compared, differ = 0, []
    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue  # lone surrogates never reach a heading
        char = chr(code)
        if (unicodedata.category(char) == "Cn") != bool(unassigned.match(char)):
            continue  # assigned in one Unicode version only
        compared += 1
        if is_kept(char) == bool(removed.match(char)):
            differ.append(f"U+{code:04X}")
    assert compared > 1_000_000
    assert differ == []


@pytest.mark.parametrize(
    "heading, anchor",
    [
        ("1. 과제 내용 정리", "1-과제-내용-정리"),
        ("2. 학습 회고", "2-학습-회고"),
        ("DataLoader의 collate_fn", "dataloader의-collate_fn"),
        ("__getitem__과 __len__", "__getitem__과-__len__"),
        ("_private와 trailing_", "_private와-trailing_"),
        ("nn.Module 컨테이너 (Sequential)", "nnmodule-컨테이너-sequential"),
        ("torch.gather", "torchgather"),
        ("dim=1 예제", "dim1-예제"),
        ("한글·영어 혼용", "한글영어-혼용"),
        ("「인용」과 『책』", "인용과-책"),
        ("100% 이해하기!", "100-이해하기"),
        ("Q&A: 질문과 답", "qa-질문과-답"),
        ("①번 문제", "번-문제"),
        ("끝 - 마무리", "끝---마무리"),
        ("결과 → 다음", "결과--다음"),
        ("ㅋㅋ 자모와 ﾡ 반각", "ㅋㅋ-자모와-ﾡ-반각"),  # compatibility and half-width jamo are letters
        ("\u1112\u1161\u11ab 조합형", "\u1112\u1161\u11ab-조합형"),  # conjoining jamo kept as typed, not normalized
        ("Tensor, buffer, Parameter 비교", "tensor-buffer-parameter-비교"),
        ("🎉 축하", "-축하"),  # an emoji character is removed, its space stays
    ],
)
def test_korean_headings(heading, anchor):
    assert github_slugs.slug(heading) == anchor


@pytest.fixture(scope="module")
def site_markdown():
    """A Markdown converter with the site's extensions and GitHub's heading ids applied."""
    config = mkdocs_config()
    heading_ids.HeadingIds().install(config)

    def convert(text: str) -> list[str]:
        md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
        md.convert(text)
        return [token["id"] for token in _flatten(md.toc_tokens)]

    return convert


def _flatten(tokens):
    for t in tokens:
        yield t
        yield from _flatten(t["children"])


def test_site_headings_get_github_ids(site_markdown):
    ids = site_markdown(
        "# 새 노트\n\n## 같은 제목\n\n## 같은 제목\n\n### 같은 제목\n\n## 같은 제목-1\n\n"
        "## `__getitem__`과 `__len__`\n\n## a - b\n\n## 한글·영어 (mixed) 「인용」\n\n"
        "## [링크 글자](https://example.com)와 **굵게**\n\n## 1 &lt; 2 &amp; 3\n\n## 직접 정한 id {#custom-id}\n"
    )
    assert ids == [
        "새-노트",
        "같은-제목",
        "같은-제목-1",
        "같은-제목-2",
        "같은-제목-1-1",
        "__getitem__과-__len__",
        "a---b",
        "한글영어-mixed-인용",
        "링크-글자와-굵게",
        "1--2--3",
        "custom-id",
    ]


def test_emoji_shortcodes_are_slugged_as_github_does(site_markdown):
    """GitHub slugs the Markdown text, where an emoji is still its shortcode
    (fixtures: ':smile: - a gemoji' -> 'smile---a-gemoji')."""
    ids = site_markdown(
        "## :tada: 축하\n\n## :smile: - a gemoji\n\n## :ok_hand::hatched_chick: Two in a row with no spaces\n\n## 🎉 축하\n"
    )
    assert ids == ["tada-축하", "smile---a-gemoji", "ok_handhatched_chick-two-in-a-row-with-no-spaces", "-축하"]


def test_heading_without_letters_is_a_warning(site_markdown, caplog):
    """An emoji-only heading has no usable id (GitHub gives it an empty one): the build
    warns, so `make build` fails and `make serve` shows it."""
    with caplog.at_level("WARNING", logger="mkdocs.hooks.headings"):
        site_markdown("## 🎉\n\n## 정리\n")
    assert [r.getMessage() for r in caplog.records] == [
        "a Markdown page: heading '🎉' has no letter or digit, so it has no usable id (on GitHub either): add a word to it"
    ]


def test_no_helper_attribute_leaks_into_the_page():
    config = mkdocs_config()
    heading_ids.HeadingIds().install(config)
    md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    html = md.convert("## :tada: 축하\n\n본문 :smile: 이모지\n")
    assert heading_ids.SHORTCODE not in html
    assert 'id="tada-축하"' in html


def test_hook_owns_toc_slugify():
    config = mkdocs_config()
    config.mdx_configs["toc"]["slugify"] = lambda text, sep: text
    with pytest.raises(heading_ids.PluginError, match="owns toc's slugify"):
        heading_ids.HeadingIds().install(config)


def test_a_later_heading_keeps_its_id_and_gets_the_tag():
    """`##### 모양 규칙<!-- 덧붙인 제목 -->`: the id is GitHub's (comment ignored), the site shows a
    search-excluded 덧붙임 tag in the heading; the marker outside a heading fails the build."""
    config = mkdocs_config()
    heading_ids.HeadingIds().install(config)
    md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    html = md.convert(f"##### 모양 규칙{added.MARKER}\n\n본문\n")
    assert 'id="모양-규칙"' in html and added.MARKER in html
    out = added.mark(html, "docs/day57/day57.md")
    assert f"모양 규칙{added.TAG}" in out and added.MARKER not in out
    assert "data-search-exclude>덧붙임</span>" in added.TAG
    with pytest.raises(added.PluginError, match=r"docs/day57/day57\.md: <!-- 덧붙인 제목 --> stands outside a heading"):
        added.mark(f"<p>본문{added.MARKER}</p>", "docs/day57/day57.md")
