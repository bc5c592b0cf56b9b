"""Korean search for Material's built-in search (lunr): the pure part (no MkDocs here).

``extension.py`` (next to this file) wires it into the build; tests and benches import it
directly (``from hooks.search import engine``). Material's search
UI and web worker stay stock: this only decides what the worker is given in
``search/search_index.json`` (config and entries).

1. ``SEPARATOR``, the tokenizer regex. Material applies it to the index *and* to every
   query term, so whatever it splits is split the same way on both sides. It splits
   - whitespace, punctuation and HTML entities (``|`` is written ``\\x7c`` because
     Material's page highlighter splits the separator at ``|``), leading/trailing ``_``
     (``__init__`` -> init), and ``.`` not before a digit: ``torch.nn.Module.named_buffers``
     -> torch, nn, module, named_buffers (inner ``_`` stays: the whole API name is one
     token, so ``progress_apply`` finds exactly the section that has it);
   - camelCase after 3+ lower-case letters: ``RandomCrop`` -> random, crop
     (``ToTensor`` stays one token: ``to*`` would match everything);
   - Hangul from Latin/digits: ``gather함수`` -> gather, 함수; ``3차원`` -> 3, 차원;
   - lone jamo, dropped: while an IME composes ``셔플`` the box holds ``셔ㅍ``, which then
     searches ``셔`` instead of finding nothing (``ㅠㅠ`` is not searchable);
   - a word-final particle (조사), which it drops: ``텐서의`` -> 텐서, ``버퍼를`` -> 버퍼,
     ``모듈에서는`` -> 모듈, ``훅을`` -> 훅. Rule: the particle must end the word; after two
     or more Hangul syllables any particle goes; after one syllable only particles that do
     not end common nouns (을 를 은 는 에 와 에서 으로 ...), so ``결과``, ``차이``, ``길이``,
     ``정도``, ``대가`` stay whole; after Latin it goes too (``view와`` -> view). Words with a
     particle-like syllable inside (``이미지``, ``가중치``, ``데이터로더``) never split.
   Consuming alternatives come before zero-width ones (the worker's split() skips other
   matches at the position of a zero-width match). It uses regex lookbehind: Chrome/Edge
   62+, Firefox 78+, Safari 16.4+; an older browser cannot compile it and gets no search
   results. tests/test_search.py compiles it in Chromium and checks that the worker's
   tokenization equals ``tokenize()`` below on every indexed text.
2. Hidden fields. lunr indexes every field listed in ``config.fields``; Material renders
   only ``title``, ``text`` and ``tags``, so readers never see these (``FIELDS``):
   - ``keywords`` (like the title): the other spellings of every glossary term in the title
     (``glossary.yml``: 버퍼 <-> buffer, 셔플 <-> shuffle, 허깅페이스 <-> Hugging
     Face ...), one per mention, and the namespace the text gives the title's API
     (``gather`` -> torch);
   - ``short``: the words of titles of up to 3 words, repeated 3/2/1 times: lunr has no
     length normalisation here, so without it ``nn.ModuleList와 nn.ModuleDict`` beats
     ``nn.Module`` for ``nn.Module``;
   - ``context``: the enclosing heading's words (``DataLoader 셔플`` finds the shuffle
     section under DataLoader), below the title so the parent still wins its own name;
   - ``compounds`` (weak): snake/camel parts (named_buffers -> buffers), lower-case joined
     names (randomcrop) and Korean compounds typed without a space (배치사이즈, 이미지크기,
     자식모듈, 학습회고). Weak because a query prefix expands to every token that starts
     with it (``모듈*`` -> 모듈리스트) and those rare tokens must not outweigh real matches;
   - ``aliases`` (like the text): the same for the section text;
   - ``code`` (like the text): the names a section's code blocks import, define, call,
     assign or take as parameters (``api_names``) that its prose does not have, so a name
     that appears only in code (``x_ones``, ``grad_clipping``) finds its section. It is in
     the full-text stage only: the first download does not grow;
   - ``defines`` (above the title): special methods the prose explains and the code
     defines (Dataset: ``__len__``, ``__getitem__``): the separator makes ``__len__`` the
     token ``len``, as ``len()`` calls and the glossary's 길이/len are;
   - ``about`` (page entries, first stage): the words of the page's front matter
     ``description`` (``describe``), so a page whose description names the topic is found
     as the page.
3. Page-level entries get ``boost: PAGE_BOOST`` (0.5). Material multiplies a page's score by
   up to 2.5 times a section's, so at 1 a page whose title has one query word outranked its
   own section named by every query word (a heading query of tests/test_search.py), and at
   0.2 a section of a long page that mentions the topic outranked the page whose title is
   the topic (bench/search_course.py, tune half: page first 39 / 43 / 43 of 49 at 0.3 /
   0.5 / 1). A page that outranks its sections shows as one link: its sections fold into
   "more on this page", so five links show more pages. Front matter ``search: boost:``
   still wins.
4. ``title``/``text`` are cleaned of zero-width characters.

Loud: a malformed glossary or an unknown index entry raises ``SearchDataError``; the hook
turns it into a build error that names the file. kiwipiepy is not used (measured: no query gained,
+145 MB, +2.4 s per build; see the README's search section).
"""

