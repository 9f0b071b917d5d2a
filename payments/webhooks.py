"""Stripe events: verified, stored once per event id, applied forward only.

`stripe_event_construct` checks the `Stripe-Signature` header (`t=…,v1=…`, HMAC-SHA256 with
`STRIPE_WEBHOOK_SECRET`, at most five minutes old); `stripe_event_process` stores the event and
applies it in one transaction, so an event whose handling fails is not stored and Stripe's retry
is handled afresh, while a second delivery of a handled event does nothing.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import stripe
from django.conf import settings
from django.db import transaction
from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from marketplace.core import metrics
from marketplace.core.money import from_satang
from marketplace.orders.models import Order
from marketplace.orders.services import order_flag_for_review
from payments.gateways.base import RefundResult
from payments.gateways.stripe_gateway import state_from_intent
from payments.models import (
    Gateway,
    Payment,
    Refund,
    RefundStatus,
    StripeEvent,
    TransactionKind,
)
from payments.services import apply_state_locked, transaction_record

logger = logging.getLogger(__name__)

TOLERANCE_SECONDS = 300

INTENT_EVENTS = {
    "payment_intent.succeeded",
    "payment_intent.payment_failed",
    "payment_intent.canceled",
    "payment_intent.amount_capturable_updated",
}


class WebhookNotConfigured(Exception):
    """No `STRIPE_WEBHOOK_SECRET`: events cannot be verified, so none is accepted."""


def stripe_event_construct(*, payload: bytes, signature: str) -> dict[str, Any]:
    """The event in `payload`, once its signature is verified.

    Raises `stripe.SignatureVerificationError` (forged, stale or missing signature),
    `ValueError` (not JSON) or `WebhookNotConfigured`."""
    secret = getattr(settings, "STRIPE_WEBHOOK_SECRET", "")
    if not secret:
        raise WebhookNotConfigured
    try:
        stripe.Webhook.construct_event(payload, signature, secret, tolerance=TOLERANCE_SECONDS)
        event: dict[str, Any] = json.loads(payload)
    except (stripe.SignatureVerificationError, ValueError):
        metrics.payment_webhook(outcome="bad_signature")
        raise
    return event


def stripe_event_process(*, event: Mapping[str, Any]) -> str:
    """Store and apply one verified event; returns its outcome (a `StripeEvent.Outcome`), or
    "duplicate" for an event id seen before (nothing changes)."""
    event_id = str(event.get("id") or "")
    event_type = str(event.get("type") or "")
    created = event.get("created")
    with transaction.atomic():
        stored, is_new = StripeEvent.objects.get_or_create(
            event_id=event_id,
            defaults={
                "type": event_type,
                "livemode": bool(event.get("livemode")),
                "payload": dict(event),
                "stripe_created_at": (
                    datetime.fromtimestamp(int(created), tz=UTC) if created else None
                ),
            },
        )
        if not is_new:
            logger.info("Stripe event %s (%s) seen before: ignored", event_id, event_type)
            metrics.payment_webhook(outcome="duplicate")
            return "duplicate"
        obj = (event.get("data") or {}).get("object") or {}
        if event_type in INTENT_EVENTS:
            payment = _payment_of_intent(obj)
            outcome = _intent_event(payment, obj, event_type, event_id)
        elif event_type == "charge.refunded":
            payment = _payment_of_charge(obj)
            outcome = _charge_refunded(payment, obj, event_id)
        elif event_type == "charge.dispute.created":
            payment = _payment_of_charge(obj)
            outcome = _dispute_created(payment, obj, event_id)
        else:
            logger.info("Stripe event %s of type %s is not handled", event_id, event_type)
            payment, outcome = None, StripeEvent.Outcome.IGNORED
        if payment is None and outcome != StripeEvent.Outcome.IGNORED:
            logger.warning("Stripe event %s (%s) is about no payment of ours", event_id, event_type)
            outcome = StripeEvent.Outcome.UNKNOWN_PAYMENT
        stored.outcome = outcome
        stored.payment = payment
        stored.save(update_fields=["outcome", "payment"])
    metrics.payment_webhook(outcome=str(outcome))
    return str(outcome)


def _locked(query: Q) -> Payment | None:
    return Payment.objects.select_for_update().select_related("order").filter(query).first()


def _payment_of_intent(intent: Mapping[str, Any]) -> Payment | None:
    intent_id = str(intent.get("id") or "")
    if not intent_id:
        return None
    payment = _locked(Q(stripe_payment_intent_id=intent_id))
    if payment is not None:
        return payment
    # An intent we created but never stored (the database transaction failed after Stripe
    # answered): adopt it when its metadata names one of our orders.
    number = str((intent.get("metadata") or {}).get("order_number") or "")
    order = Order.objects.filter(number=number).first() if number else None
    if order is None:
        return None
    Payment.objects.filter(order=order, is_active=True).update(is_active=False)
    return Payment.objects.create(
        order=order,
        gateway=Gateway.STRIPE,
        amount=order.total,
        stripe_payment_intent_id=intent_id,
        attempt=order.payments.filter(gateway=Gateway.STRIPE).count() + 1,
    )


def _payment_of_charge(obj: Mapping[str, Any]) -> Payment | None:
    intent = obj.get("payment_intent")
    intent_id = str(intent.get("id") if isinstance(intent, Mapping) else intent or "")
    charge = obj.get("charge") if obj.get("object") == "dispute" else obj.get("id")
    charge_id = str(charge.get("id") if isinstance(charge, Mapping) else charge or "")
    query = Q()
    if intent_id:
        query |= Q(stripe_payment_intent_id=intent_id)
    if charge_id:
        query |= Q(stripe_charge_id=charge_id)
    return _locked(query) if query else None


def _intent_event(
    payment: Payment | None, intent: Mapping[str, Any], event_type: str, event_id: str
) -> str:
    if payment is None:
        return StripeEvent.Outcome.UNKNOWN_PAYMENT
    state = state_from_intent(intent)
    changed = apply_state_locked(payment, state, source=event_type, event_id=event_id)
    return StripeEvent.Outcome.HANDLED if changed else StripeEvent.Outcome.IGNORED


def _charge_refunded(payment: Payment | None, charge: Mapping[str, Any], event_id: str) -> str:
    """Refunds we asked for are completed here if their task has not done it yet; money
    refunded outside Kad (in Stripe's dashboard) flags the order for review."""
    if payment is None:
        return StripeEvent.Outcome.UNKNOWN_PAYMENT
    from payments.refunds import refund_complete

    refunds = (charge.get("refunds") or {}).get("data") or []
    for data in refunds:
        if not isinstance(data, Mapping) or data.get("status") != "succeeded":
            continue
        refund_id = str((data.get("metadata") or {}).get("refund_id") or "")
        match = Q(stripe_refund_id=str(data.get("id") or ""))
        if refund_id.isdigit():
            match |= Q(pk=int(refund_id))
        ours = Refund.objects.filter(match, payment=payment).first()
        if ours is not None and ours.status == RefundStatus.PENDING:
            refund_complete(
                refund=ours,
                result=RefundResult(RefundStatus.SUCCEEDED, psp_reference=str(data["id"])),
            )
    payment.refresh_from_db()
    stripe_refunded = from_satang(int(charge.get("amount_refunded") or 0))
    pending = Refund.objects.filter(payment=payment, status=RefundStatus.PENDING).aggregate(
        s=Sum("amount")
    )["s"] or Decimal(0)
    outside = stripe_refunded - payment.refunded_amount - pending
    if outside > 0:
        message = _("฿%(amount)s was refunded in Stripe, outside Kad.") % {
            "amount": f"{outside:,.2f}"
        }
        transaction_record(
            payment,
            TransactionKind.REFUND,
            amount=outside,
            message=message,
            psp_reference=str(charge.get("id") or ""),
            event_id=event_id,
        )
        order_flag_for_review(order=payment.order, reason=message)
    return StripeEvent.Outcome.HANDLED


def _dispute_created(payment: Payment | None, dispute: Mapping[str, Any], event_id: str) -> str:
    if payment is None:
        return StripeEvent.Outcome.UNKNOWN_PAYMENT
    amount = from_satang(int(dispute.get("amount") or 0))
    message = _("The shopper's bank disputes ฿%(amount)s (reason: %(reason)s).") % {
        "amount": f"{amount:,.2f}",
        "reason": dispute.get("reason") or "?",
    }
    transaction_record(
        payment,
        TransactionKind.DISPUTE,
        amount=amount,
        is_success=False,
        message=message,
        psp_reference=str(dispute.get("id") or ""),
        event_id=event_id,
    )
    order_flag_for_review(order=payment.order, reason=message)
    return StripeEvent.Outcome.HANDLED
