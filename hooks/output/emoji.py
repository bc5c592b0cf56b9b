"""Emoji without a CDN: shortcodes such as ``:tada:`` become the Unicode character itself.

``pymdownx.emoji`` with Material's ``to_svg`` generator inlines Material's own icons
(``:material-github:``, ``:octicons-…:``) but turns every ordinary emoji into
``<img src="https://cdn.jsdelivr.net/…/1f389.svg">``: a request to another host on every page
that uses one, which this site never makes. This hook keeps the icon path and renders ordinary
emoji as their Unicode text (what GitHub shows too), in a ``<span class="emoji">`` with the
emoji's name as its accessible label.

It owns the generator: mkdocs.yml must keep ``emoji_generator: material.extensions.emoji.to_svg``
(the setting this hook extends); anything else fails the build with one line.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from material.extensions import emoji as material_emoji
from mkdocs.exceptions import PluginError

EXTENSION = "pymdownx.emoji"


def to_icon_or_text(index, shortname, alias, uc, alt, title, category, options, md):
    if not uc:  # a Material/FontAwesome/Octicons icon: inline SVG from the theme, no request
        return material_emoji.to_svg(index, shortname, alias, uc, alt, title, category, options, md)
    el = Element("span", {"class": "emoji", "role": "img", "aria-label": (title or shortname).strip(":").replace("_", " ")})
    el.text = alt
    return el


def install(config) -> None:
    """Put ``to_icon_or_text`` in place of Material's generator (from ``on_config``)."""
    settings = config.mdx_configs.get(EXTENSION)
    if settings is None:
        return
    if settings.get("emoji_generator") is not material_emoji.to_svg:
        raise PluginError(
            "hooks/output/emoji.py: mkdocs.yml's pymdownx.emoji must use "
            "emoji_generator: !!python/name:material.extensions.emoji.to_svg (this hook replaces "
            "its CDN images of ordinary emoji with Unicode text)"
        )
    settings["emoji_generator"] = to_icon_or_text