from __future__ import annotations

import html
import re
from collections import Counter
from itertools import pairwise
from pathlib import Path

import yaml

GLOSSARY_FILE = Path(__file__).with_name("glossary.yml")

# Word-final particles (조사), longest first. A second particle may follow the first
# (에서는, 으로의, 와의, 에게도).
_P1 = "으로|에서|에게|까지|부터|처럼|보다|와|과|로|에"
_P2 = "는|은|의|도|만|를|을"
PARTICLE = f"(?:(?:{_P1})(?:{_P2})?|의|를|을|은|는|이|가|도|만)"
# after a single syllable only the particles that do not end common nouns: 훅을, 뷰를, 앞에
# (결과, 차이, 길이, 정도, 경로, 정의, 대가 keep their last syllable)
PARTICLE_1 = f"(?:(?:으로|에서|에게|까지|부터|처럼|와|에)(?:{_P2})?|를|을|은|는)"
_WORDCHAR = "[가-힣A-Za-z0-9]"
_SPACE = "\\s\\u00a0\\u2000-\\u200b\\u3000\\ufeff"
_PUNCT = "\\-‐–—,:;!?=\\[\\](){}<>\"'`/\\\\~*+#@%^&$…·“”‘’「」『』\\x7c"

# Consuming alternatives first, zero-width ones last: after a zero-width match at a
# position, the worker's split() skips any other match starting there.
SEPARATOR = "|".join(
    [
        "&(?:lt|gt|amp|quot|#39);",  # HTML entities in the index text
        f"[{_SPACE}{_PUNCT}]+",  # whitespace, punctuation
        "[\\u3131-\\u318e]+",  # lone jamo: 셔ㅍ while the IME composes
        "(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9])",  # __init__ -> init (named_buffers stays)
        "\\.(?!\\d)",  # dots, but not 0.5
        f"(?<=[가-힣]{{2}}){PARTICLE}(?!{_WORDCHAR})",  # 텐서|의, 모듈|에서는
        f"(?<=[가-힣]){PARTICLE_1}(?!{_WORDCHAR})",  # 훅|을
        f"(?<![가-힣]){PARTICLE}(?!{_WORDCHAR})",  # view|와, lone particles
        "(?<=[a-z]{3})(?=[A-Z][a-z])",  # camelCase: RandomCrop (not ToTensor)
        "(?<=[A-Za-z0-9])(?=[가-힣])",  # gather|함수
        "(?<=[가-힣])(?=[A-Za-z0-9])",  # 함수|gather
    ]
)

