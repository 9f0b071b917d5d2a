"""Refunds of one vendor order, fully or partly.

A Stripe refund is requested in two steps so that no database lock is held while Stripe answers:
`vendor_order_refund_request` records a pending `Refund` (with the idempotency key
`<order>:refund:<vendor order>:<n>`) and queues `payments.tasks.refund_send` after commit; the
task calls Stripe and `refund_complete` records the outcome. Cash on delivery and bank transfer
refunds are paid back by hand and recorded at once.

A completed refund updates the payment, the vendor order (REFUNDED when fully refunded, reserved
units released, optionally units returned to stock), the order, an `OrderEvent`, and debits the
vendor's payout ledger.
"""

from __future__ import annotations

import logging
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.models import User
from marketplace.core.money import quantize
from marketplace.orders.models import VendorOrder, VendorOrderStatus
from marketplace.orders.services import vendor_order_refund
from payments.errors import PaymentError, PaymentErrorCode
from payments.gateways.base import RefundResult
from payments.gateways.stripe_gateway import idempotency_key
from payments.ledger.services import ledger_debit_refund
from payments.models import (
    Gateway,
    Payment,
    PaymentStatus,
    Refund,
    RefundStatus,
    TransactionKind,
)
from payments.services import order_payment_status_sync, transaction_record

logger = logging.getLogger(__name__)

_REFUNDABLE = {PaymentStatus.PAID, PaymentStatus.PARTIALLY_REFUNDED}


def _amount(value: Decimal | str) -> Decimal:
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError) as exc:
        raise PaymentError(
            PaymentErrorCode.REFUND_AMOUNT_INVALID, _("Enter an amount in baht."), field="amount"
        ) from exc
    if not amount.is_finite() or amount <= 0 or amount != quantize(amount):
        raise PaymentError(
            PaymentErrorCode.REFUND_AMOUNT_INVALID,
            _("Enter an amount above zero with at most two decimal places."),
            field="amount",
        )
    return amount


def _pending_total(refunds: QuerySet[Refund]) -> Decimal:
    total = refunds.filter(status=RefundStatus.PENDING).aggregate(s=Sum("amount"))["s"]
    return Decimal(total or 0)


def vendor_order_refund_request(
    *,
    vendor_order: VendorOrder,
    amount: Decimal | str | None,
    reason: str,
    restock: bool = False,
    by: User | None,
) -> Refund:
    """Refund `amount` THB (None: all that is left) of one vendor order to the shopper.

    Refuses (`PaymentError`): no money received for the order (NOTHING_PAID), an amount that is
    not positive with two places (REFUND_AMOUNT_INVALID) or larger than what is left of the
    parcel or of the payment (REFUND_EXCEEDS_PAID), `restock` without refunding the whole parcel
    (INVALID), no reason (REASON_REQUIRED). Manual gateways complete at once; Stripe refunds are
    pending until Stripe answers.
    """
    reason = reason.strip()
    if not reason:
        raise PaymentError(
            PaymentErrorCode.REASON_REQUIRED, _("Say why the money is refunded."), field="reason"
        )
    with transaction.atomic():
        vendor_order = (
            VendorOrder.objects.select_for_update().select_related("order").get(pk=vendor_order.pk)
        )
        payment = (
            Payment.objects.select_for_update()
            .filter(order_id=vendor_order.order_id, is_active=True)
            .first()
        )
        collected = payment is not None and (
            payment.status in {*_REFUNDABLE, PaymentStatus.REFUNDED}
            or (payment.gateway == Gateway.CASH_ON_DELIVERY and payment.captured_amount > 0)
        )
        if payment is None or not collected:
            raise PaymentError(
                PaymentErrorCode.NOTHING_PAID,
                _("No money was received for this order, so there is nothing to refund."),
            )
        parcel_left = (
            vendor_order.total
            - vendor_order.refunded_amount
            - _pending_total(Refund.objects.filter(vendor_order=vendor_order))
        )
        payment_left = payment.refundable_amount - _pending_total(
            Refund.objects.filter(payment=payment)
        )
        left = min(parcel_left, payment_left)
        value = left if amount is None or amount == "" else _amount(amount)
        if left <= 0 or value > left:
            raise PaymentError(
                PaymentErrorCode.REFUND_EXCEEDS_PAID,
                _("At most ฿%(left)s can be refunded for this parcel."),
                field="amount",
                params={"left": f"{max(left, Decimal(0)):,.2f}"},
            )
        if restock and value != parcel_left:
            raise PaymentError(
                PaymentErrorCode.INVALID,
                _("Items go back to stock only when the whole parcel is refunded."),
                field="restock",
            )
        sequence = vendor_order.refunds.count() + 1
        refund = Refund.objects.create(
            payment=payment,
            vendor_order=vendor_order,
            amount=value,
            reason=reason,
            restock=restock,
            is_manual=payment.gateway != Gateway.STRIPE,
            idempotency_key=idempotency_key(
                vendor_order.order.number, "refund", vendor_order.number, sequence
            ),
            created_by=by,
        )
        if refund.is_manual:
            _complete(refund, RefundResult(status=RefundStatus.SUCCEEDED), by=by)
        else:
            refund_id = refund.pk
            transaction.on_commit(lambda: _queue_send(refund_id))
    refund.refresh_from_db()
    return refund


