"""Vendor order mutations: a shop's members move its parcels along; nobody else can.

A member of shop B naming shop A's parcel gets NOT_FOUND, and the parcel, its stock and its
refunds stay as they were.
"""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from marketplace.graphql.orders.mutations.base import OrderErrorCodeEnum
from marketplace.inventory.models import Stock
from marketplace.orders.errors import OrderErrorCode
from marketplace.orders.models import Order, VendorOrder, VendorOrderStatus
from marketplace.vendors.models import MembershipRole
from payments.errors import PaymentErrorCode
from payments.manual import bank_transfer_slip_confirm, bank_transfer_slip_upload
from payments.models import Gateway, Refund, RefundStatus
from payments.services import payment_initialize
from tests.factories.accounts import UserFactory
from tests.factories.checkout import VendorStall, stall
from tests.factories.vendors import VendorMembershipFactory
from tests.marketplace.graphql.catalog.vendor_api import call, gid, payload
from tests.marketplace.orders.test_fulfilment import place

pytestmark = pytest.mark.django_db

PARCEL = "vendorOrder { id number status carrier trackingNumber }"
ERRORS = "errors { field code message }"
MARK_PROCESSING = f"""
mutation($id: ID!) {{ vendorOrderMarkProcessing(id: $id) {{ {PARCEL} {ERRORS} }} }}"""
FULFILL = f"""
mutation($id: ID!, $carrier: String, $trackingNumber: String) {{
  vendorOrderFulfill(id: $id, carrier: $carrier, trackingNumber: $trackingNumber) {{
    {PARCEL} {ERRORS}
  }}
}}"""
MARK_DELIVERED = f"""
mutation($id: ID!) {{ vendorOrderMarkDelivered(id: $id) {{ {PARCEL} {ERRORS} }} }}"""
CANCEL = f"""
mutation($id: ID!, $reason: String!) {{
  vendorOrderCancel(id: $id, reason: $reason) {{
    {PARCEL} refund {{ amount {{ amount }} status reason }} {ERRORS}
  }}
}}"""

CASES: list[tuple[str, str, dict[str, Any]]] = [
    ("vendorOrderMarkProcessing", MARK_PROCESSING, {}),
    ("vendorOrderFulfill", FULFILL, {"carrier": "Kerry", "trackingNumber": "KX1"}),
    ("vendorOrderMarkDelivered", MARK_DELIVERED, {}),
    ("vendorOrderCancel", CANCEL, {"reason": "หมด"}),
]


def staff_of(seller: VendorStall) -> Any:
    user = UserFactory.create()
    VendorMembershipFactory.create(vendor=seller.vendor, user=user, role=MembershipRole.STAFF)
    return user


def state(parcel: VendorOrder) -> tuple[Any, ...]:
    return (
        list(VendorOrder.objects.filter(pk=parcel.pk).values()),
        list(Stock.objects.order_by("pk").values("pk", "quantity", "quantity_allocated")),
        Refund.objects.count(),
    )


def slip() -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", (60, 90), (20, 120, 200)).save(buffer, format="JPEG")
    return SimpleUploadedFile("slip.jpg", buffer.getvalue(), content_type="image/jpeg")


def paid_by_bank_transfer(*stalls: VendorStall) -> Order:
    """An order paid by a bank transfer that an operator confirmed (money really received)."""
    order = Order.objects.get(pk=place(*stalls, paid=False).pk)
    payment_initialize(order=order, gateway=Gateway.BANK_TRANSFER)
    uploaded = bank_transfer_slip_upload(order=order, upload=slip())
    bank_transfer_slip_confirm(slip=uploaded, by=UserFactory.create(is_staff=True))
    order.refresh_from_db()
    return order


@pytest.mark.parametrize(("name", "query", "extra"), CASES, ids=[c[0] for c in CASES])
def test_a_member_of_another_shop_gets_not_found_and_nothing_changes(
    client: Client, name: str, query: str, extra: dict[str, Any]
) -> None:
    theirs, mine = stall(), stall()
    parcel = place(theirs).vendor_orders.get()
    before = state(parcel)

    body = call(client, query, {"id": gid("VendorOrder", parcel.pk), **extra}, user=mine.owner.user)

    [error] = payload(body, name)["errors"]
    assert (error["field"], error["code"]) == ("id", "NOT_FOUND")
    assert state(parcel) == before


