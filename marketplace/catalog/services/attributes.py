"""Writes to product types and the attributes (material, technique, colour…) they use."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.db.models import Max

from marketplace.catalog.errors import CatalogErrorCode
from marketplace.catalog.models import (
    Attribute,
    AttributeInputType,
    AttributeValue,
    ProductType,
)
from marketplace.catalog.services.shared import (
    clean_text,
    full_clean,
    lock,
    save_or_raise,
    unique_slug,
)


def attribute_create(
    *,
    name_th: str,
    name_en: str = "",
    slug: str | None = None,
    input_type: str = AttributeInputType.DROPDOWN,
    filterable: bool = True,
) -> Attribute:
    """Create an attribute (material, technique, colour…) that product types can use."""
    with transaction.atomic():
        attribute = Attribute(
            name_th=clean_text(name_th),
            name_en=clean_text(name_en),
            input_type=input_type,
            filterable=filterable,
        )
        attribute.slug = unique_slug(
            Attribute.objects.all(),
            explicit=slug,
            names=[attribute.name_en, attribute.name_th],
            max_length=64,
            fallback="attribute",
        )
        full_clean(attribute)
        save_or_raise(attribute, unique_field="slug", code=CatalogErrorCode.SLUG_TAKEN)
        return attribute


def attribute_value_create(
    *,
    attribute: Attribute,
    name_th: str,
    name_en: str = "",
    slug: str | None = None,
    sort_order: int | None = None,
) -> AttributeValue:
    """Add a value to an attribute; the slug is unique within the attribute. Without a
    `sort_order` the value goes last."""
    with transaction.atomic():
        attribute = lock(attribute)
        if sort_order is None:
            last = attribute.values.aggregate(last=Max("sort_order"))["last"]
            sort_order = 0 if last is None else last + 1
        value = AttributeValue(
            attribute=attribute,
            name_th=clean_text(name_th),
            name_en=clean_text(name_en),
            sort_order=sort_order,
        )
        value.slug = unique_slug(
            attribute.values.all(),
            explicit=slug,
            names=[value.name_en, value.name_th],
            max_length=100,
            fallback="value",
        )
        full_clean(value)
        save_or_raise(value, unique_field="slug", code=CatalogErrorCode.SLUG_TAKEN)
        return value


def product_type_create(
    *,
    name_th: str,
    name_en: str = "",
    slug: str | None = None,
    has_variants: bool = True,
    product_attributes: Sequence[Attribute] = (),
    variant_attributes: Sequence[Attribute] = (),
) -> ProductType:
    """Create a product type with the attributes its products and its variants are described by."""
    with transaction.atomic():
        product_type = ProductType(
            name_th=clean_text(name_th), name_en=clean_text(name_en), has_variants=has_variants
        )
        product_type.slug = unique_slug(
            ProductType.objects.all(),
            explicit=slug,
            names=[product_type.name_en, product_type.name_th],
            max_length=100,
            fallback="product-type",
        )
        full_clean(product_type)
        save_or_raise(product_type, unique_field="slug", code=CatalogErrorCode.SLUG_TAKEN)
        product_type.product_attributes.set(product_attributes)
        product_type.variant_attributes.set(variant_attributes)
        return product_type
