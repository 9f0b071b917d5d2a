from __future__ import annotations

from typing import Any

import graphene

from marketplace.checkout import services
from marketplace.checkout.errors import CheckoutErrorCode
from marketplace.graphql.checkout.mutations.base import CheckoutBaseMutation, checkout_for, pk_of
from marketplace.graphql.checkout.types import Checkout


class CheckoutDeliveryMethodUpdate(CheckoutBaseMutation):
    """Choose the delivery of one vendor's parcel (`vendorId` is Kad's extension: each vendor
    ships its own parcel)."""

    checkout = graphene.Field(Checkout)

    class Arguments:
        id = graphene.ID(description="The checkout's ID.")
        token = graphene.UUID(description="The checkout's token (instead of `id`).")
        vendor_id = graphene.ID(required=True, description="The vendor whose parcel this is.")
        delivery_method_id = graphene.ID(required=True)

    @classmethod
    def perform_mutation(
        cls,
        root: Any,
        info: graphene.ResolveInfo,
        vendor_id: str,
        delivery_method_id: str,
        id: str | None = None,
        token: Any = None,
    ) -> CheckoutDeliveryMethodUpdate:
        checkout = services.checkout_delivery_method_update(
            checkout=checkout_for(info, id, token),
            vendor_id=pk_of(
                vendor_id, "Vendor", field="vendorId", code=CheckoutErrorCode.VENDOR_NOT_IN_CHECKOUT
            ),
            delivery_method_id=pk_of(
                delivery_method_id,
                "DeliveryMethod",
                field="deliveryMethodId",
                code=CheckoutErrorCode.DELIVERY_METHOD_NOT_AVAILABLE,
            ),
        )
        return CheckoutDeliveryMethodUpdate(checkout=checkout)
