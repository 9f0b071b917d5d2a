"""Paying for orders: start a payment, follow what the gateway says, capture, cancel.

Rules that hold everywhere here:

- An order has at most one active `Payment`; starting a payment with another gateway retires the
  unpaid one (its PaymentIntent is cancelled after commit).
- A payment's status only moves forward (`_FORWARD`): a Stripe event that is replayed or arrives
  after a later one changes nothing. The order's `payment_status` follows the active payment.
- An amount received that differs from what was due flags the order for review.
- Each function runs in one transaction and locks the payment row it changes.

Refunds live in `payments.refunds`, cash on delivery and bank transfers in `payments.manual`,
Stripe events in `payments.webhooks`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from decimal import Decimal

import stripe
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.models import User
from marketplace.orders.models import Order, OrderStatus, VendorOrderStatus
from marketplace.orders.models import PaymentStatus as OrderPaymentStatus
from marketplace.orders.services import order_flag_for_review, order_payment_status_set
from payments.errors import PaymentError, PaymentErrorCode
from payments.gateways import gateway_for
from payments.gateways.base import GatewayState, PromptPayQr
from payments.gateways.stripe_gateway import (
    METHOD_CARD,
    METHOD_PROMPTPAY,
    StripeGateway,
    StripeNotConfigured,
    stripe_is_local,
)
from payments.models import Gateway, Payment, PaymentStatus, PaymentTransaction, TransactionKind

logger = logging.getLogger(__name__)

# Which status may follow which. Anything else is an old or repeated piece of news: ignored.
_FORWARD: dict[str, set[str]] = {
    PaymentStatus.PENDING: {
        PaymentStatus.FAILED,
        PaymentStatus.AUTHORIZED,
        PaymentStatus.PAID,
        PaymentStatus.CANCELLED,
    },
    # A failed attempt is not the end: the shopper may try another card on the same intent.
    PaymentStatus.FAILED: {
        PaymentStatus.PENDING,
        PaymentStatus.AUTHORIZED,
        PaymentStatus.PAID,
        PaymentStatus.CANCELLED,
    },
    PaymentStatus.AUTHORIZED: {PaymentStatus.PAID, PaymentStatus.CANCELLED},
    PaymentStatus.PAID: {PaymentStatus.PARTIALLY_REFUNDED, PaymentStatus.REFUNDED},
    PaymentStatus.PARTIALLY_REFUNDED: {PaymentStatus.REFUNDED},
    PaymentStatus.REFUNDED: set(),
    PaymentStatus.CANCELLED: set(),
}

_UNPAID = {PaymentStatus.PENDING, PaymentStatus.FAILED}

_TRANSACTION_OF: dict[str, str] = {
    PaymentStatus.AUTHORIZED: TransactionKind.AUTHORIZATION,
    PaymentStatus.PAID: TransactionKind.CHARGE,
    PaymentStatus.FAILED: TransactionKind.FAILURE,
    PaymentStatus.CANCELLED: TransactionKind.CANCEL,
}


def can_move(current: str, new: str) -> bool:
    return new in _FORWARD[current]


# --- starting a payment -------------------------------------------------------------------------


class PaymentStart:
    """What the storefront needs to let the shopper pay."""

    def __init__(
        self, payment: Payment, client_secret: str = "", promptpay_qr: PromptPayQr | None = None
    ) -> None:
        self.payment = payment
        self.client_secret = client_secret
        self.promptpay_qr = promptpay_qr


def payment_initialize(
    *, order: Order, gateway: str, method: str = METHOD_CARD, by: User | None = None
) -> PaymentStart:
    """Start paying for `order` with `gateway` (a `Gateway` value).

    Stripe: creates the order's PaymentIntent for its total in satang (THB, card and PromptPay,
    the order number in its metadata) with the idempotency key `<order>:payment_intent:<n>`, and
    returns its client secret; `method` "promptpay" also confirms it for PromptPay and returns
    the QR code. Calling again while unpaid returns the same intent. Cash on delivery and bank
    transfer only record the choice. Raises `PaymentError`: ORDER_ALREADY_PAID, ORDER_CANCELLED,
    GATEWAY_NOT_AVAILABLE, GATEWAY_ERROR (Stripe refused or could not be reached; nothing is
    stored, so trying again is safe).
    """
    if gateway not in Gateway.values:
        raise PaymentError(
            PaymentErrorCode.GATEWAY_NOT_AVAILABLE,
            _("This payment method is not available."),
            field="gateway",
        )
    if method not in (METHOD_CARD, METHOD_PROMPTPAY):
        raise PaymentError(PaymentErrorCode.INVALID, _("Choose card or PromptPay."), field="method")
    retired_intents: list[int] = []
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if order.status == OrderStatus.CANCELLED:
            raise PaymentError(
                PaymentErrorCode.ORDER_CANCELLED,
                _("This order was cancelled; it cannot be paid."),
                field="orderId",
            )
        payment = order.payments.filter(is_active=True).first()
        if payment is not None and payment.status not in _UNPAID:
            raise PaymentError(
                PaymentErrorCode.ORDER_ALREADY_PAID,
                _("This order is already paid."),
                field="orderId",
            )
        if payment is not None and payment.gateway != gateway:
            if payment.stripe_payment_intent_id:
                retired_intents.append(payment.pk)
            _retire(payment)
            payment = None
        if payment is None:
            payment = Payment.objects.create(
                order=order,
                gateway=gateway,
                amount=order.total,
                attempt=order.payments.filter(gateway=gateway).count() + 1,
            )
            transaction_record(payment, TransactionKind.INITIALIZE, amount=order.total, user=by)
        start = _start_with_gateway(payment, method)
        if order.payment_status == OrderPaymentStatus.NOT_CHARGED:
            order_payment_status_set(
                order=order,
                status=OrderPaymentStatus.PENDING,
                by=by,
                parameters={"gateway": gateway},
            )
    for payment_id in retired_intents:
        _queue_intent_cancel(payment_id)
    return start


def _start_with_gateway(payment: Payment, method: str) -> PaymentStart:
    gateway = gateway_for(payment.gateway)
    if gateway.is_manual:
        return PaymentStart(payment)
    try:
        result = gateway.initialize(payment=payment, method=method)
    except StripeNotConfigured as exc:
        raise PaymentError(
            PaymentErrorCode.GATEWAY_NOT_AVAILABLE,
            _("Card and PromptPay payments are not available at the moment."),
            field="gateway",
        ) from exc
    except stripe.StripeError as exc:
        logger.warning("Stripe refused to start payment %s: %s", payment.pk, exc)
        raise PaymentError(
            PaymentErrorCode.GATEWAY_ERROR,
            _("The payment could not be started. Please try again in a moment."),
            field="gateway",
        ) from exc
    if result.state is not None and result.state.status == PaymentStatus.CANCELLED:
        # The old intent was cancelled at Stripe: start the next attempt with a new one.
        _retire(payment)
        payment = Payment.objects.create(
            order=payment.order,
            gateway=payment.gateway,
            amount=payment.order.total,
            attempt=payment.attempt + 1,
        )
        return _start_with_gateway(payment, method)
    if payment.stripe_payment_intent_id != result.psp_reference:
        payment.stripe_payment_intent_id = result.psp_reference
        payment.save(update_fields=["stripe_payment_intent_id", "updated_at"])
    if result.state is not None:
        apply_state_locked(payment, result.state, source="initialize")
    return PaymentStart(payment, result.client_secret, result.promptpay_qr)


def _retire(payment: Payment) -> None:
    payment.is_active = False
    if payment.status in _UNPAID:
        payment.status = PaymentStatus.CANCELLED
        transaction_record(
            payment, TransactionKind.CANCEL, message="another payment method was chosen"
        )
    payment.save(update_fields=["is_active", "status", "updated_at"])


def _queue_intent_cancel(payment_id: int) -> None:
    from payments.tasks import payment_intent_cancel

    transaction.on_commit(lambda: payment_intent_cancel.delay(payment_id=payment_id))


# --- following the gateway ---------------------------------------------------------------------


def transaction_record(
    payment: Payment,
    kind: str,
    *,
    amount: Decimal = Decimal(0),
    is_success: bool = True,
    message: str = "",
    psp_reference: str = "",
    event_id: str = "",
    user: User | None = None,
    vendor_order_id: int | None = None,
) -> PaymentTransaction:
    return PaymentTransaction.objects.create(
        payment=payment,
        kind=kind,
        amount=amount,
        is_success=is_success,
        message=message[:2000],
        psp_reference=psp_reference,
        stripe_event_id=event_id,
        user=user,
        vendor_order_id=vendor_order_id,
    )


def amount_due(order: Order) -> Decimal:
    """What the shopper owes: the order total less parcels cancelled before payment."""
    cancelled = sum(
        (vo.total for vo in order.vendor_orders.filter(status=VendorOrderStatus.CANCELLED)),
        Decimal(0),
    )
    return order.total - cancelled


def order_payment_status_sync(*, payment: Payment, by: User | None = None) -> None:
    """Set the order's payment status from its active payment."""
    order = payment.order
    status = {
        PaymentStatus.PENDING: OrderPaymentStatus.PENDING,
        PaymentStatus.FAILED: OrderPaymentStatus.PENDING,
        PaymentStatus.AUTHORIZED: OrderPaymentStatus.PENDING,
        PaymentStatus.PAID: OrderPaymentStatus.PAID,
        PaymentStatus.PARTIALLY_REFUNDED: OrderPaymentStatus.PARTIALLY_REFUNDED,
        PaymentStatus.REFUNDED: OrderPaymentStatus.REFUNDED,
        PaymentStatus.CANCELLED: OrderPaymentStatus.NOT_CHARGED,
    }[PaymentStatus(payment.status)]
    if status == OrderPaymentStatus.PAID and payment.captured_amount < amount_due(order):
        status = OrderPaymentStatus.PENDING  # short payment: not paid, and flagged for review
    order_payment_status_set(
        order=order,
        status=status,
        by=by,
        parameters={"gateway": payment.gateway, "amount": str(payment.captured_amount)},
    )


