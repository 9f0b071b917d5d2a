"""Concurrent buyers can never allocate more units than exist (real PostgreSQL, two connections)."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections

from marketplace.catalog.models import ProductVariant
from marketplace.inventory.errors import InventoryError, InventoryErrorCode
from marketplace.inventory.models import Stock, StockLocation
from marketplace.inventory.services import (
    location_default_for_vendor,
    stock_adjust,
    stock_allocate,
    stock_allocate_lines,
    stock_set_bulk,
)
from tests.factories.inventory import StockFactory, StockLocationFactory
from tests.factories.vendors import VendorFactory

pytestmark = pytest.mark.django_db(transaction=True)


def run_together(*calls: Callable[[], object]) -> list[object]:
    """Run each call in its own thread (so its own database connection), started at once;
    return each one's result or exception."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def worker(index: int, call: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except Exception as error:  # the test inspects it
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a worker hung (deadlock?)"
    return results


def held_allocation(variant: ProductVariant, quantity: int, hold: threading.Event) -> object:
    """Allocate, then keep the transaction (and its row locks) open until `hold` is set."""
    from django.db import transaction

    with transaction.atomic():
        allocations = stock_allocate(variant=variant, quantity=quantity)
        hold.wait(timeout=5)
    return allocations


def test_two_buyers_of_the_last_units_cannot_both_get_them() -> None:
    stock = StockFactory.create(quantity=3)
    variant = stock.variant

    results = run_together(
        lambda: stock_allocate(variant=variant, quantity=2),
        lambda: stock_allocate(variant=variant, quantity=2),
    )

    refused = [r for r in results if isinstance(r, InventoryError)]
    granted = [r for r in results if isinstance(r, list)]
    assert len(granted) == 1 and len(refused) == 1, results
    assert refused[0].code == InventoryErrorCode.INSUFFICIENT_STOCK
    stock.refresh_from_db()
    assert (stock.quantity, stock.quantity_allocated) == (3, 2)


def test_a_second_buyer_waits_for_the_first_and_sees_what_is_left() -> None:
    stock = StockFactory.create(quantity=5)
    variant = stock.variant
    hold = threading.Event()
    threading.Timer(0.5, hold.set).start()

    results = run_together(
        lambda: held_allocation(variant, 4, hold),
        lambda: stock_allocate(variant=variant, quantity=2),
    )

    outcomes = sorted(type(r).__name__ for r in results)
    assert outcomes == ["InventoryError", "list"], results
    stock.refresh_from_db()
    assert stock.quantity_allocated in (4, 2)
    assert stock.quantity_allocated <= stock.quantity


def test_many_concurrent_buyers_never_oversell() -> None:
    variant = StockFactory.create(quantity=7).variant
    calls = [lambda: stock_allocate(variant=variant, quantity=1) for _ in range(10)]

    results = run_together(*calls)

    assert sum(isinstance(r, list) for r in results) == 7
    assert all(isinstance(r, list) or (isinstance(r, InventoryError)) for r in results), results
    stock = Stock.objects.get(variant=variant)
    assert (stock.quantity, stock.quantity_allocated) == (7, 7)


def test_checkouts_locking_the_same_variants_in_opposite_order_do_not_deadlock() -> None:
    first = StockFactory.create(quantity=10)
    second = StockFactory.create(quantity=10)

    results = run_together(
        lambda: stock_allocate_lines(lines=[(first.variant, 1), (second.variant, 1)]),
        lambda: stock_allocate_lines(lines=[(second.variant, 1), (first.variant, 1)]),
    )

    assert all(isinstance(r, list) for r in results), results
    assert sorted(Stock.objects.values_list("quantity_allocated", flat=True)) == [2, 2]


def test_a_stock_removal_racing_an_allocation_keeps_allocated_within_quantity() -> None:
    stock = StockFactory.create(quantity=4)
    location = stock.location
    StockLocationFactory.create(vendor=location.vendor)  # another location, not stocked

    results = run_together(
        lambda: stock_allocate(variant=stock.variant, quantity=3),
        lambda: stock_adjust(variant=stock.variant, location=location, delta=-3),
    )

    stock.refresh_from_db()
    assert stock.quantity_allocated <= stock.quantity
    # Whichever ran second saw the first's commit and was refused.
    assert sum(isinstance(r, InventoryError) for r in results) == 1, results
    assert connection.vendor == "postgresql"


def test_a_bulk_stock_count_racing_an_allocation_keeps_allocated_within_quantity() -> None:
    stock = StockFactory.create(quantity=5)
    other = StockFactory.create(
        location=stock.location, variant__product=stock.variant.product, quantity=5
    )
    hold = threading.Event()
    threading.Timer(0.5, hold.set).start()

    results = run_together(
        lambda: held_allocation(stock.variant, 4, hold),
        lambda: stock_set_bulk(
            location=stock.location, quantities={stock.variant_id: 2, other.variant_id: 2}
        ),
    )

    stock.refresh_from_db()
    other.refresh_from_db()
    assert stock.quantity_allocated <= stock.quantity
    # The count either came first (then the allocation found too little) or waited for the
    # allocation's commit and was refused as a whole.
    assert sum(isinstance(r, InventoryError) for r in results) == 1, results
    assert other.quantity in (2, 5) and (other.quantity == 2) == (stock.quantity == 2)


def test_two_first_stock_counts_of_a_shop_make_one_default_location() -> None:
    vendor = VendorFactory.create()

    results = run_together(
        lambda: location_default_for_vendor(vendor=vendor),
        lambda: location_default_for_vendor(vendor=vendor),
    )

    assert all(isinstance(r, StockLocation) for r in results), results
    assert StockLocation.objects.filter(vendor=vendor).count() == 1
