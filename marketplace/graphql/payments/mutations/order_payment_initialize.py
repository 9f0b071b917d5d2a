from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _

from marketplace.graphql.core.context import api_user
from marketplace.graphql.core.ids import pk_from_global_id
from marketplace.graphql.payments.mutations.base import PaymentBaseMutation
from marketplace.graphql.payments.types import (
    Payment,
    PaymentGatewayEnum,
    PaymentMethodEnum,
    PromptPayQrCode,
)
from marketplace.orders.models import Order
from marketplace.orders.selectors import order_for_guest
from payments.errors import PaymentError, PaymentErrorCode
from payments.services import payment_initialize


def _value(enum_member: Any) -> str:
    return str(getattr(enum_member, "value", enum_member))


def order_of_caller(
    info: graphene.ResolveInfo, order_id: str | None, number: str | None, email: str | None
) -> Order:
    """The signed-in shopper's order by id, or a guest's by number and e-mail (both must match);
    anything else is NOT_FOUND, so an id or number alone reveals nothing."""
    not_found = PaymentError(
        PaymentErrorCode.NOT_FOUND, _("This order does not exist."), field="orderId"
    )
    user = api_user(info)
    if order_id:
        pk = pk_from_global_id(order_id, "Order")
        order = Order.objects.filter(pk=pk).first() if pk else None
        if order is None or user is None or order.user_id != user.pk:
            raise not_found
        return order
    if number and email:
        order = order_for_guest(number=number, email=email)
        if order is None:
            raise not_found
        return order
    raise not_found


class OrderPaymentInitialize(PaymentBaseMutation):
    """Start paying for an order after `checkoutComplete`. For STRIPE the answer carries the
    PaymentIntent's client secret for Stripe.js, and with method PROMPTPAY the QR code to show.
    Calling it again while the order is unpaid returns the same payment."""

    payment = graphene.Field(Payment)
    client_secret = graphene.String(description="Stripe's client secret of the PaymentIntent.")
    promptpay_qr_code = graphene.Field(PromptPayQrCode)

    class Arguments:
        order_id = graphene.ID(description="ID of an order of the signed-in shopper.")
        number = graphene.String(description="Order number, for a guest (with `email`).")
        email = graphene.String(description="E-mail the guest placed the order with.")
        gateway = PaymentGatewayEnum(required=True)
        method = PaymentMethodEnum(description="For STRIPE: CARD (default) or PROMPTPAY.")

    @classmethod
    def perform_mutation(
        cls,
        root: Any,
        info: graphene.ResolveInfo,
        gateway: Any,
        order_id: str | None = None,
        number: str | None = None,
        email: str | None = None,
        method: Any = None,
    ) -> OrderPaymentInitialize:
        order = order_of_caller(info, order_id, number, email)
        start = payment_initialize(
            order=order,
            gateway=_value(gateway),
            method=_value(method) if method else "card",
            by=api_user(info),
        )
        return OrderPaymentInitialize(
            payment=start.payment,
            client_secret=start.client_secret or None,
            promptpay_qr_code=start.promptpay_qr,
        )
