"""Completing a cart: one order, one vendor order per vendor, stock allocated, e-mails sent."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marketplace.catalog.models import ProductStatus
from marketplace.checkout.complete import checkout_complete
from marketplace.checkout.errors import CheckoutError, CheckoutErrorCode
from marketplace.checkout.models import Checkout
from marketplace.checkout.services import (
    LineInput,
    checkout_create,
    checkout_delivery_method_update,
    checkout_shipping_address_update,
)
from marketplace.inventory.models import Stock
from marketplace.orders.models import Order, OrderStatus, VendorOrder
from marketplace.vendors.models import VendorStatus
from tests.factories.checkout import LAMPHUN_ADDRESS, VendorStall, stall


def ready_cart(*stalls: VendorStall, quantity: int = 1, pickup: bool = False) -> Checkout:
    checkout = checkout_create(
        email="malee@example.com", lines=[LineInput(s.variant.id, quantity) for s in stalls]
    )
    checkout_shipping_address_update(checkout=checkout, address=LAMPHUN_ADDRESS)
    for s in stalls:
        checkout_delivery_method_update(
            checkout=checkout,
            vendor_id=s.vendor.id,
            delivery_method_id=(s.pickup if pickup else s.post).id,
        )
    return checkout


@pytest.mark.django_db
def test_guest_buys_from_two_vendors_and_gets_one_order_with_two_parcels(
    django_capture_on_commit_callbacks,
) -> None:
    silk, pottery = stall(price="1850.00", quantity=4), stall(price="320.00", quantity=9)
    checkout = ready_cart(silk, pottery)
    with django_capture_on_commit_callbacks(execute=True):
        order = checkout_complete(token=checkout.token)

    assert order.number.startswith("KAD-")
    assert order.status == OrderStatus.UNFULFILLED
    assert (order.subtotal, order.shipping_total, order.total) == (
        Decimal("2170.00"),
        Decimal("100.00"),
        Decimal("2270.00"),
    )
    parts = list(order.vendor_orders.order_by("id"))
    assert [p.vendor for p in parts] == [silk.vendor, pottery.vendor]
    assert [p.number for p in parts] == [f"{order.number}-1", f"{order.number}-2"]
    assert parts[0].commission == Decimal("185.00")  # 10 % of 1,850
    assert [line.sku for line in parts[0].lines.all()] == [silk.variant.sku]
    assert order.shipping_address["postal_code"] == "51000"
    assert not Checkout.objects.filter(token=checkout.token).exists()
    silk.stock.refresh_from_db()
    assert (silk.stock.quantity, silk.stock.quantity_allocated) == (4, 1)

    recipients = sorted(tuple(message.to) for message in mail.outbox)
    assert recipients == sorted(
        [("malee@example.com",), (silk.owner.user.email,), (pottery.owner.user.email,)]
    )
    to_shopper = next(m for m in mail.outbox if m.to == ["malee@example.com"])
    assert order.number in to_shopper.subject
    assert "2,270.00" in to_shopper.body
    assert isinstance(to_shopper, EmailMultiAlternatives)
    html, mimetype = to_shopper.alternatives[0]
    assert mimetype == "text/html"
    assert silk.vendor.name_th in str(html)


@pytest.mark.django_db
def test_completing_the_same_cart_twice_returns_the_same_order() -> None:
    silk = stall()
    checkout = ready_cart(silk)
    first = checkout_complete(token=checkout.token)
    second = checkout_complete(token=checkout.token)
    assert first.pk == second.pk
    assert Order.objects.count() == 1
    silk.stock.refresh_from_db()
    assert silk.stock.quantity_allocated == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("spoil", "code"),
    [
        ("empty", CheckoutErrorCode.EMPTY),
        ("no_email", CheckoutErrorCode.EMAIL_REQUIRED),
        ("no_address", CheckoutErrorCode.SHIPPING_ADDRESS_REQUIRED),
        ("no_delivery_for_one_vendor", CheckoutErrorCode.DELIVERY_METHOD_REQUIRED),
        ("unpublished", CheckoutErrorCode.PRODUCT_NOT_AVAILABLE),
        ("vendor_suspended", CheckoutErrorCode.PRODUCT_NOT_AVAILABLE),
        ("price_changed", CheckoutErrorCode.PRICE_CHANGED),
        ("sold_out", CheckoutErrorCode.INSUFFICIENT_STOCK),
    ],
)
def test_a_cart_that_cannot_become_an_order_changes_nothing(
    spoil: str, code: CheckoutErrorCode
) -> None:
    silk, pottery = stall(quantity=3), stall()
    checkout = ready_cart(silk)
    if spoil == "empty":
        checkout.lines.all().delete()
    elif spoil == "no_email":
        Checkout.objects.filter(pk=checkout.pk).update(email="")
    elif spoil == "no_address":
        Checkout.objects.filter(pk=checkout.pk).update(shipping_address=None)
    elif spoil == "no_delivery_for_one_vendor":
        checkout.lines.create(variant=pottery.variant, quantity=1, price_when_added=Decimal(500))
    elif spoil == "unpublished":
        silk.variant.product.status = ProductStatus.DRAFT
        silk.variant.product.save()
    elif spoil == "vendor_suspended":
        silk.vendor.status = VendorStatus.SUSPENDED
        silk.vendor.save()
    elif spoil == "price_changed":
        silk.variant.price = Decimal("999.00")
        silk.variant.save()
    elif spoil == "sold_out":
        Stock.objects.filter(pk=silk.stock.pk).update(quantity_allocated=3)

    with pytest.raises(CheckoutError) as caught:
        checkout_complete(token=checkout.token)
    assert caught.value.code == code
    assert caught.value.message
    assert not Order.objects.exists()
    assert Checkout.objects.filter(pk=checkout.pk).exists()
    silk.stock.refresh_from_db()
    assert silk.stock.quantity_allocated == (3 if spoil == "sold_out" else 0)


@pytest.mark.django_db
def test_expected_total_must_match_what_the_shopper_agreed_to() -> None:
    checkout = ready_cart(stall(price="100.00"))
    with pytest.raises(CheckoutError) as caught:
        checkout_complete(token=checkout.token, expected_total=Decimal("99.00"))
    assert caught.value.code == CheckoutErrorCode.TOTAL_CHANGED
    order = checkout_complete(token=checkout.token, expected_total=Decimal("150.00"))
    assert order.total == Decimal("150.00")


@pytest.mark.django_db(transaction=True)
def test_twenty_buyers_race_for_five_units_and_exactly_five_win() -> None:
    silk = stall(quantity=5)
    carts = [ready_cart(silk) for _ in range(20)]
    outcomes: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(len(carts))

    def buy(token: object) -> None:
        try:
            start.wait()
            checkout_complete(token=str(token))
            result = "order"
        except CheckoutError as exc:
            result = exc.code.name
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=buy, args=(cart.token,)) for cart in carts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes) == ["INSUFFICIENT_STOCK"] * 15 + ["order"] * 5
    silk.stock.refresh_from_db()
    assert (silk.stock.quantity, silk.stock.quantity_allocated) == (5, 5)
    assert Order.objects.count() == 5
    assert Checkout.objects.count() == 15
    assert sum(VendorOrder.objects.values_list("lines__quantity", flat=True)) == 5


money = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2)


@pytest.mark.django_db
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    parts=st.lists(
        st.tuples(st.lists(st.tuples(money, st.integers(1, 5)), min_size=1, max_size=3), money),
        min_size=1,
        max_size=3,
    )
)
def test_order_total_is_the_sum_of_vendor_subtotals_and_delivery_to_the_satang(
    parts: list[tuple[list[tuple[Decimal, int]], Decimal]],
) -> None:
    lines: list[LineInput] = []
    choices = []
    for products, shipping in parts:
        first = stall(price=str(products[0][0]))
        first.post.price = shipping
        first.post.save()
        lines.append(LineInput(first.variant.id, products[0][1]))
        for price, quantity in products[1:]:
            extra = stall(price=str(price))
            extra.variant.product.vendor = first.vendor
            extra.variant.product.save()
            extra.stock.location = first.stock.location
            extra.stock.save()
            lines.append(LineInput(extra.variant.id, quantity))
        choices.append((first.vendor.id, first.post.id))
    checkout = checkout_create(email="a@example.com", lines=lines)
    checkout_shipping_address_update(checkout=checkout, address=LAMPHUN_ADDRESS)
    for vendor_id, method_id in choices:
        checkout_delivery_method_update(
            checkout=checkout, vendor_id=vendor_id, delivery_method_id=method_id
        )
    order = checkout_complete(token=checkout.token)

    expected_subtotal = sum(
        (price * quantity for products, _ in parts for price, quantity in products), Decimal(0)
    )
    expected_shipping = sum((shipping for _, shipping in parts), Decimal(0))
    vendor_orders = list(order.vendor_orders.all())
    assert order.subtotal == expected_subtotal
    assert order.shipping_total == expected_shipping
    assert order.total == sum((vo.subtotal + vo.shipping_price for vo in vendor_orders), Decimal(0))
    assert order.total == expected_subtotal + expected_shipping
