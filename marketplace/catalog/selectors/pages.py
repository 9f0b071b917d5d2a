"""Reads behind the storefront pages: product cards, home page, product page, makers, districts,
stock available."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from marketplace.catalog.models import (
    AttributeValue,
    Collection,
    MediaStatus,
    Product,
    ProductMedia,
    ProductStatus,
    ProductVariant,
)

# PostgreSQL's ICU collations (created by initdb on ICU builds). Thai: dictionary order, leading
# vowels such as เ แ โ skipped when comparing, Thai script before Latin. The root collation used
from marketplace.catalog.selectors.categories import products_in_collection
from marketplace.catalog.selectors.visibility import (
    shopper_visible_collections,
    shopper_visible_products,
    shopper_visible_vendors,
)
from marketplace.inventory.models import Stock
from marketplace.municipalities.models import District
from marketplace.vendors.models import Vendor

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
            # The stored prices; the variants' only where none is stored (COALESCE evaluates
            # the subquery only then).
            price_min=Coalesce(
                F("min_price"),
                Subquery(variants.order_by("price").values("price")[:1]),
                output_field=price,
            ),
            price_max=Coalesce(
                F("max_price"),
                Subquery(variants.order_by("-price").values("price")[:1]),
                output_field=price,
            ),
            in_stock=_in_stock_expression(),
        )
        .defer("search_text", "search_vector")
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


def products_related(
    product: Product, *, limit: int = RELATED_PRODUCTS
) -> tuple[list[Product], list[Product]]:
    """Other products of the same maker, and of the same category by other makers (best sellers
    first). Four queries.

    The ids are chosen in a subquery (an index scan of the maker's or category's best sellers),
    so that the card annotations run for those few rows only: with them in the same query the
    planner costs the stock check for every product of the maker and hashes the whole stock
    table."""
    others = shopper_visible_products().exclude(pk=product.pk).order_by("-sales_count", "-id")
    cards = product_cards_queryset(shopper_visible_products()).order_by("-sales_count", "-id")
    vendor_ids = others.filter(vendor_id=product.vendor_id).values("pk")[:limit]
    category_ids = (
        others.filter(category_id=product.category_id)
        .exclude(vendor_id=product.vendor_id)
        .values("pk")[:limit]
    )
    same_vendor = list(cards.filter(pk__in=Subquery(vendor_ids)))
    same_category = list(cards.filter(pk__in=Subquery(category_ids)))
    return same_vendor, same_category


def products_of_collection_page(collection: Collection) -> QuerySet[Product]:
    """The collection's visible products for its page, best sellers first, ready for cards."""
    return product_cards_queryset(products_in_collection(collection)).order_by(
        "-sales_count", "-id"
    )