ABOUT_BOOST = 300.0  # a description is about the page, but less sharply than its title
# Hidden fields and their boosts (Material's defaults: title 1000, text 1, tags 1e6).
FIELDS = {
    "keywords": {"boost": 1000.0},  # like the title
    "short": {"boost": 400.0},  # words of short titles once more (see enrich)
    "context": {"boost": 900.0},  # below the title: the parent still wins its own name
    "compounds": {"boost": 20.0},  # see enrich()
    "aliases": {"boost": 1.0},  # like the text
    "code": {"boost": 1.0},  # like the text: API names from the section's code blocks
    "defines": {"boost": 1500.0},  # special methods the section's prose explains and its code defines
    "about": {"boost": ABOUT_BOOST},  # page entries: the words of the page's description
}
# The first index (search/search_index.json, what Material downloads before the first
# result) is every entry with these fields only and an empty text; the search worker
# indexes just them at first (lunr's setup costs per entry and field, not only per word),
# and the rest comes in search/search_text.json on the first keystroke.
FIRST_FIELDS = ("title", "keywords", "about")
ENTRY_KEYS = ("location", "boost", "tags")  # kept in the first index too
PAGE_BOOST = 0.5  # see 3. in the module docstring
SHORT_TITLE = 3  # titles of up to 3 words repeat their terms in the field "short"
ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")

_SEP_RE = re.compile(SEPARATOR, re.ASCII)  # ASCII \b and \d, as in JavaScript
_HANGUL_WORD = re.compile("^[가-힣]+$")
_CAMEL = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][a-z0-9]*[A-Z][A-Za-z0-9]*(?![A-Za-z0-9])")  # DenseNet은 too
_DOTTED = re.compile(r"\b[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+")
_TAG = re.compile(r"<[^>]*>")
CODE_BLOCK = re.compile(r"<pre\b[^>]*>.*?</pre>", re.S)  # a code block in Material's index text
# API names in code: what is imported, defined, called or reached through a dot
_CODE_NOISE = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|#.*')
_IMPORTED = re.compile(r"^[ \t]*(?:from[ \t]+([\w.]+)[ \t]+)?import[ \t]+([\w., \t]+)", re.M)
_DEFINED = re.compile(r"\b(?:def|class)\s+([A-Za-z_]\w*)")
_CALLED = re.compile(r"(?<![\w.])([A-Za-z_]\w*)\s*\(")
_KEYWORD_ARG = re.compile(r"[(,]\s*([A-Za-z_]\w*)\s*=(?!=)")
# variables: assignment targets (x_ones = ..., a, b = ..., n: int = ...), loop and with targets
_ASSIGNED = re.compile(
    r"^[ \t]*([A-Za-z_]\w*(?:[ \t]*,[ \t]*[A-Za-z_]\w*)*)[ \t]*(?::[^=\n]+)?(?:[-+*/%&|^@]|//|\*\*)?=(?!=)", re.M
)
_BOUND = re.compile(r"\b(?:for|as)[ \t]+\(?([A-Za-z_]\w*(?:[ \t]*,[ \t]*[A-Za-z_]\w*)*)")
_DUNDER = re.compile(r"__[A-Za-z]\w*__")
_PARAMETERS = re.compile(r"\bdef\s+\w+\s*\(([^)]*)\)")
_PARAMETER = re.compile(r"(?:^|,)\s*\**([A-Za-z_]\w*)")
_KEYWORDS = frozenset(
    "and as assert class def del elif else except for from if import in is lambda not or print return while with yield".split()
)


def token_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every token Material's worker cuts from ``text`` with ``SEPARATOR``."""
    spans, index = [], 0
    for m in _SEP_RE.finditer(text):
        if index < m.start():
            spans.append((index, m.start()))
        index = max(index, m.end())
    if index < len(text):
        spans.append((index, len(text)))
    return spans


def tokenize(text: str) -> list[str]:
    """Tokens as Material's worker makes them with ``SEPARATOR`` (then lower-cased)."""
    return [text[a:b].lower() for a, b in token_spans(text)]


def plain(markup: str) -> str:
    """Index text without tags and entities."""
    return html.unescape(_TAG.sub(" ", markup))


