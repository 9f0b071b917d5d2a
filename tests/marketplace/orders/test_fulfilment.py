"""Each vendor ships its own parcel; cancelling one leaves the others alone."""

from __future__ import annotations

import pytest
from django.core import mail

from marketplace.checkout.complete import checkout_complete
from marketplace.orders.errors import OrderError, OrderErrorCode
from marketplace.orders.models import (
    Order,
    OrderEvent,
    OrderStatus,
    PaymentStatus,
    VendorOrderStatus,
)
from marketplace.orders.selectors import order_for_guest, orders_of_user
from marketplace.orders.services import (
    order_payment_status_set,
    vendor_order_cancel,
    vendor_order_deliver,
    vendor_order_process,
    vendor_order_ship,
)
from tests.factories.accounts import UserFactory
from tests.factories.checkout import VendorStall, stall
from tests.marketplace.checkout.test_complete import ready_cart

pytestmark = pytest.mark.django_db


def place(*stalls: VendorStall, quantity: int = 2, paid: bool = True) -> Order:
    """An order for the stalls' products, paid unless asked otherwise."""
    order = checkout_complete(token=ready_cart(*stalls, quantity=quantity).token)
    if paid:
        order = order_payment_status_set(order=order, status=PaymentStatus.PAID)
    return order


def test_shipping_turns_the_allocation_into_a_stock_decrease_and_tells_the_shopper(
    django_capture_on_commit_callbacks,
) -> None:
    silk, pottery = stall(quantity=10), stall(quantity=10)
    order = place(silk, pottery)
    silk_part = order.vendor_orders.get(vendor=silk.vendor)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        vendor_order_ship(
            vendor_order=silk_part, carrier="ไปรษณีย์ไทย", tracking_number="EX123456789TH", by=None
        )
    silk.stock.refresh_from_db()
    assert (silk.stock.quantity, silk.stock.quantity_allocated) == (8, 0)
    order.refresh_from_db()
    assert order.status == OrderStatus.PARTIALLY_FULFILLED
    assert [m.to for m in mail.outbox] == [["malee@example.com"]]
    assert "EX123456789TH" in mail.outbox[0].body
    event = order.events.get(type=OrderEvent.Type.SHIPPED)
    assert event.parameters["tracking_number"] == "EX123456789TH"


def test_cancelling_one_vendor_order_releases_its_stock_and_leaves_the_other_alone() -> None:
    silk, pottery = stall(quantity=10), stall(quantity=10)
    order = place(silk, pottery)
    silk_part = order.vendor_orders.get(vendor=silk.vendor)
    pottery_part = order.vendor_orders.get(vendor=pottery.vendor)
    operator = UserFactory.create(is_staff=True)

    vendor_order_cancel(vendor_order=silk_part, reason="ผ้าเปื้อนสี", by=operator)

    silk.stock.refresh_from_db()
    pottery.stock.refresh_from_db()
    assert (silk.stock.quantity, silk.stock.quantity_allocated) == (10, 0)
    assert (pottery.stock.quantity, pottery.stock.quantity_allocated) == (10, 2)
    pottery_part.refresh_from_db()
    assert pottery_part.status == VendorOrderStatus.UNFULFILLED
    cancelled = order.events.get(type=OrderEvent.Type.CANCELLED)
    assert (cancelled.user, cancelled.parameters["reason"]) == (operator, "ผ้าเปื้อนสี")


def test_cancelling_every_part_cancels_the_order() -> None:
    silk = stall()
    order = place(silk)
    vendor_order_cancel(vendor_order=order.vendor_orders.get(), reason="หมด", by=None)
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED


def test_full_journey_to_delivered_completes_the_order() -> None:
    silk = stall()
    order = place(silk)
    part = order.vendor_orders.get()
    vendor_order_process(vendor_order=part, by=None)
    vendor_order_ship(vendor_order=part, carrier="Kerry", tracking_number="KER1", by=None)
    vendor_order_deliver(vendor_order=part, by=None)
    order.refresh_from_db()
    assert order.status == OrderStatus.COMPLETED


def test_a_shipped_parcel_cannot_be_cancelled_and_needs_tracking_to_ship() -> None:
    silk = stall()
    order = place(silk)
    part = order.vendor_orders.get()
    with pytest.raises(OrderError) as caught:
        vendor_order_ship(vendor_order=part, carrier="Kerry", tracking_number="", by=None)
    assert (caught.value.code, caught.value.field) == (
        OrderErrorCode.TRACKING_REQUIRED,
        "trackingNumber",
    )
    vendor_order_ship(vendor_order=part, carrier="Kerry", tracking_number="KER1", by=None)
    with pytest.raises(OrderError) as caught:
        vendor_order_cancel(vendor_order=part, reason="เปลี่ยนใจ", by=None)
    assert caught.value.code == OrderErrorCode.INVALID_STATUS_TRANSITION
    silk.stock.refresh_from_db()
    assert silk.stock.quantity == 8


def test_cancel_without_a_reason_is_refused() -> None:
    order = place(stall())
    with pytest.raises(OrderError) as caught:
        vendor_order_cancel(vendor_order=order.vendor_orders.get(), reason="  ", by=None)
    assert caught.value.code == OrderErrorCode.REASON_REQUIRED


def test_guest_finds_an_order_only_with_its_number_and_email() -> None:
    order = place(stall())
    assert order_for_guest(number=order.number.lower(), email="MALEE@example.com") == order
    assert order_for_guest(number=order.number, email="someone@else.com") is None


def test_order_history_loads_in_constant_queries(django_assert_max_num_queries) -> None:
    user = UserFactory.create()
    for _ in range(4):
        order = place(stall(), stall())
        Order.objects.filter(pk=order.pk).update(user=user)
    with django_assert_max_num_queries(3):
        orders = list(orders_of_user(user_id=user.id))
        lines = [
            line.sku for o in orders for vo in o.vendor_orders.all() for line in vo.lines.all()
        ]
    assert len(orders) == 4
    assert len(lines) == 8


def test_a_parcel_of_an_unpaid_card_order_cannot_be_prepared_or_shipped() -> None:
    silk = stall()
    order = place(silk, paid=False)
    part = order.vendor_orders.get()
    for attempt in (
        lambda: vendor_order_process(vendor_order=part, by=None),
        lambda: vendor_order_ship(
            vendor_order=part, carrier="Kerry", tracking_number="K1", by=None
        ),
    ):
        with pytest.raises(OrderError) as caught:
            attempt()
        assert caught.value.code == OrderErrorCode.NOT_PAID
        assert order.number in caught.value.message
    part.refresh_from_db()
    silk.stock.refresh_from_db()
    assert part.status == VendorOrderStatus.UNFULFILLED
    assert (silk.stock.quantity, silk.stock.quantity_allocated) == (10, 2)


def test_a_cash_on_delivery_order_ships_before_it_is_paid() -> None:
    from payments.models import Gateway
    from payments.services import payment_initialize

    order = place(stall(), paid=False)
    payment_initialize(order=order, gateway=Gateway.CASH_ON_DELIVERY)
    part = vendor_order_ship(
        vendor_order=order.vendor_orders.get(), carrier="Kerry", tracking_number="K1", by=None
    )
    assert part.status == VendorOrderStatus.SHIPPED
