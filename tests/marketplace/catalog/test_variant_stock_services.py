"""`variant_save_with_stock`: a variant with its size, colour, price and stock, all or nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from marketplace.catalog.errors import CatalogError, CatalogErrorCode
from marketplace.catalog.imports import COLOUR_SLUG, SIZE_SLUG, general_product_type
from marketplace.catalog.models import AttributeValue, Product, ProductStatus, ProductVariant
from marketplace.catalog.services import variant_save_with_stock
from marketplace.inventory.errors import InventoryError, InventoryErrorCode
from marketplace.inventory.models import Stock
from tests.factories.catalog import ProductFactory, ProductVariantFactory
from tests.factories.inventory import StockFactory

pytestmark = pytest.mark.django_db


def general_product() -> Product:
    return ProductFactory.create(status=ProductStatus.DRAFT, product_type=general_product_type())


def test_a_new_variant_gets_its_size_colour_name_a_free_sku_and_its_stock() -> None:
    product = general_product()
    variant = variant_save_with_stock(
        product=product, size="2 เมตร", colour="แดง", price="1850", quantity=4
    )
    variant.refresh_from_db()
    assert (variant.name, variant.price, variant.sku) == (
        "2 เมตร / แดง",
        Decimal("1850.00"),
        f"K{product.pk}-1",
    )
    values = {(v.attribute.slug, v.name_th) for v in variant.attribute_values.all()}
    assert values == {(SIZE_SLUG, "2 เมตร"), (COLOUR_SLUG, "แดง")}
    stock = Stock.objects.get(variant=variant)
    assert stock.quantity == 4
    assert stock.location.vendor_id == product.vendor_id


def test_changing_a_variant_keeps_its_sku_and_weight_when_none_is_given() -> None:
    product = general_product()
    variant = ProductVariantFactory.create(product=product, sku="SILK-1", weight_grams=400)
    stock = StockFactory.create(variant=variant, quantity=1)
    variant_save_with_stock(
        product=product, variant=variant, size="", colour="ครีม", price="990.50", quantity=8
    )
    variant.refresh_from_db()
    assert (variant.sku, variant.weight_grams, variant.price, variant.name) == (
        "SILK-1",
        400,
        Decimal("990.50"),
        "ครีม",
    )
    stock.refresh_from_db()
    assert stock.quantity == 8


def test_stock_below_reserved_units_is_refused_and_the_price_and_values_stay() -> None:
    product = general_product()
    variant = ProductVariantFactory.create(product=product, price=Decimal("100"))
    StockFactory.create(variant=variant, quantity=5, quantity_allocated=3)
    with pytest.raises(InventoryError) as caught:
        variant_save_with_stock(
            product=product, variant=variant, size="ใหญ่พิเศษ", colour="", price="200", quantity=1
        )
    assert caught.value.code == InventoryErrorCode.STOCK_BELOW_ALLOCATED
    assert caught.value.field == "quantity"
    variant.refresh_from_db()
    assert variant.price == Decimal("100")
    assert not AttributeValue.objects.filter(name_th="ใหญ่พิเศษ").exists()


def test_a_negative_stock_leaves_no_new_variant_behind() -> None:
    product = general_product()
    with pytest.raises(InventoryError) as caught:
        variant_save_with_stock(product=product, size="เล็ก", colour="", price="100", quantity=-1)
    assert caught.value.code == InventoryErrorCode.INVALID_QUANTITY
    assert not ProductVariant.objects.filter(product=product).exists()
    assert not AttributeValue.objects.filter(name_th="เล็ก").exists()


def test_a_sku_in_use_is_refused_on_sku_and_no_stock_is_set() -> None:
    ProductVariantFactory.create(sku="TAKEN-1")
    product = general_product()
    with pytest.raises(CatalogError) as caught:
        variant_save_with_stock(
            product=product, size="", colour="", price="100", quantity=3, sku="TAKEN-1"
        )
    assert (caught.value.code, caught.value.field) == (CatalogErrorCode.SKU_TAKEN, "sku")
    assert not Stock.objects.filter(variant__product=product).exists()


def test_a_variant_of_another_product_is_refused_and_unchanged() -> None:
    theirs = ProductVariantFactory.create(price=Decimal("100"))
    with pytest.raises(CatalogError) as caught:
        variant_save_with_stock(
            product=general_product(),
            variant=theirs,
            size="",
            colour="",
            price="1",
            quantity=0,
        )
    assert (caught.value.code, caught.value.field) == (CatalogErrorCode.INVALID, "variant")
    theirs.refresh_from_db()
    assert theirs.price == Decimal("100")
    assert not Stock.objects.filter(variant=theirs).exists()