def apply_state_locked(
    payment: Payment,
    state: GatewayState,
    *,
    source: str,
    event_id: str = "",
    by: User | None = None,
) -> bool:
    """Move a locked payment to what the gateway reports, if that is a step forward.

    Returns whether anything changed. Money received is checked against the amount due.
    """
    if state.status == payment.status or not can_move(payment.status, state.status):
        logger.info(
            "payment %s: %s ignored (%s is %s)", payment.pk, source, state.status, payment.status
        )
        return False
    payment.status = state.status
    if state.charge_id:
        payment.stripe_charge_id = state.charge_id
    if state.status == PaymentStatus.PAID:
        payment.captured_amount = state.amount_received
        payment.paid_at = timezone.now()
    payment.save()
    kind = _TRANSACTION_OF.get(state.status)
    if kind is not None:
        transaction_record(
            payment,
            kind,
            amount=state.amount_received,
            is_success=state.status != PaymentStatus.FAILED,
            message=state.message or source,
            psp_reference=payment.stripe_payment_intent_id or "",
            event_id=event_id,
            user=by,
        )
    if state.status == PaymentStatus.PAID:
        _check_amount(payment, state, event_id=event_id)
    if payment.is_active:
        order_payment_status_sync(payment=payment, by=by)
    elif state.status == PaymentStatus.PAID:
        # Money arrived on a payment the shopper had abandoned for another method.
        order_flag_for_review(
            order=payment.order,
            reason=str(_("Money was received on a payment that is no longer active.")),
        )
    return True


