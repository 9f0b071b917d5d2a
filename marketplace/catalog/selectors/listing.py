"""Listing products: filters, search through the search interface, and sort orders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import Enum

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db.models import (
    BooleanField,
    Case,
    DecimalField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Collate, Greatest, NullIf

from marketplace.catalog.models import (
    Collection,
    Product,
    ProductVariant,
)

# PostgreSQL's ICU collations (created by initdb on ICU builds). Thai: dictionary order, leading
# vowels such as เ แ โ skipped when comparing, Thai script before Latin. The root collation used
from marketplace.catalog.selectors.categories import category_subtree_ids
from marketplace.catalog.selectors.visibility import (
    shopper_visible_collections,
    shopper_visible_products,
)
from marketplace.inventory.models import Stock

NAME_COLLATIONS = {"th": "th-x-icu", "en": "und-x-icu"}


class StockAvailability(Enum):
    IN_STOCK = "in_stock"
    OUT_OF_STOCK = "out_of_stock"


class ProductSortField(Enum):
    PRICE = "price"
    NAME = "name"
    CREATED = "created"
    RANK = "rank"


@dataclass(frozen=True)
class AttributeFilter:
    """Products with a value of the attribute `slug` among `values` (any value when empty)."""

    slug: str
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProductFilter:
    """Filters of a product listing; an empty tuple or None means "do not filter on this"."""

    category_ids: tuple[int, ...] = ()
    collection_ids: tuple[int, ...] = ()
    vendor_ids: tuple[int, ...] = ()
    municipality_id: int | None = None
    district_codes: tuple[str, ...] = ()
    price_gte: Decimal | None = None
    price_lte: Decimal | None = None
    stock_availability: StockAvailability | None = None
    attributes: tuple[AttributeFilter, ...] = ()
    search: str = ""


@dataclass(frozen=True)
class SortColumn:
    """One column of a total ordering: `name` is a field or annotation of the queryset.

    `value_type` is the Python type of the column's values, so that a pagination cursor that
    carries them can be checked before it reaches the database.
    """

    name: str
    descending: bool
    value_type: type


# --- Listing: filters, search and sorting ---------------------------------------------------------


def product_list(filters: ProductFilter) -> QuerySet[Product]:
    """Shopper-visible products that pass every filter (filters combine with AND)."""
    return product_filter(shopper_visible_products(), filters)


def product_filter(products: QuerySet[Product], filters: ProductFilter) -> QuerySet[Product]:
    if filters.category_ids:
        subtree = category_subtree_ids(filters.category_ids)
        products = products.filter(category__in=subtree.values("id"))
    if filters.collection_ids:
        collections = shopper_visible_collections().filter(id__in=filters.collection_ids)
        products = products.filter(
            Exists(
                Collection.products.through.objects.filter(
                    product_id=OuterRef("pk"), collection__in=collections.values("id")
                )
            )
        )
    if filters.vendor_ids:
        products = products.filter(vendor_id__in=filters.vendor_ids)
    if filters.municipality_id is not None:
        products = products.filter(vendor__municipality_id=filters.municipality_id)
    if filters.district_codes:
        products = products.filter(vendor__district_id__in=filters.district_codes)
    if filters.price_gte is not None or filters.price_lte is not None:
        products = products.filter(
            Exists(_variants_priced_within(filters.price_gte, filters.price_lte))
        )
    if filters.stock_availability is not None:
        in_stock = Exists(
            Stock.objects.filter(
                variant__product_id=OuterRef("pk"), quantity__gt=F("quantity_allocated")
            )
        )
        products = products.filter(
            in_stock if filters.stock_availability is StockAvailability.IN_STOCK else ~in_stock
        )
    for attribute_filter in filters.attributes:
        products = products.filter(_has_attribute_value(attribute_filter))
    if filters.search.strip():
        products = product_search(products, filters.search, filters=filters)
    return products


def product_search(
    products: QuerySet[Product], text: str, *, filters: ProductFilter | None = None
) -> QuerySet[Product]:
    """Products matching the text through the search interface (Thai word segmentation,
    romanisation, misspellings; Elasticsearch or its PostgreSQL fallback), annotated with
    `search_rank` for the RANK ordering. `filters` lets Elasticsearch rank within them."""
    from search.selectors import products_matching
    from search.types import SearchFilters

    text = text.strip()
    if not text:
        return products
    search_filters = None
    if filters is not None:
        search_filters = SearchFilters(
            category_ids=filters.category_ids,
            vendor_ids=filters.vendor_ids,
            municipality_id=filters.municipality_id,
            district_codes=filters.district_codes,
            attributes=tuple((a.slug, a.values) for a in filters.attributes),
            price_gte=filters.price_gte,
            price_lte=filters.price_lte,
            in_stock=(
                None
                if filters.stock_availability is None
                else filters.stock_availability is StockAvailability.IN_STOCK
            ),
        )
    return products_matching(products, text, filters=search_filters)


def product_sorting(
    products: QuerySet[Product],
    *,
    field: ProductSortField,
    descending: bool,
    language: str,
    search: str = "",
) -> tuple[QuerySet[Product], tuple[SortColumn, ...]]:
    """Annotate the sort key and return the total ordering: the key(s), then the id.

    PRICE sorts by the cheapest variant, products without a priced variant last; NAME by the
    name in `language` (falling back to Thai) in Thai dictionary order; CREATED by creation time;
    RANK by trigram resemblance to `search` when there is one, else by units sold.
    """
    search = search.strip()
    if field is ProductSortField.PRICE:
        # The stored price; the variants' only where none is stored.
        cheapest = Coalesce(
            F("min_price"),
            Subquery(
                ProductVariant.objects.filter(product_id=OuterRef("pk"))
                .order_by("price")
                .values("price")[:1]
            ),
            output_field=DecimalField(max_digits=12, decimal_places=2),
        )
        annotated = products.annotate(sort_cheapest=cheapest).annotate(
            sort_price_missing=Case(
                When(sort_cheapest__isnull=True, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
            sort_price=Coalesce(
                "sort_cheapest",
                Value(Decimal(0)),
                output_field=DecimalField(max_digits=12, decimal_places=2),
            ),
        )
        return annotated, (
            SortColumn("sort_price_missing", False, bool),
            SortColumn("sort_price", descending, Decimal),
            SortColumn("id", descending, int),
        )
    if field is ProductSortField.NAME:
        return products.annotate(sort_name=name_expression(language)), (
            SortColumn("sort_name", descending, str),
            SortColumn("id", descending, int),
        )
    if field is ProductSortField.RANK and search and "search_rank" in products.query.annotations:
        return products, (
            SortColumn("search_rank", descending, float),
            SortColumn("id", descending, int),
        )
    if field is ProductSortField.RANK and search:
        rank = Greatest(
            TrigramWordSimilarity(search, "name_th"), TrigramWordSimilarity(search, "name_en")
        )
        return products.annotate(sort_rank=rank), (
            SortColumn("sort_rank", descending, float),
            SortColumn("id", descending, int),
        )
    if field is ProductSortField.RANK:
        return products, (
            SortColumn("sales_count", descending, int),
            SortColumn("id", descending, int),
        )
    return products, (
        SortColumn("created_at", descending, datetime),
        SortColumn("id", descending, int),
    )


def name_expression(language: str) -> Collate:
    """`name_th` / `name_en` in `language`, falling back to Thai, collated in Thai order."""
    if language == "en":
        return Collate(Coalesce(NullIf("name_en", Value("")), "name_th"), NAME_COLLATIONS["en"])
    return Collate(F("name_th"), NAME_COLLATIONS["th"])


def _variants_priced_within(gte: Decimal | None, lte: Decimal | None) -> QuerySet[ProductVariant]:
    variants = ProductVariant.objects.filter(product_id=OuterRef("pk"))
    if gte is not None:
        variants = variants.filter(price__gte=gte)
    if lte is not None:
        variants = variants.filter(price__lte=lte)
    return variants


def _has_attribute_value(attribute_filter: AttributeFilter) -> Q:
    """The product, or one of its variants, has one of the attribute's listed values."""
    value_condition = Q(attributevalue__attribute__slug=attribute_filter.slug)
    if attribute_filter.values:
        value_condition &= Q(attributevalue__slug__in=attribute_filter.values)
    on_product = Product.attribute_values.through.objects.filter(
        value_condition, product_id=OuterRef("pk")
    )
    on_variant = ProductVariant.attribute_values.through.objects.filter(
        value_condition, productvariant__product_id=OuterRef("pk")
    )
    return Q(Exists(on_product)) | Q(Exists(on_variant))
