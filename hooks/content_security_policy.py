"""Content-Security-Policy on every page (one concern: which scripts a page may run).

GitHub Pages sends no HTTP headers, so the policy is a ``<meta http-equiv>`` tag, placed
right after ``<meta charset>`` (a policy covers only what follows it). It allows scripts
from the site itself and, by SHA-256 hash, the theme's own inline scripts; no
``'unsafe-inline'`` or ``'unsafe-eval'`` for scripts, so an inline ``<script>``, an
``on*=`` handler or a ``javascript:`` URL that slipped into a page does not run (the
browser blocks it and reports a ``securitypolicyviolation``). Everything else the site
loads is its own too: images (plus ``data:``), fonts, ``fetch`` (search index, sitemap),
the search web worker; ``object-src 'none'``, ``base-uri 'self'``, ``form-action 'self'``.
Styles allow ``'unsafe-inline'`` (Material sets ``style=`` at run time; the inline figures
carry a ``<style>``; the figures' CSS is checked by ``hooks/safe_markup.py``).

Which inline scripts get a hash (``on_post_page``, after every other hook, and
``on_post_template`` for ``404.html``): only scripts that are

1. outside the page content (from ``<article class="md-content__inner ...">`` to the last
   ``</article>``: whatever the Markdown or notebook put there), and
2. equal, character for character, to an inline ``<script>`` of the theme's templates
   (``config.theme.dirs``: ``overrides/`` and Material's ``partials/javascripts/*.html``),
   where a Jinja ``{{ ... }}`` may stand for a value without quotes, backslashes, angle
   brackets or spaces (the base URL). Their text differs per page (``__md_scope``), so the
   hashes are computed per page. ``type="application/json"`` blocks (``__config``) do not
   run and need none.

Anything else fails the build (a ``PluginError`` naming the page and the fix), because the
browser would block it: an inline script in the page content or one that no template has
(e.g. front matter breaking out of an attribute), an ``on*=`` handler or ``javascript:``
URL in the page content, a ``<script src>`` or content image from another host.

``mkdocs serve`` injects its live-reload script inline, with a new text per request, so
pages served by ``mkdocs serve`` get ``'unsafe-inline'`` instead of hashes (the checks above
still fail the build there); the built site never does.
"""

from __future__ import annotations

import base64
import hashlib
import html
import logging
import re
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.content_security_policy")

POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'report-sample'"],  # + the theme scripts' hashes, per page
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
ATTR = re.compile(r"""([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")
JS_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript", "application/ecmascript"}
JINJA_VALUE = r"""[^"'`<>\\\s]*"""  # what a {{ ... }} in a theme script may render to
CONTENT_START = '<article class="md-content__inner md-typeset">'
CHARSET = re.compile(r"<meta charset=\"utf-8\">", re.I)
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}
# Tags whose every attribute is one that can carry neither a handler nor a URL, with a plain
# double-quoted value (no entity, quote or angle bracket in it), and every end tag, are
# dropped before the content check: Pygments' thousands of <span class="n">, <code>, <p>,
# the figures' <rect x=".." y=".."> (a long note 25 -> 5 ms, 2 s of a 100-note build).
# Dropping a whole well-formed tag can only make the check see more than the browser
# would (text in a <textarea> read as tags), never less: the attributes around it keep
# their quotes, so a handler the browser sees stays inside a tag the parser sees.
PLAIN_SPAN = re.compile(
    r"<[a-zA-Z][\w-]*(?:\s+(?:class|id|title|role|lang|dir|tabindex|colspan|rowspan|align|x|y|dx|dy|width|height"
    r'|rx|ry|text-anchor|aria-[\w-]+|data-[\w-]+)="[^"<>&]*")*\s*/?>|</[a-zA-Z][\w-]*\s*>'
)
RESOURCE_ATTRS = {"src", "srcset", "poster", "data"}

_state: dict = {"serve": False, "theme": None}


def on_startup(command, dirty):
    _state["serve"] = command == "serve"


def _attrs(text: str) -> dict[str, str]:
    return {k.lower(): html.unescape((v or "").strip("\"'")) for k, v in ATTR.findall(text)}


def _is_js(attrs: dict[str, str]) -> bool:
    return attrs.get("type", "").strip().lower() in JS_TYPES


def _scheme(url: str) -> str:
    m = re.match(r"([a-z][a-z0-9+.-]*):", re.sub(r"[\x00-\x20\x7f]+", "", url).lower())
    return m.group(1) if m else ""


def _external(url: str, *, data_ok: bool) -> bool:
    """Not the site's own file: another host (``//host``, ``https:``) or another scheme."""
    if re.sub(r"[\x00-\x20\x7f]+", "", url).startswith("//"):
        return True
    scheme = _scheme(url)
    return bool(scheme) and not (data_ok and scheme == "data")


def theme_scripts(theme_dirs: list[str]) -> list[re.Pattern]:
    """One pattern per inline script in the theme's templates (Jinja values as wildcards)."""
    patterns = []
    for d in theme_dirs:
        for path in sorted(Path(d).rglob("*.html")):
            for m in SCRIPT.finditer(path.read_text(encoding="utf-8")):
                attrs, body = _attrs(m.group(1)), m.group(2)
                if "src" in attrs or not _is_js(attrs) or "{%" in body or "{#" in body:
                    continue
                parts = re.split(r"\{\{.*?\}\}", body, flags=re.S)
                patterns.append(re.compile(JINJA_VALUE.join(re.escape(p) for p in parts), re.S))
    if not patterns:
        raise PluginError(
            f"content_security_policy: no inline <script> found in the theme {theme_dirs}: the theme changed (update the hook)"
        )
    return patterns


def script_hash(body: str) -> str:
    """The CSP source expression for an inline script (the HTML parser normalizes newlines)."""
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


def policy(hashes: list[str], *, serve: bool = False) -> str:
    directives = dict(POLICY)
    directives["script-src"] = POLICY["script-src"] + (["'unsafe-inline'"] if serve else sorted(set(hashes)))
    return "; ".join(f"{k} {' '.join(v)}" for k, v in directives.items())


class _ContentChecker(HTMLParser):
    """What the policy would block in the page content: handlers, script URLs, foreign loads."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        tag_text = (self.get_starttag_text() or f"<{tag}>")[:100]
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(
                    f"event handler {name}= in {tag_text}: attach it from a script file under docs/assets/javascripts/ instead"
                )
            elif name in URL_ATTRS and _scheme(value) in ("javascript", "vbscript"):
                self.problems.append(
                    f"{_scheme(value)}: URL in {tag_text}: use a plain link or a button wired up by a script file"
                )
            elif (
                (name in RESOURCE_ATTRS or (tag == "link" and name == "href"))
                and tag != "script"
                and any(_external(part.strip().split(" ")[0], data_ok=True) for part in value.split(",") if part.strip())
            ):
                self.problems.append(f"{tag_text} loads from another host: save the file under docs/ and link it relatively")

    handle_startendtag = handle_starttag


def apply_policy(output: str, where: str, patterns: list[re.Pattern], *, serve: bool = False) -> str:
    """``output`` with the policy's <meta> tag; ``PluginError`` for anything it would block."""
    start = output.find(CONTENT_START)
    end = output.rfind("</article>")
    if not 0 <= start < end:
        raise PluginError(
            f"content_security_policy: {where}: no {CONTENT_START}...</article> (the theme's "
            "base.html changed: update CONTENT_START in the hook)"
        )
    content = (start, end)
    problems, hashes = [], []
    for m in SCRIPT.finditer(output):
        attrs, body = _attrs(m.group(1)), m.group(2)
        inside = content[0] <= m.start() < content[1]
        shown = re.sub(r"\s+", " ", m.group(0))[:90]
        if "src" in attrs:
            if _external(attrs["src"], data_ok=False):
                problems.append(
                    f"{shown}: a script that is not the site's own file (the policy allows no other): "
                    "save it under docs/assets/javascripts/ and add it to extra_javascript"
                )
        elif not _is_js(attrs):
            continue  # a data block (type="application/json" ...): never executed
        elif inside:
            problems.append(
                f"inline script in the page content {shown}: move the code into a file under "
                "docs/assets/javascripts/ and add it to extra_javascript"
            )
        elif not any(p.fullmatch(body) for p in patterns):
            problems.append(
                f"inline script {shown} is not one of the theme's: move the code into a file under "
                "docs/assets/javascripts/ (if it comes from front matter, check its quotes)"
            )
        else:
            hashes.append(script_hash(body))
    checker = _ContentChecker()
    checker.feed(PLAIN_SPAN.sub("", output[content[0] : content[1]]))
    checker.close()
    problems += checker.problems
    if problems:
        raise PluginError(
            f"content_security_policy: {where}: the site's Content-Security-Policy would block:\n"
            + "\n".join(f"  {p}" for p in problems)
        )
    head = output.find("<head>")
    charset = CHARSET.search(output, head) if head >= 0 else None
    if charset is None or charset.start() > output.find("</head>"):
        raise PluginError(
            f'content_security_policy: {where}: no <meta charset="utf-8"> in <head> to put the '
            "policy after (the theme's base.html changed: update the hook)"
        )
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes, serve=serve)}">'
    return output[: charset.end()] + "\n" + meta + output[charset.end() :]


def _patterns(config) -> list[re.Pattern]:
    if _state["theme"] is None:
        _state["theme"] = theme_scripts(list(config.theme.dirs))
    return _state["theme"]


def on_config(config):
    _state["theme"] = None  # `mkdocs serve` reloads after an overrides/ edit
    if _state["serve"]:
        log.info(
            "content_security_policy: pages served by `mkdocs serve` allow inline scripts "
            "(its live-reload script); the built site allows only the theme's, by hash"
        )
    return config


@event_priority(-100)  # after every hook that edits the page (inline figures ...)
def on_post_page(output, page, config):
    return apply_policy(output, f"docs/{page.file.src_uri}", _patterns(config), serve=_state["serve"])


@event_priority(-100)
def on_post_template(output_content, template_name, config):
    if not template_name.endswith(".html"):
        return output_content
    return apply_policy(output_content, f"{template_name} (theme template)", _patterns(config), serve=_state["serve"])
