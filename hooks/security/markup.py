"""What markup may go into a page: allowlists and checkers (pure: the site's one sanitizer).

The figures and notebooks extensions and ``csp.py`` call this module; tests import it
(``from hooks.security import markup``). Nothing here strips: each
checker returns (or raises with) the full list of problems, and the hooks fail the build
naming the file. A figure or a notebook cell with a script in it is an author error, and a
silently cleaned page would hide it (and the raw figure file is served too: opened on its
own, an SVG runs its scripts, so the file itself must be clean, not just its inlined copy).

- ``parse_svg(data)``: an SVG file parsed with defusedxml (no DTD, no entities) into an
  ElementTree whose every element, attribute and CSS rule is on the allowlist:
  static SVG shapes and text (no ``script``, ``foreignObject``, ``image``, animation, event
  handlers), links and references only inside the figure (``#id``), and CSS without
  ``@import``, ``@font-face`` or any ``url()`` leaving the figure. Malformed XML, non-UTF-8
  bytes and a second encoding are errors too. ``svg_markup`` serializes the checked tree
  for an HTML page (comments dropped, everything else as written).
- ``html_problems(html)``: the problems of an HTML fragment (a notebook's rendered markdown
  cell): elements and attributes outside the allowlist (``script``, ``iframe``, ``style``,
  ``on*=`` handlers ...), ``javascript:`` and other script URLs, and resources that would
  load from another host.
- ``policy_problems(html)``: what the site's Content-Security-Policy (``csp.py``) would
  block in a built page's content: ``on*=`` handlers, ``javascript:``/``vbscript:`` URLs,
  resources from another host. Same parser and the same ``url_scheme`` as ``html_problems``.
- ``css_problems(css)``: ``@import``/``@font-face``/``@namespace``, ``url()`` and
  ``image-set()`` leaving the page or figure, ``expression()``, ``behavior``; parsed with
  tinycss2, so CSS escapes (``\\75rl(``) cannot hide a URL.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html.parser import HTMLParser

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
CSS_URL_FUNCTIONS = frozenset({"url", "src", "image", "image-set", "-webkit-image-set", "cross-fade", "element", "-moz-element"})
CSS_FORBIDDEN_FUNCTIONS = frozenset({"expression"})
CSS_FORBIDDEN_PROPERTIES = frozenset({"behavior", "-moz-binding"})


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


def css_problems(css: str, *, kind: str = "stylesheet", url_rule: Callable[[str], str | None] = _internal_only) -> list[str]:
    """Problems of CSS: a ``stylesheet``, the ``declarations`` of a ``style=`` attribute or
    one property ``value`` (an SVG presentation attribute). ``url_rule`` judges each URL
    (default: only ``#id``, as inside a figure)."""
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
                walk(node.value)
            elif t == "url":
                if (why := url_rule(node.value)) is not None:
                    problems.append(f"CSS url(): {why}")
            elif t == "function":
                name = node.lower_name
                if name in CSS_FORBIDDEN_FUNCTIONS:
                    problems.append(f"CSS {node.name}()")
                elif name in CSS_URL_FUNCTIONS:
                    strings = [a.value for a in node.arguments if a.type == "string"]
                    whys = [why for s in strings if (why := url_rule(s)) is not None]
                    if name != "url" or len(strings) != 1 or whys:
                        problems.append(f"CSS {node.name}(): {whys[0] if whys else 'only url(#id) or url(file)'}")
                walk(node.arguments)
            elif t in ("() block", "[] block", "{} block"):
                walk(node.content)

    walk(nodes)
    return problems


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


def _local(tag: str) -> tuple[str, str]:
    ns, _, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    return ns, local


class SvgFigure:
    """A checked SVG (``parse_svg``): its tree, serialized for a page by ``markup``."""

    def __init__(self, root: ET.Element):
        self.root = root

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


def parse_svg(data: bytes) -> SvgFigure:
    """Check and parse an SVG file's bytes; raises ``UnsafeMarkup`` with every problem."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UnsafeMarkup([f"not UTF-8 text: {exc.reason} at byte {exc.start} (line {line}); save it as UTF-8"]) from None
    decl = re.match(r"\s*<\?xml[^>]*encoding\s*=\s*[\"']([^\"']+)", text)
    if decl and decl.group(1).lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise UnsafeMarkup(
            [f'line 1: declares encoding {decl.group(1)!r}; figures are UTF-8: remove the encoding or write encoding="utf-8"']
        )
    builder = _LineTreeBuilder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    builder.parser = parser
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
            if akey in ("href", "xlink:href") and (why := _internal_only(value)):
                problems.append(f"{where}: {akey}= on <{name}>: {why}")
            elif akey == "style":
                problems += [f"{where}: style= on <{name}>: {p}" for p in css_problems(value, kind="declarations")]
            elif "url(" in value.lower() or "\\" in value:
                problems += [f"{where}: {akey}= on <{name}>: {p}" for p in css_problems(value, kind="value")]
        if name == "style":
            problems += [f"{where}: <style>: {p}" for p in css_problems(el.text or "")]
            if len(el):
                problems.append(f"{where}: <style> has child elements")
    if problems:
        raise UnsafeMarkup(problems)
    return SvgFigure(root)


# ----------------------------------------------------------------------------------- HTML


class _TagChecker(HTMLParser):
    """The one HTML parser of both checks: each start tag goes to ``rule(tag, attrs, text)``,
    which returns its problems; processing instructions are problems when ``pi`` is set."""

    def __init__(self, rule: Callable[[str, list, str], list[str]], *, pi: bool):
        super().__init__(convert_charrefs=True)
        self.rule, self.pi = rule, pi
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.problems += self.rule(tag, attrs, self.get_starttag_text() or f"<{tag}>")

    handle_startendtag = handle_starttag

    def handle_pi(self, data):
        if self.pi:
            self.problems.append(f"<?{data}>: processing instruction")


def _check(fragment: str, rule, *, pi: bool) -> list[str]:
    checker = _TagChecker(rule, pi=pi)
    checker.feed(fragment)
    checker.close()
    return checker.problems


def _allowlist_rule(tag: str, attrs: list, text: str) -> list[str]:
    """``html_problems``: elements and attributes on the allowlist, URLs of this site."""
    shown = re.sub(r"\s+", " ", text)
    shown = shown if len(shown) <= 80 else shown[:77] + "...>"
    problems = []
    if tag not in HTML_ELEMENTS:
        problems.append(f"{shown}: <{tag}> is not allowed")
    for name, value in attrs:
        value = value or ""
        if name.startswith("on"):
            problems.append(f"{shown}: event handler {name}= (scripts do not run on this site)")
        elif not (name in HTML_ATTRIBUTES or name.startswith(("data-", "aria-"))):
            problems.append(f"{shown}: attribute {name}= is not allowed")
        elif name in URL_ATTRIBUTES:
            scheme = url_scheme(value)
            if name == "href" and scheme in ("http", "https", "mailto"):
                continue  # a plain link: navigating away runs nothing here
            if name == "src" and scheme == "attachment":
                continue  # a notebook cell attachment, embedded by nbconvert
            if (why := _same_site(value)) is not None:
                problems.append(f"{shown}: {name}= {why}")
        elif name == "style":
            problems += [f"{shown}: style= {p}" for p in css_problems(value, kind="declarations", url_rule=_same_site)]
    return problems


def _policy_rule(tag: str, attrs: list, text: str) -> list[str]:
    """``policy_problems``: what the page's Content-Security-Policy would block."""
    tag_text = text[:100]
    problems = []
    for name, value in attrs:
        value = value or ""
        if name.startswith("on"):
            problems.append(
                f"event handler {name}= in {tag_text}: attach it from a script file under docs/assets/javascripts/ instead"
            )
        elif name in POLICY_URL_ATTRIBUTES and url_scheme(value) in ("javascript", "vbscript"):
            problems.append(f"{url_scheme(value)}: URL in {tag_text}: use a plain link or a button wired up by a script file")
        elif (
            (name in POLICY_RESOURCE_ATTRIBUTES or (tag == "link" and name == "href"))
            and tag != "script"
            and any(loads_from_elsewhere(part.strip().split(" ")[0], data_ok=True) for part in value.split(",") if part.strip())
        ):
            problems.append(f"{tag_text} loads from another host: save the file under docs/ and link it relatively")
    return problems


def html_problems(fragment: str) -> list[str]:
    """Every problem of an HTML fragment (empty when it may go into a page)."""
    return _check(fragment, _allowlist_rule, pi=True)


def policy_problems(content: str) -> list[str]:
    """Everything in a built page's content that the site's Content-Security-Policy would block."""
    return _check(content, _policy_rule, pi=False)
