"""Reads of the catalogue, and the rules of what shoppers may see.

Shoppers see a product only when it is published and its vendor is approved; they see a vendor
only when it is approved, and a collection only when it is published. Every storefront read
(GraphQL, pages) starts from the `shopper_visible_*` querysets below so the rule lives in one place.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import TrigramWordSimilarity
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    DateTimeField,
    DecimalField,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Collate, Concat, Greatest, NullIf

from marketplace.catalog.models import (
    AttributeValue,
    Category,
    Collection,
    MediaStatus,
    Product,
    ProductMedia,
    ProductStatus,
    ProductVariant,
)
from marketplace.inventory.models import Stock
from marketplace.municipalities.models import District
from marketplace.vendors.models import Vendor, VendorStatus

# PostgreSQL's ICU collations (created by initdb on ICU builds). Thai: dictionary order, leading
# vowels such as เ แ โ skipped when comparing, Thai script before Latin. The root collation used
# for English puts Latin first; Thai words within it still sort in Thai order.
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


# --- Visibility -----------------------------------------------------------------------------------


def shopper_visible_vendors() -> QuerySet[Vendor]:
    return Vendor.objects.filter(status=VendorStatus.APPROVED)


def shopper_visible_products() -> QuerySet[Product]:
    return Product.objects.filter(
        status=ProductStatus.PUBLISHED, vendor__status=VendorStatus.APPROVED
    )


def shopper_visible_collections() -> QuerySet[Collection]:
    return Collection.objects.filter(is_published=True)


def shopper_visible_variants() -> QuerySet[ProductVariant]:
    return ProductVariant.objects.filter(
        product__status=ProductStatus.PUBLISHED, product__vendor__status=VendorStatus.APPROVED
    )


def product_get_visible(
    *, product_id: int | None = None, slug: str | None = None
) -> Product | None:
    products = shopper_visible_products()
    if product_id is not None:
        products = products.filter(id=product_id)
    if slug is not None:
        products = products.filter(slug=slug)
    return products.first()


def variant_get_visible(
    *, variant_id: int | None = None, sku: str | None = None
) -> ProductVariant | None:
    variants = shopper_visible_variants()
    if variant_id is not None:
        variants = variants.filter(id=variant_id)
    if sku is not None:
        variants = variants.filter(sku=sku)
    return variants.first()


def vendor_get_visible(*, vendor_id: int | None = None, slug: str | None = None) -> Vendor | None:
    vendors = shopper_visible_vendors()
    if vendor_id is not None:
        vendors = vendors.filter(id=vendor_id)
    if slug is not None:
        vendors = vendors.filter(slug=slug)
    return vendors.first()


def collection_get_visible(
    *, collection_id: int | None = None, slug: str | None = None
) -> Collection | None:
    collections = shopper_visible_collections()
    if collection_id is not None:
        collections = collections.filter(id=collection_id)
    if slug is not None:
        collections = collections.filter(slug=slug)
    return collections.first()


def category_get(*, category_id: int | None = None, slug: str | None = None) -> Category | None:
    categories = Category.objects.all()
    if category_id is not None:
        categories = categories.filter(id=category_id)
    if slug is not None:
        categories = categories.filter(slug=slug)
    return categories.first()


def category_list(*, level: int | None = None) -> QuerySet[Category]:
    categories = Category.objects.all()
    if level is not None:
        categories = categories.filter(level=level)
    return categories


# --- Category tree --------------------------------------------------------------------------------


def category_subtree_ids(category_ids: Iterable[int]) -> QuerySet[Category]:
    """The categories themselves and all their descendants, as a subquery-ready queryset.

    `Category.path` lists the ancestors' ids ("1/4/9/"), so a descendant of 4 has "4/" at the
    start of its path or "/4/" inside it. Whether a path also ends with the node's own id does not
    matter to this test.
    """
    condition = Q()
    for category_id in category_ids:
        condition |= (
            Q(id=category_id)
            | Q(path__startswith=f"{category_id}/")
            | Q(path__contains=f"/{category_id}/")
        )
    if not condition:
        return Category.objects.none()
    return Category.objects.filter(condition)


def category_ancestor_ids(category: Category) -> list[int]:
    """Ids of the category's ancestors from the root down, read from its materialised path."""
    ids = [int(part) for part in category.path.split("/") if part.isdigit()]
    return [ancestor_id for ancestor_id in ids if ancestor_id != category.id]


def products_in_category(category: Category) -> QuerySet[Product]:
    """Visible products of the category and of its descendants (as Saleor's `Category.products`)."""
    return shopper_visible_products().filter(
        category__in=category_subtree_ids([category.id]).values("id")
    )


