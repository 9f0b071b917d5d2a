from __future__ import annotations

from decimal import Decimal

import pytest

from marketplace.shipping.errors import ShippingError, ShippingErrorCode
from marketplace.shipping.models import DeliveryKind
from marketplace.shipping.selectors import delivery_methods_for_vendors, delivery_price
from marketplace.shipping.services import delivery_method_create
from tests.factories.shipping import DeliveryMethodFactory
from tests.factories.vendors import VendorFactory

pytestmark = pytest.mark.django_db


def test_flat_rate_costs_its_price_until_the_free_threshold() -> None:
    method = DeliveryMethodFactory.create(price=Decimal("60"), free_above=Decimal("1000"))
    assert delivery_price(method=method, subtotal=Decimal("999.99"), weight_grams=500) == Decimal(
        "60.00"
    )
    assert delivery_price(method=method, subtotal=Decimal("1000.00"), weight_grams=500) == 0


def test_pickup_is_free() -> None:
    method = DeliveryMethodFactory.create(kind=DeliveryKind.PICKUP, price=Decimal("0"))
    assert delivery_price(method=method, subtotal=Decimal("10"), weight_grams=20_000) == 0


def test_weight_table_picks_the_first_row_the_parcel_fits_and_refuses_heavier_parcels() -> None:
    method = delivery_method_create(
        vendor=VendorFactory.create(),
        name_th="ขนส่งตามน้ำหนัก",
        kind=DeliveryKind.WEIGHT_TABLE,
        weight_rates=[(5000, Decimal("120")), (1000, Decimal("45")), (2000, Decimal("70"))],
    )
    assert delivery_price(method=method, subtotal=Decimal("100"), weight_grams=1000) == Decimal(
        "45.00"
    )
    assert delivery_price(method=method, subtotal=Decimal("100"), weight_grams=1001) == Decimal(
        "70.00"
    )
    with pytest.raises(ShippingError) as caught:
        delivery_price(method=method, subtotal=Decimal("100"), weight_grams=5001)
    assert caught.value.code == ShippingErrorCode.TOO_HEAVY
    assert "5001" in caught.value.message


def test_weight_table_without_rows_is_refused_and_nothing_is_saved() -> None:
    vendor = VendorFactory.create()
    with pytest.raises(ShippingError) as caught:
        delivery_method_create(vendor=vendor, name_th="ว่าง", kind=DeliveryKind.WEIGHT_TABLE)
    assert caught.value.code == ShippingErrorCode.WEIGHT_TABLE_EMPTY
    assert not vendor.delivery_methods.exists()


def test_negative_price_is_refused_with_the_field_named() -> None:
    with pytest.raises(ShippingError) as caught:
        delivery_method_create(
            vendor=VendorFactory.create(),
            name_th="ผิด",
            kind=DeliveryKind.FLAT_RATE,
            price=Decimal("-1"),
        )
    assert caught.value.field == "price"


def test_methods_of_many_vendors_load_in_two_queries(django_assert_num_queries) -> None:
    vendors = VendorFactory.create_batch(5)
    for vendor in vendors:
        DeliveryMethodFactory.create(vendor=vendor)
        delivery_method_create(
            vendor=vendor,
            name_th="น้ำหนัก",
            kind=DeliveryKind.WEIGHT_TABLE,
            weight_rates=[(1000, Decimal("40"))],
        )
    DeliveryMethodFactory.create(vendor=vendors[0], is_active=False)
    with django_assert_num_queries(2):
        methods = list(delivery_methods_for_vendors(v.id for v in vendors))
        prices = [delivery_price(method=m, subtotal=Decimal(1), weight_grams=10) for m in methods]
    assert len(methods) == 10
    assert sorted(prices) == [Decimal("40.00")] * 5 + [Decimal("60.00")] * 5