def split_code(markup: str) -> tuple[str, str]:
    """Material's index text -> (the text without its code blocks, the blocks' plain text)."""
    blocks = CODE_BLOCK.findall(markup)
    if not blocks:
        return markup, ""
    return CODE_BLOCK.sub(" ", markup), "\n".join(plain(b) for b in blocks)


def api_names(code: str) -> list[str]:
    """The names a reader may look a code block up by, as often as the code uses them (the
    count ranks a section whose code is about a name above one that mentions it): imported modules and
    names, defined functions and classes and their parameters, called names and dotted names (``torch.gather``,
    ``x.view`` -> ``view``: a one-letter variable or ``self`` is not what anyone searches),
    keyword arguments (``batch_size=``), variables (assigned, ``for`` and ``as`` targets). Strings,
    comments and ``#>`` output lines are skipped. camelCase names also come lower-cased
    and joined (``DataLoader`` -> ``dataloader``), as the separator splits the original."""
    code = _CODE_NOISE.sub(" ", code)
    found: list[tuple[int, str]] = []
    for m in _IMPORTED.finditer(code):
        if m.group(1):
            found.append((m.start(1), m.group(1)))
        found += [(m.start(2), n) for n in re.split(r"[\s,]+", m.group(2)) if n and n != "as"]
    for pattern in (_DEFINED, _CALLED, _KEYWORD_ARG):
        found += [(m.start(1), m.group(1)) for m in pattern.finditer(code)]
    # a function or class defined here counts twice: the section that defines it is about it
    found += [(m.start(1) + 0.5, m.group(1)) for m in _DEFINED.finditer(code)]
    for pattern in (_ASSIGNED, _BOUND):
        for m in pattern.finditer(code):
            found += [(m.start(1) + i, n.strip()) for i, n in enumerate(m.group(1).split(","))]
    for m in _PARAMETERS.finditer(code):
        found += [(m.start(1) + p.start(1), p.group(1)) for p in _PARAMETER.finditer(m.group(1))]
    found += [(m.start(), m.group(0)) for m in _DOTTED.finditer(code)]
    names: list[str] = []
    for _, name in sorted(set(found)):  # a name two patterns find at one place counts once
        parts_ = name.split(".")
        while parts_ and (len(parts_[0]) < 2 or parts_[0] in ("self", "cls")):
            parts_.pop(0)
        name = ".".join(parts_)
        if name and name not in _KEYWORDS:
            names.append(name)
            if _CAMEL.fullmatch(name):
                names.append(name.lower())
    return names


class SearchDataError(ValueError):
    """The glossary or the search index is not what this module expects."""


# --------------------------------------------------------------------------- glossary


