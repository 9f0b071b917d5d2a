"""Shopper pages for browsing: home, category, search, product, maker, collection, district.

Views parse the query string, call catalogue and search selectors and render; the rules of what
a shopper may see live in `marketplace.catalog.selectors`. Every listing keeps its whole state in
GET parameters (shareable, bookmarkable, works without JavaScript); with htmx the filter form
swaps only the listing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from functools import wraps
from typing import Any

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_safe

from marketplace.catalog import selectors
from marketplace.catalog.models import Product
from search.errors import SearchError
from search.selectors import product_autocomplete, product_search
from search.types import SearchFilters, SearchRequest, SearchSort
from storefront import seo
from storefront.context_processors import cart as cart_context
from storefront.templatetags.browse import tr

PAGE_SIZE = 24
FACET_OPTIONS = 12
MATERIAL_ATTRIBUTE = "material"
LOW_STOCK = int(getattr(settings, "KAD_LOW_STOCK_THRESHOLD", 3))
# Parameters that are part of a listing's state (everything else, utm_* and the like, is not).
LISTING_PARAMS = (
    "q",
    "category",
    "vendor",
    "district",
    "material",
    "certification",
    "price_min",
    "price_max",
    "in_stock",
    "sort",
    "after",
)
CERTIFICATIONS = {
    "gi": _("Geographical indication (GI)"),
    "community-product-standard": _("Thai Community Product Standard (มผช.)"),
    "otop": _("OTOP product"),
}
SORTS = {
    "relevance": (SearchSort.RELEVANCE, _("Best match")),
    "popularity": (SearchSort.POPULARITY, _("Most popular")),
    "newest": (SearchSort.NEWEST, _("Newest")),
    "price_asc": (SearchSort.PRICE_ASC, _("Price: low to high")),
    "price_desc": (SearchSort.PRICE_DESC, _("Price: high to low")),
}


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


# --- listings: the filter form, one search, facets with names ------------------------------------


class TokenListField(forms.Field):
    """Repeated GET values (`?category=3&category=7`); values that do not look right are dropped,
    so a mangled link still shows a page."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *, digits: bool = False, **kwargs: Any) -> None:
        self.digits = digits
        super().__init__(required=False, **kwargs)

    def to_python(self, value: Any) -> tuple[str, ...]:
        values = value if isinstance(value, list | tuple) else [value] if value else []
        kept = [str(v).strip()[:64] for v in values if str(v).strip()]
        if self.digits:
            kept = [v for v in kept if v.isdigit() and len(v) < 12]
        return tuple(dict.fromkeys(kept))[:20]


class ListingForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    category = TokenListField(digits=True)
    vendor = TokenListField(digits=True)
    district = TokenListField(digits=True)
    material = TokenListField()
    certification = TokenListField()
    price_min = forms.DecimalField(
        label=_("Lowest price (฿)"), required=False, min_value=0, max_digits=12, decimal_places=2
    )
    price_max = forms.DecimalField(
        label=_("Highest price (฿)"), required=False, min_value=0, max_digits=12, decimal_places=2
    )
    in_stock = forms.BooleanField(label=_("In stock only"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[(key, label) for key, (_sort, label) in SORTS.items()],
    )
    after = forms.CharField(required=False, max_length=1000)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("price_min"), data.get("price_max")
        if low is not None and high is not None and low > high:
            self.add_error("price_max", _("The highest price must not be below the lowest."))
        return data


@dataclass(frozen=True)
class Scope:
    """The fixed part of a listing (the category, maker or district of the page) and which
    facets the page offers."""

    category_ids: tuple[int, ...] = ()
    vendor_ids: tuple[int, ...] = ()
    district_codes: tuple[str, ...] = ()
    facets: tuple[str, ...] = ("category", "vendor", "district", "material", "certification")


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class FacetGroup:
    param: str
    legend: str
    options: list[FacetOption]


@dataclass
class PriceLink:
    label: str
    count: int
    url: str
    selected: bool


@dataclass
class Listing:
    form: ListingForm
    products: list[Product]
    total: int
    facet_groups: list[FacetGroup] = field(default_factory=list)
    price_links: list[PriceLink] = field(default_factory=list)
    next_url: str = ""
    first_url: str = ""
    notice: str = ""
    filtered: bool = False
    sort: str = ""


def _query_url(request: HttpRequest, **changes: str | None) -> str:
    """This listing's address with some parameters changed; the page cursor is dropped unless
    given (a new filter starts on the first page), and so is everything that is not state."""
    query = QueryDict(mutable=True)
    for key in (*LISTING_PARAMS, seo.LANGUAGE_PARAM):
        if key != "after" and request.GET.getlist(key):
            query.setlist(key, request.GET.getlist(key))
    for key, value in changes.items():
        query.pop(key, None)
        if value:
            query[key] = value
    encoded = query.urlencode()
    return f"{request.path}?{encoded}" if encoded else request.path


def _money(amount: float | None) -> str:
    return "" if amount is None else f"{Decimal(str(amount)):.0f}"


def _price_links(
    request: HttpRequest, result_ranges: list[Any], form: ListingForm
) -> list[PriceLink]:
    low, high = form.cleaned_data.get("price_min"), form.cleaned_data.get("price_max")
    links = []
    for bucket in result_ranges:
        if not bucket.count:
            continue
        if bucket.gte is None:
            label = _("Under ฿%(to)s") % {"to": f"{bucket.lt:,.0f}"}
        elif bucket.lt is None:
            label = _("฿%(from)s and more") % {"from": f"{bucket.gte:,.0f}"}
        else:
            label = _("฿%(from)s to ฿%(to)s") % {
                "from": f"{bucket.gte:,.0f}",
                "to": f"{bucket.lt:,.0f}",
            }
        gte = None if bucket.gte is None else Decimal(str(bucket.gte))
        lt = None if bucket.lt is None else Decimal(str(bucket.lt)) - Decimal("0.01")
        links.append(
            PriceLink(
                label=str(label),
                count=bucket.count,
                url=_query_url(
                    request, price_min=_money(bucket.gte), price_max=f"{lt}" if lt else None
                ),
                selected=low == gte and high == lt,
            )
        )
    return links


def _options(
    buckets: list[Any], selected: tuple[str, ...], labels: dict[str, str]
) -> list[FacetOption]:
    counts = {bucket.key: bucket.count for bucket in buckets if bucket.key in labels}
    keys = list(counts)[:FACET_OPTIONS] + [key for key in selected if key in labels]
    return [
        FacetOption(
            value=key, label=labels[key], count=counts.get(key, 0), selected=key in selected
        )
        for key in dict.fromkeys(keys)
    ]


def _facet_groups(facets: Any, form: ListingForm, scope: Scope) -> list[FacetGroup]:
    """The facets the page offers, named in the page's language (one query per kind)."""
    data = form.cleaned_data
    groups = []
    if "category" in scope.facets and facets.categories:
        found = selectors.categories_by_ids(int(b.key) for b in facets.categories[:50])
        labels = {str(pk): tr(c, "name") for pk, c in found.items()}
        options = _options(facets.categories, data.get("category", ()), labels)
        groups.append(FacetGroup("category", str(_("Category")), options))
    if "vendor" in scope.facets and facets.vendors:
        vendors = selectors.vendors_by_ids(int(b.key) for b in facets.vendors[:50])
        labels = {str(pk): tr(v, "name") for pk, v in vendors.items()}
        groups.append(
            FacetGroup(
                "vendor", str(_("Maker")), _options(facets.vendors, data.get("vendor", ()), labels)
            )
        )
    if "district" in scope.facets and facets.districts:
        districts = selectors.districts_by_codes(b.key for b in facets.districts[:50])
        labels = {code: tr(d, "name") for code, d in districts.items()}
        groups.append(
            FacetGroup(
                "district",
                str(_("District")),
                _options(facets.districts, data.get("district", ()), labels),
            )
        )
    materials = facets.attributes.get(MATERIAL_ATTRIBUTE, [])
    if "material" in scope.facets and materials:
        values = selectors.attribute_values_by_slug(MATERIAL_ATTRIBUTE)
        labels = {slug: tr(v, "name") for slug, v in values.items()}
        groups.append(
            FacetGroup(
                "material",
                str(_("Material")),
                _options(materials, data.get("material", ()), labels),
            )
        )
    if "certification" in scope.facets and facets.certifications:
        labels = {key: str(label) for key, label in CERTIFICATIONS.items()}
        for stars in range(1, 6):
            labels[f"otop-{stars}"] = ngettext(
                "OTOP %(stars)s star", "OTOP %(stars)s stars", stars
            ) % {"stars": stars}
        groups.append(
            FacetGroup(
                "certification",
                str(_("Certification")),
                _options(facets.certifications, data.get("certification", ()), labels),
            )
        )
    return [group for group in groups if group.options]


def listing(request: HttpRequest, scope: Scope) -> Listing:
    form = ListingForm(request.GET)
    form.is_valid()  # a bad field is reported next to it and left out; the rest still applies
    data = form.cleaned_data
    text = data.get("q") or ""
    sort_key = data.get("sort") or ("relevance" if text else "popularity")
    filters = SearchFilters(
        category_ids=scope.category_ids or tuple(int(v) for v in data.get("category", ())),
        vendor_ids=scope.vendor_ids or tuple(int(v) for v in data.get("vendor", ())),
        district_codes=scope.district_codes or data.get("district", ()),
        attributes=((MATERIAL_ATTRIBUTE, data["material"]),) if data.get("material") else (),
        certifications=data.get("certification", ()),
        price_gte=data.get("price_min"),
        price_lte=data.get("price_max"),
        in_stock=True if data.get("in_stock") else None,
    )
    search = SearchRequest(
        text=text,
        filters=filters,
        sort=SORTS[sort_key][0],
        size=PAGE_SIZE,
        after=data.get("after") or None,
    )
    notice = ""
    try:
        result = product_search(search)
    except SearchError as error:
        notice = str(error.message)
        search = SearchRequest(text=text, filters=filters, sort=search.sort, size=PAGE_SIZE)
        result = product_search(search)
    page = Listing(
        form=form,
        products=selectors.product_cards(result.product_ids),
        total=result.total,
        notice=notice,
        sort=sort_key,
        next_url=_query_url(request, after=result.next_cursor) if result.next_cursor else "",
        first_url=_query_url(request) if search.after else "",
        filtered=any(
            request.GET.getlist(key) for key in LISTING_PARAMS if key not in ("q", "sort", "after")
        ),
    )
    field_name = "name_en" if seo.current_language() == "en" else "name_th"
    marked = {hit.product_id: hit.highlights.get(field_name, "") for hit in result.hits}
    for card in page.products:
        card.highlight = marked.get(card.pk, "")  # type: ignore[attr-defined]
    if result.facets is not None:
        page.facet_groups = _facet_groups(result.facets, form, scope)
        page.price_links = _price_links(request, result.facets.price_ranges, form)
    return page


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
        "meta": seo.page_meta(request, title=str(title), keep=LISTING_PARAMS, noindex=True),
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


def _stock_state(product: Product, available: int) -> tuple[str, str]:
    if available > LOW_STOCK:
        return "in-stock", pgettext("product availability", "In stock")
    if available > 0:
        return "low-stock", str(_("Only %(count)s left") % {"count": available})
    if product.made_to_order:
        return "made-to-order", str(
            _("Made to order: ready in about %(days)s days") % {"days": product.lead_time_days}
        )
    return "out-of-stock", str(_("Out of stock"))


@require_safe
@honour_language_param
@condition(etag_func=_product_etag, last_modified_func=_product_last_modified)
@cache_control(private=True, no_cache=True)
def product(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.product_get_for_page(slug=slug)
    if found is None:
        raise Http404
    variants = found.variant_list  # type: ignore[attr-defined]
    available = selectors.variants_quantity_available([v.pk for v in variants])
    chosen = next((v for v in variants if str(v.pk) == request.GET.get("variant")), None)
    chosen = (
        chosen
        or next((v for v in variants if available[v.pk] > 0), None)
        or (variants[0] if variants else None)
    )
    choices = [
        {"variant": v, "available": available[v.pk], "state": _stock_state(found, available[v.pk])}
        for v in variants
    ]
    same_vendor, same_category = selectors.products_related(found)
    gallery = found.gallery  # type: ignore[attr-defined]
    from marketplace.catalog.images import rendition_url

    images = [url for media in gallery[:4] if (url := rendition_url(media, width=1280))]
    name = tr(found, "name")
    meta = seo.page_meta(
        request,
        title=f"{name} — {tr(found.vendor, 'name')}",
        description=tr(found, "description"),
        image=images[0] if images else "",
        image_alt=name,
        og_type="product",
        price=found.price_min,  # type: ignore[attr-defined]
    )
    total_available = sum(available.values())
    context = {
        "product": found,
        "name": name,
        "gallery": gallery,
        "choices": choices,
        "chosen": chosen,
        "chosen_state": _stock_state(found, available[chosen.pk] if chosen else 0),
        "can_buy": chosen is not None and (available[chosen.pk] > 0 or found.made_to_order),
        # The free-text materials repeat the material attribute when the product has one.
        "materials": ""
        if any(v.attribute.slug == MATERIAL_ATTRIBUTE for v in found.attribute_list)  # type: ignore[attr-defined]
        else found.materials,
        "same_vendor": same_vendor,
        "same_category": same_category,
        "meta": meta,
        "json_ld": seo.product_json_ld(
            product=found,
            name=name,
            description=tr(found, "description"),
            url=meta.canonical,
            images=[request.build_absolute_uri(url) for url in images],
            in_stock=total_available > 0,
            vendor_name=tr(found.vendor, "name"),
            vendor_url=request.build_absolute_uri(
                reverse("storefront:vendor", args=[found.vendor.slug])
            ),
            category_name=tr(found.category, "name"),
        ),
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
