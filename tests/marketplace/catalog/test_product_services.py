"""Products: creation, slugs, rich text, attribute values, status changes, duplication."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import IntegrityError

from marketplace.catalog.errors import CatalogError, CatalogErrorCode
from marketplace.catalog.models import AttributeInputType, Product, ProductStatus
from marketplace.catalog.services import (
    attribute_create,
    attribute_value_create,
    product_archive,
    product_create,
    product_duplicate,
    product_publish,
    product_type_create,
    product_unpublish,
    product_update,
    variant_create,
)
from tests.factories.catalog import CategoryFactory, ProductFactory, ProductTypeFactory
from tests.factories.vendors import VendorFactory

pytestmark = pytest.mark.django_db


def make_product(**overrides: object) -> Product:
    fields: dict[str, object] = {
        "vendor": VendorFactory.create(),
        "product_type": ProductTypeFactory.create(),
        "category": CategoryFactory.create(),
        "name_th": "ผ้าไหมยกดอกลำพูน",
        "name_en": "Lamphun silk brocade",
    }
    fields.update(overrides)
    return product_create(**fields)  # type: ignore[arg-type]


def test_a_new_product_is_a_draft_with_a_slug_from_its_english_name() -> None:
    product = make_product()
    assert product.status == ProductStatus.DRAFT
    assert product.slug == "lamphun-silk-brocade"
    assert product.published_at is None


def test_a_product_without_an_english_name_gets_a_thai_slug_with_its_marks_kept() -> None:
    product = make_product(name_en="", name_th="ผ้าไหมยกดอก ลายดอกพิกุล")
    assert product.slug == "ผ้าไหมยกดอก-ลายดอกพิกุล"
    product.refresh_from_db()
    assert product.slug == "ผ้าไหมยกดอก-ลายดอกพิกุล"


def test_two_products_with_the_same_name_get_different_slugs() -> None:
    vendor = VendorFactory.create()
    first = make_product(vendor=vendor)
    second = make_product(vendor=vendor)
    third = make_product()
    assert [first.slug, second.slug, third.slug] == [
        "lamphun-silk-brocade",
        "lamphun-silk-brocade-2",
        "lamphun-silk-brocade-3",
    ]


def test_an_explicit_slug_already_in_use_is_refused() -> None:
    make_product()
    with pytest.raises(CatalogError) as caught:
        make_product(slug="lamphun-silk-brocade")
    assert (caught.value.code, caught.value.field) == (CatalogErrorCode.SLUG_TAKEN, "slug")


def test_the_database_refuses_a_duplicate_slug_written_directly() -> None:
    product = make_product()
    with pytest.raises(IntegrityError):
        ProductFactory.create(slug=product.slug)


def test_descriptions_are_sanitised_before_they_are_stored() -> None:
    product = make_product(
        description_th='<p>ทอมือ<img src=x onerror="alert(1)"></p><script>alert(1)</script>',
        description_en='<p><a href="javascript:alert(1)">care</a></p>',
    )
    product.refresh_from_db()
    assert product.description_th == "<p>ทอมือ</p>"
    assert "javascript" not in product.description_en
    assert "<script" not in product.description_th


def test_updating_sanitises_and_keeps_the_slug_unless_one_is_given() -> None:
    product = make_product()
    updated = product_update(
        product=product, name_en="Silk brocade scarf", description_en="<p onclick='x'>Soft</p>"
    )
    assert updated.slug == "lamphun-silk-brocade"
    assert updated.name_en == "Silk brocade scarf"
    assert updated.description_en == "<p>Soft</p>"
    renamed = product_update(product=product, slug="silk-brocade-scarf")
    assert renamed.slug == "silk-brocade-scarf"


def test_updating_to_another_products_slug_is_refused() -> None:
    first = make_product()
    second = make_product(name_en="Cotton scarf")
    with pytest.raises(CatalogError) as caught:
        product_update(product=second, slug=first.slug)
    assert caught.value.code == CatalogErrorCode.SLUG_TAKEN


@pytest.fixture
def textile_type() -> dict[str, Any]:
    material = attribute_create(name_th="วัสดุ", name_en="Material")
    colour = attribute_create(
        name_th="สี", name_en="Colour", input_type=AttributeInputType.MULTISELECT
    )
    size = attribute_create(name_th="ขนาด", name_en="Size")
    silk = attribute_value_create(attribute=material, name_th="ไหม", name_en="Silk")
    cotton = attribute_value_create(attribute=material, name_th="ฝ้าย", name_en="Cotton")
    red = attribute_value_create(attribute=colour, name_th="แดง", name_en="Red")
    gold = attribute_value_create(attribute=colour, name_th="ทอง", name_en="Gold")
    two_metres = attribute_value_create(attribute=size, name_th="2 เมตร", name_en="2 m")
    product_type = product_type_create(
        name_th="ผ้าทอ",
        name_en="Woven cloth",
        product_attributes=[material, colour],
        variant_attributes=[size],
    )
    return {
        "type": product_type,
        "silk": silk,
        "cotton": cotton,
        "red": red,
        "gold": gold,
        "two_metres": two_metres,
    }


def test_attribute_values_of_the_type_are_stored(textile_type: dict[str, Any]) -> None:
    product = make_product(
        product_type=textile_type["type"],
        attribute_values=[textile_type["silk"], textile_type["red"], textile_type["gold"]],
    )
    assert {v.name_en for v in product.attribute_values.all()} == {"Silk", "Red", "Gold"}


def test_a_value_of_an_attribute_outside_the_product_type_is_refused(
    textile_type: dict[str, Any],
) -> None:
    with pytest.raises(CatalogError) as caught:
        make_product(
            product_type=textile_type["type"], attribute_values=[textile_type["two_metres"]]
        )
    assert caught.value.code == CatalogErrorCode.ATTRIBUTE_NOT_IN_PRODUCT_TYPE
    assert caught.value.field == "attribute_values"
    assert not Product.objects.exists()


def test_two_values_of_a_dropdown_attribute_are_refused(textile_type: dict[str, Any]) -> None:
    product = make_product(product_type=textile_type["type"])
    with pytest.raises(CatalogError) as caught:
        product_update(
            product=product, attribute_values=[textile_type["silk"], textile_type["cotton"]]
        )
    assert caught.value.code == CatalogErrorCode.ATTRIBUTE_SINGLE_VALUE


def test_attribute_value_slugs_are_unique_per_attribute_only() -> None:
    material = attribute_create(name_th="วัสดุ", name_en="Material")
    colour = attribute_create(name_th="สี", name_en="Colour")
    first = attribute_value_create(attribute=material, name_th="ไหม", name_en="Silk")
    again = attribute_value_create(attribute=material, name_th="ไหมแท้", name_en="Silk")
    other = attribute_value_create(attribute=colour, name_th="สีไหม", name_en="Silk")
    assert (first.slug, again.slug, other.slug) == ("silk", "silk-2", "silk")
    assert (first.sort_order, again.sort_order) == (0, 1)


def test_publishing_needs_a_variant_with_a_price() -> None:
    product = make_product()
    with pytest.raises(CatalogError) as caught:
        product_publish(product=product)
    assert caught.value.code == CatalogErrorCode.PRODUCT_WITHOUT_PRICED_VARIANT
    product.refresh_from_db()
    assert product.status == ProductStatus.DRAFT


def test_publishing_a_product_with_a_variant_makes_it_published() -> None:
    product = make_product()
    variant_create(product=product, sku="LPN-001", price=Decimal("1850"))
    published = product_publish(product=product)
    assert published.status == ProductStatus.PUBLISHED
    assert published.published_at is not None


def test_publishing_an_archived_product_is_refused() -> None:
    product = make_product()
    variant_create(product=product, sku="LPN-001", price=Decimal("1850"))
    product_archive(product=product)
    with pytest.raises(CatalogError) as caught:
        product_publish(product=product)
    assert caught.value.code == CatalogErrorCode.PRODUCT_ARCHIVED
    product.refresh_from_db()
    assert product.status == ProductStatus.ARCHIVED


def test_unpublishing_returns_a_product_to_draft_and_restores_an_archived_one() -> None:
    product = make_product()
    variant_create(product=product, sku="LPN-001", price=Decimal("1850"))
    product_publish(product=product)
    assert product_unpublish(product=product).status == ProductStatus.DRAFT
    product_archive(product=product)
    assert product_unpublish(product=product).status == ProductStatus.DRAFT


def test_duplicating_copies_the_product_and_variants_as_a_draft_with_new_skus(
    textile_type: dict[str, Any],
) -> None:
    product = make_product(
        product_type=textile_type["type"], attribute_values=[textile_type["silk"]]
    )
    variant_create(
        product=product,
        sku="LPN-001",
        price=Decimal("1850"),
        compare_at_price=Decimal("2000"),
        attribute_values=[textile_type["two_metres"]],
    )
    variant_create(product=product, sku="LPN-002", price=Decimal("950"))
    product_publish(product=product)

    copy = product_duplicate(product=product)
    second_copy = product_duplicate(product=product)

    assert copy.pk != product.pk
    assert copy.status == ProductStatus.DRAFT
    assert copy.slug == "lamphun-silk-brocade-2"
    assert copy.name_th == product.name_th
    assert [v.name_en for v in copy.attribute_values.all()] == ["Silk"]
    variants = list(copy.variants.order_by("sort_order"))
    assert [(v.sku, v.price, v.compare_at_price) for v in variants] == [
        ("LPN-001-COPY", Decimal("1850.00"), Decimal("2000.00")),
        ("LPN-002-COPY", Decimal("950.00"), None),
    ]
    assert [v.name_en for v in variants[0].attribute_values.all()] == ["2 m"]
    assert sorted(second_copy.variants.values_list("sku", flat=True)) == [
        "LPN-001-COPY2",
        "LPN-002-COPY2",
    ]
    assert product.variants.count() == 2