class Glossary:
    """Groups of equivalent spellings; finds which groups a token list mentions."""

    def __init__(self, groups: list[list[str]]):
        if not isinstance(groups, list) or not groups:
            raise SearchDataError("expected a non-empty list of groups")
        self.groups: list[list[str]] = []
        seen: dict[str, int] = {}
        for n, group in enumerate(groups):
            if not isinstance(group, list) or len(group) < 2 or not all(isinstance(s, str) and s.strip() for s in group):
                raise SearchDataError(f"group {n + 1} must list 2+ strings: {group!r}")
            for spelling in group:
                key = spelling.lower()
                if key in seen:
                    raise SearchDataError(f"{spelling!r} is in groups {seen[key] + 1} and {n + 1}")
                if not tokenize(spelling):
                    raise SearchDataError(f"{spelling!r} has no searchable token")
                seen[key] = n
            self.groups.append(group)
        # (token tuple, group) for every spelling; joined forms for compounds
        self.forms = [(tuple(tokenize(s)), g) for g, group in enumerate(self.groups) for s in group]
        self.multi: dict[str, list] = {}  # first token -> multi-token spellings, longest first
        for toks, g in sorted(self.forms, key=lambda f: -len(f[0])):
            if len(toks) > 1:
                self.multi.setdefault(toks[0], []).append((toks, g))
        self.latin = {toks[0]: g for toks, g in self.forms if len(toks) == 1 and not _HANGUL_WORD.match(toks[0])}
        self.hangul_single = {}  # single-token Hangul spelling -> group
        for toks, g in self.forms:
            if len(toks) == 1 and _HANGUL_WORD.match(toks[0]):
                self.hangul_single[toks[0]] = g
        # one-token spellings: Hangul ones (hangul_single) and the others (latin) never share a key
        self.spelled = {**self.latin, **self.hangul_single}
        self._none: set[str] = set()  # tokens known to be in no group (matches() is hot)
        # per group: the tokens of all its spellings (each once) and its multi-word Hangul
        # spellings joined (자식 모듈 -> 자식모듈), what a mention of the group adds
        self.terms: list[list[str]] = []
        self.joined: list[list[str]] = []
        for group in self.groups:
            spellings = [tokenize(s) for s in group]
            self.terms.append(list(dict.fromkeys(t for words in spellings for t in words)))
            self.joined.append(
                ["".join(words) for words in spellings if len(words) > 1 and all(_HANGUL_WORD.match(w) for w in words)]
            )

    @classmethod
    def load(cls, path: Path = GLOSSARY_FILE) -> Glossary:
        with open(path, encoding="utf-8") as f:  # libyaml's loader when PyYAML has it: 11 -> 1.3 ms
            return cls(yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))

    def group_of_token(self, token: str) -> int | None:
        """Group of a single Hangul token (버퍼, 버퍼를 -> the 버퍼 group)."""
        if token in self.hangul_single:
            return self.hangul_single[token]
        for length in range(len(token) - 1, 1, -1):  # longest Hangul prefix of 2+ syllables
            g = self.hangul_single.get(token[:length])
            if g is not None:
                return g
        return None

    def matches(self, tokens: list[str], split: bool = True) -> list[int]:
        """Groups mentioned in ``tokens``, one per mention, longest spelling first.

        A token that is not itself a glossary spelling is looked at in its snake_case
        parts (``register_buffer`` -> register, buffer; ``batch_size`` stays whole)
        unless ``split`` is false."""
        seq: list[str] = []
        for t in tokens:
            if not split or "_" not in t or t in self.spelled:
                seq.append(t)
            else:
                seq += parts([t])
        found, i = [], 0
        while i < len(seq):
            tok, n, g = seq[i], 1, None
            for toks, group in self.multi.get(tok, ()):  # longest spelling first
                if tuple(seq[i : i + len(toks)]) == toks:
                    n, g = len(toks), group
                    break
            else:
                g = self.spelled.get(tok)
                if g is None and tok not in self._none:
                    if _HANGUL_WORD.match(tok):  # 셔플하여 -> 셔플
                        g = self.group_of_token(tok)
                    if g is None:
                        self._none.add(tok)
            if g is not None:
                found.append(g)
            i += n
        return found

    def exact(self, word: str) -> int | None:
        """Group of a word spelled exactly as in the glossary (one token)."""
        return self.spelled.get(word)

    def known(self, word: str) -> bool:
        return self.exact(word) is not None

    def spellings(self, groups: set[int]) -> list[str]:
        out = []
        for g in sorted(groups):
            for s in self.groups[g]:
                out.append(s)
                toks = tokenize(s)
                if len(toks) > 1 and all(_HANGUL_WORD.match(t) for t in toks):
                    out.append("".join(toks))  # 자식 모듈 -> 자식모듈
        return out


# ------------------------------------------------------------------------- enrichment


def parts(tokens: list[str]) -> list[str]:
    """Tokens with snake_case names also split: named_buffers -> named, buffers."""
    out = []
    for t in tokens:
        if "_" not in t:
            out.append(t)
            continue
        pieces = [p for p in t.split("_") if p]
        out += pieces if len(pieces) > 1 else [t]
    return out


