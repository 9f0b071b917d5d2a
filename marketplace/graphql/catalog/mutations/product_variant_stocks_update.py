from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog.models import ProductVariant
from marketplace.graphql.catalog.mutations.base import (
    ProductBaseMutation,
    member_variant,
    not_found,
)
from marketplace.graphql.catalog.types import ProductVariantType
from marketplace.graphql.core.ids import pk_from_global_id
from marketplace.inventory.models import Stock, StockLocation
from marketplace.inventory.services import location_default_for_vendor, stock_set_at_locations


class StockLocationType(graphene.ObjectType):
    """A place where a shop keeps goods; parcels ship from here."""

    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    is_default = graphene.Boolean(required=True)

    class Meta:
        name = "StockLocation"

    @staticmethod
    def resolve_id(root: StockLocation, info: graphene.ResolveInfo) -> str:
        return graphene.Node.to_global_id("StockLocation", root.pk)


class StockType(graphene.ObjectType):
    """Units of a variant at one of the shop's locations."""

    location = graphene.Field(StockLocationType, required=True)
    quantity = graphene.Int(required=True, description="Units on the shelf.")
    quantity_allocated = graphene.Int(required=True, description="Units reserved for orders.")

    class Meta:
        name = "Stock"


class StockInput(graphene.InputObjectType):
    location = graphene.ID(description="ID of a location of your shop; the default when left out.")
    quantity = graphene.Int(required=True, description="Units on the shelf after a count.")


def _location(variant: ProductVariant, global_id: str | None) -> StockLocation:
    """A location of the variant's shop by ID, or the shop's default one (a shop counting stock
    for the first time gets one at its own address, as the portal's import does)."""
    vendor = variant.product.vendor
    if not global_id:
        return location_default_for_vendor(vendor=vendor)
    pk = pk_from_global_id(global_id, "StockLocation")
    location = StockLocation.objects.filter(vendor=vendor, pk=pk).first() if pk else None
    if location is None:
        raise not_found("location")
    return location


class ProductVariantStocksUpdate(ProductBaseMutation):
    """Set the units of a variant of your shop at its locations (after a stock count). All the
    quantities are set, or none when one is refused (e.g. below the units reserved for orders)."""

    product_variant = graphene.Field(ProductVariantType)
    stocks = graphene.List(graphene.NonNull(StockType))

    class Arguments:
        variant_id = graphene.ID(required=True, description="ID of the variant.")
        stocks = graphene.List(graphene.NonNull(StockInput), required=True)

    @classmethod
    def perform_mutation(
        cls,
        root: Any,
        info: graphene.ResolveInfo,
        variant_id: str,
        stocks: list[dict[str, Any]],
    ) -> ProductVariantStocksUpdate:
        variant = member_variant(info, variant_id, field="variantId")
        quantities = {_location(variant, item.get("location")): item["quantity"] for item in stocks}
        stock_set_at_locations(variant=variant, quantities=quantities)
        rows = Stock.objects.filter(variant=variant, location__vendor_id=variant.product.vendor_id)
        return ProductVariantStocksUpdate(
            product_variant=variant,
            stocks=list(rows.select_related("location").order_by("location_id")),
        )
