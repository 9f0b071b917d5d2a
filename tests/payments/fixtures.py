"""Builders for payment tests: placed orders, Stripe settings for localstripe, signed events.

Imported by the test modules (not a conftest, so that the ledger's tests beside these keep their
own fixtures).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import uuid
from typing import Any

import pytest
import stripe
from django.test import Client
from pytest_django.fixtures import Settings

from marketplace.checkout.complete import checkout_complete
from marketplace.orders.models import Order
from payments.models import Gateway, Payment
from tests.conftest import require_env
from tests.factories.checkout import VendorStall, stall
from tests.marketplace.checkout.test_complete import ready_cart

WEBHOOK_SECRET = "whsec_kad_payments_tests"
WEBHOOK_URL = "/payments/stripe/webhook/"


def placed_order(*stalls: VendorStall, quantity: int = 1) -> Order:
    """A completed checkout: unpaid, one vendor order per stall (default: one 500 ฿ stall)."""
    chosen = stalls or (stall(),)
    return checkout_complete(token=ready_cart(*chosen, quantity=quantity).token)


@pytest.fixture
def stripe_settings(settings: Settings) -> Settings:
    """Point the gateway at the shared localstripe and give the webhook a secret."""
    settings.STRIPE_API_KEY = require_env("STRIPE_API_KEY")
    settings.STRIPE_API_BASE = require_env("STRIPE_API_BASE")
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_MAX_NETWORK_RETRIES = 0
    settings.STRIPE_CAPTURE_METHOD = "automatic"
    return settings


def localstripe() -> stripe.StripeClient:
    return stripe.StripeClient(
        require_env("STRIPE_API_KEY"),
        base_addresses={"api": require_env("STRIPE_API_BASE")},
        max_network_retries=0,
    )


def card(number: str) -> str:
    """A localstripe card PaymentMethod (4242… pays, …0341 is declined, …3184 needs 3-D
    Secure)."""
    method = localstripe().v1.payment_methods.create(
        params={
            "type": "card",
            "card": {"number": number, "exp_month": 12, "exp_year": 2034, "cvc": "123"},
        }
    )
    return str(method.id)


def shopper_pays(intent_id: str, card_number: str) -> dict[str, Any]:
    """What Stripe.js does in the browser: attach the card and confirm; the intent after."""
    client = localstripe()
    client.v1.payment_intents.update(intent_id, params={"payment_method": card(card_number)})
    try:
        client.v1.payment_intents.confirm(intent_id)
    except stripe.CardError:
        pass  # a declined card: the intent records the failure
    return client.v1.payment_intents.retrieve(intent_id).to_dict()


def sign(payload: bytes, *, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    """Stripe's `Stripe-Signature` header: `t=<unix time>,v1=<HMAC-SHA256 of "t.payload">`."""
    stamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{stamp}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={stamp},v1={digest}"


def stripe_event(
    event_type: str, obj: dict[str, Any], *, created: int | None = None
) -> dict[str, Any]:
    """An event in the shape of Stripe's API reference (`object: "event"`)."""
    return {
        "id": f"evt_{uuid.uuid4().hex[:24]}",
        "object": "event",
        "api_version": "2024-06-20",
        "created": int(time.time()) if created is None else created,
        "data": {"object": obj},
        "livemode": False,
        "pending_webhooks": 1,
        "request": {"id": None, "idempotency_key": None},
        "type": event_type,
    }


def post_event(client: Client, event: dict[str, Any], *, signature: str | None = None) -> Any:
    payload = json.dumps(event).encode()
    return client.post(
        WEBHOOK_URL,
        data=payload,
        content_type="application/json",
        headers={"Stripe-Signature": signature if signature is not None else sign(payload)},
    )


def intent_json(
    *,
    intent_id: str,
    order: Order,
    status: str = "succeeded",
    amount: int | None = None,
    received: int | None = None,
    method_type: str = "card",
    error: str | None = None,
) -> dict[str, Any]:
    """A PaymentIntent as Stripe's API reference shows it (the fields Kad reads, and more)."""
    total = amount if amount is not None else int(order.total * 100)
    return {
        "id": intent_id,
        "object": "payment_intent",
        "amount": total,
        "amount_capturable": 0,
        "amount_received": (received if received is not None else total)
        if status == "succeeded"
        else 0,
        "capture_method": "automatic",
        "client_secret": f"{intent_id}_secret_test",
        "confirmation_method": "automatic",
        "created": int(time.time()),
        "currency": "thb",
        "last_payment_error": (
            {"code": "card_declined", "message": error, "type": "card_error"} if error else None
        ),
        "latest_charge": f"ch_{intent_id[3:]}" if status == "succeeded" else None,
        "livemode": False,
        "metadata": {"order_number": order.number},
        "next_action": None,
        "payment_method": f"pm_{intent_id[3:]}",
        "payment_method_types": ["card", "promptpay"],
        "payment_method_options": {method_type: {}},
        "status": status,
    }


def stripe_payment(order: Order, intent_id: str | None = None) -> Payment:
    """An order whose shopper started a Stripe payment (as `payment_initialize` leaves it)."""
    from marketplace.orders.models import PaymentStatus as OrderPaymentStatus

    Order.objects.filter(pk=order.pk).update(payment_status=OrderPaymentStatus.PENDING)
    return Payment.objects.create(
        order=order,
        gateway=Gateway.STRIPE,
        amount=order.total,
        stripe_payment_intent_id=intent_id or f"pi_{uuid.uuid4().hex[:20]}",
    )
