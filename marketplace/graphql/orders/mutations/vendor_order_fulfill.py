from __future__ import annotations

from typing import Any

import graphene

from marketplace.graphql.core.context import api_user
from marketplace.graphql.orders.mutations.base import (
    VendorOrderBaseMutation,
    member_vendor_order,
)
from marketplace.graphql.orders.types import VendorOrder
from marketplace.orders.services import vendor_order_ship


class VendorOrderFulfill(VendorOrderBaseMutation):
    """Mark the parcel shipped with its carrier and tracking number (not needed for pick-up);
    its units leave the stock and the shopper is e-mailed the tracking number."""

    vendor_order = graphene.Field(VendorOrder)

    class Arguments:
        id = graphene.ID(required=True, description="ID of the vendor order.")
        carrier = graphene.String(description="E.g. Thailand Post, Kerry, Flash.")
        tracking_number = graphene.String()

    @classmethod
    def perform_mutation(
        cls,
        root: Any,
        info: graphene.ResolveInfo,
        id: str,
        carrier: str | None = None,
        tracking_number: str | None = None,
    ) -> VendorOrderFulfill:
        vendor_order = vendor_order_ship(
            vendor_order=member_vendor_order(info, id),
            carrier=carrier or "",
            tracking_number=tracking_number or "",
            by=api_user(info),
        )
        return VendorOrderFulfill(vendor_order=vendor_order)
