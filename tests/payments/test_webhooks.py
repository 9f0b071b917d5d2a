"""The Stripe webhook: signed Stripe-shaped events posted to /payments/stripe/webhook/, verified by
`stripe.Webhook.construct_event` for real."""

from __future__ import annotations

import json
import logging
import time
from decimal import Decimal

import pytest
from django.test import Client

from marketplace.orders.models import Order, OrderEvent
from marketplace.orders.models import PaymentStatus as OrderPaymentStatus
from payments.models import (
    Payment,
    PaymentStatus,
    PaymentTransaction,
    Refund,
    RefundStatus,
    StripeEvent,
    TransactionKind,
)
from payments.refunds import vendor_order_refund_request
from tests.payments.fixtures import (
    intent_json,
    placed_order,
    post_event,
    sign,
    stripe_event,
    stripe_payment,
    stripe_settings,  # noqa: F401 - fixture
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("stripe_settings")]


def _paid_events(order: Order) -> int:
    return OrderEvent.objects.filter(
        order=order, type=OrderEvent.Type.PAYMENT, parameters__payment_status="paid"
    ).count()


def test_succeeded_event_settles_the_order_once_when_delivered_five_times(client: Client) -> None:
    order = placed_order()
    payment = stripe_payment(order)
    event = stripe_event(
        "payment_intent.succeeded",
        intent_json(intent_id=payment.stripe_payment_intent_id or "", order=order),
    )

    answers = [post_event(client, event) for _ in range(5)]

    assert [a.status_code for a in answers] == [200] * 5
    assert [a.json()["outcome"] for a in answers] == ["handled"] + ["duplicate"] * 4
    payment.refresh_from_db()
    order.refresh_from_db()
    assert payment.status == PaymentStatus.PAID
    assert payment.captured_amount == order.total == Decimal("550.00")
    assert order.payment_status == OrderPaymentStatus.PAID
    assert not order.needs_review
    assert payment.transactions.filter(kind=TransactionKind.CHARGE).count() == 1
    assert _paid_events(order) == 1
    assert StripeEvent.objects.filter(event_id=event["id"]).count() == 1


@pytest.mark.parametrize(
    "signature",
    [
        pytest.param("t=1,v1=deadbeef", id="forged"),
        pytest.param("", id="missing"),
        pytest.param(None, id="wrong-secret"),
        pytest.param("stale", id="stale"),
    ],
)
def test_forged_or_stale_signature_gets_400_and_changes_nothing(
    client: Client, signature: str | None
) -> None:
    order = placed_order()
    payment = stripe_payment(order)
    event = stripe_event(
        "payment_intent.succeeded",
        intent_json(intent_id=payment.stripe_payment_intent_id or "", order=order),
    )
    payload = json.dumps(event).encode()
    if signature is None:
        signature = sign(payload, secret="whsec_someone_else")
    elif signature == "stale":
        signature = sign(payload, timestamp=int(time.time()) - 301)

    answer = post_event(client, event, signature=signature)

    assert answer.status_code == 400
    payment.refresh_from_db()
    order.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING
    assert order.payment_status == OrderPaymentStatus.PENDING
    assert not StripeEvent.objects.filter(event_id=event["id"]).exists()


def test_signature_within_five_minutes_is_accepted(client: Client) -> None:
    order = placed_order()
    payment = stripe_payment(order)
    event = stripe_event(
        "payment_intent.succeeded",
        intent_json(intent_id=payment.stripe_payment_intent_id or "", order=order),
    )
    payload = json.dumps(event).encode()

    answer = post_event(client, event, signature=sign(payload, timestamp=int(time.time()) - 240))

    assert answer.status_code == 200
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID


