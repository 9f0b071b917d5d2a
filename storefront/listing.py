"""A product listing's state, search and facets, shared by the search, category, district and
maker pages.

A listing keeps its whole state in GET parameters (shareable, bookmarkable, works without
JavaScript). `listing()` reads them with `ListingForm` (a bad field is reported next to it and
left out), runs one search through the search interface (Elasticsearch or its PostgreSQL
fallback), loads the product cards and names the facet values in the page's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django import forms
from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from marketplace.catalog import selectors
from marketplace.catalog.models import Product
from search.errors import SearchError
from search.selectors import product_search
from search.types import SearchFilters, SearchRequest, SearchSort
from storefront import seo
from storefront.templatetags.browse import tr

PAGE_SIZE = 24
FACET_OPTIONS = 12
MATERIAL_ATTRIBUTE = "material"
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
