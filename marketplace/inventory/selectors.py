"""Reads of stock: what is available per variant, whether it is in stock, what runs low.

Only stock at the variant's own vendor's locations counts, the same rows the allocation in
`inventory.services` takes from.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db.models import F, IntegerField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from marketplace.catalog.models import ProductStatus, ProductVariant
from marketplace.inventory.models import Stock

# A variant with this many units available or fewer is "low" on the vendor's stock page.
LOW_STOCK_THRESHOLD: int = getattr(settings, "KAD_LOW_STOCK_THRESHOLD", 3)


def _own_stocks() -> QuerySet[Stock]:
    return Stock.objects.filter(location__vendor_id=F("variant__product__vendor_id"))


def variants_quantity_available(*, variant_ids: Iterable[int]) -> dict[int, int]:
    """Units available (in stock and not allocated) per variant id, 0 for ids without stock.
    One query."""
    ids = list(variant_ids)
    available = dict.fromkeys(ids, 0)
    rows = (
        _own_stocks()
        .filter(variant_id__in=ids)
        .values("variant_id")
        .annotate(available=Sum(F("quantity") - F("quantity_allocated")))
        .values_list("variant_id", "available")
    )
    for variant_id, quantity in rows:
        available[variant_id] = int(quantity or 0)
    return available


def variant_quantity_available(*, variant_id: int) -> int:
    """Units of the variant a shopper can still buy."""
    return variants_quantity_available(variant_ids=[variant_id])[variant_id]


def variant_is_in_stock(*, variant_id: int) -> bool:
    return variant_quantity_available(variant_id=variant_id) > 0


def variant_quantity_allocated(*, variant_id: int) -> int:
    """Units of the variant reserved for orders, at any location."""
    total = Stock.objects.filter(variant_id=variant_id).aggregate(
        allocated=Coalesce(Sum("quantity_allocated"), 0)
    )["allocated"]
    return int(total)


def vendor_low_stock_variants(
    *, vendor_id: int, threshold: int = LOW_STOCK_THRESHOLD
) -> QuerySet[ProductVariant]:
    """The vendor's variants with `threshold` units available or fewer, fewest first; each has
    `quantity_available` and its product loaded. Archived and made-to-order products are left
    out (the first are retired, the second are made when ordered). One query."""
    available = (
        _own_stocks()
        .filter(variant_id=OuterRef("pk"))
        .values("variant_id")
        .annotate(total=Sum(F("quantity") - F("quantity_allocated")))
        .values("total")
    )
    return (
        ProductVariant.objects.filter(product__vendor_id=vendor_id)
        .exclude(product__status=ProductStatus.ARCHIVED)
        .exclude(product__made_to_order=True)
        .annotate(
            quantity_available=Coalesce(Subquery(available, output_field=IntegerField()), Value(0))
        )
        .filter(quantity_available__lte=threshold)
        .select_related("product")
        .order_by("quantity_available", "sku")
    )
