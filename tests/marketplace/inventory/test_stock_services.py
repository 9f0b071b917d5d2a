"""Stock levels and allocation through the inventory services."""

from __future__ import annotations

import pytest

from marketplace.inventory.errors import InventoryError, InventoryErrorCode
from marketplace.inventory.models import Stock
from marketplace.inventory.services import (
    stock_adjust,
    stock_allocate,
    stock_allocate_lines,
    stock_deallocate,
    stock_set,
)
from tests.factories.catalog import ProductVariantFactory
from tests.factories.inventory import StockFactory, StockLocationFactory

pytestmark = pytest.mark.django_db


def test_setting_stock_creates_the_row_with_the_quantity() -> None:
    variant = ProductVariantFactory.create()
    location = StockLocationFactory.create(vendor=variant.product.vendor)
    stock = stock_set(variant=variant, location=location, quantity=7)
    assert Stock.objects.get(pk=stock.pk).quantity == 7
    assert stock_set(variant=variant, location=location, quantity=3).quantity == 3
    assert Stock.objects.count() == 1


def test_setting_stock_below_the_allocated_units_is_refused() -> None:
    stock = StockFactory.create(quantity=10, quantity_allocated=4)
    with pytest.raises(InventoryError) as caught:
        stock_set(variant=stock.variant, location=stock.location, quantity=3)
    assert caught.value.code == InventoryErrorCode.STOCK_BELOW_ALLOCATED
    assert "4" in caught.value.message
    stock.refresh_from_db()
    assert stock.quantity == 10


def test_setting_a_negative_quantity_is_refused() -> None:
    stock = StockFactory.create()
    with pytest.raises(InventoryError) as caught:
        stock_set(variant=stock.variant, location=stock.location, quantity=-1)
    assert caught.value.code == InventoryErrorCode.INVALID_QUANTITY


def test_stock_at_another_vendors_location_is_refused() -> None:
    variant = ProductVariantFactory.create()
    elsewhere = StockLocationFactory.create()
    with pytest.raises(InventoryError) as caught:
        stock_set(variant=variant, location=elsewhere, quantity=1)
    assert caught.value.code == InventoryErrorCode.LOCATION_OF_OTHER_VENDOR
    assert not Stock.objects.exists()


def test_adjusting_adds_and_removes_units() -> None:
    stock = StockFactory.create(quantity=10)
    assert stock_adjust(variant=stock.variant, location=stock.location, delta=5).quantity == 15
    assert stock_adjust(variant=stock.variant, location=stock.location, delta=-15).quantity == 0


def test_adjusting_below_zero_is_refused_with_what_is_in_stock() -> None:
    stock = StockFactory.create(quantity=2)
    with pytest.raises(InventoryError) as caught:
        stock_adjust(variant=stock.variant, location=stock.location, delta=-3)
    assert caught.value.code == InventoryErrorCode.STOCK_BELOW_ZERO
    assert caught.value.params["quantity"] == 2


def test_adjusting_below_the_allocated_units_is_refused() -> None:
    stock = StockFactory.create(quantity=10, quantity_allocated=8)
    with pytest.raises(InventoryError) as caught:
        stock_adjust(variant=stock.variant, location=stock.location, delta=-3)
    assert caught.value.code == InventoryErrorCode.STOCK_BELOW_ALLOCATED
    assert caught.value.params["removable"] == 2
    stock.refresh_from_db()
    assert stock.quantity == 10


def test_removing_units_of_a_variant_never_stocked_there_is_refused() -> None:
    variant = ProductVariantFactory.create()
    location = StockLocationFactory.create(vendor=variant.product.vendor)
    with pytest.raises(InventoryError) as caught:
        stock_adjust(variant=variant, location=location, delta=-1)
    assert caught.value.code == InventoryErrorCode.STOCK_BELOW_ZERO


def test_allocation_takes_units_from_the_vendors_locations_in_id_order() -> None:
    variant = ProductVariantFactory.create()
    vendor = variant.product.vendor
    first = StockFactory.create(
        variant=variant, location=StockLocationFactory.create(vendor=vendor), quantity=2
    )
    second = StockFactory.create(
        variant=variant, location=StockLocationFactory.create(vendor=vendor), quantity=5
    )

    allocations = stock_allocate(variant=variant, quantity=4)

    assert [(a.stock_id, a.quantity) for a in allocations] == [(first.pk, 2), (second.pk, 2)]
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.quantity_allocated, second.quantity_allocated) == (2, 2)
    assert (first.quantity, second.quantity) == (2, 5)


def test_allocating_more_than_available_is_refused_and_changes_nothing() -> None:
    stock = StockFactory.create(quantity=5, quantity_allocated=3)
    with pytest.raises(InventoryError) as caught:
        stock_allocate(variant=stock.variant, quantity=3)
    assert caught.value.code == InventoryErrorCode.INSUFFICIENT_STOCK
    assert caught.value.params["available"] == 2
    assert caught.value.params["variant_id"] == stock.variant_id
    stock.refresh_from_db()
    assert stock.quantity_allocated == 3


def test_stock_at_another_vendors_location_is_not_allocated() -> None:
    # A stray row (written around the services) must not be sold from.
    variant = ProductVariantFactory.create()
    Stock.objects.create(variant=variant, location=StockLocationFactory.create(), quantity=50)
    with pytest.raises(InventoryError) as caught:
        stock_allocate(variant=variant, quantity=1)
    assert caught.value.code == InventoryErrorCode.INSUFFICIENT_STOCK


def test_allocating_several_lines_is_all_or_nothing() -> None:
    plenty = StockFactory.create(quantity=10)
    scarce = StockFactory.create(quantity=1)
    with pytest.raises(InventoryError) as caught:
        stock_allocate_lines(lines=[(plenty.variant, 3), (scarce.variant, 2)])
    assert caught.value.params["sku"] == scarce.variant.sku
    plenty.refresh_from_db()
    assert plenty.quantity_allocated == 0

    allocations = stock_allocate_lines(lines=[(plenty.variant, 3), (scarce.variant, 1)])
    assert sorted(a.quantity for a in allocations) == [1, 3]


@pytest.mark.parametrize("quantity", [0, -1])
def test_allocating_a_quantity_below_one_is_refused(quantity: int) -> None:
    stock = StockFactory.create()
    with pytest.raises(InventoryError) as caught:
        stock_allocate(variant=stock.variant, quantity=quantity)
    assert caught.value.code == InventoryErrorCode.INVALID_QUANTITY


def test_deallocation_gives_units_back() -> None:
    variant = ProductVariantFactory.create()
    vendor = variant.product.vendor
    first = StockFactory.create(
        variant=variant, location=StockLocationFactory.create(vendor=vendor), quantity=2
    )
    second = StockFactory.create(
        variant=variant, location=StockLocationFactory.create(vendor=vendor), quantity=5
    )
    stock_allocate(variant=variant, quantity=6)

    released = stock_deallocate(variant=variant, quantity=3)

    assert sum(r.quantity for r in released) == 3
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.quantity_allocated + second.quantity_allocated == 3


def test_deallocating_more_than_allocated_is_refused() -> None:
    stock = StockFactory.create(quantity=5, quantity_allocated=1)
    with pytest.raises(InventoryError) as caught:
        stock_deallocate(variant=stock.variant, quantity=2)
    assert caught.value.code == InventoryErrorCode.DEALLOCATE_MORE_THAN_ALLOCATED
    stock.refresh_from_db()
    assert stock.quantity_allocated == 1
