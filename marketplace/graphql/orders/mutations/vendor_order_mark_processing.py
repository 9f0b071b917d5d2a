from __future__ import annotations

from typing import Any

import graphene

from marketplace.graphql.core.context import api_user
from marketplace.graphql.orders.mutations.base import (
    VendorOrderBaseMutation,
    member_vendor_order,
)
from marketplace.graphql.orders.types import VendorOrder
from marketplace.orders.services import vendor_order_process


class VendorOrderMarkProcessing(VendorOrderBaseMutation):
    """Tell the shopper you have started preparing the parcel (only once it is paid, or for cash
    on delivery)."""

    vendor_order = graphene.Field(VendorOrder)

    class Arguments:
        id = graphene.ID(required=True, description="ID of the vendor order.")

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, id: str
    ) -> VendorOrderMarkProcessing:
        vendor_order = vendor_order_process(
            vendor_order=member_vendor_order(info, id), by=api_user(info)
        )
        return VendorOrderMarkProcessing(vendor_order=vendor_order)
