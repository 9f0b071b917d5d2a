"""Template helpers of the browsing pages: `{% load browse %}`.

- `{{ obj|tr:"name" }}`: a `<field>_th` / `<field>_en` column in the page's language (Thai when
  there is no English);
- `{% picture media alt sizes=… lazy=… %}`: a `<picture>` with WebP and JPEG `srcset`s of the
  photo's renditions, width and height set so the page does not jump while it loads;
- `{% path_without_lang %}`: the current path and query without `lang=` (the language switch's
  `next`, so that switching is not undone by the link's own language);
- `{% json_ld data %}`: a schema.org block (`application/ld+json`, data, not script).
"""

from __future__ import annotations

import json
from typing import Any

from django import template
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from marketplace.catalog.images import rendition_url
from marketplace.catalog.models import ProductMedia

register = template.Library()

# JSON inside <script> must not close the element or open a comment.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def english() -> bool:
    return (get_language() or "th").startswith("en")


@register.filter
def tr(instance: Any, field: str) -> str:
    thai: str = getattr(instance, f"{field}_th", "") or ""
    if english():
        return getattr(instance, f"{field}_en", "") or thai
    return thai


def _srcset(media: ProductMedia, kind: str) -> str:
    parts = []
    for width in sorted(int(w) for w in (media.renditions or {})):
        url = rendition_url(media, width=width, kind=kind)
        if url:
            parts.append(f"{url} {width}w")
    return ", ".join(parts)


def picture_context(
    media: ProductMedia | None, *, alt: str, sizes: str, lazy: bool, css_class: str = ""
) -> dict[str, Any]:
    if not isinstance(media, ProductMedia):  # no photo (a missing list item renders as "")
        return {"media": None, "alt": alt, "css_class": css_class}
    webp = _srcset(media, "webp")
    jpeg = _srcset(media, "jpeg")
    # Renditions are made by a task after the upload; until then the (EXIF-free) original shows.
    src = rendition_url(media, width=640, kind="jpeg") or media.image.url
    width, height = media.width or 640, media.height or 480
    media_alt = (media.alt_en if english() else "") or media.alt_th
    return {
        "media": media,
        "webp_srcset": webp,
        "jpeg_srcset": jpeg,
        "src": src,
        "width": width,
        "height": height,
        "alt": media_alt or alt,
        "sizes": sizes,
        "lazy": lazy,
        "css_class": css_class,
    }


@register.inclusion_tag("storefront/_picture.html")
def picture(
    media: ProductMedia | None,
    alt: str,
    sizes: str = "(min-width: 48rem) 25vw, 50vw",
    lazy: bool = True,
    css_class: str = "",
) -> dict[str, Any]:
    return picture_context(media, alt=alt, sizes=sizes, lazy=lazy, css_class=css_class)


@register.simple_tag(takes_context=True)
def path_without_lang(context: template.Context) -> str:
    request: HttpRequest | None = context.get("request")
    if request is None:
        return "/"
    query = request.GET.copy()
    query.pop("lang", None)
    encoded = query.urlencode()
    return f"{request.path}?{encoded}" if encoded else request.path


@register.simple_tag
def json_ld(data: dict[str, Any]) -> SafeString:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(
        _JSON_SCRIPT_ESCAPES
    )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308
