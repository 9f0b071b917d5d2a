"""Short summaries of what changed, for HTTP caching (ETag, Last-Modified) and fragment keys."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.postgres.aggregates import StringAgg
from django.db.models import (
    CharField,
    DateTimeField,
    F,
    IntegerField,
    Max,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Concat

from marketplace.catalog.models import (
    Category,
    Collection,
    Product,
    ProductMedia,
    ProductVariant,
)

# PostgreSQL's ICU collations (created by initdb on ICU builds). Thai: dictionary order, leading
# vowels such as เ แ โ skipped when comparing, Thai script before Latin. The root collation used
from marketplace.catalog.selectors.visibility import shopper_visible_products
from marketplace.inventory.models import Stock
from marketplace.vendors.models import Vendor


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
