"""Payment and refund events keep the sales facts current (the hooks in the order services)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db.models import Sum

from marketplace.analytics.models import SalesFact
from marketplace.orders.models import PaymentStatus
from marketplace.orders.services import (
    order_payment_status_set,
    vendor_order_cancel,
    vendor_order_refund,
)
from tests.factories.checkout import stall
from tests.marketplace.orders.test_fulfilment import place

pytestmark = pytest.mark.django_db


def gross() -> Decimal:
    return SalesFact.objects.aggregate(total=Sum("gross"))["total"] or Decimal(0)


def test_paid_refunded_and_cancelled_parcels_move_the_sales_figures(
    django_capture_on_commit_callbacks: Any,
) -> None:
    silk, pottery = stall(price="1000.00"), stall(price="300.00")
    order = place(silk, pottery, quantity=1, paid=False)
    assert gross() == 0

    with django_capture_on_commit_callbacks(execute=True):
        order_payment_status_set(order=order, status=PaymentStatus.PAID)
    assert gross() == Decimal("1300.00")

    silk_part = order.vendor_orders.get(vendor=silk.vendor)
    with django_capture_on_commit_callbacks(execute=True):
        vendor_order_refund(
            vendor_order=silk_part,
            amount=Decimal("250.00"),
            restock=False,
            by=None,
            reference="refund-1",
        )
    # The parcel cost 1,000 + 50 delivery: the goods' share of a 250 refund is 238.10.
    assert gross() == Decimal("1061.90")

    pottery_part = order.vendor_orders.get(vendor=pottery.vendor)
    with django_capture_on_commit_callbacks(execute=True):
        vendor_order_cancel(vendor_order=pottery_part, reason="แตกระหว่างแพ็ก", by=None)
    assert gross() == Decimal("761.90")


def test_an_unpaid_order_is_not_a_sale(django_capture_on_commit_callbacks: Any) -> None:
    order = place(stall(), paid=False)
    with django_capture_on_commit_callbacks(execute=True):
        order_payment_status_set(order=order, status=PaymentStatus.PENDING)
        vendor_order_cancel(vendor_order=order.vendor_orders.get(), reason="หมด", by=None)
    assert not SalesFact.objects.exists()
