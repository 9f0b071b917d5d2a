"""Card payments over real HTTP against localstripe: create, confirm, decline, 3-D Secure,
manual capture, refunds, reconciliation; and our order after each step."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from marketplace.inventory.models import Stock
from marketplace.orders.models import OrderEvent, VendorOrderStatus
from marketplace.orders.models import PaymentStatus as OrderPaymentStatus
from marketplace.orders.services import vendor_order_ship
from payments.errors import PaymentError, PaymentErrorCode
from payments.ledger.models import LedgerEntry
from payments.models import Gateway, Payment, PaymentStatus, RefundStatus, TransactionKind
from payments.refunds import vendor_order_refund_request
from payments.services import payment_capture, payment_initialize, payment_reconcile
from payments.tasks import payments_reconcile_pending
from tests.factories.checkout import stall
from tests.payments.fixtures import (
    localstripe,
    placed_order,
    shopper_pays,
    stripe_settings,  # noqa: F401 - fixture
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("stripe_settings")]

VISA = "4242424242424242"
DECLINED = "4000000000000341"
NEEDS_3DS = "4000002760003184"


def test_initialize_creates_a_thb_intent_for_the_order_total_in_satang() -> None:
    order = placed_order(stall(price="1850.00"))  # + 50 ฿ delivery

    start = payment_initialize(order=order, gateway=Gateway.STRIPE)

    intent = localstripe().v1.payment_intents.retrieve(start.payment.stripe_payment_intent_id or "")
    assert (intent.amount, intent.currency) == (190_000, "thb")
    assert intent.metadata["order_number"] == order.number
    assert start.client_secret == intent.client_secret
    assert start.payment.status == PaymentStatus.PENDING
    order.refresh_from_db()
    assert order.payment_status == OrderPaymentStatus.PENDING


def test_initializing_again_returns_the_same_intent() -> None:
    order = placed_order()
    first = payment_initialize(order=order, gateway=Gateway.STRIPE)

    again = payment_initialize(order=order, gateway=Gateway.STRIPE)

    assert again.payment.pk == first.payment.pk
    assert again.client_secret == first.client_secret
    assert Payment.objects.filter(order=order).count() == 1


def test_card_payment_is_settled_by_reconciliation_when_the_webhook_is_lost() -> None:
    order = placed_order()
    start = payment_initialize(order=order, gateway=Gateway.STRIPE)
    intent = shopper_pays(start.payment.stripe_payment_intent_id or "", VISA)
    assert intent["status"] == "succeeded"
    Payment.objects.filter(pk=start.payment.pk).update(
        created_at=timezone.now() - timedelta(minutes=20)
    )

    assert payments_reconcile_pending() == 1
    assert payments_reconcile_pending() == 0  # nothing left to settle

    payment = Payment.objects.get(pk=start.payment.pk)
    order.refresh_from_db()
    assert payment.status == PaymentStatus.PAID
    assert payment.captured_amount == Decimal("550.00")
    assert payment.stripe_charge_id == intent["latest_charge"]["id"]
    assert order.payment_status == OrderPaymentStatus.PAID


def test_reconciliation_leaves_young_payments_to_the_webhook() -> None:
    order = placed_order()
    start = payment_initialize(order=order, gateway=Gateway.STRIPE)
    shopper_pays(start.payment.stripe_payment_intent_id or "", VISA)

    assert payments_reconcile_pending() == 0

    order.refresh_from_db()
    assert order.payment_status == OrderPaymentStatus.PENDING


def test_declined_card_leaves_the_order_unpaid_and_open_for_another_try() -> None:
    # (localstripe cannot confirm an intent again after a decline; the later success on the
    # same intent is covered by test_webhooks.test_failed_attempt_then_success_ends_paid.)
    order = placed_order()
    start = payment_initialize(order=order, gateway=Gateway.STRIPE)
    intent_id = start.payment.stripe_payment_intent_id or ""

    declined = shopper_pays(intent_id, DECLINED)
    payment_reconcile(payment=start.payment)

    assert declined["status"] == "requires_payment_method"
    payment = Payment.objects.get(pk=start.payment.pk)
    assert payment.status == PaymentStatus.FAILED
    assert payment.transactions.get(kind=TransactionKind.FAILURE).message == (
        "Your card was declined."
    )
    order.refresh_from_db()
    assert order.payment_status == OrderPaymentStatus.PENDING

    again = payment_initialize(order=order, gateway=Gateway.STRIPE)

    assert again.payment.pk == payment.pk
    assert again.client_secret == start.client_secret


def test_three_d_secure_payment_waits_for_authentication() -> None:
    order = placed_order()
    start = payment_initialize(order=order, gateway=Gateway.STRIPE)
    intent_id = start.payment.stripe_payment_intent_id or ""

    intent = shopper_pays(intent_id, NEEDS_3DS)
    payment_reconcile(payment=start.payment)

    assert intent["status"] == "requires_action"
    assert Payment.objects.get(pk=start.payment.pk).status == PaymentStatus.PENDING

    localstripe().raw_request(
        "post",
        f"/v1/payment_intents/{intent_id}/_authenticate",
        client_secret=start.client_secret,
        success="true",
    )
    payment_reconcile(payment=start.payment)

    order.refresh_from_db()
    assert Payment.objects.get(pk=start.payment.pk).status == PaymentStatus.PAID
    assert order.payment_status == OrderPaymentStatus.PAID


def test_failed_three_d_secure_authentication_marks_the_attempt_failed() -> None:
    order = placed_order()
    start = payment_initialize(order=order, gateway=Gateway.STRIPE)
    intent_id = start.payment.stripe_payment_intent_id or ""
    shopper_pays(intent_id, NEEDS_3DS)

    localstripe().raw_request(
        "post",
        f"/v1/payment_intents/{intent_id}/_authenticate",
        client_secret=start.client_secret,
        success="false",
    )
    payment_reconcile(payment=start.payment)

    payment = Payment.objects.get(pk=start.payment.pk)
    assert payment.status == PaymentStatus.FAILED
    order.refresh_from_db()
    assert order.payment_status == OrderPaymentStatus.PENDING


def test_manual_capture_authorises_first_and_captures_on_request(settings) -> None:
    settings.STRIPE_CAPTURE_METHOD = "manual"
    order = placed_order()
    start = payment_initialize(order=order, gateway=Gateway.STRIPE)
    intent = shopper_pays(start.payment.stripe_payment_intent_id or "", VISA)
    payment_reconcile(payment=start.payment)

    assert intent["status"] == "requires_capture"
    payment = Payment.objects.get(pk=start.payment.pk)
    assert payment.status == PaymentStatus.AUTHORIZED
    order.refresh_from_db()
    assert order.payment_status == OrderPaymentStatus.PENDING

    payment = payment_capture(payment=payment)

    order.refresh_from_db()
    assert payment.status == PaymentStatus.PAID
    assert payment.captured_amount == Decimal("550.00")
    assert order.payment_status == OrderPaymentStatus.PAID


def _paid_order(*stalls):
    order = placed_order(*stalls)
    start = payment_initialize(order=order, gateway=Gateway.STRIPE)
    shopper_pays(start.payment.stripe_payment_intent_id or "", VISA)
    payment_reconcile(payment=start.payment)
    order.refresh_from_db()
    assert order.payment_status == OrderPaymentStatus.PAID
    return order, Payment.objects.get(pk=start.payment.pk)


def test_partial_refund_of_one_parcel_goes_through_stripe(
    django_capture_on_commit_callbacks,
) -> None:
    silk, pottery = stall(price="1850.00"), stall(price="320.00")
    order, payment = _paid_order(silk, pottery)
    silk_parcel = order.vendor_orders.get(vendor=silk.vendor)

    with django_capture_on_commit_callbacks(execute=True):
        refund = vendor_order_refund_request(
            vendor_order=silk_parcel, amount="300.00", reason="ผ้ามีตำหนิ", by=None
        )

    refund.refresh_from_db()
    assert refund.status == RefundStatus.SUCCEEDED
    assert refund.idempotency_key == f"{order.number}:refund:{silk_parcel.number}:1"
    charge = localstripe().v1.charges.retrieve(payment.stripe_charge_id)
    assert charge.amount_refunded == 30_000
    payment.refresh_from_db()
    order.refresh_from_db()
    silk_parcel.refresh_from_db()
    assert payment.status == PaymentStatus.PARTIALLY_REFUNDED
    assert payment.refunded_amount == Decimal("300.00")
    assert order.payment_status == OrderPaymentStatus.PARTIALLY_REFUNDED
    assert order.total_refunded == Decimal("300.00")
    assert silk_parcel.refunded_amount == Decimal("300.00")
    assert silk_parcel.status == VendorOrderStatus.UNFULFILLED  # partial: still to be shipped
    event = OrderEvent.objects.get(order=order, type=OrderEvent.Type.REFUNDED)
    assert event.parameters["amount"] == "300.00"
    debit = LedgerEntry.objects.get(vendor_order=silk_parcel)
    assert debit.reference == refund.idempotency_key


def test_full_refund_of_a_shipped_parcel_with_restock(django_capture_on_commit_callbacks) -> None:
    silk = stall(price="1850.00", quantity=4)
    order, payment = _paid_order(silk)
    parcel = order.vendor_orders.get()
    vendor_order_ship(vendor_order=parcel, carrier="Thailand Post", tracking_number="EF1", by=None)
    silk.stock.refresh_from_db()
    assert silk.stock.quantity == 3

    with django_capture_on_commit_callbacks(execute=True):
        refund = vendor_order_refund_request(
            vendor_order=parcel, amount=None, reason="ลูกค้าส่งคืน", restock=True, by=None
        )

    refund.refresh_from_db()
    parcel.refresh_from_db()
    payment.refresh_from_db()
    order.refresh_from_db()
    assert refund.amount == Decimal("1900.00")
    assert parcel.status == VendorOrderStatus.REFUNDED
    assert payment.status == PaymentStatus.REFUNDED
    assert order.payment_status == OrderPaymentStatus.REFUNDED
    assert Stock.objects.get(pk=silk.stock.pk).quantity == 4
    with pytest.raises(PaymentError) as refused:
        vendor_order_refund_request(vendor_order=parcel, amount="1.00", reason="again", by=None)
    assert refused.value.code == PaymentErrorCode.REFUND_EXCEEDS_PAID


def test_refund_larger_than_the_parcel_is_refused() -> None:
    order, _payment = _paid_order(stall(price="100.00"))
    parcel = order.vendor_orders.get()  # 150.00 with delivery

    with pytest.raises(PaymentError) as refused:
        vendor_order_refund_request(vendor_order=parcel, amount="150.01", reason="x", by=None)

    assert refused.value.code == PaymentErrorCode.REFUND_EXCEEDS_PAID
    assert refused.value.field == "amount"


def test_refund_of_an_unpaid_order_is_refused() -> None:
    order = placed_order()
    payment_initialize(order=order, gateway=Gateway.STRIPE)

    with pytest.raises(PaymentError) as refused:
        vendor_order_refund_request(
            vendor_order=order.vendor_orders.get(), amount="10.00", reason="x", by=None
        )

    assert refused.value.code == PaymentErrorCode.NOTHING_PAID


def test_switching_to_cash_on_delivery_cancels_the_open_intent(
    django_capture_on_commit_callbacks,
) -> None:
    order = placed_order()
    first = payment_initialize(order=order, gateway=Gateway.STRIPE)

    with django_capture_on_commit_callbacks(execute=True):
        second = payment_initialize(order=order, gateway=Gateway.CASH_ON_DELIVERY)

    intent = localstripe().v1.payment_intents.retrieve(first.payment.stripe_payment_intent_id or "")
    assert intent.status == "canceled"
    old = Payment.objects.get(pk=first.payment.pk)
    assert (old.is_active, old.status) == (False, PaymentStatus.CANCELLED)
    assert second.payment.is_active and second.payment.gateway == Gateway.CASH_ON_DELIVERY
    assert second.client_secret == ""


def test_paid_order_cannot_be_paid_again() -> None:
    order, _payment = _paid_order(stall())

    with pytest.raises(PaymentError) as refused:
        payment_initialize(order=order, gateway=Gateway.STRIPE)

    assert refused.value.code == PaymentErrorCode.ORDER_ALREADY_PAID


def test_without_an_api_key_stripe_is_not_available(settings) -> None:
    settings.STRIPE_API_KEY = ""
    order = placed_order()

    with pytest.raises(PaymentError) as refused:
        payment_initialize(order=order, gateway=Gateway.STRIPE)

    assert refused.value.code == PaymentErrorCode.GATEWAY_NOT_AVAILABLE
    assert not Payment.objects.filter(order=order).exists()
