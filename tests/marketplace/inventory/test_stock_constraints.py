"""The database itself refuses impossible stock, whatever code writes it."""

from __future__ import annotations

import pytest
from django.db import IntegrityError

from marketplace.inventory.models import Stock
from tests.factories.inventory import StockFactory

pytestmark = pytest.mark.django_db


def test_a_negative_quantity_is_refused_by_the_database() -> None:
    stock = StockFactory.create(quantity=1)
    # Either check may fire first: allocated ≥ 0 and allocated ≤ quantity also imply it.
    with pytest.raises(IntegrityError, match=r"inventory_stock_(qty_gte_0|alloc_lte_qty)"):
        Stock.objects.filter(pk=stock.pk).update(quantity=-1)


def test_allocating_more_than_the_quantity_is_refused_by_the_database() -> None:
    stock = StockFactory.create(quantity=3)
    with pytest.raises(IntegrityError, match="inventory_stock_alloc_lte_qty"):
        Stock.objects.filter(pk=stock.pk).update(quantity_allocated=4)


def test_a_negative_allocation_is_refused_by_the_database() -> None:
    stock = StockFactory.create(quantity=3)
    with pytest.raises(IntegrityError, match="inventory_stock_alloc_gte_0"):
        Stock.objects.filter(pk=stock.pk).update(quantity_allocated=-1)


def test_two_rows_for_one_variant_and_location_are_refused_by_the_database() -> None:
    stock = StockFactory.create()
    with pytest.raises(IntegrityError, match="inventory_stock_variant_location"):
        Stock.objects.create(variant=stock.variant, location=stock.location, quantity=1)
