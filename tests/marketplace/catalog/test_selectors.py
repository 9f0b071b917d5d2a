"""Catalogue reads: what shoppers may see, listing filters, sort orders, stock available."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from marketplace.catalog import selectors
from marketplace.catalog.models import Product, ProductStatus
from marketplace.catalog.selectors import (
    AttributeFilter,
    ProductFilter,
    ProductSortField,
    StockAvailability,
)
from marketplace.vendors.models import VendorStatus
from tests.factories.catalog import (
    AttributeValueFactory,
    CategoryFactory,
    CollectionFactory,
    ProductFactory,
    ProductVariantFactory,
)
from tests.factories.inventory import StockFactory, StockLocationFactory
from tests.factories.vendors import VendorFactory

pytestmark = pytest.mark.django_db


def _product(slug: str, *prices: str, stock: int = 0, **fields: Any) -> Product:
    product = ProductFactory.create(slug=slug, **fields)
    for price in prices:
        variant = ProductVariantFactory.create(product=product, price=Decimal(price))
        if stock:
            StockFactory.create(variant=variant, quantity=stock)
    return product


def _slugs(products: Any) -> list[str]:
    return [product.slug for product in products]


def test_visible_products_are_published_products_of_approved_vendors() -> None:
    _product("visible", "10.00")
    _product("draft", "10.00", status=ProductStatus.DRAFT)
    _product("archived", "10.00", status=ProductStatus.ARCHIVED)
    _product("pending", "10.00", vendor=VendorFactory.create(status=VendorStatus.PENDING))
    suspended = _product(
        "suspended", "10.00", vendor=VendorFactory.create(status=VendorStatus.SUSPENDED)
    )

    assert _slugs(selectors.shopper_visible_products()) == ["visible"]
    assert selectors.product_get_visible(slug="suspended") is None
    assert selectors.product_get_visible(slug="visible") is not None
    assert selectors.variant_get_visible(sku=suspended.variants.get().sku) is None


def test_visible_vendors_and_collections() -> None:
    VendorFactory.create(slug="approved")
    VendorFactory.create(slug="pending", status=VendorStatus.PENDING)
    VendorFactory.create(slug="suspended", status=VendorStatus.SUSPENDED)
    CollectionFactory.create(slug="published")
    CollectionFactory.create(slug="hidden", is_published=False)

    assert _slugs(selectors.shopper_visible_vendors()) == ["approved"]
    assert selectors.vendor_get_visible(slug="pending") is None
    assert _slugs(selectors.shopper_visible_collections()) == ["published"]
    assert selectors.collection_get_visible(slug="hidden") is None


def test_category_subtree_and_ancestors_follow_the_materialised_path() -> None:
    root = CategoryFactory.create()
    child = CategoryFactory.create(parent=root)
    grandchild = CategoryFactory.create(parent=child)
    other = CategoryFactory.create()
    # An id that is a prefix of another id's digits must not match it ("1/" vs "11/").
    CategoryFactory.create(parent=other)

    subtree = set(selectors.category_subtree_ids([child.pk]).values_list("id", flat=True))
    assert subtree == {child.pk, grandchild.pk}
    assert selectors.category_ancestor_ids(grandchild) == [root.pk, child.pk]
    assert selectors.category_ancestor_ids(root) == []


def test_filters_combine_with_and() -> None:
    silk = AttributeValueFactory.create()
    category = CategoryFactory.create()
    match = _product("match", "500.00", stock=2, category=category)
    match.attribute_values.add(silk)
    _product("wrong-category", "500.00", stock=2).attribute_values.add(silk)
    _product("too-dear", "5000.00", stock=2, category=category).attribute_values.add(silk)
    _product("no-stock", "500.00", category=category).attribute_values.add(silk)
    _product("no-attribute", "500.00", stock=2, category=category)

    filters = ProductFilter(
        category_ids=(category.pk,),
        price_lte=Decimal("1000"),
        stock_availability=StockAvailability.IN_STOCK,
        attributes=(AttributeFilter("material", ("silk",)),),
    )

    assert _slugs(selectors.product_list(filters)) == ["match"]
    assert _slugs(selectors.product_list(ProductFilter(search="  "))) != []


@pytest.mark.parametrize("descending", [False, True])
def test_price_sort_puts_products_without_variants_last(descending: bool) -> None:
    _product("cheap", "10.00")
    _product("dear", "90.00", "5.00")  # cheapest variant 5.00
    _product("middle", "50.00")
    _product("no-variant")

    products, columns = selectors.product_sorting(
        selectors.shopper_visible_products(),
        field=ProductSortField.PRICE,
        descending=descending,
        language="th",
    )
    ordered = _slugs(
        products.order_by(*[c.name if not c.descending else f"-{c.name}" for c in columns])
    )

    priced = ["dear", "cheap", "middle"]
    assert ordered == (priced[::-1] if descending else priced) + ["no-variant"]
    assert columns[-1].name == "id"


def test_every_sort_ends_with_the_id_to_break_ties() -> None:
    for field in ProductSortField:
        _, columns = selectors.product_sorting(
            Product.objects.all(), field=field, descending=True, language="en", search="silk"
        )
        assert columns[-1].name == "id"
        assert all(column.descending for column in columns[1:])


def test_quantity_available_sums_locations_minus_allocations() -> None:
    product = _product("silk", "10.00")
    variant = product.variants.get()
    StockFactory.create(variant=variant, quantity=5, quantity_allocated=2)
    StockFactory.create(
        variant=variant, location=StockLocationFactory.create(vendor=product.vendor), quantity=4
    )
    empty = ProductVariantFactory.create(product=product)

    assert selectors.variants_quantity_available([variant.pk, empty.pk]) == {
        variant.pk: 7,
        empty.pk: 0,
    }


def test_a_filtered_listing_is_one_query(django_assert_num_queries: Any) -> None:
    for index in range(5):
        _product(f"p{index}", "100.00", stock=1)

    filters = ProductFilter(
        price_gte=Decimal("1"),
        stock_availability=StockAvailability.IN_STOCK,
        attributes=(AttributeFilter("material"),),
        search="ผ้า",
    )
    with django_assert_num_queries(1):
        list(selectors.product_list(filters))
