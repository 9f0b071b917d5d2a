"""Inputs of the product and variant mutations, and their translation into service arguments."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.graphql.catalog.mutations.base import (
    AttributeValueInput,
    attribute_values_of,
    category_of,
)


class ProductInput(graphene.InputObjectType):
    """What a vendor may change on a product; fields left out stay as they are."""

    name = graphene.String(description="Name in Thai (the storefront's default language).")
    name_en = graphene.String(description="Name in English (optional; Thai is shown instead).")
    description = graphene.String(description="Description in Thai; HTML is sanitised.")
    description_en = graphene.String(description="Description in English; HTML is sanitised.")
    slug = graphene.String(description="Made from the name when left out at creation.")
    category = graphene.ID(description="ID of the category.")
    attributes = graphene.List(
        graphene.NonNull(AttributeValueInput),
        description="Product attribute values (replace the current ones).",
    )
    maker = graphene.String(description="Who made it.")
    materials = graphene.String()
    lead_time_days = graphene.Int(description="Days before it ships.")
    made_to_order = graphene.Boolean()


class ProductCreateInput(ProductInput):
    vendor = graphene.ID(required=True, description="ID of a shop you are a member of.")
    product_type = graphene.ID(required=True, description="ID of the product type.")
    category = graphene.ID(required=True, description="ID of the category.")
    name = graphene.String(
        required=True, description="Name in Thai (the storefront's default language)."
    )


def product_fields(data: dict[str, Any]) -> dict[str, Any]:
    """Keyword arguments of `product_create` / `product_update` for the fields given."""
    fields: dict[str, Any] = {
        service_name: data[api_name]
        for api_name, service_name in (
            ("name", "name_th"),
            ("name_en", "name_en"),
            ("description", "description_th"),
            ("description_en", "description_en"),
            ("slug", "slug"),
            ("maker", "maker"),
            ("materials", "materials"),
            ("lead_time_days", "lead_time_days"),
            ("made_to_order", "made_to_order"),
        )
        if data.get(api_name) is not None
    }
    if data.get("category") is not None:
        fields["category"] = category_of(data["category"])
    if data.get("attributes") is not None:
        fields["attribute_values"] = attribute_values_of(data["attributes"])
    return fields


class ProductVariantInput(graphene.InputObjectType):
    """What a vendor may change on a variant; fields left out stay as they are."""

    sku = graphene.String(description="Unique over the whole marketplace.")
    name = graphene.String(description="E.g. the size or colour, as shoppers read it.")
    price = graphene.Decimal(description="Price in THB.")
    compare_at_price = graphene.Decimal(
        description="An earlier, higher price shown struck out; null removes it."
    )
    weight_grams = graphene.Int(description="Weight in grams, for the delivery price.")
    attributes = graphene.List(
        graphene.NonNull(AttributeValueInput),
        description="Variant attribute values, e.g. size and colour (replace the current ones).",
    )


class ProductVariantCreateInput(ProductVariantInput):
    product = graphene.ID(required=True, description="ID of a product of your shop.")
    sku = graphene.String(required=True, description="Unique over the whole marketplace.")
    price = graphene.Decimal(required=True, description="Price in THB.")


def variant_fields(data: dict[str, Any]) -> dict[str, Any]:
    """Keyword arguments of `variant_create` / `variant_update` for the fields given
    (`compareAtPrice: null` is passed on: it removes the compare-at price)."""
    fields: dict[str, Any] = {
        name: data[name]
        for name in ("sku", "name", "price", "weight_grams")
        if data.get(name) is not None
    }
    if "compare_at_price" in data:
        fields["compare_at_price"] = data["compare_at_price"]
    if data.get("attributes") is not None:
        fields["attribute_values"] = attribute_values_of(data["attributes"])
    return fields
