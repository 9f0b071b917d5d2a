from __future__ import annotations

from decimal import Decimal
from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _

from marketplace.graphql.core.context import PermissionDenied, api_user
from marketplace.graphql.core.ids import pk_from_global_id
from marketplace.graphql.payments.mutations.base import PaymentBaseMutation
from marketplace.graphql.payments.types import Refund
from marketplace.orders.models import VendorOrder
from payments.errors import PaymentError, PaymentErrorCode
from payments.refunds import vendor_order_refund_request


class VendorOrderRefund(PaymentBaseMutation):
    """Operators: refund one vendor order, fully (no amount) or partly. Card and PromptPay
    payments are refunded through Stripe (the refund is PENDING until Stripe answers); cash on
    delivery and bank transfer refunds are recorded as paid back by hand."""

    login_required = True
    refund = graphene.Field(Refund)

    class Arguments:
        id = graphene.ID(required=True, description="ID of the vendor order.")
        amount = graphene.Decimal(description="Amount in THB; all that is left when omitted.")
        reason = graphene.String(required=True)
        restock = graphene.Boolean(
            default_value=False, description="Return the items to stock (whole parcel only)."
        )

    @classmethod
    def perform_mutation(
        cls,
        root: Any,
        info: graphene.ResolveInfo,
        id: str,
        reason: str,
        amount: Decimal | None = None,
        restock: bool = False,
    ) -> VendorOrderRefund:
        user = api_user(info)
        if user is None or not user.is_staff:
            raise PermissionDenied(str(_("Only co-op operators can refund orders.")))
        pk = pk_from_global_id(id, "VendorOrder")
        vendor_order = VendorOrder.objects.filter(pk=pk).first() if pk else None
        if vendor_order is None:
            raise PaymentError(
                PaymentErrorCode.NOT_FOUND, _("This vendor order does not exist."), field="id"
            )
        refund = vendor_order_refund_request(
            vendor_order=vendor_order, amount=amount, reason=reason, restock=restock, by=user
        )
        return VendorOrderRefund(refund=refund)
