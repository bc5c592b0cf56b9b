"""What markup may go into a page: allowlists and checkers (pure: the site's one sanitizer).

The figures, notebooks and security extensions and ``csp.py`` call this module; tests import
it (``from hooks.security import markup``). Nothing here strips: each checker returns (or
raises with) the full list of problems, and the hooks fail the build naming the file (and
cell or line). A figure or a notebook cell with a script in it is an author error, and a
silently cleaned page would hide it (and the raw figure file is served too: opened on its
own, an SVG runs its scripts, so the file itself must be clean, not just its inlined copy).

Every checker reads its input with the parser the browser uses for it (issue 20): HTML with
html5ever through nh3 (``read_html``: the WHATWG algorithm, so ``<!-->``, ``--!>``,
``<![CDATA[`` or an unclosed tag mean here what they mean in the page), an SVG file with
expat (a browser opens ``.svg`` as XML), CSS with tinycss2.

- ``parse_svg(data)``: an SVG file parsed with defusedxml (no DTD, no entities) into an
  ElementTree whose every element, attribute and CSS rule is on the allowlist:
  static SVG shapes and text (no ``script``, ``foreignObject``, ``image``, animation, event
  handlers), links and references only inside the figure (``#id``), CSS without
  ``@import``, ``@font-face`` or any url-bearing function leaving the figure, selectors that
  style the figure's own classes only, no property that moves its box. At most 1 MB of UTF-8
  judged on the bytes (BOMs, NUL bytes, a second declared encoding), no CDATA, no comment
  hiding markup, none of the theme's ids. ``SvgFigure.markup`` serializes the checked tree
  for an HTML page (comments dropped, everything else as written).
- ``html_problems(html)``: the problems of an HTML fragment the author did not write as
  Markdown (a notebook's rendered markdown cell, a raw cell): elements and attributes outside
  the allowlist (``script``, ``iframe``, ``meta``, ``on*=`` handlers ...), ``javascript:`` and
  other script URLs, resources from another host, the theme's ids and clobbering names,
  comments that hide markup or read differently than they look, a fragment that does not end
  in the tokenizer's data state.
- ``policy_problems(html)``: what the site's Content-Security-Policy (``csp.py``) would
  block in a built page's content, and what may never be in a page: ``on*=`` handlers,
  ``javascript:``/``vbscript:`` URLs, resources from another host, ``<meta>``, ``<base>``,
  ``<form>``, frames, plug-ins, ``<math>``, the theme's ids. Same reading as ``html_problems``.
- ``css_problems(css)``: ``@import``/``@font-face``/``@namespace``, ``url()`` and every
  function that loads a string (``image-set()``, ``-webkit-cross-fade()`` ...) leaving the page
  or figure, ``expression()``, ``behavior``; parsed with tinycss2, so CSS escapes
  (``\\75rl(``) cannot hide a URL.
- ``served_file_problems(name, data)``: a file under docs/ served as it is (SVG by the
  figures' rules, HTML/XML documents refused). ``plain_text_problem``: a front-matter title.
"""

from __future__ import annotations

import html
import re
import string
import xml.etree.ElementTree as ET
from collections.abc import Callable

import nh3
import tinycss2
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"

# Static SVG: shapes, text, paint servers, markers, clipping. Not on the list, so rejected:
# script, foreignObject (HTML inside), image/feImage (load files), animate/set (can set an
# href to javascript:), metadata (arbitrary XML), iframe/video/audio, handler, filters.
SVG_ELEMENTS = frozenset(
    """
    svg g defs symbol use title desc style a switch
    rect circle ellipse line polyline polygon path text tspan textPath
    marker linearGradient radialGradient stop clipPath mask pattern
""".split()
)
SVG_ATTRIBUTES = frozenset(
    """
    id class style lang role tabindex focusable version baseProfile
    x y x1 y1 x2 y2 cx cy r rx ry fx fy fr width height d points pathLength
    dx dy rotate textLength lengthAdjust startOffset method spacing side
    viewBox preserveAspectRatio transform
    fill fill-opacity fill-rule stroke stroke-width stroke-opacity stroke-linecap stroke-linejoin
    stroke-dasharray stroke-dashoffset stroke-miterlimit opacity color display visibility overflow
    font-family font-size font-weight font-style font-variant font-stretch
    text-anchor dominant-baseline alignment-baseline baseline-shift letter-spacing word-spacing
    text-decoration writing-mode white-space direction unicode-bidi
    clip-path clip-rule mask marker-start marker-mid marker-end paint-order vector-effect
    shape-rendering text-rendering color-interpolation stop-color stop-opacity
    markerWidth markerHeight markerUnits refX refY orient
    gradientUnits gradientTransform spreadMethod offset
    patternUnits patternContentUnits patternTransform clipPathUnits maskUnits maskContentUnits
    type media href
""".split()
)
SVG_NAMESPACED = {f"{{{XML_NS}}}lang": "xml:lang", f"{{{XML_NS}}}space": "xml:space", f"{{{XLINK_NS}}}href": "xlink:href"}

