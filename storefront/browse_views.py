"""Shopper pages for browsing: home, category, search, product, maker, collection, district.

Views parse the query string, call catalogue and search selectors and render; the rules of what
a shopper may see live in `marketplace.catalog.selectors`. Every listing keeps its whole state in
GET parameters (shareable, bookmarkable, works without JavaScript); with htmx the filter form
swaps only the listing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_safe

from marketplace.catalog import selectors
from marketplace.catalog.models import Product
from search.selectors import product_autocomplete
from storefront import seo
from storefront.context_processors import cart as cart_context
from storefront.listing import (
    LISTING_PARAMS,
    MATERIAL_ATTRIBUTE,
    PAGE_SIZE,
    Scope,
    listing,
)
from storefront.templatetags.browse import tr


def honour_language_param(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """`?lang=en` shows the page in English (the address search engines and shared links use
    for the English page) and remembers the choice like the language switch does."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        language = request.GET.get(seo.LANGUAGE_PARAM, "")
        chosen = language in dict(settings.LANGUAGES)
        if chosen:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = view(request, *args, **kwargs)
        if chosen and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite="Lax",
            )
        return response

    return wrapper


def _render_listing(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    htmx = getattr(request, "htmx", None)  # django_htmx's HtmxDetails; false without htmx
    if htmx and not htmx.boosted:
        return render(request, "storefront/_listing.html", context)
    return render(request, template, context)


# --- pages ----------------------------------------------------------------------------------------


@require_safe
@honour_language_param
def home(request: HttpRequest) -> HttpResponse:
    # The selectors are passed uncalled: the template calls them only when its cached fragment
    # has expired, so a warm home page asks the database nothing for them.
    context = {
        # Fragments belong to one database (tests of several people may share a Redis).
        "stamp": f"{connection.settings_dict['NAME']}.{selectors.catalogue_stamp()}",
        "collections": selectors.collections_featured,
        "categories": lambda: list(selectors.categories_top()),
        "districts": lambda: list(selectors.districts_with_vendors()),
        "makers": selectors.vendors_featured,
        "newest": selectors.products_newest,
        "meta": seo.page_meta(
            request,
            title=str(_("Kad — crafts from the makers of Lamphun")),
            description=str(
                _(
                    "Silk brocade, hand-woven cotton, pottery, wood carving and dried longan, "
                    "sold by the people who make them."
                )
            ),
        ),
    }
    return render(request, "storefront/home.html", context)


@require_safe
@honour_language_param
def search(request: HttpRequest) -> HttpResponse:
    page = listing(request, Scope())
    query = page.form.cleaned_data.get("q") or ""
    title = _("“%(query)s” — search") % {"query": query} if query else _("All products")
    context = {
        "listing": page,
        "query": query,
        "heading": title,
        # Result pages are not for search engines (noindex), but a shared link still previews.
        "meta": seo.page_meta(
            request,
            title=str(title),
            description=str(
                _(
                    "Crafts and local products from Lamphun's makers: silk, cotton, pottery, "
                    "wood carving and dried longan, sold by the people who make them."
                )
            ),
            keep=LISTING_PARAMS,
            noindex=True,
        ),
    }
    return _render_listing(request, "storefront/search.html", context)


@require_safe
@honour_language_param
def category(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.category_get(slug=slug)
    if found is None:
        raise Http404
    page = listing(
        request,
        Scope(category_ids=(found.pk,), facets=("vendor", "district", "material", "certification")),
    )
    context = {
        "listing": page,
        "category": found,
        "ancestors": selectors.category_ancestors(found),
        "children": list(selectors.category_children(found)),
        "heading": tr(found, "name"),
        "meta": seo.page_meta(
            request,
            title=tr(found, "name"),
            description=tr(found, "description"),
            keep=LISTING_PARAMS,
            noindex=page.filtered,
        ),
    }
    return _render_listing(request, "storefront/category.html", context)


@require_safe
@honour_language_param
def district(request: HttpRequest, code: str) -> HttpResponse:
    found = selectors.district_get(code=code)
    if found is None:
        raise Http404
    page = listing(
        request,
        Scope(
            district_codes=(found.code,), facets=("category", "vendor", "material", "certification")
        ),
    )
    name = tr(found, "name")
    context = {
        "listing": page,
        "district": found,
        "makers": selectors.vendors_in_district(found),
        "heading": _("Crafts of %(district)s") % {"district": name},
        "meta": seo.page_meta(
            request,
            title=str(_("Crafts of %(district)s") % {"district": name}),
            description=str(
                _("Products of the makers of %(district)s district.") % {"district": name}
            ),
            keep=LISTING_PARAMS,
            noindex=page.filtered,
        ),
    }
    return _render_listing(request, "storefront/district.html", context)


@require_safe
@honour_language_param
def vendor(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.vendor_get_for_page(slug=slug)
    if found is None:
        raise Http404
    page = listing(request, Scope(vendor_ids=(found.pk,), facets=("category", "material")))
    context = {
        "listing": page,
        "vendor": found,
        "heading": tr(found, "name"),
        "meta": seo.page_meta(
            request,
            title=tr(found, "name"),
            description=tr(found, "story"),
            image=found.cover.url if found.cover else (found.logo.url if found.logo else ""),
            keep=LISTING_PARAMS,
            og_type="profile",
            noindex=page.filtered,
        ),
    }
    return _render_listing(request, "storefront/vendor.html", context)


@require_safe
@honour_language_param
def collection(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.collection_get_visible(slug=slug)
    if found is None:
        raise Http404
    products = Paginator(selectors.products_of_collection_page(found), PAGE_SIZE)
    page = products.get_page(request.GET.get("page"))  # a bad page number shows a real page
    context = {
        "collection": found,
        "page": page,
        "meta": seo.page_meta(
            request, title=tr(found, "name"), description=tr(found, "description"), keep=("page",)
        ),
    }
    return render(request, "storefront/collection.html", context)


# --- product page ---------------------------------------------------------------------------------


def _version(request: HttpRequest, slug: str) -> selectors.ProductVersion | None:
    if not hasattr(request, "_kad_product_version"):
        request._kad_product_version = selectors.product_version(slug=slug)  # type: ignore[attr-defined]
    version: selectors.ProductVersion | None = request._kad_product_version  # type: ignore[attr-defined]
    return version


def _product_etag(request: HttpRequest, slug: str) -> str | None:
    """The product's data plus what else the page shows: language, the header's cart count,
    who is signed in and the CSRF cookie the page's forms carry."""
    version = _version(request, slug)
    if version is None:
        return None
    parts = [
        str(version.product_id),
        version.last_modified.isoformat(),
        version.signature,
        translation.get_language() or "",
        request.GET.get("variant", ""),
        str(cart_context(request).get("cart_quantity", 0)),
        str(request.user.pk if request.user.is_authenticated else ""),
        request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def _product_last_modified(request: HttpRequest, slug: str) -> datetime | None:
    version = _version(request, slug)
    return version.last_modified if version else None


def _stock_state(product: Product, offer: selectors.VariantOffer | None) -> tuple[str, str]:
    """The offer's stock state as the page shows it: (CSS modifier, words)."""
    state = offer.state if offer else selectors.stock_state(product=product, available=0)
    if state == selectors.StockState.IN_STOCK:
        return state.value, pgettext("product availability", "In stock")
    if state == selectors.StockState.LOW_STOCK:
        assert offer is not None  # noqa: S101 - low stock means an offer with units
        return state.value, str(_("Only %(count)s left") % {"count": offer.available})
    if state == selectors.StockState.MADE_TO_ORDER:
        return state.value, str(_("Made to order: the maker is not taking new orders right now"))
    return state.value, str(_("Out of stock"))


def _product_seo(
    request: HttpRequest, found: Product, *, name: str, images: list[str], in_stock: bool
) -> tuple[seo.PageMeta, dict[str, Any]]:
    """The product page's meta tags and its schema.org JSON-LD."""
    meta = seo.page_meta(
        request,
        title=f"{name} — {tr(found.vendor, 'name')}",
        description=tr(found, "description"),
        image=images[0] if images else "",
        image_alt=name,
        og_type="product",
        price=found.price_min,  # type: ignore[attr-defined]
    )
    json_ld = seo.product_json_ld(
        product=found,
        name=name,
        description=tr(found, "description"),
        url=meta.canonical,
        images=[request.build_absolute_uri(url) for url in images],
        in_stock=in_stock,
        vendor_name=tr(found.vendor, "name"),
        vendor_url=request.build_absolute_uri(
            reverse("storefront:vendor", args=[found.vendor.slug])
        ),
        category_name=tr(found.category, "name"),
    )
    return meta, json_ld


@require_safe
@honour_language_param
@condition(etag_func=_product_etag, last_modified_func=_product_last_modified)
@cache_control(private=True, no_cache=True)
def product(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.product_get_for_page(slug=slug)
    if found is None:
        raise Http404
    offer = selectors.product_offer(
        product=found,
        variants=found.variant_list,  # type: ignore[attr-defined]
        requested_variant=request.GET.get("variant"),
    )
    choices = [
        {"variant": o.variant, "available": o.available, "state": _stock_state(found, o)}
        for o in offer.variants
    ]
    same_vendor, same_category = selectors.products_related(found)
    gallery = found.gallery  # type: ignore[attr-defined]
    from marketplace.catalog.images import rendition_url

    images = [url for media in gallery[:4] if (url := rendition_url(media, width=1280))]
    name = tr(found, "name")
    meta, json_ld = _product_seo(request, found, name=name, images=images, in_stock=offer.in_stock)
    context = {
        "product": found,
        "name": name,
        "gallery": gallery,
        "choices": choices,
        "chosen": offer.chosen.variant if offer.chosen else None,
        "chosen_state": _stock_state(found, offer.chosen),
        "can_buy": offer.can_buy,
        # The free-text materials repeat the material attribute when the product has one.
        "materials": ""
        if any(v.attribute.slug == MATERIAL_ATTRIBUTE for v in found.attribute_list)  # type: ignore[attr-defined]
        else found.materials,
        "same_vendor": same_vendor,
        "same_category": same_category,
        "meta": meta,
        "json_ld": json_ld,
    }
    return render(request, "storefront/product.html", context)


@require_safe
def search_suggestions(request: HttpRequest) -> HttpResponse:
    """The header search box's suggestions as an HTML list (htmx swaps it under the box)."""
    prefix = request.GET.get("q", "")[:100]
    suggestions = product_autocomplete(prefix, limit=6) if len(prefix.strip()) >= 2 else []
    response = render(
        request, "storefront/_suggestions.html", {"suggestions": suggestions, "query": prefix}
    )
    response["Cache-Control"] = "private, max-age=60"
    return response
