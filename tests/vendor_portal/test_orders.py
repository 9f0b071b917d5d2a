"""The shop's orders in the portal: list, parcel page, packing slip, prepare → ship → delivered,
and cancelling with a reason (stock back, the shopper's money refunded). Another shop's order
is never found."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from marketplace.accounts.models import User
from marketplace.checkout.complete import checkout_complete
from marketplace.orders.models import Order, OrderEvent, VendorOrder, VendorOrderStatus
from marketplace.orders.models import PaymentStatus as OrderPaymentStatus
from marketplace.vendors.models import MembershipRole
from payments.manual import bank_transfer_slip_confirm, bank_transfer_slip_upload
from payments.models import Gateway, Payment, PaymentStatus, RefundStatus
from payments.services import payment_initialize
from tests.factories.checkout import VendorStall, stall
from tests.factories.vendors import VendorMembershipFactory
from tests.marketplace.checkout.test_complete import ready_cart
from tests.marketplace.orders.test_fulfilment import place

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _settings(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    settings.LOGIN_URL = "/accounts/login/"


def signed_in(client: Client, user: User) -> Client:
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def parcel_of(order: Order, shop: VendorStall) -> VendorOrder:
    return order.vendor_orders.get(vendor=shop.vendor)


def url(name: str, parcel: VendorOrder) -> str:
    return reverse(f"vendor_portal:{name}", kwargs={"number": parcel.number})


def paid_by_bank_transfer(shop: VendorStall, quantity: int = 2) -> Order:
    order = checkout_complete(token=ready_cart(shop, quantity=quantity).token)
    payment_initialize(order=order, gateway=Gateway.BANK_TRANSFER)
    buffer = BytesIO()
    Image.new("RGB", (60, 90), (20, 120, 200)).save(buffer, format="JPEG")
    slip = bank_transfer_slip_upload(
        order=order, upload=SimpleUploadedFile("slip.jpg", buffer.getvalue(), "image/jpeg")
    )
    bank_transfer_slip_confirm(slip=slip, by=None)
    order.refresh_from_db()
    assert order.payment_status == OrderPaymentStatus.PAID
    return order


# --- authorisation -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "method", "data"),
    [
        ("order_detail", "get", {}),
        ("order_packing_slip", "get", {}),
        ("order_process", "post", {}),
        ("order_ship", "post", {"carrier": "Kerry", "tracking_number": "KER1"}),
        ("order_deliver", "post", {}),
        ("order_cancel", "post", {"reason": "หมด"}),
    ],
)
def test_a_member_of_another_shop_gets_not_found_and_nothing_changes(
    client: Client, name: str, method: str, data: dict[str, str]
) -> None:
    silk, pottery = stall(quantity=10), stall(quantity=10)
    order = place(silk)
    parcel = parcel_of(order, silk)
    signed_in(client, pottery.owner.user)

    response = getattr(client, method)(url(name, parcel), data)

    assert response.status_code == 404
    parcel.refresh_from_db()
    assert parcel.status == VendorOrderStatus.UNFULFILLED
    assert not OrderEvent.objects.filter(vendor_order=parcel).exists()
    silk.stock.refresh_from_db()
    assert (silk.stock.quantity, silk.stock.quantity_allocated) == (10, 2)


def test_the_order_list_shows_only_the_shops_own_orders(client: Client) -> None:
    silk, pottery = stall(), stall()
    mine, theirs = place(silk), place(pottery)
    response = signed_in(client, silk.owner.user).get(reverse("vendor_portal:order_list"))
    html = response.content.decode()
    assert parcel_of(mine, silk).number in html
    assert parcel_of(theirs, pottery).number not in html


def test_signed_out_visitors_are_sent_to_sign_in(client: Client) -> None:
    response = client.get(reverse("vendor_portal:order_list"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


# --- list ----------------------------------------------------------------------------------------


def test_the_status_filter_shows_only_orders_in_that_status(client: Client) -> None:
    silk = stall(quantity=100)
    waiting, shipped = place(silk), place(silk)
    shipped_parcel = parcel_of(shipped, silk)
    VendorOrder.objects.filter(pk=shipped_parcel.pk).update(status=VendorOrderStatus.SHIPPED)
    signed_in(client, silk.owner.user)

    response = client.get(reverse("vendor_portal:order_list"), {"status": "shipped"})

    html = response.content.decode()
    assert shipped_parcel.number in html
    assert parcel_of(waiting, silk).number not in html
    assert 'href="?status=shipped" aria-current="page"' in html


@pytest.mark.parametrize("count", [3, 30])
def test_the_order_list_takes_the_same_queries_for_3_or_30_orders(
    client: Client, count: int, django_assert_max_num_queries: Any
) -> None:
    silk = stall(quantity=1000)
    for _ in range(count):
        place(silk, quantity=1)
    signed_in(client, silk.owner.user)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("vendor_portal:order_list"))
    assert response.status_code == 200
    assert response.content.decode().count('class="shop-card"') == min(count, 20)


# --- detail, slip and the steps ------------------------------------------------------------------


def test_the_parcel_page_shows_lines_address_and_a_printable_slip(client: Client) -> None:
    silk = stall(price="1850.00")
    order = place(silk)
    parcel = parcel_of(order, silk)
    signed_in(client, silk.owner.user)

    html = client.get(url("order_detail", parcel)).content.decode()
    assert silk.variant.sku in html
    assert "99/1 ถนนอินทยงยศ" in html and "51000" in html
    assert "฿3,750.00" in html  # 2 x 1,850 + 50 delivery

    slip = client.get(url("order_packing_slip", parcel)).content.decode()
    assert "data-print" in slip
    assert "js/print.js" in slip and 'media="print"' in slip
    assert "<script>" not in slip  # no inline script
    assert "มาลี ศรีสุข" in slip


def test_staff_prepare_ship_and_deliver_a_paid_order(client: Client) -> None:
    silk = stall(quantity=10)
    order = place(silk)
    parcel = parcel_of(order, silk)
    helper = VendorMembershipFactory.create(vendor=silk.vendor, role=MembershipRole.STAFF).user
    signed_in(client, helper)

    assert client.post(url("order_process", parcel)).status_code == 302
    parcel.refresh_from_db()
    assert parcel.status == VendorOrderStatus.PROCESSING

    response = client.post(
        url("order_ship", parcel), {"carrier": "ไปรษณีย์ไทย", "tracking_number": "EF123456789TH"}
    )
    assert response["Location"] == url("order_detail", parcel)
    parcel.refresh_from_db()
    assert (parcel.status, parcel.tracking_number) == (VendorOrderStatus.SHIPPED, "EF123456789TH")
    silk.stock.refresh_from_db()
    assert silk.stock.quantity == 8
    page = client.get(response["Location"]).content.decode()
    assert "is shipped" in page and "EF123456789TH" in page

    client.post(url("order_deliver", parcel))
    parcel.refresh_from_db()
    assert parcel.status == VendorOrderStatus.DELIVERED


def test_shipping_without_a_tracking_number_is_explained_next_to_the_field(
    client: Client,
) -> None:
    silk = stall()
    parcel = parcel_of(place(silk), silk)
    signed_in(client, silk.owner.user)
    response = client.post(url("order_ship", parcel), {"carrier": "Kerry Express"})
    assert response.status_code == 400
    assert response.context["ship_form"].errors["tracking_number"] == [
        "Enter the carrier and the tracking number."
    ]
    assert 'value="Kerry Express"' in response.content.decode()
    parcel.refresh_from_db()
    assert parcel.status == VendorOrderStatus.UNFULFILLED


def test_an_unpaid_card_order_cannot_be_shipped_and_the_maker_is_told_why(
    client: Client,
) -> None:
    silk = stall()
    order = place(silk, paid=False)
    Payment.objects.create(order=order, gateway=Gateway.STRIPE, amount=order.total)
    parcel = parcel_of(order, silk)
    signed_in(client, silk.owner.user)

    shipped = client.post(url("order_ship", parcel), {"carrier": "Kerry", "tracking_number": "K1"})
    assert shipped.status_code == 400
    assert "is not paid yet" in shipped.content.decode()
    prepared = client.post(url("order_process", parcel), follow=True)
    assert "is not paid yet" in prepared.content.decode()
    parcel.refresh_from_db()
    assert parcel.status == VendorOrderStatus.UNFULFILLED


def test_htmx_steps_return_only_the_parcels_part_of_the_page(client: Client) -> None:
    silk = stall()
    parcel = parcel_of(place(silk), silk)
    signed_in(client, silk.owner.user)
    response = client.post(url("order_process", parcel), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="order-body">') and "<html" not in html
    assert "You are preparing order" in html


# --- cancelling ----------------------------------------------------------------------------------


def test_cancelling_a_paid_order_releases_the_stock_and_refunds_the_shopper(
    client: Client,
) -> None:
    silk = stall(price="500.00", quantity=10)
    order = paid_by_bank_transfer(silk)
    parcel = parcel_of(order, silk)
    signed_in(client, silk.owner.user)

    response = client.post(url("order_cancel", parcel), {"reason": "ด้ายหมด ทอไม่ทัน"}, follow=True)

    assert "฿1,050.00 is refunded to the shopper" in response.content.decode()
    parcel.refresh_from_db()
    assert (parcel.status, parcel.cancel_reason) == (
        VendorOrderStatus.CANCELLED,
        "ด้ายหมด ทอไม่ทัน",
    )
    assert parcel.refunded_amount == Decimal("1050.00")
    silk.stock.refresh_from_db()
    assert (silk.stock.quantity, silk.stock.quantity_allocated) == (10, 0)
    payment = Payment.objects.get(order=order, is_active=True)
    assert (payment.status, payment.refunded_amount) == (PaymentStatus.REFUNDED, Decimal("1050"))
    refund = payment.refunds.get()
    assert (refund.status, refund.reason) == (RefundStatus.SUCCEEDED, "ด้ายหมด ทอไม่ทัน")
    order.refresh_from_db()
    assert order.payment_status == OrderPaymentStatus.REFUNDED


def test_cancelling_an_unpaid_order_releases_the_stock_and_refunds_nothing(
    client: Client,
) -> None:
    silk = stall(quantity=10)
    order = place(silk, paid=False)
    parcel = parcel_of(order, silk)
    signed_in(client, silk.owner.user)

    response = client.post(url("order_cancel", parcel), {"reason": "หมด"}, follow=True)

    html = response.content.decode()
    assert "is cancelled and the items are back in stock" in html and "refunded" not in html
    silk.stock.refresh_from_db()
    assert silk.stock.quantity_allocated == 0


def test_cancelling_needs_a_reason_and_changes_nothing_without_one(client: Client) -> None:
    silk = stall()
    parcel = parcel_of(place(silk), silk)
    signed_in(client, silk.owner.user)
    response = client.post(url("order_cancel", parcel), {"reason": ""})
    assert response.status_code == 400
    assert response.context["cancel_form"].errors["reason"] == ["Say why the order is cancelled."]
    parcel.refresh_from_db()
    assert parcel.status == VendorOrderStatus.UNFULFILLED


def test_a_shipped_order_cannot_be_cancelled_from_the_portal(client: Client) -> None:
    silk = stall()
    parcel = parcel_of(place(silk), silk)
    signed_in(client, silk.owner.user)
    client.post(url("order_ship", parcel), {"carrier": "Kerry", "tracking_number": "K1"})
    response = client.post(url("order_cancel", parcel), {"reason": "late"})
    assert response.status_code == 400
    assert "cannot become" in response.content.decode()
    parcel.refresh_from_db()
    assert parcel.status == VendorOrderStatus.SHIPPED