# Markdown output plus the plain HTML a note may use; no script, style, iframe, object,
# embed, form, input, base, meta, link, svg, math, template, audio/video.
HTML_ELEMENTS = frozenset(
    """
    a abbr b bdi bdo blockquote br caption cite code col colgroup dd del details dfn div dl dt
    em figcaption figure h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q rp rt ruby s
    samp small span strong sub summary sup table tbody td tfoot th thead time tr u ul var wbr
""".split()
)
HTML_ATTRIBUTES = frozenset(
    """
    id class title lang dir style role translate
    href name target rel hreflang download
    src alt width height loading decoding
    colspan rowspan headers scope align valign span
    start reversed type value open cite datetime
""".split()
)
URL_ATTRIBUTES = frozenset({"href", "src", "cite", "xlink:href"})
# What the Content-Security-Policy check reads in a built page: attributes that navigate or
# load (a script URL there runs), and those that load a resource (from this site only).
POLICY_URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "data", "poster"})
POLICY_RESOURCE_ATTRIBUTES = frozenset({"src", "srcset", "poster", "data"})
IMAGE_DATA = re.compile(r"data:image/(png|jpeg|gif|webp)[;,]", re.I)

CSS_AT_RULES = frozenset({"media", "supports", "keyframes", "-webkit-keyframes", "layer", "container"})
# functions that load what their argument names (with a vendor prefix too: -webkit-cross-fade)
CSS_URL_FUNCTIONS = frozenset({"url", "src", "image", "image-set", "cross-fade", "element", "paint"})
# the only functions whose string arguments name nothing to load (font names, fallbacks)
CSS_STRING_FUNCTIONS = frozenset({"var", "format", "local", "attr", "counter", "counters", "env", "tech", "lang"})
CSS_FORBIDDEN_FUNCTIONS = frozenset({"expression"})
CSS_FORBIDDEN_PROPERTIES = frozenset({"behavior", "-moz-binding"})
# what takes a figure's box out of its place in the page (over the page's links: clickjacking)
FIGURE_FORBIDDEN_PROPERTIES = frozenset(
    {
        "position",
        "z-index",
        "inset",
        "top",
        "right",
        "bottom",
        "left",
        "transform",
        "translate",
        "scale",
        "rotate",
        "margin",
        "margin-top",
        "margin-right",
        "margin-bottom",
        "margin-left",
        "overflow",
        "overflow-x",
        "overflow-y",
        "zoom",
    }
)