@pytest.mark.parametrize(("name", "query", "extra"), CASES, ids=[c[0] for c in CASES])
def test_a_signed_out_caller_gets_a_permission_error_and_nothing_changes(
    client: Client, name: str, query: str, extra: dict[str, Any]
) -> None:
    parcel = place(stall()).vendor_orders.get()
    before = state(parcel)

    body = call(client, query, {"id": gid("VendorOrder", parcel.pk), **extra})

    assert body["data"][name] is None
    assert body["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert state(parcel) == before


def test_a_staff_member_prepares_ships_and_delivers_a_parcel(client: Client) -> None:
    seller = stall(quantity=10)
    parcel = place(seller, quantity=2).vendor_orders.get()
    staff = staff_of(seller)
    parcel_id = gid("VendorOrder", parcel.pk)

    processing = payload(
        call(client, MARK_PROCESSING, {"id": parcel_id}, user=staff), "vendorOrderMarkProcessing"
    )
    shipped = payload(
        call(
            client,
            FULFILL,
            {"id": parcel_id, "carrier": "ไปรษณีย์ไทย", "trackingNumber": "EX123456789TH"},
            user=staff,
        ),
        "vendorOrderFulfill",
    )
    delivered = payload(
        call(client, MARK_DELIVERED, {"id": parcel_id}, user=staff), "vendorOrderMarkDelivered"
    )

    assert (processing["errors"], processing["vendorOrder"]["status"]) == ([], "PROCESSING")
    assert shipped["errors"] == []
    assert shipped["vendorOrder"] == {
        "id": parcel_id,
        "number": parcel.number,
        "status": "SHIPPED",
        "carrier": "ไปรษณีย์ไทย",
        "trackingNumber": "EX123456789TH",
    }
    assert (delivered["errors"], delivered["vendorOrder"]["status"]) == ([], "DELIVERED")
    seller.stock.refresh_from_db()
    assert (seller.stock.quantity, seller.stock.quantity_allocated) == (8, 0)


def test_shipping_without_a_tracking_number_is_refused(client: Client) -> None:
    seller = stall()
    parcel = place(seller).vendor_orders.get()

    body = call(
        client,
        FULFILL,
        {"id": gid("VendorOrder", parcel.pk), "carrier": "Kerry"},
        user=seller.owner.user,
    )

    [error] = payload(body, "vendorOrderFulfill")["errors"]
    assert (error["field"], error["code"]) == ("trackingNumber", "TRACKING_REQUIRED")
    parcel.refresh_from_db()
    assert parcel.status == VendorOrderStatus.UNFULFILLED


def test_an_unpaid_card_order_cannot_be_shipped(client: Client) -> None:
    seller = stall()
    parcel = place(seller, paid=False).vendor_orders.get()

    body = call(
        client,
        FULFILL,
        {"id": gid("VendorOrder", parcel.pk), "carrier": "Kerry", "trackingNumber": "KX1"},
        user=seller.owner.user,
    )

    [error] = payload(body, "vendorOrderFulfill")["errors"]
    assert error["code"] == "NOT_PAID"
    parcel.refresh_from_db()
    assert parcel.status == VendorOrderStatus.UNFULFILLED


def test_cancelling_a_paid_parcel_releases_its_stock_and_refunds_the_shopper(
    client: Client,
) -> None:
    silk, pottery = stall(price="500.00", quantity=10), stall(price="320.00", quantity=10)
    order = paid_by_bank_transfer(silk, pottery)
    silk_part = order.vendor_orders.get(vendor=silk.vendor)
    staff = staff_of(silk)

    body = call(
        client, CANCEL, {"id": gid("VendorOrder", silk_part.pk), "reason": "ผ้าเปื้อนสี"}, user=staff
    )

    result = payload(body, "vendorOrderCancel")
    assert result["errors"] == []
    assert result["vendorOrder"]["status"] == "CANCELLED"
    # 2 units of 500 + 50 delivery: everything the shopper paid for this parcel.
    assert result["refund"] == {
        "amount": {"amount": 1050.0},
        "status": RefundStatus.SUCCEEDED.name,
        "reason": "ผ้าเปื้อนสี",
    }
    silk.stock.refresh_from_db()
    pottery.stock.refresh_from_db()
    assert (silk.stock.quantity, silk.stock.quantity_allocated) == (10, 0)
    assert (pottery.stock.quantity, pottery.stock.quantity_allocated) == (10, 2)
    silk_part.refresh_from_db()
    assert silk_part.refunded_amount == Decimal("1050.00")
    assert order.vendor_orders.get(vendor=pottery.vendor).status == VendorOrderStatus.UNFULFILLED


def test_cancelling_an_unpaid_parcel_refunds_nothing(client: Client) -> None:
    seller = stall(quantity=10)
    order = place(seller, paid=False)
    parcel = order.vendor_orders.get()

    body = call(
        client,
        CANCEL,
        {"id": gid("VendorOrder", parcel.pk), "reason": "หมด"},
        user=seller.owner.user,
    )

    result = payload(body, "vendorOrderCancel")
    assert (result["errors"], result["refund"]) == ([], None)
    assert result["vendorOrder"]["status"] == "CANCELLED"
    seller.stock.refresh_from_db()
    assert seller.stock.quantity_allocated == 0
    assert not Refund.objects.exists()


def test_cancelling_without_a_reason_is_refused_and_nothing_changes(client: Client) -> None:
    seller = stall()
    parcel = paid_by_bank_transfer(seller).vendor_orders.get()
    before = state(parcel)

    body = call(
        client,
        CANCEL,
        {"id": gid("VendorOrder", parcel.pk), "reason": "  "},
        user=seller.owner.user,
    )

    [error] = payload(body, "vendorOrderCancel")["errors"]
    assert (error["field"], error["code"]) == ("reason", "REASON_REQUIRED")
    assert state(parcel) == before


def test_a_shipped_parcel_cannot_be_cancelled(client: Client) -> None:
    seller = stall()
    parcel = place(seller).vendor_orders.get()
    call(
        client,
        FULFILL,
        {"id": gid("VendorOrder", parcel.pk), "carrier": "Kerry", "trackingNumber": "KX1"},
        user=seller.owner.user,
    )

    body = call(
        client,
        CANCEL,
        {"id": gid("VendorOrder", parcel.pk), "reason": "หมด"},
        user=seller.owner.user,
    )

    [error] = payload(body, "vendorOrderCancel")["errors"]
    assert error["code"] == "INVALID_STATUS_TRANSITION"
    parcel.refresh_from_db()
    assert parcel.status == VendorOrderStatus.SHIPPED


def test_every_order_and_refund_error_code_has_an_api_code() -> None:
    api_values = {code.value for code in OrderErrorCodeEnum}
    assert {code.value for code in OrderErrorCode} <= api_values
    assert {code.value for code in PaymentErrorCode} <= api_values
