"""Stripe: PaymentIntents for card and PromptPay, captures, cancels and refunds.

Every POST carries an idempotency key made of the order number and what the request does
(`KAD-2026-000123:payment_intent:1`), so a retry after a timeout never charges or refunds twice.
Amounts cross this boundary as satang integers and come back as Decimal THB.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import stripe
from django.conf import settings

from marketplace.core.money import from_satang, to_satang
from payments.gateways.base import (
    GatewayState,
    InitializeResult,
    PromptPayQr,
    RefundResult,
)

if TYPE_CHECKING:
    from payments.models import Payment, Refund

# Card payments are confirmed by Stripe.js in the browser; PromptPay is confirmed here so that
# the QR code can be returned with the client secret.
METHOD_CARD = "card"
METHOD_PROMPTPAY = "promptpay"
PAYMENT_METHOD_TYPES = ["card", "promptpay"]


class StripeNotConfigured(Exception):
    """No `STRIPE_API_KEY`: Stripe cannot be used on this deployment."""


def stripe_client() -> stripe.StripeClient:
    """A client for Stripe or, when `STRIPE_API_BASE` is set, for a local stand-in."""
    api_key = getattr(settings, "STRIPE_API_KEY", "")
    if not api_key:
        raise StripeNotConfigured
    base = getattr(settings, "STRIPE_API_BASE", "")
    return stripe.StripeClient(
        api_key,
        base_addresses={"api": base} if base else None,
        max_network_retries=int(getattr(settings, "STRIPE_MAX_NETWORK_RETRIES", 2)),
    )


def stripe_is_local() -> bool:
    """Whether Stripe is a stand-in on this machine (localstripe in tests and demos).

    Only then may the server confirm a card payment itself (`confirm_with_payment_method`):
    with the real Stripe, cards are confirmed by Stripe.js in the shopper's browser.
    """
    base = getattr(settings, "STRIPE_API_BASE", "")
    host = urlsplit(base).hostname if base else None
    return host in {"127.0.0.1", "localhost", "::1"}


def idempotency_key(order_number: str, purpose: str, *parts: object) -> str:
    return ":".join([order_number, purpose, *(str(part) for part in parts)])


def _id_of(value: Any) -> str:
    """An expandable field: localstripe (and `expand`) give an object where Stripe gives an id."""
    if isinstance(value, Mapping):
        return str(value.get("id") or "")
    return str(value or "")


def state_from_intent(intent: Mapping[str, Any]) -> GatewayState:
    """Kad's payment status for a PaymentIntent (a dict in Stripe's JSON shape)."""
    from payments.models import PaymentStatus

    stripe_status = intent.get("status")
    currency = str(intent.get("currency") or "thb").upper()
    charge_id = _id_of(intent.get("latest_charge"))
    error = intent.get("last_payment_error") or {}
    message = str(error.get("message") or "") if isinstance(error, Mapping) else ""
    if stripe_status == "succeeded":
        # `amount_received` is what was captured; localstripe leaves it out.
        received = intent.get("amount_received")
        satang = int(received if received is not None else intent.get("amount") or 0)
        return GatewayState(PaymentStatus.PAID, from_satang(satang), currency, charge_id)
    if stripe_status == "requires_capture":
        capturable = intent.get("amount_capturable")
        satang = int(capturable if capturable is not None else intent.get("amount") or 0)
        return GatewayState(PaymentStatus.AUTHORIZED, from_satang(satang), currency, charge_id)
    if stripe_status == "canceled":
        return GatewayState(PaymentStatus.CANCELLED, currency=currency, message=message)
    if stripe_status == "requires_payment_method" and message:
        return GatewayState(PaymentStatus.FAILED, currency=currency, message=message)
    return GatewayState(PaymentStatus.PENDING, currency=currency, message=message)


def promptpay_qr_from_intent(intent: Mapping[str, Any]) -> PromptPayQr | None:
    next_action = intent.get("next_action") or {}
    qr = next_action.get("promptpay_display_qr_code") if isinstance(next_action, Mapping) else None
    if not isinstance(qr, Mapping):
        return None
    return PromptPayQr(
        data=str(qr.get("data") or ""),
        image_url_png=str(qr.get("image_url_png") or ""),
        image_url_svg=str(qr.get("image_url_svg") or ""),
        hosted_instructions_url=str(qr.get("hosted_instructions_url") or ""),
    )


class StripeGateway:
    is_manual = False

    def initialize(self, *, payment: Payment, method: str) -> InitializeResult:
        """Create (or, for a payment that has one, fetch) the PaymentIntent of the payment.

        With `method` PROMPTPAY the intent is confirmed with a PromptPay payment method, so the
        answer carries the QR code to show.
        """
        client = stripe_client()
        order = payment.order
        if payment.stripe_payment_intent_id:
            intent = client.v1.payment_intents.retrieve(payment.stripe_payment_intent_id).to_dict()
        else:
            params: dict[str, Any] = {
                "amount": to_satang(payment.amount),
                "currency": "thb",
                "payment_method_types": PAYMENT_METHOD_TYPES,
                "metadata": {"order_number": order.number, "payment_id": str(payment.pk)},
            }
            if getattr(settings, "STRIPE_CAPTURE_METHOD", "automatic") == "manual":
                # PromptPay cannot be captured later: a manual-capture deployment takes cards only.
                params["capture_method"] = "manual"
                params["payment_method_types"] = ["card"]
            intent = client.v1.payment_intents.create(
                params=params,  # type: ignore[arg-type]
                options={
                    "idempotency_key": idempotency_key(
                        order.number, "payment_intent", payment.attempt
                    )
                },
            ).to_dict()
        if method == METHOD_PROMPTPAY and intent.get("status") == "requires_payment_method":
            intent = client.v1.payment_intents.confirm(
                str(intent["id"]),
                params={
                    "payment_method_data": {
                        "type": "promptpay",
                        "billing_details": {"email": order.email},
                    }
                },
                options={
                    "idempotency_key": idempotency_key(
                        order.number, "promptpay_confirm", payment.attempt
                    )
                },
            ).to_dict()
        return InitializeResult(
            psp_reference=str(intent["id"]),
            client_secret=str(intent.get("client_secret") or ""),
            state=state_from_intent(intent),
            promptpay_qr=promptpay_qr_from_intent(intent),
        )

    def confirm_with_payment_method(
        self, *, payment: Payment, payment_method_id: str
    ) -> GatewayState:
        """Attach a PaymentMethod to the payment's intent and confirm it (what Stripe.js does in
        the browser); a declined card comes back as the intent's failed state."""
        assert payment.stripe_payment_intent_id  # noqa: S101 - callers check
        client = stripe_client()
        intent_id = payment.stripe_payment_intent_id
        order_number = payment.order.number
        client.v1.payment_intents.update(
            intent_id,
            params={"payment_method": payment_method_id},
            options={
                "idempotency_key": idempotency_key(
                    order_number, "payment_method", payment.attempt, payment_method_id
                )
            },
        )
        try:
            client.v1.payment_intents.confirm(
                intent_id,
                options={
                    "idempotency_key": idempotency_key(
                        order_number, "confirm", payment.attempt, payment_method_id
                    )
                },
            )
        except stripe.CardError:
            pass  # the intent records the decline; its state says so
        return state_from_intent(client.v1.payment_intents.retrieve(intent_id).to_dict())

    def fetch_state(self, *, payment: Payment) -> GatewayState | None:
        intent = self.fetch_intent(payment=payment)
        return None if intent is None else state_from_intent(intent)

    def fetch_intent(self, *, payment: Payment) -> dict[str, Any] | None:
        if not payment.stripe_payment_intent_id:
            return None
        intent = stripe_client().v1.payment_intents.retrieve(payment.stripe_payment_intent_id)
        return intent.to_dict()

    def capture(self, *, payment: Payment) -> GatewayState:
        assert payment.stripe_payment_intent_id  # noqa: S101 - callers check
        intent = stripe_client().v1.payment_intents.capture(
            payment.stripe_payment_intent_id,
            options={
                "idempotency_key": idempotency_key(payment.order.number, "capture", payment.attempt)
            },
        )
        return state_from_intent(intent.to_dict())

    def cancel(self, *, payment: Payment) -> GatewayState:
        assert payment.stripe_payment_intent_id  # noqa: S101 - callers check
        intent = stripe_client().v1.payment_intents.cancel(
            payment.stripe_payment_intent_id,
            options={
                "idempotency_key": idempotency_key(payment.order.number, "cancel", payment.attempt)
            },
        )
        return state_from_intent(intent.to_dict())

    def refund(self, *, refund: Refund) -> RefundResult:
        from payments.models import RefundStatus

        payment = refund.payment
        assert payment.stripe_payment_intent_id  # noqa: S101 - refunds need a paid intent
        answer = (
            stripe_client()
            .v1.refunds.create(
                params={
                    "payment_intent": payment.stripe_payment_intent_id,
                    "amount": to_satang(refund.amount),
                    "metadata": {
                        "order_number": payment.order.number,
                        "vendor_order_number": refund.vendor_order.number,
                        "refund_id": str(refund.pk),
                    },
                },
                options={"idempotency_key": refund.idempotency_key},
            )
            .to_dict()
        )
        stripe_status = answer.get("status")
        status = {
            "succeeded": RefundStatus.SUCCEEDED,
            "failed": RefundStatus.FAILED,
            "canceled": RefundStatus.FAILED,
        }.get(str(stripe_status), RefundStatus.PENDING)
        return RefundResult(
            status=status,
            psp_reference=str(answer.get("id") or ""),
            message=str(answer.get("failure_reason") or ""),
        )
