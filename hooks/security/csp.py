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
carry a ``<style>``; the figures' CSS is checked by ``markup.py``).

Which inline scripts get a hash (``ContentSecurityPolicy.apply`` from ``on_post_page``, after
every other handler, and ``on_post_template`` for ``404.html``): only scripts that are

1. outside the page content (from ``<article class="md-content__inner ...">`` to the last
   ``</article>``: whatever the Markdown or notebook put there), and
2. equal, character for character, to an inline ``<script>`` of the theme's templates
   (``config.theme.dirs``: ``overrides/`` and Material's ``partials/javascripts/*.html``),
   where a Jinja ``{{ ... }}`` may stand for a value without quotes, backslashes, angle
   brackets or spaces (the base URL). Their text differs per page (``__md_scope``), so the
   hashes are computed per page. ``type="application/json"`` blocks (``__config``) do not
   run and need none; or equal to one of our page scripts as ``hooks/output/page_scripts``
   inlines them (minified, so not the template's text).

Anything else fails the build (a ``PluginError`` naming the page and the fix), because the
browser would block it: an inline script in the page content or one that no template has
(e.g. front matter breaking out of an attribute), an ``on*=`` handler or ``javascript:``
URL in the page content, a ``<script src>`` or content image from another host (the page
content is read by ``markup.policy_problems``, the site's one HTML checker).

``mkdocs serve`` injects its live-reload script inline, with a new text per request, so
pages served by ``mkdocs serve`` get ``'unsafe-inline'`` instead of hashes (the checks above
still fail the build there); the built site never does.
"""

from __future__ import annotations

import base64
import hashlib
import html
import logging
import os
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from hooks.cache.store import Store
from hooks.output import page_scripts
from hooks.security.markup import loads_from_elsewhere, policy_problems

log = logging.getLogger("mkdocs.hooks.security")

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


def _attrs(text: str) -> dict[str, str]:
    return {k.lower(): html.unescape((v or "").strip("\"'")) for k, v in ATTR.findall(text)}


def _is_js(attrs: dict[str, str]) -> bool:
    return attrs.get("type", "").strip().lower() in JS_TYPES


def _templates(directory: str):
    """Every .html file under a theme directory but its ``.icons`` (Material's 14,000 SVG
    icons: most of a full walk's 11 ms; a template there would only be missed loudly, its
    scripts refused by the policy)."""
    for root, dirs, names in os.walk(directory):
        dirs[:] = [name for name in dirs if name != ".icons"]
        yield from (Path(root, name) for name in names if name.endswith(".html"))


def theme_scripts(theme_dirs: list[str]) -> list[re.Pattern]:
    """One pattern per inline script in the theme's templates (Jinja values as wildcards)."""
    patterns = []
    for d in theme_dirs:
        for path in sorted(_templates(d)):
            for m in SCRIPT.finditer(path.read_text(encoding="utf-8")):
                attrs, body = _attrs(m.group(1)), m.group(2)
                if "src" in attrs or not _is_js(attrs) or "{%" in body or "{#" in body:
                    continue
                parts = re.split(r"\{\{.*?\}\}", body, flags=re.S)
                if not "".join(parts).strip():
                    continue  # only a value (our page scripts): allowed by its exact text, never as a wildcard
                patterns.append(re.compile(JINJA_VALUE.join(re.escape(p) for p in parts), re.S))
    if not patterns:
        raise PluginError(f"csp: no inline <script> found in the theme {theme_dirs}: the theme changed (update the hook)")
    return patterns


def script_hash(body: str) -> str:
    """The CSP source expression for an inline script (the HTML parser normalizes newlines)."""
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


def policy(hashes: list[str], *, serve: bool = False) -> str:
    directives = dict(POLICY)
    directives["script-src"] = POLICY["script-src"] + (["'unsafe-inline'"] if serve else sorted(set(hashes)))
    return "; ".join(f"{k} {' '.join(v)}" for k, v in directives.items())


def apply_policy(
    output: str, where: str, patterns: list[re.Pattern], *, serve: bool = False, content_problems=policy_problems
) -> str:
    """``output`` with the policy's <meta> tag; ``PluginError`` for anything it would block
    (``content_problems``: ``policy_problems``, or the same kept across builds)."""
    start = output.find(CONTENT_START)
    end = output.rfind("</article>")
    if not 0 <= start < end:
        raise PluginError(
            f"csp: {where}: no {CONTENT_START}...</article> (the theme's base.html changed: update CONTENT_START in the hook)"
        )
    content = (start, end)
    problems, hashes = [], []
    for m in SCRIPT.finditer(output):
        attrs, body = _attrs(m.group(1)), m.group(2)
        inside = content[0] <= m.start() < content[1]
        shown = re.sub(r"\s+", " ", m.group(0))[:90]
        if "src" in attrs:
            if loads_from_elsewhere(attrs["src"], data_ok=False):
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
    problems += content_problems(PLAIN_SPAN.sub("", output[content[0] : content[1]]))
    if problems:
        raise PluginError(
            f"csp: {where}: the site's Content-Security-Policy would block:\n" + "\n".join(f"  {p}" for p in problems)
        )
    head = output.find("<head>")
    charset = CHARSET.search(output, head) if head >= 0 else None
    if charset is None or charset.start() > output.find("</head>"):
        raise PluginError(
            f'csp: {where}: no <meta charset="utf-8"> in <head> to put the '
            "policy after (the theme's base.html changed: update the hook)"
        )
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes, serve=serve)}">'
    return output[: charset.end()] + "\n" + meta + output[charset.end() :]


class ContentSecurityPolicy:
    """The policy for one build: ``serve`` (from ``on_startup``: `mkdocs serve` allows inline
    scripts) and the inline scripts allowed, read once per build: the theme's, and our page
    scripts exactly as ``hooks/output/page_scripts`` inlines them."""

    def __init__(self, store: Store | None = None) -> None:
        self.serve = False
        self.theme: list[re.Pattern] | None = None
        self.store = store or Store()

    def content_problems(self, content: str) -> list[str]:
        """``policy_problems(content)``, kept across builds (the content's html5ever reading
        is most of the policy's time: ~1.5 ms a note)."""
        return self.store.memo("csp", (content,), lambda: policy_problems(content))

    def start(self, command: str) -> None:
        self.serve = command == "serve"

    def configure(self) -> None:
        self.theme = None  # `mkdocs serve` reloads after an overrides/ edit
        if self.serve:
            log.info(
                "csp: pages served by `mkdocs serve` allow inline scripts "
                "(its live-reload script); the built site allows only the theme's, by hash"
            )

    def apply(self, output: str, where: str, config) -> str:
        if self.theme is None:
            ours = [re.compile(re.escape(text)) for text in page_scripts.minified().values()]
            self.theme = theme_scripts(list(config.theme.dirs)) + ours
        return apply_policy(output, where, self.theme, serve=self.serve, content_problems=self.content_problems)