def _queue_send(refund_id: int) -> None:
    from payments.tasks import refund_send

    refund_send.delay(refund_id=refund_id)


def refund_complete(*, refund: Refund, result: RefundResult, by: User | None = None) -> Refund:
    """Record what the gateway answered for a pending refund; a refund that is no longer
    pending is left as it is (safe to call twice)."""
    with transaction.atomic():
        refund = Refund.objects.select_for_update().get(pk=refund.pk)
        if refund.status == RefundStatus.PENDING:
            _complete(refund, result, by=by)
    return refund


def _complete(refund: Refund, result: RefundResult, *, by: User | None) -> None:
    payment = Payment.objects.select_for_update().select_related("order").get(pk=refund.payment_id)
    if result.psp_reference:
        refund.stripe_refund_id = result.psp_reference
    if result.status == RefundStatus.PENDING:
        refund.save(update_fields=["stripe_refund_id"])
        return
    refund.status = result.status
    refund.completed_at = timezone.now()
    if result.status == RefundStatus.FAILED:
        refund.failure_message = result.message
        refund.save()
        transaction_record(
            payment,
            TransactionKind.REFUND_FAILURE,
            amount=refund.amount,
            is_success=False,
            message=result.message,
            psp_reference=result.psp_reference,
            vendor_order_id=refund.vendor_order_id,
        )
        return
    refund.save()
    payment.refunded_amount += refund.amount
    if payment.status in _REFUNDABLE:
        payment.status = (
            PaymentStatus.REFUNDED
            if payment.refunded_amount >= payment.captured_amount
            else PaymentStatus.PARTIALLY_REFUNDED
        )
    payment.save(update_fields=["refunded_amount", "status", "updated_at"])
    transaction_record(
        payment,
        TransactionKind.REFUND,
        amount=refund.amount,
        message=refund.reason,
        psp_reference=result.psp_reference,
        user=by or refund.created_by,
        vendor_order_id=refund.vendor_order_id,
    )
    # The refund's own key: unique per refund, known before Stripe answers (the ledger is
    # idempotent per reference).
    reference = refund.idempotency_key
    vendor_order_refund(
        vendor_order=refund.vendor_order,
        amount=refund.amount,
        restock=refund.restock,
        by=by or refund.created_by,
        reference=reference,
    )
    ledger_debit_refund(vendor_order=refund.vendor_order, amount=refund.amount, reference=reference)
    order_payment_status_sync(payment=payment, by=by or refund.created_by)


def refundable_left(*, vendor_order: VendorOrder) -> Decimal:
    """What can still be refunded of a parcel (not counting refunds already pending)."""
    if vendor_order.status == VendorOrderStatus.REFUNDED:
        return Decimal(0)
    return (
        vendor_order.total
        - vendor_order.refunded_amount
        - _pending_total(Refund.objects.filter(vendor_order=vendor_order))
    )
