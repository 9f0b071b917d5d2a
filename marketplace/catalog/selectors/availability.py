"""What a shopper can buy of one product now: each variant's units and stock state, the variant
the page offers first, and whether it can go in the cart."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings

from marketplace.catalog.models import Product, ProductVariant
from marketplace.catalog.selectors.pages import variants_quantity_available


class StockState(StrEnum):
    IN_STOCK = "in-stock"
    LOW_STOCK = "low-stock"
    MADE_TO_ORDER = "made-to-order"
    OUT_OF_STOCK = "out-of-stock"


@dataclass(frozen=True)
class VariantOffer:
    variant: ProductVariant
    available: int
    state: StockState


@dataclass(frozen=True)
class ProductOffer:
    variants: list[VariantOffer]
    # The variant asked for, else the first with units to sell, else the first; None without any.
    chosen: VariantOffer | None
    can_buy: bool
    in_stock: bool


def stock_state(*, product: Product, available: int) -> StockState:
    """Low stock is `KAD_LOW_STOCK_THRESHOLD` units or fewer; a made-to-order product without
    units is made to order rather than out of stock."""
    if available > settings.KAD_LOW_STOCK_THRESHOLD:
        return StockState.IN_STOCK
    if available > 0:
        return StockState.LOW_STOCK
    if product.made_to_order:
        return StockState.MADE_TO_ORDER
    return StockState.OUT_OF_STOCK


def product_offer(
    *, product: Product, variants: Sequence[ProductVariant], requested_variant: str | None = None
) -> ProductOffer:
    """The offer of `product` for its `variants` (in page order; `requested_variant` is the id
    the shopper picked, as text from the query string). A variant can go in the cart when it has
    units to sell, as checkout and stock allocation require: for a made-to-order product the
    stock is how many orders the maker can take now, so at zero it is shown as made to order
    but cannot be bought. One query."""
    available = variants_quantity_available([v.pk for v in variants])
    offers = [
        VariantOffer(v, available[v.pk], stock_state(product=product, available=available[v.pk]))
        for v in variants
    ]
    chosen = (
        next((o for o in offers if str(o.variant.pk) == requested_variant), None)
        or next((o for o in offers if o.available > 0), None)
        or (offers[0] if offers else None)
    )
    return ProductOffer(
        variants=offers,
        chosen=chosen,
        can_buy=chosen is not None and chosen.available > 0,
        in_stock=any(o.available > 0 for o in offers),
    )
