"""Sizes and colours: the attribute values a portal form or a sheet row names, made when first
needed, and the general product type they belong to."""

from __future__ import annotations

from collections.abc import Iterable

from marketplace.catalog.imports.columns import COLOUR_SLUG, GENERAL_TYPE_SLUG, SIZE_SLUG, normal
from marketplace.catalog.models import Attribute, AttributeValue, ProductType
from marketplace.catalog.services import (
    attribute_create,
    attribute_value_create,
    product_type_create,
)


def _attribute(slug: str, name_th: str, name_en: str) -> Attribute:
    found = Attribute.objects.filter(slug=slug).first()
    return found or attribute_create(name_th=name_th, name_en=name_en, slug=slug)


def general_product_type() -> ProductType:
    """The product type for listings made in the portal or by import when no other fits: sold in
    variants by size and colour. Made once, when first needed."""
    found = ProductType.objects.filter(slug=GENERAL_TYPE_SLUG).first()
    if found is not None:
        return found
    return product_type_create(
        name_th="สินค้าทั่วไป",
        name_en="General",
        slug=GENERAL_TYPE_SLUG,
        variant_attributes=[
            _attribute(SIZE_SLUG, "ขนาด", "Size"),
            _attribute(COLOUR_SLUG, "สี", "Colour"),
        ],
    )


def choice_values(
    *, sizes: Iterable[str], colours: Iterable[str]
) -> dict[tuple[str, str], AttributeValue]:
    """The attribute values for these sizes and colours, keyed by (attribute slug, normalised
    text); a value not known yet is added to the attribute. Two queries when all are known."""
    wanted = {(SIZE_SLUG, t) for t in sizes if t} | {(COLOUR_SLUG, t) for t in colours if t}
    if not wanted:
        return {}
    attributes = {
        SIZE_SLUG: _attribute(SIZE_SLUG, "ขนาด", "Size")
        if any(s == SIZE_SLUG for s, _t in wanted)
        else None,
        COLOUR_SLUG: _attribute(COLOUR_SLUG, "สี", "Colour")
        if any(s == COLOUR_SLUG for s, _t in wanted)
        else None,
    }
    known: dict[tuple[str, str], AttributeValue] = {}
    values = AttributeValue.objects.filter(
        attribute__slug__in=[s for s, a in attributes.items() if a]
    ).select_related("attribute")
    for value in values:
        for name in (value.slug, value.name_en, value.name_th):
            if name:
                known.setdefault((value.attribute.slug, normal(name)), value)
    found: dict[tuple[str, str], AttributeValue] = {}
    for slug, text in sorted(wanted):
        key = (slug, normal(text))
        if key not in known:
            attribute = attributes[slug]
            if attribute is None:
                continue
            known[key] = attribute_value_create(attribute=attribute, name_th=text)
        found[key] = known[key]
    return found


def variant_name(size: str, colour: str) -> str:
    return " / ".join(part for part in (size.strip(), colour.strip()) if part)