def _camel_parts(raw: str, tokens: list[str]) -> list[str]:
    """Parts of camelCase names the separator kept whole (ToTensor -> to, tensor)."""
    out, have = [], set(tokens)
    for m in _CAMEL.finditer(raw):
        if m.group(0).lower() in have:
            out += [p.lower() for p in re.findall(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])", m.group(0))]
    return out


def _joined_names(raw: str) -> list[str]:
    """RandomCrop -> randomcrop (a lower-case query cannot be split at the case change)."""
    out = []
    for m in _CAMEL.finditer(raw):
        out.append(m.group(0).lower())
    return out


def _hangul_spellings(glossary: Glossary, word: str) -> list[str]:
    """Hangul spellings of a word's glossary group (the word itself when it is Hangul)."""
    g = glossary.exact(word)
    spellings = [s.replace(" ", "") for s in glossary.groups[g]] if g is not None else []
    if _HANGUL_WORD.match(word) and g is None:
        spellings = [word]
    return [s for s in dict.fromkeys(spellings) if _HANGUL_WORD.match(s)]


def _compounds(words: list[str], glossary: Glossary, any_hangul: bool) -> list[str]:
    """Korean compounds typed without a space: 배치 사이즈 / batch_size -> 배치사이즈.

    Adjacent words whose Hangul spellings (glossary, or the word itself when
    ``any_hangul``) are joined; a first word ending in 의 counts without it
    (이미지의 크기 -> 이미지크기)."""
    out: list[str] = []
    for w1, w2 in pairwise(words):
        if not any_hangul:  # text: Korean word pairs with a glossary term, as written
            if not (
                w1 in glossary.spelled and w2 in glossary.spelled and min(len(w1), len(w2)) >= 2 and _HANGUL_WORD.match(w1 + w2)
            ):
                continue
            heads = list(dict.fromkeys([w1] + _hangul_spellings(glossary, w1)))
            tails = list(dict.fromkeys([w2] + _hangul_spellings(glossary, w2)))
            out += [w1 + t for t in tails] + [h + w2 for h in heads[1:]]
            continue
        heads, tails = _hangul_spellings(glossary, w1), _hangul_spellings(glossary, w2)
        out += [h + t for h in heads for t in tails if h != t]
    return out


# Per whitespace-separated word: its tokens, their snake_case parts and whether it ends
# a phrase for ``_compounds``. Tokenizing a word alone gives the same tokens as within
# its text (the separator always consumes whitespace and its lookarounds never look past
# it), so each distinct word is tokenized once per process (prose repeats its words).
_WORDS: dict[str, tuple[list[str], list[str], bool]] = {}
_PHRASE_END = frozenset(",.;:!?)]}>")


def _word(w: str) -> tuple[list[str], list[str], bool]:
    entry = _WORDS.get(w)
    if entry is None:
        toks = tokenize(w)
        pieces = parts(toks)
        # a word that lost a particle other than 의 ends the phrase, and so does punctuation
        # ("dataset, batch_size")
        end = (len(pieces) == 1 and pieces[0] != w.lower() and bool(_HANGUL_WORD.match(w)) and not w.endswith("의")) or w[
            -1
        ] in _PHRASE_END
        entry = _WORDS[w] = (toks, pieces, end)
    return entry


def _terms(raw: str, glossary: Glossary, any_hangul: bool) -> tuple[Counter, list[str], list[str]]:
    """Hidden search terms for ``raw`` (a title or a text): (word terms with their counts,
    compounds, ``raw``'s own tokens). Counts mirror the source: ``buffer와 register_buffer``
    mentions buffer twice."""
    toks: list[str] = []
    pieces: list[str] = []
    words: list[str] = []  # for compounds: the pieces, "" where a phrase ends
    for w in raw.split():
        wt, wp, end = _word(w)
        toks += wt
        pieces += wp
        words += wp
        if end:
            words.append("")
    camel = _camel_parts(raw, toks)
    pieces += camel
    terms: Counter = Counter()
    compounds: list[str] = []
    for g in glossary.matches(toks + camel):
        terms.update(glossary.terms[g])  # one per mention
        compounds += glossary.joined[g]  # 자식 모듈 -> 자식모듈
    have = set(toks)
    # snake_case / camelCase parts (named_modules -> modules) are weak terms: a rare part
    # must not outweigh a common title word its prefix also matches (module* -> modules)
    compounds += [p for p in dict.fromkeys(pieces) if p not in have and len(p) > 2 and not p.isdigit()]
    compounds += _joined_names(raw) + _compounds(words, glossary, any_hangul)
    return terms, compounds, toks


