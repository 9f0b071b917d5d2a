"""Reads for the vendor portal's product pages, always scoped to one shop."""

from __future__ import annotations

from django.conf import settings
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from marketplace.catalog.models import Product, ProductMedia, ProductStatus, ProductVariant
from marketplace.inventory.models import Stock
from marketplace.vendors.models import Vendor

LOW_STOCK_THRESHOLD: int = getattr(settings, "KAD_LOW_STOCK_THRESHOLD", 3)
FILTERS = ("draft", "published", "archived", "low")


def _available(variant_ref: str) -> Subquery:
    """Units available of a variant at its own shop's locations."""
    return Subquery(
        Stock.objects.filter(
            variant_id=OuterRef(variant_ref), location__vendor_id=F("variant__product__vendor_id")
        )
        .values("variant_id")
        .annotate(total=Sum(F("quantity") - F("quantity_allocated")))
        .values("total"),
        output_field=IntegerField(),
    )


def _low_variants() -> QuerySet[ProductVariant]:
    return ProductVariant.objects.annotate(available=Coalesce(_available("pk"), Value(0))).filter(
        available__lte=LOW_STOCK_THRESHOLD
    )


def portal_products(*, vendor: Vendor, show: str = "") -> QuerySet[Product]:
    """The shop's products for its list, newest change first, each with `stock_total`,
    `price_min`, `price_max`, `variant_count`, `is_low` and its first photo in `photos`.

    `show`: "draft", "published", "archived", "low" (products with a variant at or below the
    low-stock threshold; made-to-order products never run low); anything else lists all but the
    archived. The same number of queries whatever the number of products (two)."""
    products = Product.objects.filter(vendor=vendor)
    if show in (ProductStatus.DRAFT, ProductStatus.PUBLISHED, ProductStatus.ARCHIVED):
        products = products.filter(status=show)
    else:
        products = products.exclude(status=ProductStatus.ARCHIVED)
    low = Exists(_low_variants().filter(product_id=OuterRef("pk")))
    stock_total = Subquery(
        Stock.objects.filter(variant__product_id=OuterRef("pk"), location__vendor_id=vendor.pk)
        .values("variant__product_id")
        .annotate(total=Sum(F("quantity") - F("quantity_allocated")))
        .values("total"),
        output_field=IntegerField(),
    )
    products = products.annotate(
        stock_total=Coalesce(stock_total, Value(0)),
        price_min=Min("variants__price"),
        price_max=Max("variants__price"),
        variant_count=Count("variants", distinct=True),
        is_low=low,
    )
    if show == "low":
        products = products.filter(is_low=True, made_to_order=False)
    return (
        products.select_related("category")
        .prefetch_related(
            Prefetch(
                "media",
                queryset=ProductMedia.objects.order_by("sort_order", "pk"),
                to_attr="photos",
            )
        )
        .order_by("-updated_at", "-pk")
    )


def portal_low_stock_count(*, vendor: Vendor) -> int:
    """How many of the shop's variants are at or below the low-stock threshold (one query)."""
    return (
        _low_variants()
        .filter(product__vendor=vendor)
        .exclude(product__status=ProductStatus.ARCHIVED)
        .exclude(product__made_to_order=True)
        .count()
    )


def portal_variants(*, product: Product) -> list[ProductVariant]:
    """The product's variants with `available`, `quantity` (at the default location) and their
    size/colour values, in order (two queries)."""
    at_default = (
        Stock.objects.filter(variant_id=OuterRef("pk"), location__vendor_id=product.vendor_id)
        .order_by("-location__is_default", "location_id")
        .values("quantity")[:1]
    )
    return list(
        ProductVariant.objects.filter(product=product)
        .annotate(
            available=Coalesce(_available("pk"), Value(0)),
            quantity=Subquery(at_default, output_field=IntegerField()),
        )
        .prefetch_related("attribute_values__attribute")
        .order_by("sort_order", "pk")
    )


def portal_media(*, product: Product) -> list[ProductMedia]:
    return list(ProductMedia.objects.filter(product=product).order_by("sort_order", "pk"))


def sku_suggest(*, product: Product) -> str:
    """A free SKU for a new variant of `product` when the artisan gives none: "K<product>-<n>"."""
    taken = set(
        ProductVariant.objects.filter(sku__startswith=f"K{product.pk}-").values_list(
            "sku", flat=True
        )
    )
    number = 1
    while f"K{product.pk}-{number}" in taken:
        number += 1
    return f"K{product.pk}-{number}"