def test_unknown_event_type_gets_200_and_is_logged(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    event = stripe_event("customer.created", {"id": "cus_123", "object": "customer"})

    with caplog.at_level(logging.INFO, logger="payments.webhooks"):
        answer = post_event(client, event)

    assert answer.status_code == 200
    assert answer.json()["outcome"] == "ignored"
    assert any(
        "customer.created" in record.getMessage() and event["id"] in record.getMessage()
        for record in caplog.records
    )
    assert StripeEvent.objects.get(event_id=event["id"]).outcome == StripeEvent.Outcome.IGNORED


def test_webhook_without_a_configured_secret_accepts_nothing(client: Client, settings) -> None:
    settings.STRIPE_WEBHOOK_SECRET = ""
    event = stripe_event("customer.created", {"id": "cus_1", "object": "customer"})

    answer = post_event(client, event)

    assert answer.status_code == 503
    assert not StripeEvent.objects.exists()


def test_late_failure_after_success_changes_nothing(client: Client) -> None:
    order = placed_order()
    payment = stripe_payment(order)
    intent_id = payment.stripe_payment_intent_id or ""
    failed = stripe_event(
        "payment_intent.payment_failed",
        intent_json(
            intent_id=intent_id,
            order=order,
            status="requires_payment_method",
            error="Your card was declined.",
        ),
        created=int(time.time()) - 60,
    )
    succeeded = stripe_event(
        "payment_intent.succeeded", intent_json(intent_id=intent_id, order=order)
    )

    assert post_event(client, succeeded).json()["outcome"] == "handled"
    assert post_event(client, failed).json()["outcome"] == "ignored"
    canceled = stripe_event(
        "payment_intent.canceled", intent_json(intent_id=intent_id, order=order, status="canceled")
    )
    assert post_event(client, canceled).json()["outcome"] == "ignored"

    payment.refresh_from_db()
    order.refresh_from_db()
    assert payment.status == PaymentStatus.PAID
    assert order.payment_status == OrderPaymentStatus.PAID
    assert not payment.transactions.filter(kind=TransactionKind.FAILURE).exists()


def test_failed_attempt_then_success_ends_paid(client: Client) -> None:
    order = placed_order()
    payment = stripe_payment(order)
    intent_id = payment.stripe_payment_intent_id or ""
    failed = stripe_event(
        "payment_intent.payment_failed",
        intent_json(
            intent_id=intent_id,
            order=order,
            status="requires_payment_method",
            error="Your card was declined.",
        ),
    )

    post_event(client, failed)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.FAILED
    failure = payment.transactions.get(kind=TransactionKind.FAILURE)
    assert (failure.is_success, failure.message) == (False, "Your card was declined.")

    post_event(
        client,
        stripe_event("payment_intent.succeeded", intent_json(intent_id=intent_id, order=order)),
    )
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID


def test_canceled_intent_leaves_the_order_not_charged(client: Client) -> None:
    order = placed_order()
    payment = stripe_payment(order)
    event = stripe_event(
        "payment_intent.canceled",
        intent_json(
            intent_id=payment.stripe_payment_intent_id or "", order=order, status="canceled"
        ),
    )

    post_event(client, event)

    payment.refresh_from_db()
    order.refresh_from_db()
    assert payment.status == PaymentStatus.CANCELLED
    assert order.payment_status == OrderPaymentStatus.NOT_CHARGED


def test_amount_that_does_not_match_flags_the_order_for_review(client: Client) -> None:
    order = placed_order()  # 550.00 ฿
    payment = stripe_payment(order)
    event = stripe_event(
        "payment_intent.succeeded",
        intent_json(intent_id=payment.stripe_payment_intent_id or "", order=order, received=50_000),
    )

    post_event(client, event)

    order.refresh_from_db()
    payment.refresh_from_db()
    assert payment.captured_amount == Decimal("500.00")
    assert order.needs_review
    assert "500.00" in order.review_reason and "550.00" in order.review_reason
    assert order.payment_status == OrderPaymentStatus.PENDING  # short: not paid
    assert payment.transactions.filter(kind=TransactionKind.AMOUNT_MISMATCH).exists()


def test_promptpay_payment_succeeded_marks_the_order_paid(client: Client) -> None:
    order = placed_order()
    payment = stripe_payment(order)
    intent = intent_json(
        intent_id=payment.stripe_payment_intent_id or "", order=order, method_type="promptpay"
    )
    intent["payment_method_types"] = ["promptpay"]

    post_event(client, stripe_event("payment_intent.succeeded", intent))

    order.refresh_from_db()
    assert order.payment_status == OrderPaymentStatus.PAID


def test_intent_of_no_order_of_ours_is_answered_and_recorded(client: Client) -> None:
    order = placed_order()
    intent = intent_json(intent_id="pi_not_ours_123", order=order)
    intent["metadata"] = {}

    answer = post_event(client, stripe_event("payment_intent.succeeded", intent))

    assert answer.status_code == 200
    assert answer.json()["outcome"] == "unknown_payment"
    order.refresh_from_db()
    assert order.payment_status == OrderPaymentStatus.NOT_CHARGED


def test_intent_created_but_not_stored_is_adopted_by_its_order_number(client: Client) -> None:
    order = placed_order()
    intent = intent_json(intent_id="pi_lost_after_create_1", order=order)

    post_event(client, stripe_event("payment_intent.succeeded", intent))

    payment = Payment.objects.get(order=order, is_active=True)
    order.refresh_from_db()
    assert payment.stripe_payment_intent_id == "pi_lost_after_create_1"
    assert order.payment_status == OrderPaymentStatus.PAID


def _charge(payment: Payment, *, refunded: int, refunds: list[dict] | None = None) -> dict:
    return {
        "id": payment.stripe_charge_id or "ch_x",
        "object": "charge",
        "amount": int(payment.amount * 100),
        "amount_captured": int(payment.amount * 100),
        "amount_refunded": refunded,
        "captured": True,
        "currency": "thb",
        "paid": True,
        "payment_intent": payment.stripe_payment_intent_id,
        "refunded": refunded >= int(payment.amount * 100),
        "refunds": {"object": "list", "data": refunds or [], "has_more": False},
        "status": "succeeded",
    }


def _paid(client: Client, order: Order) -> Payment:
    payment = stripe_payment(order)
    post_event(
        client,
        stripe_event(
            "payment_intent.succeeded",
            intent_json(intent_id=payment.stripe_payment_intent_id or "", order=order),
        ),
    )
    payment.refresh_from_db()
    return payment


def test_refund_made_in_stripe_dashboard_flags_the_order(client: Client) -> None:
    order = placed_order()
    payment = _paid(client, order)

    post_event(client, stripe_event("charge.refunded", _charge(payment, refunded=10_000)))

    order.refresh_from_db()
    assert order.needs_review
    assert "100.00" in order.review_reason
    payment.refresh_from_db()
    assert payment.refunded_amount == Decimal(0)  # Kad records refunds it knows the parcel of


def test_charge_refunded_completes_a_pending_refund_of_ours(
    client: Client, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks
) -> None:
    order = placed_order()
    payment = _paid(client, order)
    vendor_order = order.vendor_orders.get()
    # Stripe is slow to answer: the task has not run when the event arrives.
    with django_capture_on_commit_callbacks(execute=False):
        refund = vendor_order_refund_request(
            vendor_order=vendor_order, amount="100.00", reason="สินค้าชำรุด", by=None
        )
    refund_json = {
        "id": "re_from_event_1",
        "object": "refund",
        "amount": 10_000,
        "currency": "thb",
        "metadata": {"refund_id": str(refund.pk)},
        "payment_intent": payment.stripe_payment_intent_id,
        "status": "succeeded",
    }

    post_event(
        client,
        stripe_event("charge.refunded", _charge(payment, refunded=10_000, refunds=[refund_json])),
    )

    refund.refresh_from_db()
    payment.refresh_from_db()
    order.refresh_from_db()
    assert refund.status == RefundStatus.SUCCEEDED
    assert refund.stripe_refund_id == "re_from_event_1"
    assert payment.refunded_amount == Decimal("100.00")
    assert payment.status == PaymentStatus.PARTIALLY_REFUNDED
    assert order.payment_status == OrderPaymentStatus.PARTIALLY_REFUNDED
    assert not order.needs_review
    assert Refund.objects.count() == 1


def test_dispute_flags_the_order_for_review(client: Client) -> None:
    order = placed_order()
    payment = _paid(client, order)
    dispute = {
        "id": "du_test_1",
        "object": "dispute",
        "amount": 55_000,
        "charge": payment.stripe_charge_id,
        "currency": "thb",
        "evidence_details": {"due_by": int(time.time()) + 86400, "has_evidence": False},
        "is_charge_refundable": True,
        "livemode": False,
        "metadata": {},
        "payment_intent": payment.stripe_payment_intent_id,
        "reason": "fraudulent",
        "status": "needs_response",
    }

    answer = post_event(client, stripe_event("charge.dispute.created", dispute))

    assert answer.json()["outcome"] == "handled"
    order.refresh_from_db()
    assert order.needs_review
    assert "fraudulent" in order.review_reason
    record = PaymentTransaction.objects.get(payment=payment, kind=TransactionKind.DISPUTE)
    assert record.amount == Decimal("550.00")