def _render(terms: Counter, exclude: set[str]) -> str:
    return " ".join(" ".join([t] * n) for t, n in terms.items() if t and t not in exclude)


def enrich(title_raw: str, text_raw: str, parent_raw: str | None, glossary: Glossary, code_raw: str = "") -> dict[str, str]:
    """Hidden fields for one section (plain-text input; ``code_raw``: the section's code
    blocks); each field is explained in the module docstring (2. Hidden fields)."""
    kw, kw_compounds, title_list = _terms(title_raw, glossary, any_hangul=True)
    title_tokens = set(title_list)
    # lunr does no length normalisation here (Material sets b=0): without this,
    # "nn.ModuleList와 nn.ModuleDict" (module twice) outranks "nn.Module" for nn.Module.
    # The shorter the title, the more it is about the term: 1 word 3x, 2 words 2x, 3 words 1x.
    # Only whole title words count here, not their snake_case parts: worker_init_fn is not
    # about num_workers (the other spelling of its part "worker"), the title num_workers is.
    repeat = max(0, SHORT_TITLE + 1 - len(title_list))
    whole = [
        t for g in glossary.matches(title_list + _camel_parts(title_raw, title_list), split=False) for t in glossary.terms[g]
    ]
    short = " ".join([*dict.fromkeys([*title_list, *whole])] * repeat)
    # the namespace the text gives the title's API: gather -> torch.gather
    for m in _DOTTED.finditer(f"{text_raw}\n{code_raw}"):
        *qualifiers, name = _word(m.group(0))[0] or [""]
        if qualifiers and name in title_tokens:
            kw.update({q: 1 for q in qualifiers if q not in kw})
    keywords = _render(kw, title_tokens)
    have = title_tokens | set(kw)
    compounds = " ".join(c for c in dict.fromkeys(kw_compounds) if c not in have)
    have |= set(compounds.split())
    ctx: Counter = Counter()
    if parent_raw:
        parent_terms, _, parent_tokens = _terms(parent_raw, glossary, any_hangul=True)
        ctx.update({t: 1 for t in [*parent_tokens, *parent_terms]})
    context = _render(ctx, have)
    al, al_compounds, text_list = _terms(text_raw, glossary, any_hangul=False)
    text_tokens = set(text_list)
    # API names the prose does not already have: lunr's idf counts a term once per field
    # it is in, so repeating the prose's names would make them look common. A name the code
    # defines (def/class) stays: the section whose prose explains __getitem__ and whose code
    # defines it must outrank sections whose code only defines it (the query getitem)
    names = api_names(code_raw) if code_raw else []
    defined = set(_DEFINED.findall(_CODE_NOISE.sub(" ", code_raw))) if code_raw else set()
    keep = {name: name in defined or not set(_word(name)[0]) <= text_tokens for name in set(names)}
    code = " ".join(n for n in names if keep[n])
    # special methods the prose explains and the code defines: the protocol the section
    # teaches (Dataset: __len__, __getitem__). The separator makes __len__ the token len, as
    # len() and the glossary's 길이/len are, so a reader's bare `len` needs this to find it
    explained = " ".join(sorted(n for n in defined if _DUNDER.fullmatch(n) and set(_word(n)[0]) <= text_tokens))
    if code:
        code_terms, code_compounds, code_list = _terms(code, glossary, any_hangul=False)
        al.update(code_terms)
        al_compounds += code_compounds
        text_tokens |= set(code_list)
    # text evidence for terms the title fields already have counts too (a tie-breaker)
    aliases = " ".join(t for t in dict.fromkeys([*al, *al_compounds]) if t not in title_tokens and t not in text_tokens)
    return {
        k: v
        for k, v in (
            ("keywords", keywords),
            ("short", short),
            ("compounds", compounds),
            ("context", context),
            ("aliases", aliases),
            ("code", code),
            ("defines", explained),
        )
        if v
    }


