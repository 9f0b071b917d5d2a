"""`product_offer`: which variant a product page offers, its stock state, and whether it can be
bought."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pytest_django.fixtures import DjangoAssertNumQueries, Settings

from marketplace.catalog.models import Product, ProductVariant
from marketplace.catalog.selectors import StockState, product_offer
from tests.factories.catalog import ProductFactory, ProductVariantFactory
from tests.factories.inventory import StockFactory

pytestmark = pytest.mark.django_db


def variants_with_stock(product: Product, *stock: int) -> list[ProductVariant]:
    variants = []
    for quantity in stock:
        variant = ProductVariantFactory.create(product=product, price=Decimal("100"))
        StockFactory.create(variant=variant, quantity=quantity)
        variants.append(variant)
    return variants


def test_the_first_variant_with_units_is_offered_first() -> None:
    product = ProductFactory.create()
    sold_out, in_stock = variants_with_stock(product, 0, 7)
    offer = product_offer(product=product, variants=[sold_out, in_stock])
    assert offer.chosen is not None and offer.chosen.variant == in_stock
    assert offer.can_buy and offer.in_stock


def test_the_variant_the_shopper_picked_is_offered_even_when_sold_out() -> None:
    product = ProductFactory.create()
    sold_out, in_stock = variants_with_stock(product, 0, 7)
    offer = product_offer(
        product=product, variants=[sold_out, in_stock], requested_variant=str(sold_out.pk)
    )
    assert offer.chosen is not None and offer.chosen.variant == sold_out
    assert offer.chosen.state == StockState.OUT_OF_STOCK
    assert not offer.can_buy


def test_units_reserved_for_orders_are_not_offered(settings: Settings) -> None:
    settings.KAD_LOW_STOCK_THRESHOLD = 3
    product = ProductFactory.create()
    variant = ProductVariantFactory.create(product=product)
    StockFactory.create(variant=variant, quantity=5, quantity_allocated=3)
    offer = product_offer(product=product, variants=[variant])
    assert offer.chosen is not None
    assert (offer.chosen.available, offer.chosen.state) == (2, StockState.LOW_STOCK)


def test_a_made_to_order_product_without_units_is_shown_as_such_but_not_offered() -> None:
    # Checkout allocates stock for every line, so zero units of a made-to-order product (the
    # orders its maker can take now) would be refused there: the page must not offer it.
    product = ProductFactory.create(made_to_order=True)
    (variant,) = variants_with_stock(product, 0)
    offer = product_offer(product=product, variants=[variant])
    assert offer.chosen is not None and offer.chosen.state == StockState.MADE_TO_ORDER
    assert not offer.can_buy and not offer.in_stock


def test_a_made_to_order_product_with_units_can_be_ordered() -> None:
    product = ProductFactory.create(made_to_order=True)
    (variant,) = variants_with_stock(product, 2)
    assert product_offer(product=product, variants=[variant]).can_buy


def test_a_product_without_variants_offers_nothing() -> None:
    offer = product_offer(product=ProductFactory.create(), variants=[])
    assert (offer.chosen, offer.can_buy, offer.in_stock) == (None, False, False)


@pytest.mark.parametrize("count", [3, 30])
def test_the_offer_costs_one_query_whatever_the_number_of_variants(
    count: int, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    product = ProductFactory.create()
    variants = variants_with_stock(product, *([1] * count))
    with django_assert_num_queries(1):
        offer = product_offer(product=product, variants=variants)
    assert len(offer.variants) == count
