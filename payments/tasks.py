"""Payment work done outside the request: Stripe refunds, cancelled intents, reconciliation.

All run on the `payments` queue (see `marketplace.celery`), take ids, reload, and are safe to run
twice: Stripe requests carry idempotency keys and state only moves forward.
"""

from __future__ import annotations

import logging
from datetime import timedelta

import stripe
from celery import shared_task
from django.conf import settings
from django.utils import timezone

from marketplace.celery import IdempotentTask
from payments.gateways.base import RefundResult
from payments.gateways.stripe_gateway import StripeGateway, StripeNotConfigured
from payments.models import Gateway, Payment, PaymentStatus, Refund, RefundStatus

logger = logging.getLogger(__name__)

_OPEN = [PaymentStatus.PENDING, PaymentStatus.FAILED, PaymentStatus.AUTHORIZED]


@shared_task(base=IdempotentTask, name="payments.tasks.refund_send")
def refund_send(*, refund_id: int) -> str:
    """Ask Stripe to refund a pending refund, then record the answer."""
    from payments.refunds import refund_complete

    refund = Refund.objects.select_related("payment__order", "vendor_order").get(pk=refund_id)
    if refund.status != RefundStatus.PENDING or refund.is_manual:
        return str(refund.status)
    try:
        result = StripeGateway().refund(refund=refund)
    except stripe.APIConnectionError as exc:
        raise ConnectionError(str(exc)) from exc  # retried with the same idempotency key
    except stripe.StripeError as exc:
        logger.warning("Stripe refused refund %s: %s", refund_id, exc)
        result = RefundResult(
            RefundStatus.FAILED, message=getattr(exc, "user_message", None) or str(exc)
        )
    return str(refund_complete(refund=refund, result=result).status)


@shared_task(base=IdempotentTask, name="payments.tasks.payment_intent_cancel")
def payment_intent_cancel(*, payment_id: int) -> bool:
    """Cancel the PaymentIntent of a payment the shopper abandoned for another method."""
    payment = Payment.objects.select_related("order").get(pk=payment_id)
    if not payment.stripe_payment_intent_id or payment.is_active:
        return False
    try:
        StripeGateway().cancel(payment=payment)
    except stripe.InvalidRequestError as exc:
        # Already paid or already cancelled: the webhook tells us which.
        logger.info("PaymentIntent of payment %s not cancelled: %s", payment_id, exc)
        return False
    except stripe.APIConnectionError as exc:
        raise ConnectionError(str(exc)) from exc
    return True


@shared_task(base=IdempotentTask, name="payments.tasks.payments_reconcile_pending")
def payments_reconcile_pending() -> int:
    """Celery beat: ask Stripe about card/PromptPay payments still open after
    `PAYMENTS_RECONCILE_AFTER_MINUTES` (and younger than `PAYMENTS_RECONCILE_MAX_AGE_DAYS`), so
    a lost webhook never leaves a paid order unpaid. Returns how many changed."""
    from payments.services import payment_reconcile as reconcile

    now = timezone.now()
    after = int(getattr(settings, "PAYMENTS_RECONCILE_AFTER_MINUTES", 15))
    max_age = int(getattr(settings, "PAYMENTS_RECONCILE_MAX_AGE_DAYS", 7))
    due = (
        Payment.objects.filter(
            gateway=Gateway.STRIPE,
            is_active=True,
            status__in=_OPEN,
            stripe_payment_intent_id__isnull=False,
            created_at__lte=now - timedelta(minutes=after),
            created_at__gte=now - timedelta(days=max_age),
        )
        .order_by("created_at")
        .values_list("pk", flat=True)[:500]
    )
    changed = 0
    for payment in Payment.objects.filter(pk__in=list(due)).select_related("order"):
        try:
            changed += reconcile(payment=payment)
        except StripeNotConfigured:
            logger.error("Reconciliation skipped: STRIPE_API_KEY is not set")
            return changed
        except stripe.StripeError as exc:
            logger.warning("Reconciling payment %s failed: %s", payment.pk, exc)
    return changed