class UnsafeMarkup(ValueError):
    """Markup that may not go into a page; ``problems`` lists every reason (one line each)."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


# ----------------------------------------------------------------------------------- URLs


def url_scheme(value: str) -> str:
    """The scheme of a URL the way a browser reads it ('' for a relative URL): browsers drop
    ASCII whitespace and control characters anywhere in it (``jav&#9;ascript:`` runs)."""
    squeezed = re.sub(r"[\x00-\x20\x7f]+", "", value).lower()
    m = re.match(r"([a-z][a-z0-9+.-]*):", squeezed)
    return m.group(1) if m else ""


def loads_from_elsewhere(url: str, *, data_ok: bool) -> bool:
    """Not the site's own file: another host (``//host``, ``https:``) or another scheme."""
    if re.sub(r"[\x00-\x20\x7f]+", "", url).startswith("//"):
        return True
    scheme = url_scheme(url)
    return bool(scheme) and not (data_ok and scheme == "data")


def _internal_only(url: str) -> str | None:
    """Inside a figure: only ``#id`` references."""
    if url.strip().startswith("#"):
        return None
    if url_scheme(url) in ("javascript", "vbscript", "data"):
        return f"{url!r} is a {url_scheme(url)}: URL (it would run script); only #id references"
    return f"{url!r} points outside the figure (only #id references)"


def _same_site(url: str) -> str | None:
    """In a page: relative URLs, and images as data: URLs."""
    scheme = url_scheme(url)
    if not scheme and not re.sub(r"[\x00-\x20]+", "", url).startswith("//"):
        return None
    if scheme == "data" and IMAGE_DATA.match(re.sub(r"[\x00-\x20]+", "", url)):
        return None
    if scheme in ("javascript", "vbscript"):
        return f"{url!r} is a {scheme}: URL (it would run script)"
    if scheme == "data":
        return f"{url!r} is a data: URL that is not a PNG/JPEG/GIF/WebP image"
    return f"{url!r} loads from another host (the site's Content-Security-Policy blocks that): save the file under docs/"


# ------------------------------------------------------------------------------------ CSS


def css_problems(
    css: str,
    *,
    kind: str = "stylesheet",
    url_rule: Callable[[str], str | None] = _internal_only,
    forbidden: frozenset[str] = FIGURE_FORBIDDEN_PROPERTIES,
) -> list[str]:
    """Problems of CSS: a ``stylesheet``, the ``declarations`` of a ``style=`` attribute or
    one property ``value`` (an SVG presentation attribute). ``url_rule`` judges each URL
    (default: only ``#id``, as inside a figure); ``forbidden`` properties are refused too
    (default: those that move a figure's box out of its place)."""
    if kind == "stylesheet":
        nodes = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    elif kind == "declarations":
        nodes = tinycss2.parse_blocks_contents(css, skip_comments=True, skip_whitespace=True)
    else:
        nodes = tinycss2.parse_component_value_list(css, skip_comments=True)
    problems: list[str] = []

    def walk(items) -> None:
        for node in items or ():
            t = node.type
            if t == "error":
                problems.append(f"CSS syntax error ({node.message})")
            elif t == "at-rule":
                if node.lower_at_keyword not in CSS_AT_RULES:
                    problems.append(f"CSS @{node.at_keyword} (allowed: {', '.join('@' + a for a in sorted(CSS_AT_RULES))})")
                walk(node.prelude)
                walk(tinycss2.parse_blocks_contents(node.content or [], skip_comments=True, skip_whitespace=True))
            elif t == "qualified-rule":
                walk(node.prelude)
                walk(tinycss2.parse_blocks_contents(node.content, skip_comments=True, skip_whitespace=True))
            elif t == "declaration":
                if node.lower_name in CSS_FORBIDDEN_PROPERTIES:
                    problems.append(f"CSS property {node.name}")
                elif node.lower_name in forbidden:
                    problems.append(f"CSS property {node.name} (a figure stays in its box)")
                walk(node.value)
            elif t == "url":
                if (why := url_rule(node.value)) is not None:
                    problems.append(f"CSS url(): {why}")
            elif t == "function":
                name = re.sub(r"^-[a-z]+-", "", node.lower_name)  # -webkit-cross-fade is cross-fade
                strings = [a.value for a in node.arguments if a.type == "string"]
                if name in CSS_FORBIDDEN_FUNCTIONS:
                    problems.append(f"CSS {node.name}()")
                elif name in CSS_URL_FUNCTIONS:
                    whys = [why for s in strings if (why := url_rule(s)) is not None]
                    if node.lower_name != "url" or len(strings) != 1 or whys:
                        problems.append(f"CSS {node.name}(): {whys[0] if whys else 'only url(#id) or url(file)'}")
                elif strings and name not in CSS_STRING_FUNCTIONS:
                    problems.append(f"CSS {node.name}() with a string: it may load it as a URL (only url(#id) or url(file))")
                walk(node.arguments)
            elif t in ("() block", "[] block", "{} block"):
                walk(node.content)

    walk(nodes)
    return problems


def scope_problems(css: str, root_class: str) -> list[str]:
    """A figure's ``<style>`` applies to the whole page once the figure is inlined: every
    selector must style the figure only, i.e. its subject (the part after the last combinator)
    names a class of the figure's own: the root's first class ``gf`` or ``gf-...``."""
    own = root_class.split()[0] if root_class.split() else ""
    if not own:
        return (
            ['the root <svg> has no class: a figure\'s CSS styles only its own classes (class="x", selectors .x, .x-...)']
            if css.strip()
            else []
        )
    problems: list[str] = []

    def rules(nodes) -> None:
        for node in nodes:
            if node.type == "at-rule" and node.content is not None and node.lower_at_keyword != "keyframes":
                rules(tinycss2.parse_rule_list(node.content, skip_comments=True, skip_whitespace=True))
            elif node.type == "qualified-rule":
                for selector in _split(node.prelude, ","):
                    subject = _split(selector, " ", ">", "+", "~")[-1]
                    classes = [
                        subject[i + 1].value for i, t in enumerate(subject[:-1]) if t == "." and subject[i + 1].type == "ident"
                    ]
                    if not any(c == own or c.startswith(own + "-") for c in classes):
                        shown = tinycss2.serialize(selector).strip()
                        problems.append(
                            f"selector {shown!r} can style the page outside the figure: "
                            f"end every selector with a class of the figure's (.{own} or .{own}-...)"
                        )

    rules(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    return problems


def _split(tokens, *separators: str) -> list[list]:
    """Top-level ``tokens`` split at literal separators (" " is whitespace), empty parts dropped."""
    parts: list[list] = [[]]
    for t in tokens:
        if (t.type == "literal" and t.value in separators) or (t.type == "whitespace" and " " in separators):
            parts.append([])
        elif t.type != "comment":
            parts[-1].append(t)
    return [p for p in parts if p]


# ------------------------------------------------------------------------------------ SVG


class _LineTreeBuilder(ET.TreeBuilder):
    """An ElementTree builder that remembers each element's line and records what a figure
    may not have (processing instructions such as xml-stylesheet)."""

    def __init__(self):
        super().__init__()
        self.parser: DefusedXMLParser | None = None
        self.lines: dict[ET.Element, int] = {}
        self.problems: list[str] = []

    def _line(self) -> int:
        return self.parser.parser.CurrentLineNumber if self.parser else 0

    def start(self, tag, attrs):
        el = super().start(tag, attrs)
        self.lines[el] = self._line()
        return el

    def pi(self, target, data=None):
        self.problems.append(f"line {self._line()}: processing instruction <?{target} ...?>")

    def comment(self, data):
        if "<" in data or ">" in data:
            self.problems.append(f"line {self._line()}: a comment that hides markup (<!--{data[:40]}-->); remove it")
        return super().comment(data)

    def cdata(self) -> None:  # expat's StartCdataSectionHandler
        self.problems.append(
            f"line {self._line()}: a CDATA section (<![CDATA[): the page's HTML parser and the file's XML parser "
            "read it differently; write the text with &lt; and &amp; instead"
        )


def _local(tag: str) -> tuple[str, str]:
    ns, _, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    return ns, local


class SvgFigure:
    """A checked SVG (``parse_svg``): its tree, serialized for a page by ``markup``."""

    def __init__(self, root: ET.Element):
        self.root = root
        self.ids = {el.get("id") for el in root.iter() if el.get("id") is not None}

    def markup(self, *, first: list[tuple[str, str]] = (), add_class: str = "", title: str | None = None) -> str:
        """The figure as inline SVG for an HTML page: ``first`` attributes lead the root tag
        (before ``xmlns``), ``add_class`` is prepended to the root's class, ``title``
        replaces the text of the root's ``<title>`` (or becomes one). Comments are dropped;
        every element, attribute and text is written as parsed (and escaped for HTML)."""
        esc = lambda s: html.escape(s, quote=False)
        attr = lambda k, v: f' {k}="{html.escape(v, quote=True)}"'
        root = self.root
        own_title = next((c for c in root if c.tag == f"{{{SVG_NS}}}title"), None)
        uses_xlink = any(k.startswith(f"{{{XLINK_NS}}}") for e in root.iter() for k in e.attrib)
        out: list[str] = []

        def emit(el: ET.Element) -> None:
            _, name = _local(el.tag)
            items = [(SVG_NAMESPACED.get(k, k), v) for k, v in el.attrib.items()]
            head = ""
            if el is root:
                head = "".join(attr(k, v) for k, v in first) + attr("xmlns", SVG_NS)
                head += attr("xmlns:xlink", XLINK_NS) if uses_xlink else ""
                if add_class:
                    if any(k == "class" for k, _ in items):
                        items = [(k, f"{add_class} {v}" if k == "class" else v) for k, v in items]
                    else:
                        items.append(("class", add_class))
            out.append(f"<{name}{head}{''.join(attr(k, v) for k, v in items)}")
            if el is own_title and title is not None:
                out.append(f">{esc(title)}</{name}>")
                return
            injected = f"<title>{esc(title)}</title>" if el is root and own_title is None and title else ""
            if not len(el) and not el.text and not injected:
                out.append("/>")
                return
            out.append(">" + injected + esc(el.text or ""))
            for child in el:
                emit(child)
                out.append(esc(child.tail or ""))
            out.append(f"</{name}>")

        emit(root)
        return "".join(out)


def utf8_problem(data: bytes) -> str | None:
    """Why ``data`` (an XML or SVG file) is not plain UTF-8, judged on the bytes as a browser
    does (a byte order mark decides before any declaration): None when it is UTF-8 (a UTF-8
    BOM is allowed) and declares nothing else."""
    for bom, name in (
        (b"\xff\xfe\x00\x00", "UTF-32"),
        (b"\x00\x00\xfe\xff", "UTF-32"),
        (b"\xff\xfe", "UTF-16"),
        (b"\xfe\xff", "UTF-16"),
    ):
        if data.startswith(bom):
            return f"the file starts with a {name} byte order mark: save it as UTF-8"
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        return f"NUL bytes (line {line}): the file is UTF-16 or UTF-32 without a byte order mark, or binary; save it as UTF-8"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return f"not UTF-8 text: {exc.reason} at byte {exc.start} (line {line}); save it as UTF-8"
    decl = re.match(r"\ufeff?\s*<\?xml[^>]*encoding\s*=\s*[\"']([^\"']+)", text)
    if decl and decl.group(1).lower().replace("_", "-") not in ("utf-8", "utf8"):
        bom = " after a UTF-8 byte order mark" if text.startswith("\ufeff") else ""
        return (
            f'line 1: declares encoding {decl.group(1)!r}{bom}; figures are UTF-8: remove the encoding or write encoding="utf-8"'
        )
    return None


MAX_FIGURE_BYTES = 1_000_000  # an inlined figure is part of its page: one this size is already 7x the page budget


def parse_svg(data: bytes) -> SvgFigure:
    """Check and parse an SVG file's bytes; raises ``UnsafeMarkup`` with every problem."""
    if len(data) > MAX_FIGURE_BYTES:
        raise UnsafeMarkup(
            [
                f"{len(data) / 1e6:.1f} MB: a figure is at most {MAX_FIGURE_BYTES / 1e6:g} MB (it goes into its page); "
                "draw fewer elements, or link a PNG instead"
            ]
        )
    if (why := utf8_problem(data)) is not None:
        raise UnsafeMarkup([why])
    builder = _LineTreeBuilder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    builder.parser = parser
    parser.parser.StartCdataSectionHandler = builder.cdata
    try:
        parser.feed(data)
        root = parser.close()
    except ET.ParseError as exc:
        line, column = exc.position
        raise UnsafeMarkup(
            [
                f"line {line}, column {column + 1}: not well-formed XML "
                f"({str(exc).split(':')[0]}); a figure must be one complete <svg> element"
            ]
        ) from None
    except DefusedXmlException as exc:
        what = {"DTDForbidden": "a DOCTYPE", "EntitiesForbidden": "an entity declaration"}.get(
            type(exc).__name__, "an external reference"
        )
        raise UnsafeMarkup(
            [f"line {parser.parser.CurrentLineNumber}: {what} is not allowed in a figure (defusedxml: no DTD, no entities)"]
        ) from None
    problems = list(builder.problems)
    lines = builder.lines
    if root.tag != f"{{{SVG_NS}}}svg":
        problems.append(f'line {lines.get(root, 1)}: the root element is {root.tag!r}, not <svg xmlns="{SVG_NS}">')
    for el in root.iter():
        where = f"line {lines.get(el, '?')}"
        ns, name = _local(el.tag)
        if ns != SVG_NS or name not in SVG_ELEMENTS:
            what = f"<{name}>" if ns == SVG_NS else f"<{name}> in namespace {ns or 'none'!r}"
            problems.append(f"{where}: element {what} is not allowed in a figure")
            continue
        for key, value in el.attrib.items():
            akey = SVG_NAMESPACED.get(key, key)
            if akey.lower().startswith("on"):
                problems.append(f"{where}: event handler {akey}= on <{name}> (scripts do not run on this site)")
                continue
            if not (akey in SVG_ATTRIBUTES or akey in SVG_NAMESPACED.values() or akey.startswith(("data-", "aria-"))):
                problems.append(f"{where}: attribute {akey}= on <{name}> is not allowed in a figure")
                continue
            if akey.startswith("data-md"):
                problems.append(f"{where}: attribute {akey}= on <{name}> is the theme's (Material reads it)")
            elif akey == "id" and THEME_ID.fullmatch(value.strip()):
                problems.append(f"{where}: id={value!r} on <{name}> is the theme's own (Material reads it): rename it")
            elif akey == "overflow" and el is root:
                problems.append(f"{where}: overflow= on the root <svg>: a figure stays inside its box")
            elif akey in ("href", "xlink:href") and (why := _internal_only(value)):
                problems.append(f"{where}: {akey}= on <{name}>: {why}")
            elif akey == "style":
                problems += [f"{where}: style= on <{name}>: {p}" for p in css_problems(value, kind="declarations")]
            elif "url(" in value.lower() or "\\" in value:
                problems += [f"{where}: {akey}= on <{name}>: {p}" for p in css_problems(value, kind="value")]
        if name == "style":
            problems += [f"{where}: <style>: {p}" for p in css_problems(el.text or "")]
            problems += [f"{where}: <style>: {p}" for p in scope_problems(el.text or "", root.get("class", ""))]
            if len(el):
                problems.append(f"{where}: <style> has child elements")
    if problems:
        raise UnsafeMarkup(problems)
    return SvgFigure(root)


# ----------------------------------------------------------------------------------- HTML
#
# HTML is read by html5ever (through nh3), the HTML5 parser of Servo, which follows the WHATWG
# parsing algorithm every browser implements: ``<!-->``, ``<!--->``, ``--!>``, ``<![CDATA[``,
# ``<?...>``, unclosed tags, raw-text elements and entity-encoded attributes mean to it what they
# mean to the browser. A *census* cleaner keeps everything (every tag named in the text, every
# attribute, every URL scheme, comments) and reports each element with its attributes, in
# document order, through nh3's ``attribute_filter``: the rules below judge exactly the elements
# and attributes the browser will build. A sentinel element after the fragment proves that it
# ends in the tokenizer's data state (no open tag, comment or raw-text element swallows the
# page's markup that follows it, e.g. the next notebook cell).

_CENSUS = "data-census-5b0d1e"  # marks the end of each element's attributes (never in the output)
_SENTINEL = "census-end-5b0d1e"  # a custom element after the fragment
_TAG_NAME = re.compile(r"</?([A-Za-z][^\t\n\f\r />]*)")
# elements the parser makes without a start tag (</p> makes a <p>; a table row gets a <tbody>)
_IMPLIED = frozenset({"html", "head", "body", "tbody", "tr", "colgroup", "p"})
# the parser's SVG tag names with capitals (the HTML standard's table, "adjust SVG tag names"):
# the census must allow the name the tree holds, or it would unwrap the element unseen
_SVG_TAG_CASE = {
    name.lower(): name
    for name in """altGlyph altGlyphDef altGlyphItem animateColor animateMotion animateTransform clipPath feBlend
    feColorMatrix feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting feDisplacementMap
    feDistantLight feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR feGaussianBlur feImage feMerge
    feMergeNode feMorphology feOffset fePointLight feSpecularLighting feSpotLight feTile feTurbulence
    foreignObject glyphRef linearGradient radialGradient textPath""".split()
}
_SCHEME_END = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*\Z")
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_SCHEME_CHARS = frozenset(string.ascii_letters + string.digits + "+.-")


def _schemes(text: str) -> set[str]:
    """Every word that could be a URL's scheme in ``text``: the run of scheme characters before
    each ":", after decoding character references and dropping tabs and newlines as the URL
    parser does (``jav&#9;ascript:``). A superset: the census must not drop a URL unseen."""
    found = set()
    for variant in {text, html.unescape(text)}:
        for chunk in variant.replace("\t", "").replace("\n", "").replace("\r", "").split(":")[:-1]:
            start = max(0, len(chunk) - 64)
            m = _SCHEME_END.search(chunk, start)
            if m and m.start() == start and start and chunk[start - 1] in _SCHEME_CHARS:
                m = _SCHEME_END.search(chunk)  # a run longer than the window: read it whole
            if m:
                found.add(m.group(0).lower())
    return found


_SERIALIZED_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_RAW_TEXT = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"})


class HtmlReading:
    """A fragment as the browser builds it: ``elements`` is [(tag, [(attribute, value), ...]), ...]
    in document order (values decoded, attribute names as the parser lowercased them; an
    ``xlink:href`` reads as ``href``), ``comments`` the data of each comment, ``closed`` whether
    the fragment ends in the tokenizer's data state, ``html`` html5ever's serialization."""

    def __init__(self, elements, comments, closed, html_text):
        self.elements, self.comments, self.closed, self.html = elements, comments, closed, html_text


def read_html(fragment: str) -> HtmlReading:
    """``fragment`` parsed by html5ever (the HTML5 algorithm) with nothing removed but nothing
    hidden: see the section comment above."""
    text = fragment + f"<{_SENTINEL}></{_SENTINEL}>"
    # the tokenizer lowercases ASCII only (<xİ> stays xİ) and reads NUL as U+FFFD
    tags = {m.group(1).translate(_ASCII_LOWER).replace("\0", "\ufffd") for m in _TAG_NAME.finditer(text)} | _IMPLIED
    tags |= {_SVG_TAG_CASE[t] for t in tags if t in _SVG_TAG_CASE}
    schemes = _schemes(text)
    elements: list[tuple[str, list[tuple[str, str]]]] = []
    pending: list[tuple[str, str]] = []

    def census(tag: str, attribute: str, value: str) -> str | None:
        if attribute == _CENSUS:
            elements.append((tag, list(pending)))
            pending.clear()
            return None
        pending.append((attribute, value))
        return value

    cleaner = nh3.Cleaner(
        tags=tags,
        clean_content_tags=set(),
        attributes={},
        # every attribute name: one starts after a space, "/" or a closing quote
        # (or its local name after "xlink:" ...: every letter)
        generic_attribute_prefixes=set(re.findall(r"[\s/\"']([^\s/>])", text.replace("\0", "\ufffd")))
        | set(string.ascii_lowercase),
        attribute_filter=census,
        strip_comments=False,
        link_rel=None,
        url_schemes=schemes or {"https"},
        set_tag_attribute_values={t: {_CENSUS: "1"} for t in tags},
    )
    out = cleaner.clean(text)
    closed = any(tag == _SENTINEL for tag, _ in elements)
    # the sentinel has no attributes of its own: any it carries belong to an element the census
    # could not name (it must not drop them unseen), so they stay, under the tag "?"
    elements = [e if e[0] != _SENTINEL else ("?", e[1]) for e in elements if e[0] != _SENTINEL or e[1]]
    out = out.replace(f"<{_SENTINEL}></{_SENTINEL}>", "")
    # outside raw-text elements html5ever escapes every "<" of text and attribute values, so
    # "<!--" in its serialization starts a comment (a raw-text element is refused anyway)
    comments = _SERIALIZED_COMMENT.findall(out) if not any(t in _RAW_TEXT for t, _ in elements) else []
    return HtmlReading(elements, comments, closed, out)


_MARKUP_IN_TEXT = re.compile(r"[<>\"]|&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);?", re.I)


def plain_text_problem(value: object) -> str | None:
    """Why a title from front matter is not plain text: the theme writes ``page.title`` into
    the navigation and ``<title>`` as HTML (Jinja without autoescape; ``striptags`` there
    decodes entities), so ``<``, ``>``, ``"`` or a character reference would become markup."""
    if not isinstance(value, str):
        return f"is {type(value).__name__}, not text"
    m = _MARKUP_IN_TEXT.search(value)
    if m:
        return f'contains {m.group(0)!r}: the theme writes it into the page as HTML; write plain text (no < > " or &name;)'
    return None


# ids and names the theme reads (Material's templates: id="__config", "__search", "__drawer",
# "__toc", "__palette_N", "__consent", "__settings", "__analytics"; its globals __md_*): an
# element of the page content with one of them is found instead of the theme's own
# (document.getElementById("__config") returns the first in the document: DOM clobbering)
THEME_ID = re.compile(r"__(?:analytics|config|consent|drawer|palette_\d*|search|settings|toc|md_\w*)", re.I)
# elements whose id or name becomes a property of `document` that hides its own (the document's
# named properties override its built-ins: <img name="getElementById">)
DOCUMENT_NAMED = frozenset({"img", "form", "embed", "object", "iframe"})
# never in a page, whoever wrote them: navigation (meta refresh, base), frames and plug-ins,
# forms (action= posts elsewhere), inline scripts
NEVER_IN_PAGE = frozenset(
    {"meta", "base", "form", "iframe", "frame", "frameset", "object", "embed", "applet", "portal", "script", "math", "template"}
)  # math: where its text switches back to HTML, sanitizers and browsers have disagreed (mXSS);
# template: the census does not walk a template's contents, so it may not judge them either


def _id_problem(tag: str, name: str, value: str) -> str | None:
    if name not in ("id", "name"):
        return None
    if THEME_ID.fullmatch(value.strip()):
        return f"{name}={value!r} is the theme's own (Material reads it): rename it"
    if tag in DOCUMENT_NAMED:
        return f"{name}= on <{tag}> would override document.{value} (DOM clobbering): remove it"
    return None


def _shown(tag: str, attrs: list[tuple[str, str]]) -> str:
    text = "<" + tag + "".join(f' {k}="{v}"' if v else f" {k}" for k, v in attrs) + ">"
    text = re.sub(r"\s+", " ", text)
    return text if len(text) <= 80 else text[:77] + "...>"


def _reading_problems(reading: HtmlReading) -> list[str]:
    """What every source but hand-written Markdown shares: comments and the fragment's end."""
    problems = []
    for data in reading.comments:
        if "<" in data or ">" in data:
            problems.append(f"<!--{data[:60]}-->: a comment that hides markup; remove it")
    if not reading.closed:
        problems.append(
            "the HTML does not end where it seems to: an unclosed tag, comment or raw-text element at its end "
            "swallows what follows it in the page; close it"
        )
    return problems


def html_problems(fragment: str) -> list[str]:
    """Every problem of an HTML fragment that is not the author's hand-written Markdown (a
    notebook's rendered markdown cell, a raw cell): elements and attributes outside the
    allowlist, script URLs and resources from other hosts, the theme's ids, comments that
    hide markup or that the browser reads differently than they look (``<!-->``, ``--!>``,
    ``<![CDATA[``, ``<?...>``); empty when it may go into a page as it is."""
    reading = read_html(fragment)
    problems = _reading_problems(reading)
    for data in reading.comments:
        if f"<!--{data}-->" not in fragment and not ("<" in data or ">" in data):
            problems.append(
                f"<!--{data[:60]}-->: written in a way the browser reads as a comment although it does not look "
                "like one (<!-->, <!--->, --!>, <![CDATA[ ... or <? ... ?>); remove it"
            )
    for tag, attrs in reading.elements:
        shown = _shown(tag, attrs)
        if tag not in HTML_ELEMENTS:
            problems.append(f"{shown}: <{tag}> is not allowed")
        for name, value in attrs:
            if name.startswith("on"):
                problems.append(f"{shown}: event handler {name}= (scripts do not run on this site)")
            elif not (name in HTML_ATTRIBUTES or name.startswith(("data-", "aria-"))) or name.startswith("data-md"):
                problems.append(f"{shown}: attribute {name}= is not allowed")
            elif name == "name" and tag != "a":
                problems.append(f"{shown}: name= is allowed on <a> only")
            elif (why := _id_problem(tag, name, value)) is not None:
                problems.append(f"{shown}: {why}")
            elif name in URL_ATTRIBUTES:
                scheme = url_scheme(value)
                if name == "href" and scheme in ("http", "https", "mailto"):
                    continue  # a plain link: navigating away runs nothing here
                if name == "src" and scheme == "attachment":
                    continue  # a notebook cell attachment, embedded by nbconvert
                if (why := _same_site(value)) is not None:
                    problems.append(f"{shown}: {name}= {why}")
            elif name == "style":
                problems += [
                    f"{shown}: style= {p}"
                    for p in css_problems(
                        value, kind="declarations", url_rule=_same_site, forbidden=frozenset({"position", "z-index"})
                    )
                ]
    return problems


def policy_problems(content: str) -> list[str]:
    """Everything in a built page's content (the author's Markdown, rendered) that the site's
    Content-Security-Policy would block, or that may never reach a page: ``on*=`` handlers,
    ``javascript:``/``vbscript:`` URLs, resources from another host, <meta>, <base>, <form>,
    frames and plug-ins, the theme's ids. Read by html5ever like every other check."""
    problems = []
    never = NEVER_IN_PAGE - {"script"}  # an inline script is csp.py's to judge (the theme's are hashed)
    for tag, attrs in read_html(content).elements:
        if tag not in never and not any(
            name.startswith("on") or name in POLICY_URL_ATTRIBUTES or name in POLICY_RESOURCE_ATTRIBUTES or name in ("id", "name")
            for name, _ in attrs
        ):
            continue  # nothing to judge: most of a page (Pygments' spans, the figures' shapes)
        tag_text = _shown(tag, attrs)[:100]
        if tag in never:
            problems.append(f"<{tag}> in {tag_text}: it may not be in a page (it navigates, embeds or posts): remove it")
        for name, value in attrs:
            if name.startswith("on"):
                problems.append(
                    f"event handler {name}= in {tag_text}: attach it from a script file under docs/assets/javascripts/ instead"
                )
            elif name in POLICY_URL_ATTRIBUTES and url_scheme(value) in ("javascript", "vbscript"):
                problems.append(f"{url_scheme(value)}: URL in {tag_text}: use a plain link or a button wired up by a script file")
            elif (
                (name in POLICY_RESOURCE_ATTRIBUTES or (tag == "link" and name == "href"))
                and tag != "script"
                and any(
                    loads_from_elsewhere(part.strip().split(" ")[0], data_ok=True) for part in value.split(",") if part.strip()
                )
            ):
                problems.append(f"{tag_text} loads from another host: save the file under docs/ and link it relatively")
            elif (why := _id_problem(tag, name, value)) is not None:
                problems.append(f"{tag_text}: {why}")
    return problems


# --------------------------------------------------------------------------- served files
#
# A file under docs/ is served as it is, and a browser opened on it runs what it holds with
# the site's origin and no Content-Security-Policy (a policy is a <meta> tag of our pages):
# an SVG, an HTML or XML page (XML can name an XSLT stylesheet that builds HTML).

SERVED_AS_IS_REFUSED = frozenset(
    {".html", ".htm", ".xhtml", ".xht", ".xml", ".xsl", ".xslt", ".svgz", ".mht", ".mhtml", ".shtml", ".shtm"}
)


def served_file_problems(name: str, data: bytes) -> list[str]:
    """Problems of a file the site serves as it is, by its name's extension: an ``.svg`` passes
    the figures' rules (``parse_svg``), a document a browser would run (HTML, XHTML, XML,
    XSLT, compressed SVG, web archives) is refused; every other type (images, JS, CSS, data)
    runs nothing when opened."""
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix == ".svg":
        try:
            parse_svg(data)
        except UnsafeMarkup as exc:
            return exc.problems
        return []
    if suffix in SERVED_AS_IS_REFUSED:
        return [
            f"a {suffix} file is served as it is, where the browser runs its scripts outside the site's pages and their "
            "Content-Security-Policy: write it as a Markdown page (.md) or remove it"
        ]
    return []
