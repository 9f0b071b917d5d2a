"""The stored price range of a product follows its variants through every write that changes
them, and listings sort and filter by it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from marketplace.catalog import selectors
from marketplace.catalog.models import Product, ProductStatus
from marketplace.catalog.services import variant_create, variant_delete, variant_update
from tests.factories.catalog import ProductFactory, ProductVariantFactory

pytestmark = pytest.mark.django_db


def _prices(product: Product) -> tuple[Decimal | None, Decimal | None]:
    product.refresh_from_db()
    return product.min_price, product.max_price


def test_creating_updating_and_deleting_variants_keeps_the_stored_price_range() -> None:
    product = ProductFactory.create(status=ProductStatus.DRAFT)
    assert _prices(product) == (None, None)
    cheap = variant_create(product=product, sku="P-1", price="350")
    dear = variant_create(product=product, sku="P-2", price="1200.50")
    assert _prices(product) == (Decimal("350.00"), Decimal("1200.50"))
    variant_update(variant=cheap, price="90")
    assert _prices(product) == (Decimal("90.00"), Decimal("1200.50"))
    variant_delete(variant=dear)
    assert _prices(product) == (Decimal("90.00"), Decimal("90.00"))
    variant_delete(variant=cheap)
    assert _prices(product) == (None, None)
    assert not selectors.products_with_stale_prices().exists()


def test_the_consistency_check_names_products_whose_stored_prices_drifted() -> None:
    written_around = ProductVariantFactory.create(price=Decimal("500")).product
    kept = ProductFactory.create(status=ProductStatus.DRAFT)
    variant_create(product=kept, sku="K-1", price="100")
    assert list(selectors.products_with_stale_prices()) == [written_around]


def test_price_sort_uses_the_stored_price_and_the_variants_where_none_is_stored() -> None:
    stored = ProductFactory.create(status=ProductStatus.DRAFT)
    variant_create(product=stored, sku="S-1", price="300")
    unstored = ProductVariantFactory.create(price=Decimal("200")).product
    Product.objects.filter(pk=stored.pk).update(status=ProductStatus.PUBLISHED)
    products, columns = selectors.product_sorting(
        selectors.product_list(selectors.ProductFilter()),
        field=selectors.ProductSortField.PRICE,
        descending=False,
        language="th",
    )
    ordered = list(products.order_by(*[("-" if c.descending else "") + c.name for c in columns]))
    assert ordered.index(unstored) < ordered.index(stored)
