"""Orders built through the checkout services and delivered through the order services."""

from __future__ import annotations

from marketplace.checkout.complete import checkout_complete
from marketplace.orders.models import Order, PaymentStatus, VendorOrder
from marketplace.orders.services import (
    order_payment_status_set,
    vendor_order_deliver,
    vendor_order_ship,
)
from tests.factories.checkout import VendorStall
from tests.marketplace.checkout.test_complete import ready_cart


def place(*stalls: VendorStall, quantity: int = 1) -> Order:
    """A paid order (parcels are prepared only for paid or cash-on-delivery orders)."""
    order = checkout_complete(token=ready_cart(*stalls, quantity=quantity).token)
    return order_payment_status_set(order=order, status=PaymentStatus.PAID)


def deliver(vendor_order: VendorOrder) -> VendorOrder:
    vendor_order_ship(
        vendor_order=vendor_order, carrier="ไปรษณีย์ไทย", tracking_number="EX1TH", by=None
    )
    return vendor_order_deliver(vendor_order=vendor_order, by=None)


def delivered(*stalls: VendorStall, quantity: int = 1) -> Order:
    order = place(*stalls, quantity=quantity)
    for vendor_order in order.vendor_orders.all():
        deliver(vendor_order)
    return order