def _check_amount(payment: Payment, state: GatewayState, *, event_id: str) -> None:
    due = payment.amount
    if state.amount_received == due and state.currency == payment.currency:
        return
    message = str(
        _("Received %(received)s %(currency)s for an order of %(due)s THB.")
        % {"received": state.amount_received, "currency": state.currency, "due": due}
    )
    transaction_record(
        payment,
        TransactionKind.AMOUNT_MISMATCH,
        amount=state.amount_received,
        is_success=False,
        message=message,
        event_id=event_id,
    )
    order_flag_for_review(order=payment.order, reason=message)


def payment_apply_gateway_state(
    *, payment: Payment, state: GatewayState, source: str, event_id: str = ""
) -> bool:
    """Apply what the gateway says about `payment` (a webhook or reconciliation), forward only.

    Safe to call any number of times with the same or older news."""
    with transaction.atomic():
        locked = Payment.objects.select_for_update().select_related("order").get(pk=payment.pk)
        return apply_state_locked(locked, state, source=source, event_id=event_id)


def payment_reconcile(*, payment: Payment) -> bool:
    """Ask the gateway about a payment that is still open and apply the answer.

    Returns whether the payment changed. Stripe errors propagate (the task retries)."""
    state = gateway_for(payment.gateway).fetch_state(payment=payment)
    if state is None:
        return False
    return payment_apply_gateway_state(payment=payment, state=state, source="reconcile")