def describe(description: str | None, title_raw: str, glossary: Glossary) -> str:
    """The field ``about`` of a page entry: each word of the page's front matter
    ``description`` once, with the other spellings of its glossary terms, less the title's
    words (the title field has them)."""
    if not description:
        return ""
    terms, _, tokens = _terms(description, glossary, any_hangul=False)
    title = set(tokenize(title_raw))
    return " ".join(t for t in dict.fromkeys([*tokens, *terms]) if t not in title and not t.isdigit())


# --------------------------------------------------------------------------- index


def process_docs(docs: list[dict], glossary: Glossary, context: dict[str, str]) -> list[dict]:
    """Clean, enrich and (page entries) demote every index entry."""
    pages: set[str] = set()
    out = []
    for doc in docs:
        unknown = set(doc) - {"location", "title", "text", "tags", "boost"}
        if unknown or not isinstance(doc.get("location"), str):
            raise SearchDataError(f"unexpected search index entry keys {sorted(unknown)} in {doc!r:.200}")
        doc = dict(doc)
        doc["title"] = ZERO_WIDTH.sub("", doc["title"])
        text, code = split_code(ZERO_WIDTH.sub("", doc["text"]))
        doc["text"] = text.strip()
        path = doc["location"].split("#")[0]
        is_page = path not in pages  # Material: the first entry of a path is the page
        pages.add(path)
        if is_page:  # a page's own location maps to its description (a section's: its parent heading)
            doc.update(enrich(plain(doc["title"]), plain(doc["text"]), None, glossary, code))
            about = describe(context.get(doc["location"]), plain(doc["title"]), glossary)
            if about:
                doc["about"] = about
        else:
            doc.update(enrich(plain(doc["title"]), plain(doc["text"]), context.get(doc["location"]), glossary, code))
        if "boost" not in doc:  # front matter `search: boost:` wins
            if is_page:
                doc["boost"] = PAGE_BOOST
        out.append(doc)
    return out


# A second process (extension.py): each page's entries are enriched there while the
# build goes on with the next pages.
_pool_glossary: Glossary | None = None


def start_pool_worker(path: str) -> None:
    """Process-pool initializer: the glossary ``process_page`` enriches with."""
    global _pool_glossary
    _pool_glossary = Glossary.load(Path(path))


def process_page(docs: list[dict], context: dict[str, str]) -> list[dict]:
    """``process_docs`` of one page's entries, in a process started by ``start_pool_worker``."""
    if _pool_glossary is None:
        raise SearchDataError("process_page runs only in a process started with start_pool_worker")
    return process_docs(docs, _pool_glossary, context)


def split_index(docs: list[dict]) -> tuple[list[dict], list[dict]]:
    """(first, rest): every entry with only its ``FIRST_FIELDS`` (and an empty ``text``), and
    the other fields of the entries that have any, with their ``location``. ``merge_index``
    undoes it."""
    first, rest = [], []
    keep = (*ENTRY_KEYS, *FIRST_FIELDS)
    for doc in docs:
        first.append({**{k: v for k, v in doc.items() if k in keep}, "text": ""})
        fields = {k: v for k, v in doc.items() if k not in keep and v}
        if fields:
            rest.append({"location": doc["location"], **fields})
    return first, rest


def merge_index(first: list[dict], rest: list[dict]) -> list[dict]:
    """The entries the worker searches once ``rest`` is loaded (what the search worker does)."""
    by_location = {d["location"]: d for d in rest}
    return [{**doc, **by_location.get(doc["location"], {})} for doc in first]
