"""What search engines and link previews read: canonical URLs, language alternates, OpenGraph and
Twitter tags, schema.org `Product` data, `sitemap.xml` and `robots.txt`.

The language of a page comes from the shopper's cookie or browser; `?lang=en` asks for English
explicitly, so that the English page has an address of its own for `hreflang` alternates, the
sitemap and shared links. Thai (the default) needs no parameter.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_safe

from marketplace.catalog import selectors
from marketplace.catalog.models import Category, Collection, Product
from marketplace.core.money import CURRENCY
from marketplace.municipalities.models import District
from marketplace.vendors.models import Vendor

LANGUAGE_PARAM = "lang"
OG_LOCALES = {"th": "th_TH", "en": "en_US"}
DESCRIPTION_LENGTH = 200
# Robots may not enter these (the pages of a person, a cart or a shop's back office).
DISALLOWED_PATHS = (
    "/admin/",
    "/vendor/",
    "/checkout/",
    "/cart/",
    "/account/",
    "/graphql/",
    "/search/autocomplete/",
    "/search/suggest/",
)


def current_language() -> str:
    return "en" if (get_language() or "th").startswith("en") else "th"


def language_url(request: HttpRequest, language: str, *, keep: Iterable[str] = ()) -> str:
    """The absolute address of this page in `language`, with only the parameters in `keep`
    (tracking parameters such as utm_* or fbclid never make it into a canonical address)."""
    query = [
        (key, value) for key in sorted(set(keep)) for value in request.GET.getlist(key) if value
    ]
    if language != settings.LANGUAGE_CODE:
        query.append((LANGUAGE_PARAM, language))
    address = request.build_absolute_uri(request.path)
    return f"{address}?{urlencode(query)}" if query else address


def plain_text(html: str, length: int = DESCRIPTION_LENGTH) -> str:
    text = " ".join(strip_tags(html).split())
    return Truncator(text).chars(length)


@dataclass
class PageMeta:
    """The `<head>` of a page for search engines and link previews (storefront/_meta.html)."""

    title: str
    description: str
    canonical: str
    alternates: dict[str, str]
    locale: str
    image: str = ""
    image_alt: str = ""
    og_type: str = "website"
    noindex: bool = False
    price: Decimal | None = None
    currency: str = CURRENCY
    extra_locales: list[str] = field(default_factory=list)


def page_meta(
    request: HttpRequest,
    *,
    title: str,
    description: str = "",
    keep: Sequence[str] = (),
    image: str = "",
    image_alt: str = "",
    og_type: str = "website",
    noindex: bool = False,
    price: Decimal | None = None,
) -> PageMeta:
    language = current_language()
    alternates = {
        code: language_url(request, code, keep=keep) for code, _name in settings.LANGUAGES
    }
    alternates["x-default"] = alternates[settings.LANGUAGE_CODE]
    return PageMeta(
        title=title,
        description=plain_text(description),
        canonical=alternates[language],
        alternates=alternates,
        locale=OG_LOCALES[language],
        extra_locales=[locale for code, locale in OG_LOCALES.items() if code != language],
        image=request.build_absolute_uri(image) if image else "",
        image_alt=image_alt,
        og_type=og_type,
        noindex=noindex,
        price=price,
    )


def product_json_ld(
    *,
    product: Product,
    name: str,
    description: str,
    url: str,
    images: list[str],
    in_stock: bool,
    vendor_name: str,
    vendor_url: str,
    category_name: str,
) -> dict[str, Any]:
    """schema.org `Product` with an `Offer` (one price) or an `AggregateOffer` (a price range)."""
    availability = "https://schema.org/InStock" if in_stock else "https://schema.org/OutOfStock"
    if product.made_to_order and not in_stock:
        availability = "https://schema.org/PreOrder"
    seller = {"@type": "Organization", "name": vendor_name, "url": vendor_url}
    low: Decimal | None = getattr(product, "price_min", None)
    high: Decimal | None = getattr(product, "price_max", None)
    offers: dict[str, Any] = {
        "priceCurrency": CURRENCY,
        "availability": availability,
        "itemCondition": "https://schema.org/NewCondition",
        "url": url,
        "seller": seller,
    }
    if low is not None and high is not None and low != high:
        offers.update(
            {
                "@type": "AggregateOffer",
                "lowPrice": f"{low:.2f}",
                "highPrice": f"{high:.2f}",
                "offerCount": len(getattr(product, "variant_list", [])) or 1,
            }
        )
    elif low is not None:
        offers.update({"@type": "Offer", "price": f"{low:.2f}"})
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": name,
        "description": plain_text(description, 5000),
        "url": url,
        "brand": {"@type": "Brand", "name": vendor_name},
        "category": category_name,
    }
    if images:
        data["image"] = images
    variants = getattr(product, "variant_list", [])
    if len(variants) == 1:
        data["sku"] = variants[0].sku
    if product.materials:
        data["material"] = product.materials
    if low is not None:
        data["offers"] = offers
    return data


# --- sitemap.xml ----------------------------------------------------------------------------------


class BilingualSitemap(Sitemap[Any]):
    """Each page in Thai (no parameter) and English (`?lang=en`), with hreflang alternates."""

    i18n = True
    alternates = True
    x_default = True
    languages = [code for code, _name in settings.LANGUAGES]
    limit = 10_000

    def path(self, item: Any) -> str:
        raise NotImplementedError

    def location(self, item: Any) -> str:
        path = self.path(item)
        return f"{path}?{LANGUAGE_PARAM}=en" if current_language() == "en" else path


class ProductSitemap(BilingualSitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self) -> Any:
        return selectors.sitemap_products()

    def path(self, item: Product) -> str:
        return reverse("storefront:product", args=[item.slug])

    def lastmod(self, item: Product) -> datetime:
        return item.updated_at


class CategorySitemap(BilingualSitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self) -> Any:
        return selectors.sitemap_categories()

    def path(self, item: Category) -> str:
        return reverse("storefront:category", args=[item.slug])


class VendorSitemap(BilingualSitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self) -> Any:
        return selectors.sitemap_vendors()

    def path(self, item: Vendor) -> str:
        return reverse("storefront:vendor", args=[item.slug])

    def lastmod(self, item: Vendor) -> datetime:
        return item.updated_at


class CollectionSitemap(BilingualSitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self) -> Any:
        return selectors.sitemap_collections()

    def path(self, item: Collection) -> str:
        return reverse("storefront:collection", args=[item.slug])


class DistrictSitemap(BilingualSitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self) -> Any:
        return selectors.sitemap_districts()

    def path(self, item: District) -> str:
        return reverse("storefront:district", args=[item.code])


class StaticSitemap(BilingualSitemap):
    changefreq = "daily"
    priority = 1.0

    def items(self) -> list[str]:
        return ["storefront:home"]

    def path(self, item: str) -> str:
        return reverse(item)


SITEMAPS: dict[str, type[Sitemap[Any]] | Sitemap[Any]] = {
    "pages": StaticSitemap,
    "products": ProductSitemap,
    "categories": CategorySitemap,
    "makers": VendorSitemap,
    "collections": CollectionSitemap,
    "districts": DistrictSitemap,
}
# A sitemap lists every product; an hour old is fresh enough for a search engine.
SITEMAP_CACHE_SECONDS = 60 * 60


@require_safe
@cache_page(SITEMAP_CACHE_SECONDS)
def sitemap_index(request: HttpRequest) -> HttpResponse:
    return sitemap_views.index(request, SITEMAPS, sitemap_url_name="storefront:sitemap_section")


@require_safe
@cache_page(SITEMAP_CACHE_SECONDS)
def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    return sitemap_views.sitemap(request, SITEMAPS, section=section)


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED_PATHS)]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('storefront:sitemap'))}")
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response
