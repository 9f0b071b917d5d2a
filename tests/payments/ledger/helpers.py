"""Orders built through the checkout services and delivered through the order services."""

from __future__ import annotations

from marketplace.checkout.complete import checkout_complete
from marketplace.orders.models import Order, VendorOrder
from marketplace.orders.services import vendor_order_deliver, vendor_order_ship
from tests.factories.checkout import VendorStall
from tests.marketplace.checkout.test_complete import ready_cart


def place(*stalls: VendorStall, quantity: int = 1) -> Order:
    return checkout_complete(token=ready_cart(*stalls, quantity=quantity).token)


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