def payment_capture(*, payment: Payment, by: User | None = None) -> Payment:
    """Capture an authorised card payment (a deployment with `STRIPE_CAPTURE_METHOD=manual`)."""
    payment = _locked_payment(payment)
    if payment.gateway != Gateway.STRIPE or payment.status != PaymentStatus.AUTHORIZED:
        raise PaymentError(
            PaymentErrorCode.INVALID_STATUS,
            _("Only an authorised card payment can be captured."),
        )
    state = _stripe_call(lambda: StripeGateway().capture(payment=payment))
    payment_apply_gateway_state(payment=payment, state=state, source="capture")
    payment.refresh_from_db()
    return payment


def payment_cancel(*, payment: Payment, by: User | None = None) -> Payment:
    """Cancel an unpaid or authorised Stripe payment (its PaymentIntent) and record it."""
    payment = _locked_payment(payment)
    if payment.gateway != Gateway.STRIPE or not payment.stripe_payment_intent_id:
        raise PaymentError(
            PaymentErrorCode.WRONG_GATEWAY, _("Only a card or PromptPay payment can be cancelled.")
        )
    if payment.status not in {*_UNPAID, PaymentStatus.AUTHORIZED}:
        raise PaymentError(
            PaymentErrorCode.INVALID_STATUS, _("A paid payment cannot be cancelled; refund it.")
        )
    state = _stripe_call(lambda: StripeGateway().cancel(payment=payment))
    payment_apply_gateway_state(payment=payment, state=state, source="cancel")
    payment.refresh_from_db()
    return payment


def payment_confirm_server_side(*, payment: Payment, payment_method_id: str) -> Payment:
    """Confirm a card payment from the server with a test PaymentMethod, then apply the result.

    Only against a local Stripe stand-in (`stripe_is_local`): it lets tests and demos without
    Stripe.js pay by card end to end. With the real Stripe the browser confirms, and the webhook
    (or reconciliation) brings the result. Refuses (`PaymentError`): GATEWAY_NOT_AVAILABLE with
    the real Stripe, WRONG_GATEWAY for a payment without an intent, INVALID_STATUS once paid.
    """
    if not stripe_is_local():
        raise PaymentError(
            PaymentErrorCode.GATEWAY_NOT_AVAILABLE,
            _("Cards are confirmed in your browser; this shortcut is for tests only."),
            field="payment_method",
        )
    payment = _locked_payment(payment)
    if payment.gateway != Gateway.STRIPE or not payment.stripe_payment_intent_id:
        raise PaymentError(
            PaymentErrorCode.WRONG_GATEWAY,
            _("This order is not being paid by card."),
            field="payment_method",
        )
    if payment.status not in _UNPAID:
        raise PaymentError(
            PaymentErrorCode.INVALID_STATUS,
            _("This order is already paid."),
            field="payment_method",
        )
    state = _stripe_call(
        lambda: StripeGateway().confirm_with_payment_method(
            payment=payment, payment_method_id=payment_method_id
        )
    )
    payment_apply_gateway_state(payment=payment, state=state, source="server-side confirmation")
    payment.refresh_from_db()
    return payment


def _locked_payment(payment: Payment) -> Payment:
    # A short read; Stripe is then called without holding the lock.
    return Payment.objects.select_related("order").get(pk=payment.pk)


def _stripe_call(call: Callable[[], GatewayState]) -> GatewayState:
    try:
        result = call()
    except stripe.StripeError as exc:
        raise PaymentError(
            PaymentErrorCode.GATEWAY_ERROR,
            _("Stripe refused: %(reason)s"),
            params={"reason": getattr(exc, "user_message", None) or str(exc)},
        ) from exc
    return result
