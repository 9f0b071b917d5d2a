"""The artisan's dashboard: recent sales (chart, table, totals), best sellers, low stock,
parcels waiting, and a notice when the shop is not open; only ever the member's own shop."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from marketplace.accounts.models import User
from marketplace.analytics.models import SalesFact
from marketplace.analytics.services import sales_facts_record_paid, sales_facts_record_refund
from marketplace.analytics.vendor_selectors import vendor_dashboard
from marketplace.checkout.complete import checkout_complete
from marketplace.orders.models import Order, VendorOrder
from marketplace.vendors.models import VendorStatus
from tests.factories.catalog import ProductVariantFactory
from tests.factories.checkout import VendorStall, stall
from tests.factories.inventory import StockFactory
from tests.marketplace.checkout.test_complete import ready_cart
from tests.payments.ledger.helpers import deliver, place

pytestmark = pytest.mark.django_db


def _signed_in(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


def _sold(shop: VendorStall, *, quantity: int = 1, days_ago: int = 0) -> Order:
    """A paid order with its sales facts, dated `days_ago`."""
    order = place(shop, quantity=quantity)
    sales_facts_record_paid(order=order, occurred_at=timezone.now() - timedelta(days=days_ago))
    return order


def test_the_dashboard_adds_up_the_last_30_days_after_refunds(client: Client) -> None:
    shop = stall(price="500.00", quantity=20)
    _sold(shop, quantity=2)  # 1,000.00, commission 100.00
    refunded = _sold(shop, quantity=1, days_ago=3)  # 500.00, commission 50.00
    sales_facts_record_refund(
        vendor_order=refunded.vendor_orders.get(), amount=Decimal("110.00"), reference="re_1"
    )
    _sold(shop, quantity=4, days_ago=45)  # outside 30 days, inside 90

    response = _signed_in(client, shop.owner.user).get(reverse("vendor_portal:dashboard"))

    assert response.status_code == 200
    totals = response.context["board"].totals
    # The refund of 110.00 of a 550.00 parcel (500.00 goods + 50.00 delivery) takes the goods'
    # share, 110 x 500 / 550 = 100.00, off the sales and 10% of it off the commission.
    assert (totals.gross, totals.commission, totals.orders, totals.quantity) == (
        Decimal("1400.00"),
        Decimal("140.00"),
        2,
        3,
    )
    body = response.content.decode()
    assert "฿1,400.00" in body and "฿1,260.00" in body


def test_ninety_days_include_older_sales(client: Client) -> None:
    shop = stall(price="500.00", quantity=20)
    _sold(shop, quantity=1)
    _sold(shop, quantity=4, days_ago=45)
    _sold(shop, quantity=1, days_ago=100)  # older than 90 days: not counted

    response = _signed_in(client, shop.owner.user).get(
        reverse("vendor_portal:dashboard"), {"days": "90"}
    )

    board = response.context["board"]
    assert board.days == 90 and len(board.sales) == 90
    assert board.totals.gross == Decimal("2500.00")
    day_45 = timezone.localdate() - timedelta(days=45)
    assert [p.gross for p in board.sales if p.day == day_45] == [Decimal("2000.00")]


def test_an_unknown_period_shows_30_days(client: Client) -> None:
    shop = stall()
    for days in ("7", "abc"):
        response = _signed_in(client, shop.owner.user).get(
            reverse("vendor_portal:dashboard"), {"days": days}
        )
        assert response.context["board"].days == 30


def test_the_chart_is_an_svg_with_a_title_a_description_and_a_table(client: Client) -> None:
    shop = stall(price="500.00")
    _sold(shop, quantity=1)
    response = _signed_in(client, shop.owner.user).get(
        reverse("vendor_portal:dashboard"), HTTP_ACCEPT_LANGUAGE="en"
    )
    body = response.content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in body
    assert "<title>Sales in the last 30 days</title>" in body
    assert "<desc>Total ฿500.00 from" in body
    assert "<table" in body and "Sales per day, last 30 days" in body


def test_best_sellers_come_first_by_net_sales(client: Client) -> None:
    shop = stall(price="500.00", quantity=20)
    cheap = ProductVariantFactory.create(
        product__vendor=shop.vendor, product__name_th="ถุงผ้าฝ้าย", price=Decimal("90.00")
    )
    StockFactory.create(variant=cheap, quantity=50)
    _sold(shop, quantity=1)  # 500.00 of the silk
    _sold(replace(shop, variant=cheap), quantity=3)  # 270.00 of the bags

    board = vendor_dashboard(vendor_id=shop.vendor.pk, today=timezone.localdate())
    assert [(p.name, p.quantity, p.gross) for p in board.top_products] == [
        (shop.variant.product.name_th, 1, Decimal("500.00")),
        ("ถุงผ้าฝ้าย", 3, Decimal("270.00")),
    ]


def test_paid_parcels_not_yet_shipped_are_waiting_and_others_are_not(client: Client) -> None:
    shop = stall(quantity=20)
    waiting = place(shop).vendor_orders.get()
    deliver(place(shop).vendor_orders.get())  # delivered: nothing to do
    checkout_complete(token=ready_cart(shop).token)  # not paid: nothing to do yet

    response = _signed_in(client, shop.owner.user).get(reverse("vendor_portal:dashboard"))

    board = response.context["board"]
    assert [vo.pk for vo in board.orders_waiting] == [waiting.pk]
    assert board.orders_waiting_count == 1
    assert waiting.number in response.content.decode()


def test_variants_at_or_below_the_threshold_are_low_on_stock(client: Client, settings) -> None:
    settings.KAD_LOW_STOCK_THRESHOLD = 3
    shop = stall(quantity=3)
    plenty = stall(quantity=4)
    ProductVariantFactory.create(product=plenty.variant.product, sku="PLENTY-2")

    board = vendor_dashboard(vendor_id=shop.vendor.pk, today=timezone.localdate())
    assert [v.pk for v in board.low_stock] == [shop.variant.pk]
    assert (
        vendor_dashboard(vendor_id=plenty.vendor.pk, today=timezone.localdate()).low_stock[0].sku
        == "PLENTY-2"
    )  # a variant without any stock row counts as 0


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (VendorStatus.PENDING, "waiting for approval"),
        (VendorStatus.SUSPENDED, "Your shop is suspended."),
    ],
)
def test_a_shop_that_is_not_open_is_told_so(client: Client, status: str, message: str) -> None:
    shop = stall()
    shop.vendor.status = status
    shop.vendor.status_reason = "เอกสารไม่ครบ"
    shop.vendor.save()
    response = _signed_in(client, shop.owner.user).get(
        reverse("vendor_portal:dashboard"), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert message in response.content.decode()


def test_an_open_shop_gets_no_notice(client: Client) -> None:
    shop = stall()
    body = _signed_in(client, shop.owner.user).get(reverse("vendor_portal:dashboard")).content
    assert b'class="notice' not in body


def test_a_member_of_one_shop_never_sees_another_shops_figures(client: Client) -> None:
    silk = stall(price="1850.00", quantity=20)
    silk.variant.product.name_th = "ผ้าไหมยกดอกลายพิเศษ"
    silk.variant.product.save()
    waiting = _sold(silk, quantity=2).vendor_orders.get()
    pottery = stall(price="320.00")

    response = _signed_in(client, pottery.owner.user).get(reverse("vendor_portal:dashboard"))

    body = response.content.decode()
    assert response.context["board"].totals.gross == Decimal("0.00")
    assert "ผ้าไหมยกดอกลายพิเศษ" not in body
    assert "3,700.00" not in body
    assert waiting.number not in body


def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(client: Client) -> None:
    response = client.get(reverse("vendor_portal:dashboard"))
    assert response.status_code == 302 and "login" in response["Location"]


def _clone_sales(shop: VendorStall, count: int) -> None:
    """`count` more paid parcels with their sale facts, copied from one real one (fast)."""
    order = _sold(shop)
    vendor_order = order.vendor_orders.get()
    fact = SalesFact.objects.get(vendor_order_id=vendor_order.pk)
    for n in range(count):
        order.pk, order.number, order.checkout_token = None, f"KAD-CLONE-{n}", None
        order.save()
        vendor_order.pk, vendor_order.order, vendor_order.number = None, order, f"VO-{n}"
        vendor_order.save()
        fact.pk, fact.vendor_order_id, fact.order_line_id = None, vendor_order.pk, -(n + 1)
        fact.day = timezone.localdate() - timedelta(days=n % 30)
        fact.save()


@pytest.mark.parametrize("count", [3, 30])
def test_the_dashboard_takes_the_same_queries_for_3_or_30_orders(
    client: Client, django_assert_max_num_queries, count: int
) -> None:
    shop = stall(quantity=100)
    _clone_sales(shop, count)
    for n in range(count):  # as many low-stock variants
        ProductVariantFactory.create(product=shop.variant.product, sku=f"LOW-{count}-{n}")
    assert VendorOrder.objects.filter(vendor=shop.vendor).count() == count + 1
    signed_in = _signed_in(client, shop.owner.user)
    # user, membership, sales per day, totals, best sellers, low stock, waiting + their count
    with django_assert_max_num_queries(8):
        response = signed_in.get(reverse("vendor_portal:dashboard"), {"days": "90"})
    assert response.context["board"].orders_waiting_count == count + 1
