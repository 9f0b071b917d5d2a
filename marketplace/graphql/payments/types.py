"""GraphQL types of payments, in Saleor's shapes where Saleor has one."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.graphql.core.commerce_types import Money
from marketplace.graphql.core.types import BaseError
from payments import models
from payments.errors import PaymentErrorCode as PaymentErrorCodeValues

PaymentErrorCode = graphene.Enum.from_enum(PaymentErrorCodeValues)


class PaymentGatewayEnum(graphene.Enum):
    STRIPE = models.Gateway.STRIPE.value
    CASH_ON_DELIVERY = models.Gateway.CASH_ON_DELIVERY.value
    BANK_TRANSFER = models.Gateway.BANK_TRANSFER.value


class PaymentMethodEnum(graphene.Enum):
    """How a Stripe payment is made: CARD is confirmed by Stripe.js with the client secret (it
    may also offer PromptPay); PROMPTPAY is confirmed by Kad and answers with the QR code."""

    CARD = "card"
    PROMPTPAY = "promptpay"


class PaymentChargeStatusEnum(graphene.Enum):
    PENDING = models.PaymentStatus.PENDING.value
    FAILED = models.PaymentStatus.FAILED.value
    AUTHORIZED = models.PaymentStatus.AUTHORIZED.value
    PAID = models.PaymentStatus.PAID.value
    PARTIALLY_REFUNDED = models.PaymentStatus.PARTIALLY_REFUNDED.value
    REFUNDED = models.PaymentStatus.REFUNDED.value
    CANCELLED = models.PaymentStatus.CANCELLED.value


class RefundStatusEnum(graphene.Enum):
    PENDING = models.RefundStatus.PENDING.value
    SUCCEEDED = models.RefundStatus.SUCCEEDED.value
    FAILED = models.RefundStatus.FAILED.value


class PaymentError(BaseError):
    """An error of a payment mutation."""

    code = graphene.Field(PaymentErrorCode, required=True, description="The error code.")


class PromptPayQrCode(graphene.ObjectType):
    """Stripe's `next_action.promptpay_display_qr_code`: the QR code the shopper scans."""

    data = graphene.String(required=True, description="The raw data to draw the QR code from.")
    image_url_png = graphene.String(required=True)
    image_url_svg = graphene.String(required=True)
    hosted_instructions_url = graphene.String(required=True)


class Payment(graphene.ObjectType):
    id = graphene.ID(required=True)
    order_number = graphene.String(required=True)
    gateway = graphene.Field(PaymentGatewayEnum, required=True)
    charge_status = graphene.Field(PaymentChargeStatusEnum, required=True)
    total = graphene.Field(Money, required=True, description="The amount due.")
    captured_amount = graphene.Field(Money, required=True)
    refunded_amount = graphene.Field(Money, required=True)

    class Meta:
        name = "Payment"

    @staticmethod
    def resolve_id(root: models.Payment, info: graphene.ResolveInfo) -> str:
        return graphene.Node.to_global_id("Payment", root.pk)

    @staticmethod
    def resolve_order_number(root: models.Payment, info: graphene.ResolveInfo) -> str:
        return root.order.number

    @staticmethod
    def resolve_charge_status(root: models.Payment, info: graphene.ResolveInfo) -> str:
        return root.status

    @staticmethod
    def resolve_total(root: models.Payment, info: graphene.ResolveInfo) -> dict[str, Any]:
        return Money.of(root.amount)

    @staticmethod
    def resolve_captured_amount(root: models.Payment, info: graphene.ResolveInfo) -> dict[str, Any]:
        return Money.of(root.captured_amount)

    @staticmethod
    def resolve_refunded_amount(root: models.Payment, info: graphene.ResolveInfo) -> dict[str, Any]:
        return Money.of(root.refunded_amount)


class Refund(graphene.ObjectType):
    id = graphene.ID(required=True)
    vendor_order_number = graphene.String(required=True)
    amount = graphene.Field(Money, required=True)
    status = graphene.Field(RefundStatusEnum, required=True)
    reason = graphene.String(required=True)

    class Meta:
        name = "Refund"

    @staticmethod
    def resolve_id(root: models.Refund, info: graphene.ResolveInfo) -> str:
        return graphene.Node.to_global_id("Refund", root.pk)

    @staticmethod
    def resolve_vendor_order_number(root: models.Refund, info: graphene.ResolveInfo) -> str:
        return root.vendor_order.number

    @staticmethod
    def resolve_amount(root: models.Refund, info: graphene.ResolveInfo) -> dict[str, Any]:
        return Money.of(root.amount)
