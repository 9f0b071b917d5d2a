from __future__ import annotations

from typing import Any

import graphene

from marketplace.graphql.core.context import api_user
from marketplace.graphql.orders.mutations.base import (
    VendorOrderBaseMutation,
    member_vendor_order,
)
from marketplace.graphql.orders.types import VendorOrder
from marketplace.graphql.payments.types import Refund
from marketplace.orders.cancellation import vendor_order_cancel_and_refund


class VendorOrderCancel(VendorOrderBaseMutation):
    """Cancel your shop's parcel before it ships, saying why (the shopper reads it). Its units
    go back on sale and what the shopper paid for it is refunded: card and PromptPay refunds are
    PENDING until Stripe answers; bank-transfer and cash refunds are paid back by the co-op."""

    vendor_order = graphene.Field(VendorOrder)
    refund = graphene.Field(Refund, description="Null when nothing had been paid.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the vendor order.")
        reason = graphene.String(required=True, description="Why; the shopper reads it.")

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, id: str, reason: str
    ) -> VendorOrderCancel:
        cancellation = vendor_order_cancel_and_refund(
            vendor_order=member_vendor_order(info, id), reason=reason, by=api_user(info)
        )
        return VendorOrderCancel(vendor_order=cancellation.vendor_order, refund=cancellation.refund)
