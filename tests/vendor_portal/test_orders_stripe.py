"""Cancelling a card-paid order in the portal refunds the card through Stripe (localstripe)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from marketplace.orders.models import PaymentStatus as OrderPaymentStatus
from marketplace.orders.models import VendorOrderStatus
from payments.models import Gateway, Payment, PaymentStatus, RefundStatus
from payments.services import payment_initialize, payment_reconcile
from tests.factories.checkout import stall
from tests.payments.fixtures import (
    localstripe,
    placed_order,
    shopper_pays,
    stripe_settings,  # noqa: F401 - fixture
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("stripe_settings")]


def test_cancelling_a_card_paid_order_refunds_the_card_and_puts_the_stock_back(
    client: Client, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.LOGIN_URL = "/accounts/login/"
    silk = stall(price="1850.00", quantity=4)
    order = placed_order(silk)
    start = payment_initialize(order=order, gateway=Gateway.STRIPE)
    shopper_pays(start.payment.stripe_payment_intent_id or "", "4242424242424242")
    payment_reconcile(payment=start.payment)
    parcel = order.vendor_orders.get()
    client.force_login(silk.owner.user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("vendor_portal:order_cancel", kwargs={"number": parcel.number}),
            {"reason": "สีผ้าไม่ตรงกับรูป"},
        )

    assert response.status_code == 302
    payment = Payment.objects.get(pk=start.payment.pk)
    assert (payment.status, payment.refunded_amount) == (
        PaymentStatus.REFUNDED,
        Decimal("1900.00"),
    )
    assert payment.refunds.get().status == RefundStatus.SUCCEEDED
    charge = localstripe().v1.charges.retrieve(payment.stripe_charge_id)
    assert charge.amount_refunded == 190_000
    parcel.refresh_from_db()
    assert parcel.status == VendorOrderStatus.CANCELLED
    order.refresh_from_db()
    assert order.payment_status == OrderPaymentStatus.REFUNDED
    silk.stock.refresh_from_db()
    assert (silk.stock.quantity, silk.stock.quantity_allocated) == (4, 0)
