"""What the shop may do next with a parcel follows the order services' own status rules."""

from __future__ import annotations

import pytest

from marketplace.orders.errors import OrderError
from marketplace.orders.models import VendorOrderStatus
from marketplace.orders.selectors import VendorOrderActions, vendor_order_actions
from marketplace.orders.services import (
    vendor_order_cancel,
    vendor_order_deliver,
    vendor_order_process,
    vendor_order_ship,
)
from tests.factories.checkout import stall
from tests.marketplace.orders.test_fulfilment import place

pytestmark = pytest.mark.django_db


def test_the_actions_offered_match_what_the_services_accept_at_each_step() -> None:
    silk = stall()
    parcel = place(silk).vendor_orders.get()

    assert vendor_order_actions(vendor_order=parcel) == VendorOrderActions(
        process=True, ship=True, deliver=False, cancel=True
    )
    with pytest.raises(OrderError):
        vendor_order_deliver(vendor_order=parcel, by=None)  # not offered, and refused

    vendor_order_process(vendor_order=parcel, by=None)
    parcel.refresh_from_db()
    assert vendor_order_actions(vendor_order=parcel) == VendorOrderActions(
        process=False, ship=True, deliver=False, cancel=True
    )

    vendor_order_ship(vendor_order=parcel, carrier="Thailand Post", tracking_number="EF1", by=None)
    parcel.refresh_from_db()
    assert vendor_order_actions(vendor_order=parcel) == VendorOrderActions(
        process=False, ship=False, deliver=True, cancel=False
    )
    with pytest.raises(OrderError):
        vendor_order_cancel(vendor_order=parcel, reason="too late", by=None)

    vendor_order_deliver(vendor_order=parcel, by=None)
    parcel.refresh_from_db()
    assert parcel.status == VendorOrderStatus.DELIVERED
    assert vendor_order_actions(vendor_order=parcel) == VendorOrderActions(
        process=False, ship=False, deliver=False, cancel=False
    )
