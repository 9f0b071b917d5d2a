from __future__ import annotations

from typing import Any

import graphene
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.errors import CatalogError, CatalogErrorCode
from marketplace.catalog.models import ProductVariant
from marketplace.graphql.catalog.mutations.base import (
    ProductBaseMutation,
    member_variant,
    not_found,
)
from marketplace.graphql.catalog.types import ProductVariantType
from marketplace.graphql.core.ids import pk_from_global_id
from marketplace.inventory.models import Stock, StockLocation
from marketplace.inventory.services import location_create, stock_set


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
    vendor = variant.product.vendor
    if global_id:
        pk = pk_from_global_id(global_id, "StockLocation")
        location = StockLocation.objects.filter(vendor=vendor, pk=pk).first() if pk else None
        if location is None:
            raise not_found("location")
        return location
    default = StockLocation.objects.filter(vendor=vendor).order_by("-is_default", "pk").first()
    if default is not None:
        return default
    # A shop's first stock count: it keeps its goods at the shop's own address.
    if vendor.subdistrict_id is None or not vendor.postal_code:
        raise CatalogError(
            CatalogErrorCode.REQUIRED,
            _("Add your shop's address first: stock is kept at a place parcels ship from."),
            field="location",
        )
    return location_create(
        vendor=vendor,
        name=vendor.name_th,
        district_code=str(vendor.district_id),
        subdistrict_code=str(vendor.subdistrict_id),
        postal_code=vendor.postal_code,
    )


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
        with transaction.atomic():
            for item in stocks:
                location = _location(variant, item.get("location"))
                stock_set(variant=variant, location=location, quantity=item["quantity"])
        rows = Stock.objects.filter(variant=variant, location__vendor_id=variant.product.vendor_id)
        return ProductVariantStocksUpdate(
            product_variant=variant,
            stocks=list(rows.select_related("location").order_by("location_id")),
        )
