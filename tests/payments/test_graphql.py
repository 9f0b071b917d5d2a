"""orderPaymentInitialize and vendorOrderRefund through /graphql/ (a test schema with
PaymentMutations, served by KadGraphQLView), and the PromptPay QR code."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import graphene
import pytest
import stripe
from django.test import Client
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from graphql_relay import to_global_id

from marketplace.accounts.jwt import access_token_create
from marketplace.graphql.payments.mutations import PaymentMutations
from marketplace.graphql.schema import Query
from marketplace.graphql.views import KadGraphQLView
from payments.models import Gateway, Payment, PaymentStatus, RefundStatus
from payments.services import payment_initialize
from tests.factories.accounts import UserFactory
from tests.payments.fixtures import (
    placed_order,
    stripe_settings,  # noqa: F401 - fixture
)

schema = graphene.Schema(query=Query, mutation=PaymentMutations)
urlpatterns = [path("graphql/", csrf_exempt(KadGraphQLView.as_view(schema=schema)))]

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.urls("tests.payments.test_graphql"),
    pytest.mark.usefixtures("stripe_settings"),
]

INITIALIZE = """
mutation Pay($number: String, $email: String, $orderId: ID, $gateway: PaymentGatewayEnum!,
             $method: PaymentMethodEnum) {
  orderPaymentInitialize(number: $number, email: $email, orderId: $orderId, gateway: $gateway,
                         method: $method) {
    payment { id orderNumber gateway chargeStatus total { amount currency } }
    clientSecret
    promptpayQrCode { data imageUrlPng hostedInstructionsUrl }
    errors { field code message }
  }
}
"""

REFUND = """
mutation Refund($id: ID!, $amount: Decimal, $reason: String!) {
  vendorOrderRefund(id: $id, amount: $amount, reason: $reason) {
    refund { vendorOrderNumber status amount { amount } }
    errors { field code message }
  }
}
"""


def _post(client: Client, query: str, variables: dict[str, Any], token: str = "") -> Any:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    answer = client.post(
        "/graphql/",
        data=json.dumps({"query": query, "variables": variables}),
        content_type="application/json",
        headers=headers,
    )
    return answer.json()


def test_guest_starts_a_card_payment_and_gets_the_client_secret(client: Client) -> None:
    order = placed_order()

    body = _post(
        client,
        INITIALIZE,
        {"number": order.number, "email": order.email.upper(), "gateway": "STRIPE"},
    )

    result = body["data"]["orderPaymentInitialize"]
    assert result["errors"] == []
    assert result["clientSecret"].startswith("pi_")
    assert result["payment"]["orderNumber"] == order.number
    assert result["payment"]["chargeStatus"] == "PENDING"
    assert result["payment"]["total"] == {"amount": 550.0, "currency": "THB"}
    assert result["promptpayQrCode"] is None


def test_order_of_someone_else_is_not_found(client: Client) -> None:
    order = placed_order()

    by_email = _post(
        client, INITIALIZE, {"number": order.number, "email": "x@example.com", "gateway": "STRIPE"}
    )
    by_id = _post(
        client,
        INITIALIZE,
        {"orderId": to_global_id("Order", str(order.pk)), "gateway": "STRIPE"},
        token=access_token_create(UserFactory.create()),
    )

    for body in (by_email, by_id):
        [error] = body["data"]["orderPaymentInitialize"]["errors"]
        assert (error["field"], error["code"]) == ("orderId", "NOT_FOUND")
    assert not Payment.objects.filter(order=order).exists()


def test_only_operators_refund(client: Client) -> None:
    order = placed_order()
    payment_initialize(order=order, gateway=Gateway.CASH_ON_DELIVERY)
    parcel = order.vendor_orders.get()
    variables = {"id": to_global_id("VendorOrder", str(parcel.pk)), "reason": "ชำรุด"}

    shopper = _post(client, REFUND, variables, token=access_token_create(UserFactory.create()))
    operator = _post(
        client, REFUND, variables, token=access_token_create(UserFactory.create(is_staff=True))
    )

    assert shopper["data"]["vendorOrderRefund"] is None
    assert shopper["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert operator["data"]["vendorOrderRefund"]["errors"][0]["code"] == "NOTHING_PAID"


def test_operator_refunds_a_collected_cash_order(client: Client) -> None:
    from marketplace.orders.services import vendor_order_ship
    from payments.manual import cod_payment_collect

    order = placed_order()
    payment_initialize(order=order, gateway=Gateway.CASH_ON_DELIVERY)
    parcel = order.vendor_orders.get()
    vendor_order_ship(vendor_order=parcel, carrier="Kerry", tracking_number="K1", by=None)
    cod_payment_collect(vendor_order=parcel, by=None)

    body = _post(
        client,
        REFUND,
        {"id": to_global_id("VendorOrder", str(parcel.pk)), "amount": "100.00", "reason": "ชำรุด"},
        token=access_token_create(UserFactory.create(is_staff=True)),
    )

    result = body["data"]["vendorOrderRefund"]
    assert result["errors"] == []
    assert result["refund"] == {
        "vendorOrderNumber": parcel.number,
        "status": RefundStatus.SUCCEEDED.name,
        "amount": {"amount": 100.0},
    }


class _PromptPayStripe(stripe.HTTPClient):
    """Stripe's answers for PromptPay, which localstripe cannot give: JSON written from Stripe's
    API reference (PaymentIntent with `next_action.promptpay_display_qr_code`)."""

    name = "promptpay-fixture"

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[tuple[str, str, dict[str, str]]] = []

    def request(
        self,
        method: str,
        url: str,
        headers: Mapping[str, str] | None,
        post_data: Any = None,
        *,
        _usage: list[str] | None = None,
    ) -> tuple[str, int, Mapping[str, str]]:
        self.requests.append((method, url, dict(headers or {})))
        intent: dict[str, Any] = {
            "id": "pi_promptpay_1",
            "object": "payment_intent",
            "amount": 55_000,
            "currency": "thb",
            "client_secret": "pi_promptpay_1_secret_x",
            "metadata": {},
            "payment_method_types": ["card", "promptpay"],
            "status": "requires_payment_method",
            "next_action": None,
        }
        if url.endswith("/confirm"):
            intent["status"] = "requires_action"
            intent["next_action"] = {
                "type": "promptpay_display_qr_code",
                "promptpay_display_qr_code": {
                    "data": "00020101021230...6304ABCD",
                    "hosted_instructions_url": "https://payments.stripe.com/qr/instructions/x",
                    "image_url_png": "https://qr.stripe.com/x.png",
                    "image_url_svg": "https://qr.stripe.com/x.svg",
                },
            }
        return json.dumps(intent), 200, {}

    def close(self) -> None:
        pass


def test_promptpay_payment_returns_the_qr_code(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = _PromptPayStripe()
    monkeypatch.setattr(
        "payments.gateways.stripe_gateway.stripe_client",
        lambda: stripe.StripeClient("sk_test_x", http_client=fake, max_network_retries=0),
    )
    order = placed_order()

    body = _post(
        client,
        INITIALIZE,
        {"number": order.number, "email": order.email, "gateway": "STRIPE", "method": "PROMPTPAY"},
    )

    result = body["data"]["orderPaymentInitialize"]
    assert result["errors"] == []
    assert result["clientSecret"] == "pi_promptpay_1_secret_x"
    assert result["promptpayQrCode"]["data"] == "00020101021230...6304ABCD"
    assert result["promptpayQrCode"]["imageUrlPng"] == "https://qr.stripe.com/x.png"
    keys = [headers.get("Idempotency-Key") for method, _url, headers in fake.requests]
    assert keys == [f"{order.number}:payment_intent:1", f"{order.number}:promptpay_confirm:1"]
    payment = Payment.objects.get(order=order)
    assert (payment.stripe_payment_intent_id, payment.status) == (
        "pi_promptpay_1",
        PaymentStatus.PENDING,
    )
