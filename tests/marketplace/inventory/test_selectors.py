"""Availability reads: units a shopper can buy, in stock or not, what runs low."""

from __future__ import annotations

from typing import Any, cast

import pytest
from pytest_django import DjangoAssertNumQueries

from marketplace.catalog.models import ProductStatus
from marketplace.inventory.models import Stock
from marketplace.inventory.selectors import (
    variant_is_in_stock,
    variant_quantity_allocated,
    variant_quantity_available,
    variants_quantity_available,
    vendor_low_stock_variants,
)
from tests.factories.catalog import ProductFactory, ProductVariantFactory
from tests.factories.inventory import StockFactory, StockLocationFactory
from tests.factories.vendors import VendorFactory

pytestmark = pytest.mark.django_db


def test_available_units_are_the_stock_less_the_allocated_over_the_vendors_locations() -> None:
    variant = ProductVariantFactory.create()
    vendor = variant.product.vendor
    StockFactory.create(
        variant=variant, location=StockLocationFactory.create(vendor=vendor), quantity=5
    )
    StockFactory.create(
        variant=variant,
        location=StockLocationFactory.create(vendor=vendor),
        quantity=4,
        quantity_allocated=3,
    )
    # A row at another vendor's location does not count.
    Stock.objects.create(variant=variant, location=StockLocationFactory.create(), quantity=100)

    assert variant_quantity_available(variant_id=variant.pk) == 6
    assert variant_quantity_allocated(variant_id=variant.pk) == 3
    assert variant_is_in_stock(variant_id=variant.pk) is True


def test_a_variant_with_everything_allocated_or_no_stock_is_out_of_stock() -> None:
    allocated = StockFactory.create(quantity=2, quantity_allocated=2).variant
    never_stocked = ProductVariantFactory.create()
    assert variant_is_in_stock(variant_id=allocated.pk) is False
    assert variant_is_in_stock(variant_id=never_stocked.pk) is False


def test_availability_of_many_variants_is_one_query(
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    stocks = [StockFactory.create(quantity=n + 1) for n in range(5)]
    unstocked = ProductVariantFactory.create()
    ids = [s.variant_id for s in stocks] + [unstocked.pk]
    with django_assert_max_num_queries(1):
        available = variants_quantity_available(variant_ids=ids)
    assert available == {**{s.variant_id: s.quantity for s in stocks}, unstocked.pk: 0}


def test_low_stock_lists_the_vendors_variants_at_or_below_the_threshold_fewest_first() -> None:
    vendor = VendorFactory.create()
    location = StockLocationFactory.create(vendor=vendor)
    product = ProductFactory.create(vendor=vendor)
    empty = ProductVariantFactory.create(product=product, sku="EMPTY")
    low = ProductVariantFactory.create(product=product, sku="LOW")
    plenty = ProductVariantFactory.create(product=product, sku="PLENTY")
    StockFactory.create(variant=low, location=location, quantity=5, quantity_allocated=3)
    StockFactory.create(variant=plenty, location=location, quantity=50)
    archived = ProductVariantFactory.create(
        product=ProductFactory.create(vendor=vendor, status=ProductStatus.ARCHIVED)
    )
    made_to_order = ProductVariantFactory.create(
        product=ProductFactory.create(vendor=vendor, made_to_order=True)
    )
    others = ProductVariantFactory.create()  # another vendor's

    low_stock = list(vendor_low_stock_variants(vendor_id=vendor.pk, threshold=2))

    assert [(v.sku, cast(Any, v).quantity_available) for v in low_stock] == [
        ("EMPTY", 0),
        ("LOW", 2),
    ]
    listed = {v.pk for v in low_stock}
    assert not listed & {plenty.pk, archived.pk, made_to_order.pk, others.pk}
    assert empty.pk in listed


def test_the_low_stock_list_is_one_query_however_long(
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    vendor = VendorFactory.create()
    location = StockLocationFactory.create(vendor=vendor)
    for _ in range(15):
        StockFactory.create(
            variant=ProductVariantFactory.create(product=ProductFactory.create(vendor=vendor)),
            location=location,
            quantity=1,
        )
    with django_assert_max_num_queries(1):
        rows = [
            (v.product.name_th, cast(Any, v).quantity_available)
            for v in vendor_low_stock_variants(vendor_id=vendor.pk)
        ]
    assert len(rows) == 15
