"""Setting many stock levels at once, and the vendor's default location."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.catalog.models import ProductVariant
from marketplace.inventory.errors import InventoryError, InventoryErrorCode
from marketplace.inventory.models import Stock, StockLocation
from marketplace.inventory.services import (
    location_default_for_vendor,
    stock_set_at_locations,
    stock_set_bulk,
)
from marketplace.vendors.models import Vendor
from tests.factories.catalog import ProductFactory, ProductVariantFactory
from tests.factories.inventory import StockFactory, StockLocationFactory
from tests.factories.vendors import VendorFactory

pytestmark = pytest.mark.django_db


def variants_of(vendor: Vendor, count: int) -> list[ProductVariant]:
    product = ProductFactory.create(vendor=vendor)
    return [ProductVariantFactory.create(product=product) for _ in range(count)]


def quantities_at(location: StockLocation) -> dict[int, int]:
    return dict(Stock.objects.filter(location=location).values_list("variant_id", "quantity"))


def test_bulk_setting_updates_existing_rows_and_creates_missing_ones() -> None:
    location = StockLocationFactory.create()
    counted, new = variants_of(location.vendor, 2)
    StockFactory.create(variant=counted, location=location, quantity=10, quantity_allocated=2)

    stocks = stock_set_bulk(location=location, quantities={counted.pk: 4, new.pk: 7})

    assert quantities_at(location) == {counted.pk: 4, new.pk: 7}
    assert [s.pk for s in stocks] == sorted(s.pk for s in stocks)
    assert Stock.objects.get(variant=counted).quantity_allocated == 2


def test_bulk_setting_below_the_allocated_units_changes_nothing() -> None:
    location = StockLocationFactory.create()
    fine, reserved, new = variants_of(location.vendor, 3)
    StockFactory.create(variant=fine, location=location, quantity=5)
    StockFactory.create(variant=reserved, location=location, quantity=5, quantity_allocated=3)

    with pytest.raises(InventoryError) as caught:
        stock_set_bulk(location=location, quantities={fine.pk: 9, reserved.pk: 2, new.pk: 1})

    assert caught.value.code == InventoryErrorCode.STOCK_BELOW_ALLOCATED
    assert caught.value.params["variant_id"] == reserved.pk
    assert "3" in caught.value.message
    assert quantities_at(location) == {fine.pk: 5, reserved.pk: 5}


@pytest.mark.parametrize("quantity", [-1, 2.5, True])
def test_bulk_setting_refuses_what_is_not_a_count(quantity: Any) -> None:
    location = StockLocationFactory.create()
    (variant,) = variants_of(location.vendor, 1)

    with pytest.raises(InventoryError) as caught:
        stock_set_bulk(location=location, quantities={variant.pk: quantity})

    assert caught.value.code == InventoryErrorCode.INVALID_QUANTITY
    assert not Stock.objects.exists()


def test_bulk_setting_refuses_a_variant_of_another_vendor() -> None:
    location = StockLocationFactory.create()
    (own,) = variants_of(location.vendor, 1)
    (foreign,) = variants_of(VendorFactory.create(), 1)

    with pytest.raises(InventoryError) as caught:
        stock_set_bulk(location=location, quantities={own.pk: 1, foreign.pk: 1})

    assert caught.value.code == InventoryErrorCode.LOCATION_OF_OTHER_VENDOR
    assert not Stock.objects.exists()


def test_bulk_setting_nothing_writes_nothing(
    django_assert_num_queries: Callable[..., Any],
) -> None:
    location = StockLocationFactory.create()
    with django_assert_num_queries(0):
        assert stock_set_bulk(location=location, quantities={}) == []


def test_bulk_setting_takes_the_same_queries_for_3_or_30_variants() -> None:
    def queries(count: int) -> int:
        location = StockLocationFactory.create()
        variants = variants_of(location.vendor, count)
        for variant in variants[::2]:
            StockFactory.create(variant=variant, location=location)
        with CaptureQueriesContext(connection) as captured:
            stock_set_bulk(location=location, quantities={v.pk: 3 for v in variants})
        assert set(quantities_at(location).values()) == {3}
        return len(captured)

    assert queries(3) == queries(30)


def test_bulk_setting_reindexes_the_products_after_commit_unless_told_not_to(
    django_capture_on_commit_callbacks: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    queued: list[list[int]] = []
    monkeypatch.setattr("search.tasks.stocks_index.delay", queued.append)
    location = StockLocationFactory.create()
    first, second = variants_of(location.vendor, 2)

    with django_capture_on_commit_callbacks(execute=True):
        stocks = stock_set_bulk(location=location, quantities={first.pk: 1, second.pk: 2})
    with django_capture_on_commit_callbacks(execute=True):
        stock_set_bulk(location=location, quantities={first.pk: 5}, reindex=False)

    assert queued == [[s.pk for s in stocks]]


def test_one_variant_is_counted_at_several_locations_at_once() -> None:
    shop_floor = StockLocationFactory.create()
    store = StockLocationFactory.create(vendor=shop_floor.vendor, is_default=False)
    (variant,) = variants_of(shop_floor.vendor, 1)
    StockFactory.create(variant=variant, location=store, quantity=8)

    stock_set_at_locations(variant=variant, quantities={shop_floor: 3, store: 6})

    assert dict(Stock.objects.filter(variant=variant).values_list("location_id", "quantity")) == {
        shop_floor.pk: 3,
        store.pk: 6,
    }


def test_counting_at_several_locations_is_all_or_none() -> None:
    shop_floor = StockLocationFactory.create()
    store = StockLocationFactory.create(vendor=shop_floor.vendor, is_default=False)
    (variant,) = variants_of(shop_floor.vendor, 1)
    StockFactory.create(variant=variant, location=shop_floor, quantity=4)
    StockFactory.create(variant=variant, location=store, quantity=8, quantity_allocated=5)

    with pytest.raises(InventoryError) as caught:
        stock_set_at_locations(variant=variant, quantities={shop_floor: 1, store: 2})

    assert caught.value.code == InventoryErrorCode.STOCK_BELOW_ALLOCATED
    assert caught.value.params["location_id"] == store.pk
    assert dict(Stock.objects.filter(variant=variant).values_list("location_id", "quantity")) == {
        shop_floor.pk: 4,
        store.pk: 8,
    }


def test_counting_at_another_vendors_location_is_refused() -> None:
    own = StockLocationFactory.create()
    (variant,) = variants_of(own.vendor, 1)
    foreign = StockLocationFactory.create()

    with pytest.raises(InventoryError) as caught:
        stock_set_at_locations(variant=variant, quantities={own: 1, foreign: 1})

    assert caught.value.code == InventoryErrorCode.LOCATION_OF_OTHER_VENDOR
    assert not Stock.objects.exists()


def test_the_default_location_is_the_one_marked_default() -> None:
    vendor = VendorFactory.create()
    StockLocationFactory.create(vendor=vendor, is_default=False)
    marked = StockLocationFactory.create(vendor=vendor, is_default=True)

    assert location_default_for_vendor(vendor=vendor) == marked


def test_a_vendor_without_a_default_uses_its_oldest_location() -> None:
    vendor = VendorFactory.create()
    oldest = StockLocationFactory.create(vendor=vendor, is_default=False)
    StockLocationFactory.create(vendor=vendor, is_default=False)

    assert location_default_for_vendor(vendor=vendor) == oldest


def test_a_vendor_without_locations_gets_one_at_its_own_address_once() -> None:
    vendor = VendorFactory.create(postal_code="51000")

    made = location_default_for_vendor(vendor=vendor)

    assert made.vendor_id == vendor.pk and made.is_default
    assert (made.district_id, made.subdistrict_id, made.postal_code) == (
        vendor.district_id,
        vendor.subdistrict_id,
        "51000",
    )
    assert location_default_for_vendor(vendor=vendor) == made
    assert StockLocation.objects.filter(vendor=vendor).count() == 1


def test_a_vendor_without_a_postal_code_gets_its_subdistricts_one() -> None:
    vendor = VendorFactory.create(postal_code="")

    made = location_default_for_vendor(vendor=vendor)

    assert made.postal_code == "51000"
