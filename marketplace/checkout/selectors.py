"""Reads of a checkout: its lines grouped by vendor, delivery choices and totals at current prices.

`checkout_summary` is what every interface shows (GraphQL, the cart page); it recalculates from
current prices and stock each time and says what changed since the shopper added a line.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from marketplace.catalog.models import ProductStatus
from marketplace.checkout.models import Checkout, CheckoutDelivery, CheckoutLine
from marketplace.core.money import quantize
from marketplace.inventory.selectors import variants_quantity_available
from marketplace.shipping.errors import ShippingError
from marketplace.shipping.models import DeliveryMethod
from marketplace.shipping.selectors import delivery_methods_for_vendors, delivery_price
from marketplace.vendors.models import Vendor, VendorStatus


@dataclass(frozen=True)
class LineSummary:
    line: CheckoutLine
    unit_price: Decimal
    total: Decimal
    quantity_available: int
    is_available: bool  # published product of an approved vendor
    price_changed: bool
    previous_unit_price: Decimal

    @property
    def enough_stock(self) -> bool:
        return self.quantity_available >= self.line.quantity


@dataclass(frozen=True)
class DeliveryOption:
    method: DeliveryMethod
    price: Decimal | None  # None: this method cannot carry the parcel (too heavy)


@dataclass
class VendorGroup:
    vendor: Vendor
    lines: list[LineSummary] = field(default_factory=list)
    options: list[DeliveryOption] = field(default_factory=list)
    chosen: DeliveryMethod | None = None
    shipping_price: Decimal | None = None

    @property
    def subtotal(self) -> Decimal:
        return quantize(sum((line.total for line in self.lines), Decimal(0)))

    @property
    def weight_grams(self) -> int:
        return sum(item.line.variant.weight_grams * item.line.quantity for item in self.lines)

    @property
    def total(self) -> Decimal:
        return quantize(self.subtotal + (self.shipping_price or Decimal(0)))


@dataclass
class CheckoutSummary:
    checkout: Checkout
    groups: list[VendorGroup]

    @property
    def lines(self) -> list[LineSummary]:
        return [line for group in self.groups for line in group.lines]

    @property
    def subtotal(self) -> Decimal:
        return quantize(sum((group.subtotal for group in self.groups), Decimal(0)))

    @property
    def shipping_total(self) -> Decimal:
        return quantize(
            sum((group.shipping_price or Decimal(0) for group in self.groups), Decimal(0))
        )

    @property
    def total(self) -> Decimal:
        return quantize(self.subtotal + self.shipping_total)

    @property
    def quantity(self) -> int:
        return sum(line.line.quantity for line in self.lines)


def checkout_get(*, token: uuid.UUID | str) -> Checkout | None:
    try:
        key = token if isinstance(token, uuid.UUID) else uuid.UUID(str(token))
    except ValueError:
        return None
    return Checkout.objects.filter(token=key).first()


def checkout_summary(*, checkout: Checkout) -> CheckoutSummary:
    """Lines by vendor (in the order the shopper added them), with current prices, stock,
    the delivery options of each vendor priced for its parcel, and the totals.

    A constant number of queries whatever the number of lines or vendors.
    """
    lines = list(
        CheckoutLine.objects.filter(checkout=checkout)
        .select_related("variant__product__vendor")
        .order_by("created_at", "id")
    )
    available = variants_quantity_available(variant_ids=[line.variant_id for line in lines])
    vendor_ids = list(dict.fromkeys(line.variant.product.vendor_id for line in lines))
    methods = list(delivery_methods_for_vendors(vendor_ids))
    chosen = {
        delivery.vendor_id: delivery.method_id
        for delivery in CheckoutDelivery.objects.filter(checkout=checkout)
    }
    groups: dict[int, VendorGroup] = {}
    for line in lines:
        product = line.variant.product
        vendor = product.vendor
        group = groups.setdefault(vendor.id, VendorGroup(vendor=vendor))
        unit_price = quantize(line.variant.price)
        group.lines.append(
            LineSummary(
                line=line,
                unit_price=unit_price,
                total=quantize(unit_price * line.quantity),
                quantity_available=available.get(line.variant_id, 0),
                is_available=product.status == ProductStatus.PUBLISHED
                and vendor.status == VendorStatus.APPROVED,
                price_changed=unit_price != line.price_when_added,
                previous_unit_price=quantize(line.price_when_added),
            )
        )
    for method in methods:
        group_of_method = groups.get(method.vendor_id)
        if group_of_method is None:
            continue
        try:
            price: Decimal | None = delivery_price(
                method=method,
                subtotal=group_of_method.subtotal,
                weight_grams=group_of_method.weight_grams,
            )
        except ShippingError:
            price = None
        group_of_method.options.append(DeliveryOption(method=method, price=price))
        if chosen.get(method.vendor_id) == method.id and price is not None:
            group_of_method.chosen = method
            group_of_method.shipping_price = price
    return CheckoutSummary(checkout=checkout, groups=list(groups.values()))


def checkout_for_user(*, user_id: int) -> Checkout | None:
    """The signed-in shopper's most recent cart."""
    return (
        Checkout.objects.filter(user_id=user_id)
        .prefetch_related(Prefetch("lines"))
        .order_by("-updated_at")
        .first()
    )


def checkout_line_variant_id(*, checkout: Checkout, line_id: int) -> int | None:
    """The variant of one line of this cart (None when the line is not in it)."""
    return (
        CheckoutLine.objects.filter(checkout=checkout, id=line_id)
        .values_list("variant_id", flat=True)
        .first()
    )
