"""Rich-text descriptions: what vendors may write, sanitised with nh3 before it is stored.

Descriptions are shown as HTML on the storefront, so anything that can run code (scripts, styles,
event handlers, `javascript:` links) is removed here, once, at write time.
"""

from __future__ import annotations

import nh3

ALLOWED_TAGS = frozenset({"p", "br", "strong", "em", "ul", "ol", "li", "h2", "h3", "a"})
# `rel` is allowed on links but always set by the sanitiser (nofollow: vendors' links are
# user content; noopener: no access to the storefront window).
ALLOWED_ATTRIBUTES = {"a": {"href"}}
LINK_REL = "noopener noreferrer nofollow"
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Removed together with their content, not just unwrapped.
REMOVED_WITH_CONTENT = frozenset({"script", "style", "template", "iframe", "object", "noscript"})


def sanitize_rich_text(html: str) -> str:
    """Return `html` with only the allowed tags and attributes; safe to render unescaped."""
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(REMOVED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    ).strip()
