"""Changing a cart: every bad input gets its own error code and changes nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from marketplace.catalog.models import ProductStatus
from marketplace.checkout.errors import CheckoutError, CheckoutErrorCode
from marketplace.checkout.models import Checkout
from marketplace.checkout.selectors import checkout_summary
from marketplace.checkout.services import (
    LineInput,
    checkout_attach_to_user,
    checkout_create,
    checkout_delivery_method_update,
    checkout_email_update,
    checkout_lines_add,
    checkout_lines_delete,
    checkout_lines_update,
    checkout_shipping_address_update,
)
from marketplace.vendors.models import VendorStatus
from tests.factories.accounts import UserFactory
from tests.factories.checkout import LAMPHUN_ADDRESS, stall
from tests.factories.shipping import DeliveryMethodFactory

pytestmark = pytest.mark.django_db


def lines_of(checkout: Checkout) -> list[tuple[int, int]]:
    return sorted(checkout.lines.values_list("variant_id", "quantity"))


def test_cart_groups_lines_by_vendor_with_per_vendor_delivery_and_totals() -> None:
    silk, pottery = stall(price="1850.00"), stall(price="320.50")
    checkout = checkout_create(
        email="Malee@Example.com",
        lines=[LineInput(silk.variant.id, 1), LineInput(pottery.variant.id, 2)],
    )
    checkout_delivery_method_update(
        checkout=checkout, vendor_id=silk.vendor.id, delivery_method_id=silk.post.id
    )
    checkout_delivery_method_update(
        checkout=checkout, vendor_id=pottery.vendor.id, delivery_method_id=pottery.pickup.id
    )
    summary = checkout_summary(checkout=checkout)
    assert checkout.email == "malee@example.com"
    assert [group.vendor for group in summary.groups] == [silk.vendor, pottery.vendor]
    assert [group.subtotal for group in summary.groups] == [Decimal("1850.00"), Decimal("641.00")]
    assert [group.shipping_price for group in summary.groups] == [Decimal("50.00"), Decimal(0)]
    assert summary.total == Decimal("2541.00")
    assert {option.method for option in summary.groups[0].options} == {silk.post, silk.pickup}


def test_adding_a_variant_again_adds_to_its_quantity() -> None:
    silk = stall()
    checkout = checkout_create(lines=[LineInput(silk.variant.id, 1)])
    checkout_lines_add(checkout=checkout, lines=[LineInput(silk.variant.id, 2)])
    assert lines_of(checkout) == [(silk.variant.id, 3)]


@pytest.mark.parametrize(
    ("quantity", "code"),
    [
        (0, CheckoutErrorCode.ZERO_QUANTITY),
        (-1, CheckoutErrorCode.INVALID_QUANTITY),
        (11, CheckoutErrorCode.INSUFFICIENT_STOCK),
        (10**12, CheckoutErrorCode.QUANTITY_GREATER_THAN_LIMIT),
    ],
)
def test_bad_quantities_are_refused_and_the_cart_is_unchanged(
    quantity: int, code: CheckoutErrorCode
) -> None:
    silk = stall(quantity=10)
    checkout = checkout_create(lines=[LineInput(silk.variant.id, 1)])
    with pytest.raises(CheckoutError) as caught:
        checkout_lines_add(checkout=checkout, lines=[LineInput(silk.variant.id, quantity)])
    assert caught.value.code == code
    assert caught.value.message
    assert lines_of(checkout) == [(silk.variant.id, 1)]


def test_insufficient_stock_says_how_many_are_left() -> None:
    silk = stall(quantity=2)
    with pytest.raises(CheckoutError) as caught:
        checkout_create(lines=[LineInput(silk.variant.id, 3)])
    assert caught.value.code == CheckoutErrorCode.INSUFFICIENT_STOCK
    assert "2" in caught.value.message
    assert not Checkout.objects.exists()


def test_unpublished_product_and_suspended_vendor_cannot_be_added() -> None:
    draft, suspended = stall(), stall()
    draft.variant.product.status = ProductStatus.DRAFT
    draft.variant.product.save()
    suspended.vendor.status = VendorStatus.SUSPENDED
    suspended.vendor.save()
    checkout = checkout_create()
    for variant_id in (draft.variant.id, suspended.variant.id, 987654321):
        with pytest.raises(CheckoutError) as caught:
            checkout_lines_add(checkout=checkout, lines=[LineInput(variant_id, 1)])
        assert caught.value.code == CheckoutErrorCode.PRODUCT_NOT_AVAILABLE
    assert lines_of(checkout) == []


def test_a_changed_price_is_announced_until_the_shopper_updates_the_line() -> None:
    silk = stall(price="1000.00")
    checkout = checkout_create(lines=[LineInput(silk.variant.id, 2)])
    silk.variant.price = Decimal("1200.00")
    silk.variant.save()
    line = checkout_summary(checkout=checkout).lines[0]
    assert line.price_changed
    assert (line.previous_unit_price, line.unit_price) == (Decimal("1000.00"), Decimal("1200.00"))
    assert checkout_summary(checkout=checkout).subtotal == Decimal("2400.00")

    checkout_lines_update(checkout=checkout, lines=[LineInput(silk.variant.id, 2)])
    assert not checkout_summary(checkout=checkout).lines[0].price_changed


def test_update_to_zero_removes_the_line_and_its_vendor_delivery_choice() -> None:
    silk, pottery = stall(), stall()
    checkout = checkout_create(
        lines=[LineInput(silk.variant.id, 1), LineInput(pottery.variant.id, 1)]
    )
    checkout_delivery_method_update(
        checkout=checkout, vendor_id=silk.vendor.id, delivery_method_id=silk.post.id
    )
    checkout_lines_update(checkout=checkout, lines=[LineInput(silk.variant.id, 0)])
    assert lines_of(checkout) == [(pottery.variant.id, 1)]
    assert not checkout.deliveries.exists()


def test_deleting_a_line_of_another_cart_is_refused() -> None:
    silk = stall()
    mine = checkout_create(lines=[LineInput(silk.variant.id, 1)])
    theirs = checkout_create(lines=[LineInput(silk.variant.id, 1)])
    their_line = theirs.lines.get()
    with pytest.raises(CheckoutError) as caught:
        checkout_lines_delete(checkout=mine, line_ids=[their_line.id])
    assert caught.value.code == CheckoutErrorCode.LINE_NOT_FOUND
    assert theirs.lines.count() == 1


def test_delivery_method_must_belong_to_the_vendor() -> None:
    silk, pottery = stall(), stall()
    checkout = checkout_create(lines=[LineInput(silk.variant.id, 1)])
    with pytest.raises(CheckoutError) as caught:
        checkout_delivery_method_update(
            checkout=checkout, vendor_id=silk.vendor.id, delivery_method_id=pottery.post.id
        )
    assert caught.value.code == CheckoutErrorCode.DELIVERY_METHOD_NOT_AVAILABLE
    with pytest.raises(CheckoutError) as caught:
        checkout_delivery_method_update(
            checkout=checkout, vendor_id=pottery.vendor.id, delivery_method_id=pottery.post.id
        )
    assert caught.value.code == CheckoutErrorCode.VENDOR_NOT_IN_CHECKOUT
    assert not checkout.deliveries.exists()


def test_inactive_delivery_method_cannot_be_chosen() -> None:
    silk = stall()
    retired = DeliveryMethodFactory.create(vendor=silk.vendor, is_active=False)
    checkout = checkout_create(lines=[LineInput(silk.variant.id, 1)])
    with pytest.raises(CheckoutError) as caught:
        checkout_delivery_method_update(
            checkout=checkout, vendor_id=silk.vendor.id, delivery_method_id=retired.id
        )
    assert caught.value.code == CheckoutErrorCode.DELIVERY_METHOD_NOT_AVAILABLE


def test_thai_address_is_normalised_and_named() -> None:
    checkout = checkout_create()
    checkout_shipping_address_update(checkout=checkout, address=LAMPHUN_ADDRESS)
    checkout.refresh_from_db()
    assert checkout.shipping_address is not None
    assert checkout.shipping_address["phone"] == "0812345678"
    assert checkout.shipping_address["district_name"] == "เมืองลำพูน"
    assert checkout.shipping_address["province_name"] == "ลำพูน"
    assert checkout.billing_address == checkout.shipping_address


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        ({"postal_code": "50000"}, CheckoutErrorCode.INVALID_ADDRESS, "shippingAddress.postalCode"),
        ({"postal_code": "99999"}, CheckoutErrorCode.INVALID_ADDRESS, "shippingAddress.postalCode"),
        # A Bangkok subdistrict (Phra Borom Maha Ratchawang) with a Lamphun district.
        (
            {"subdistrict_code": "100101", "postal_code": "10200"},
            CheckoutErrorCode.INVALID_ADDRESS,
            "shippingAddress.subdistrict",
        ),
        ({"country": "LA"}, CheckoutErrorCode.NOT_THAI_ADDRESS, "shippingAddress.country"),
        ({"phone": "+1 415 555 0100"}, CheckoutErrorCode.INVALID_PHONE, "shippingAddress.phone"),
        ({"street_address_1": " "}, CheckoutErrorCode.REQUIRED, "shippingAddress.streetAddress1"),
    ],
)
def test_bad_addresses_are_refused_naming_the_field(
    change: dict[str, str], code: CheckoutErrorCode, field: str
) -> None:
    checkout = checkout_create()
    checkout_shipping_address_update(checkout=checkout, address=LAMPHUN_ADDRESS)
    with pytest.raises(CheckoutError) as caught:
        checkout_shipping_address_update(checkout=checkout, address=LAMPHUN_ADDRESS | change)
    assert (caught.value.code, caught.value.field) == (code, field)
    checkout.refresh_from_db()
    assert checkout.shipping_address is not None
    assert checkout.shipping_address["postal_code"] == "51000"


def test_invalid_email_is_refused() -> None:
    checkout = checkout_create(email="malee@example.com")
    with pytest.raises(CheckoutError) as caught:
        checkout_email_update(checkout=checkout, email="not-an-email")
    assert caught.value.code == CheckoutErrorCode.INVALID_EMAIL
    checkout.refresh_from_db()
    assert checkout.email == "malee@example.com"


def test_guest_cart_merges_into_the_shoppers_cart_on_login() -> None:
    silk, pottery = stall(quantity=5), stall()
    user = UserFactory.create()
    own = checkout_create(user=user, lines=[LineInput(silk.variant.id, 3)])
    guest = checkout_create(lines=[LineInput(silk.variant.id, 4), LineInput(pottery.variant.id, 1)])
    merged = checkout_attach_to_user(checkout=guest, user=user)
    assert merged.token == own.token
    # 3 + 4 wanted, 5 in stock: capped at what exists.
    assert lines_of(merged) == sorted([(silk.variant.id, 5), (pottery.variant.id, 1)])
    assert not Checkout.objects.filter(token=guest.token).exists()


def test_summary_runs_a_constant_number_of_queries(django_assert_max_num_queries) -> None:
    stalls = [stall() for _ in range(6)]
    small = checkout_create(lines=[LineInput(stalls[0].variant.id, 1)])
    big = checkout_create(lines=[LineInput(s.variant.id, 1) for s in stalls])
    for checkout in (small, big):
        with django_assert_max_num_queries(5):
            summary = checkout_summary(checkout=checkout)
            _ = [(g.total, [o.price for o in g.options]) for g in summary.groups]