def products_in_collection(collection: Collection) -> QuerySet[Product]:
    return shopper_visible_products().filter(collections=collection)


def products_of_vendor(vendor: Vendor) -> QuerySet[Product]:
    return shopper_visible_products().filter(vendor=vendor)


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
        cheapest = Subquery(
            ProductVariant.objects.filter(product_id=OuterRef("pk"))
            .order_by("price")
            .values("price")[:1]
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


# --- Stock ----------------------------------------------------------------------------------------


def variants_quantity_available(variant_ids: Sequence[int]) -> dict[int, int]:
    """Units shoppers can still buy per variant: stock minus allocations, over all locations."""
    rows = (
        Stock.objects.filter(variant_id__in=variant_ids)
        .values("variant_id")
        .annotate(available=Sum(F("quantity") - F("quantity_allocated")))
        .values_list("variant_id", "available")
    )
    available = {variant_id: max(int(quantity or 0), 0) for variant_id, quantity in rows}
    return {variant_id: available.get(variant_id, 0) for variant_id in variant_ids}


# --- Storefront pages -----------------------------------------------------------------------------
# Each read below costs a fixed number of queries whatever the number of products, variants or
# photos involved (joins, annotations and prefetches, never a query per row), so that the pages
# built on them keep a constant query count on a catalogue of 100,000 products.

HOME_COLLECTIONS = 4
HOME_PRODUCTS_PER_COLLECTION = 4
HOME_VENDORS = 8
HOME_NEWEST = 8
RELATED_PRODUCTS = 4


def _ready_media() -> QuerySet[ProductMedia]:
    return ProductMedia.objects.filter(status=MediaStatus.READY).order_by("sort_order", "id")


def _in_stock_expression() -> Exists:
    return Exists(
        Stock.objects.filter(
            variant__product_id=OuterRef("pk"), quantity__gt=F("quantity_allocated")
        )
    )


def product_cards_queryset(products: QuerySet[Product]) -> QuerySet[Product]:
    """`products` ready for a product card: the vendor and its district joined; `price_min`,
    `price_max` (of the variants) and `in_stock` annotated; `card_media` holds the first ready
    photo (a list of at most one). Two queries however many products."""
    variants = ProductVariant.objects.filter(product_id=OuterRef("pk"))
    price: DecimalField[Decimal, Decimal] = DecimalField(max_digits=12, decimal_places=2)
    return (
        products.select_related("vendor", "vendor__district")
        .annotate(
            price_min=Subquery(variants.order_by("price").values("price")[:1], output_field=price),
            price_max=Subquery(variants.order_by("-price").values("price")[:1], output_field=price),
            in_stock=_in_stock_expression(),
        )
        .prefetch_related(Prefetch("media", queryset=_ready_media()[:1], to_attr="card_media"))
    )


def product_cards(product_ids: Sequence[int]) -> list[Product]:
    """The shopper-visible products among `product_ids`, in that order, ready for a card."""
    if not product_ids:
        return []
    rows = {
        p.pk: p
        for p in product_cards_queryset(shopper_visible_products()).filter(pk__in=product_ids)
    }
    return [rows[pk] for pk in product_ids if pk in rows]


def products_newest(*, limit: int = HOME_NEWEST) -> list[Product]:
    return list(
        product_cards_queryset(shopper_visible_products()).order_by("-created_at", "-id")[:limit]
    )


def collections_featured(
    *, limit: int = HOME_COLLECTIONS, products_each: int = HOME_PRODUCTS_PER_COLLECTION
) -> list[Collection]:
    """Published featured collections, each with `featured_products` (its best sellers first)."""
    products = product_cards_queryset(shopper_visible_products()).order_by("-sales_count", "-id")
    return list(
        shopper_visible_collections()
        .filter(is_featured=True)
        .prefetch_related(
            Prefetch("products", queryset=products[:products_each], to_attr="featured_products")
        )[:limit]
    )


def categories_top() -> QuerySet[Category]:
    """The roots of the category tree, in the tree's order."""
    return Category.objects.filter(parent__isnull=True).order_by("sort_order", "name_th")


def category_children(category: Category) -> QuerySet[Category]:
    return Category.objects.filter(parent=category).order_by("sort_order", "name_th")


def category_ancestors(category: Category) -> list[Category]:
    """The category's ancestors from the root down (one query)."""
    ids = category_ancestor_ids(category)
    found = Category.objects.in_bulk(ids)
    return [found[i] for i in ids if i in found]


def _approved_vendor_count() -> Subquery:
    return Subquery(
        shopper_visible_vendors()
        .filter(district_id=OuterRef("pk"))
        .order_by()
        .values("district_id")
        .annotate(n=Count("pk"))
        .values("n")[:1],
        output_field=IntegerField(),
    )


def districts_with_vendors() -> QuerySet[District]:
    """Districts where at least one approved vendor works, with `vendor_count`."""
    return (
        District.objects.filter(code__in=shopper_visible_vendors().values("district_id"))
        .select_related("province")
        .annotate(vendor_count=_approved_vendor_count())
        .order_by("code")
    )


def district_get(*, code: str) -> District | None:
    return District.objects.select_related("province").filter(code=code).first()


def vendors_for_listing(vendors: QuerySet[Vendor]) -> QuerySet[Vendor]:
    """Vendors with the district joined and `product_count` (visible products) annotated."""
    count = Subquery(
        Product.objects.filter(vendor_id=OuterRef("pk"), status=ProductStatus.PUBLISHED)
        .order_by()
        .values("vendor_id")
        .annotate(n=Count("pk"))
        .values("n")[:1],
        output_field=IntegerField(),
    )
    return vendors.select_related("district").annotate(
        product_count=Coalesce(count, Value(0), output_field=IntegerField())
    )


def vendors_featured(*, limit: int = HOME_VENDORS) -> list[Vendor]:
    """Approved makers for the home page: certified ones first, then the most recently approved."""
    return list(
        vendors_for_listing(shopper_visible_vendors()).order_by(
            F("otop_stars").desc(nulls_last=True),
            "-geographical_indication",
            F("approved_at").desc(nulls_last=True),
            "id",
        )[:limit]
    )


def vendors_in_district(district: District) -> list[Vendor]:
    return list(
        vendors_for_listing(shopper_visible_vendors().filter(district=district)).order_by("name_th")
    )


def vendor_get_for_page(*, slug: str) -> Vendor | None:
    """An approved vendor with its district, subdistrict and municipality joined."""
    return (
        shopper_visible_vendors()
        .select_related("district__province", "subdistrict", "municipality")
        .filter(slug=slug)
        .first()
    )


def product_get_for_page(*, slug: str) -> Product | None:
    """A shopper-visible product with what its page shows: vendor (and its places), category,
    `gallery` (ready photos in order), variants with their attribute values, the product's
    attribute values; `price_min` / `price_max` annotated. Five queries."""
    variants = ProductVariant.objects.order_by("sort_order", "id").prefetch_related(
        Prefetch("attribute_values", queryset=AttributeValue.objects.select_related("attribute"))
    )
    return (
        product_cards_queryset(shopper_visible_products())
        .select_related("vendor__district__province", "vendor__subdistrict", "category")
        .prefetch_related(
            Prefetch("media", queryset=_ready_media(), to_attr="gallery"),
            Prefetch("variants", queryset=variants, to_attr="variant_list"),
            Prefetch(
                "attribute_values",
                queryset=AttributeValue.objects.select_related("attribute").order_by(
                    "attribute__slug", "sort_order"
                ),
                to_attr="attribute_list",
            ),
        )
        .filter(slug=slug)
        .first()
    )


@dataclass(frozen=True)
class ProductVersion:
    """What a product page shows, summed up for HTTP caching (ETag and Last-Modified)."""

    product_id: int
    last_modified: datetime
    signature: str


def product_version(*, slug: str) -> ProductVersion | None:
    """One query: when the product, its vendor, its stock or its photos last changed, and a
    signature of its prices and stock (variant rows have no timestamp of their own)."""
    variants = (
        ProductVariant.objects.filter(product_id=OuterRef("pk")).order_by().values("product_id")
    )
    prices = Subquery(
        variants.annotate(
            s=StringAgg(
                Concat("id", Value(":"), "price", output_field=CharField()), ",", order_by="id"
            )
        ).values("s")[:1],
        output_field=CharField(),
    )
    stocks = (
        Stock.objects.filter(variant__product_id=OuterRef("pk"))
        .order_by()
        .values("variant__product_id")
    )
    available = Subquery(
        stocks.annotate(n=Sum(F("quantity") - F("quantity_allocated"))).values("n")[:1],
        output_field=IntegerField(),
    )
    stock_changed = Subquery(
        stocks.annotate(t=Max("updated_at")).values("t")[:1], output_field=DateTimeField()
    )
    media = ProductMedia.objects.filter(product_id=OuterRef("pk")).order_by().values("product_id")
    media_state = Subquery(
        media.annotate(
            s=StringAgg(
                Concat(
                    "id", Value(":"), "status", Value(":"), "sort_order", output_field=CharField()
                ),
                ",",
                order_by="id",
            )
        ).values("s")[:1],
        output_field=CharField(),
    )
    row = (
        shopper_visible_products()
        .filter(slug=slug)
        .annotate(
            prices=prices, available=available, stock_changed=stock_changed, media_state=media_state
        )
        .values_list(
            "pk",
            "updated_at",
            "vendor__updated_at",
            "stock_changed",
            "prices",
            "available",
            "media_state",
        )
        .first()
    )
    if row is None:
        return None
    pk, updated, vendor_updated, stock_updated, price_text, stock_total, media_text = row
    changed = max(
        moment for moment in (updated, vendor_updated, stock_updated) if moment is not None
    )
    return ProductVersion(
        product_id=pk,
        last_modified=changed,
        signature=f"{price_text}|{stock_total}|{media_text}",
    )


def products_related(
    product: Product, *, limit: int = RELATED_PRODUCTS
) -> tuple[list[Product], list[Product]]:
    """Other products of the same maker, and of the same category by other makers (best sellers
    first). Four queries."""
    cards = product_cards_queryset(shopper_visible_products()).exclude(pk=product.pk)
    same_vendor = list(
        cards.filter(vendor_id=product.vendor_id).order_by("-sales_count", "-id")[:limit]
    )
    same_category = list(
        cards.filter(category_id=product.category_id)
        .exclude(vendor_id=product.vendor_id)
        .order_by("-sales_count", "-id")[:limit]
    )
    return same_vendor, same_category


def products_of_collection_page(collection: Collection) -> QuerySet[Product]:
    """The collection's visible products for its page, best sellers first, ready for cards."""
    return product_cards_queryset(products_in_collection(collection)).order_by(
        "-sales_count", "-id"
    )


# Names of facet values (search facets carry ids, codes and slugs). One query each.


def categories_by_ids(ids: Iterable[int]) -> dict[int, Category]:
    return Category.objects.in_bulk(list(ids))


def vendors_by_ids(ids: Iterable[int]) -> dict[int, Vendor]:
    return shopper_visible_vendors().in_bulk(list(ids))


def districts_by_codes(codes: Iterable[str]) -> dict[str, District]:
    return District.objects.in_bulk(list(codes))


def attribute_values_by_slug(attribute_slug: str) -> dict[str, AttributeValue]:
    return {
        value.slug: value
        for value in AttributeValue.objects.filter(attribute__slug=attribute_slug).order_by(
            "sort_order", "slug"
        )
    }


# Sitemap reads: only the columns a sitemap entry needs.


def sitemap_products() -> QuerySet[Product]:
    return shopper_visible_products().only("slug", "updated_at").order_by("id")


def sitemap_categories() -> QuerySet[Category]:
    return (
        Category.objects.filter(Exists(products_in_category_subquery())).only("slug").order_by("id")
    )


def products_in_category_subquery() -> QuerySet[Product]:
    """Visible products of the outer category or of its descendants (a path holds the category's
    own id last: a descendant's path starts with it)."""
    return shopper_visible_products().filter(category__path__startswith=OuterRef("path"))


def sitemap_vendors() -> QuerySet[Vendor]:
    return shopper_visible_vendors().only("slug", "updated_at").order_by("id")


def sitemap_collections() -> QuerySet[Collection]:
    return shopper_visible_collections().only("slug").order_by("id")


def sitemap_districts() -> QuerySet[District]:
    return (
        District.objects.filter(code__in=shopper_visible_vendors().values("district_id"))
        .only("code")
        .order_by("code")
    )


def catalogue_stamp() -> str:
    """A short text that changes when a product, collection or category is added, a product
    joins a collection or a vendor changes: part of the key of the storefront's cached
    fragments, so a new product shows at once (other edits within the fragments' lifetime).
    One query on primary-key indexes and the small vendor table."""

    def latest(rows: QuerySet[Any], column: str) -> Subquery:
        return Subquery(rows.order_by(f"-{column}").values(column)[:1])

    row = (
        Category.objects.order_by()
        .annotate(
            stamp_product=latest(Product.objects.all(), "id"),
            stamp_vendor=latest(Vendor.objects.all(), "updated_at"),
            stamp_collection=latest(Collection.objects.all(), "id"),
            stamp_member=latest(Collection.products.through.objects.all(), "id"),
            stamp_category=latest(Category.objects.all(), "id"),
        )
        .values_list(
            "stamp_product", "stamp_vendor", "stamp_collection", "stamp_member", "stamp_category"
        )
        .first()
    )
    if row is None:
        return "empty"
    vendor_changed = row[1].timestamp() if row[1] is not None else 0
    return f"{row[0]}.{vendor_changed:.0f}.{row[2]}.{row[3]}.{row[4]}"
