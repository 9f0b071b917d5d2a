"""Variants: SKU uniqueness, prices, attribute values, deletion rules."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import IntegrityError

from marketplace.catalog.errors import CatalogError, CatalogErrorCode
from marketplace.catalog.models import ProductStatus, ProductVariant
from marketplace.catalog.services import (
    attribute_create,
    attribute_value_create,
    product_type_create,
    variant_create,
    variant_delete,
    variant_update,
)
from tests.factories.catalog import ProductFactory, ProductVariantFactory
from tests.factories.inventory import StockFactory

pytestmark = pytest.mark.django_db


def test_a_variant_is_created_with_its_price_rounded_to_satang() -> None:
    product = ProductFactory.create(status=ProductStatus.DRAFT)
    variant = variant_create(
        product=product, sku=" LPN-001 ", price="1850.005", compare_at_price="2100"
    )
    variant.refresh_from_db()
    assert variant.sku == "LPN-001"
    assert variant.price == Decimal("1850.01")
    assert variant.compare_at_price == Decimal("2100.00")


def test_a_duplicate_sku_is_refused_with_a_clear_error() -> None:
    ProductVariantFactory.create(sku="LPN-001")
    with pytest.raises(CatalogError) as caught:
        variant_create(product=ProductFactory.create(), sku="LPN-001", price=Decimal("10"))
    assert caught.value.code == CatalogErrorCode.SKU_TAKEN
    assert caught.value.field == "sku"
    assert "LPN-001" in caught.value.message


def test_changing_a_sku_to_one_in_use_is_refused() -> None:
    ProductVariantFactory.create(sku="LPN-001")
    variant = ProductVariantFactory.create(sku="LPN-002")
    with pytest.raises(CatalogError) as caught:
        variant_update(variant=variant, sku="LPN-001")
    assert caught.value.code == CatalogErrorCode.SKU_TAKEN
    variant.refresh_from_db()
    assert variant.sku == "LPN-002"


def test_the_database_refuses_a_duplicate_sku_written_directly() -> None:
    ProductVariantFactory.create(sku="LPN-001")
    with pytest.raises(IntegrityError):
        ProductVariantFactory.create(sku="LPN-001")


def test_the_database_refuses_a_negative_price_written_directly() -> None:
    with pytest.raises(IntegrityError):
        ProductVariantFactory.create(price=Decimal("-1"))


def test_a_negative_price_is_refused() -> None:
    with pytest.raises(CatalogError) as caught:
        variant_create(product=ProductFactory.create(), sku="LPN-001", price=Decimal("-0.01"))
    assert (caught.value.code, caught.value.field) == (CatalogErrorCode.PRICE_NEGATIVE, "price")


@pytest.mark.parametrize("price", ["abc", "NaN", "Infinity"])
def test_a_price_that_is_not_a_number_is_refused(price: str) -> None:
    with pytest.raises(CatalogError) as caught:
        variant_create(product=ProductFactory.create(), sku="LPN-001", price=price)
    assert (caught.value.code, caught.value.field) == (CatalogErrorCode.INVALID, "price")


def test_a_free_variant_is_allowed() -> None:
    variant = variant_create(product=ProductFactory.create(), sku="SAMPLE", price=Decimal("0"))
    assert variant.price == Decimal("0.00")


@pytest.mark.parametrize("compare_at", [Decimal("1850"), Decimal("1000")])
def test_a_compare_at_price_not_above_the_price_is_refused(compare_at: Decimal) -> None:
    with pytest.raises(CatalogError) as caught:
        variant_create(
            product=ProductFactory.create(),
            sku="LPN-001",
            price=Decimal("1850"),
            compare_at_price=compare_at,
        )
    assert caught.value.code == CatalogErrorCode.COMPARE_AT_PRICE_NOT_ABOVE_PRICE
    assert caught.value.field == "compare_at_price"


def test_raising_the_price_above_the_compare_at_price_is_refused() -> None:
    variant = variant_create(
        product=ProductFactory.create(), sku="LPN-001", price=Decimal("100"), compare_at_price="150"
    )
    with pytest.raises(CatalogError) as caught:
        variant_update(variant=variant, price=Decimal("150"))
    assert caught.value.code == CatalogErrorCode.COMPARE_AT_PRICE_NOT_ABOVE_PRICE
    cleared = variant_update(variant=variant, price=Decimal("150"), compare_at_price=None)
    assert (cleared.price, cleared.compare_at_price) == (Decimal("150.00"), None)


def test_variant_attribute_values_must_belong_to_the_types_variant_attributes() -> None:
    size = attribute_create(name_th="ขนาด", name_en="Size")
    material = attribute_create(name_th="วัสดุ", name_en="Material")
    large = attribute_value_create(attribute=size, name_th="ใหญ่", name_en="Large")
    silk = attribute_value_create(attribute=material, name_th="ไหม", name_en="Silk")
    product_type = product_type_create(
        name_th="ผ้า", name_en="Cloth", product_attributes=[material], variant_attributes=[size]
    )
    product = ProductFactory.create(product_type=product_type)

    variant = variant_create(product=product, sku="A", price=1, attribute_values=[large])
    assert list(variant.attribute_values.all()) == [large]
    with pytest.raises(CatalogError) as caught:
        variant_create(product=product, sku="B", price=1, attribute_values=[silk])
    assert caught.value.code == CatalogErrorCode.ATTRIBUTE_NOT_IN_PRODUCT_TYPE
    assert not ProductVariant.objects.filter(sku="B").exists()


def test_a_product_type_without_variants_takes_a_single_variant() -> None:
    product_type = product_type_create(
        name_th="ลำไยอบแห้ง", name_en="Dried longan", has_variants=False
    )
    product = ProductFactory.create(product_type=product_type)
    variant_create(product=product, sku="LONGAN-500", price=Decimal("120"))
    with pytest.raises(CatalogError) as caught:
        variant_create(product=product, sku="LONGAN-1000", price=Decimal("220"))
    assert caught.value.code == CatalogErrorCode.PRODUCT_TYPE_HAS_NO_VARIANTS


def test_new_variants_go_last() -> None:
    product = ProductFactory.create()
    skus = [variant_create(product=product, sku=f"V{n}", price=1).sort_order for n in range(3)]
    assert skus == [0, 1, 2]


def test_deleting_a_variant_removes_it_and_its_stock() -> None:
    product = ProductFactory.create(status=ProductStatus.DRAFT)
    variant = ProductVariantFactory.create(product=product)
    StockFactory.create(variant=variant, quantity=5)
    variant_delete(variant=variant)
    assert not ProductVariant.objects.filter(pk=variant.pk).exists()


def test_deleting_a_variant_with_allocated_stock_is_refused() -> None:
    variant = ProductVariantFactory.create(
        product=ProductFactory.create(status=ProductStatus.DRAFT)
    )
    StockFactory.create(variant=variant, quantity=5, quantity_allocated=2)
    with pytest.raises(CatalogError) as caught:
        variant_delete(variant=variant)
    assert caught.value.code == CatalogErrorCode.VARIANT_HAS_ALLOCATED_STOCK
    assert ProductVariant.objects.filter(pk=variant.pk).exists()


def test_deleting_the_last_variant_of_a_published_product_is_refused() -> None:
    product = ProductFactory.create(status=ProductStatus.PUBLISHED)
    first = ProductVariantFactory.create(product=product)
    second = ProductVariantFactory.create(product=product)
    variant_delete(variant=first)
    with pytest.raises(CatalogError) as caught:
        variant_delete(variant=second)
    assert caught.value.code == CatalogErrorCode.LAST_VARIANT_OF_PUBLISHED_PRODUCT
    assert ProductVariant.objects.filter(pk=second.pk).exists()
