"""Paying an order from the storefront: cash, bank-transfer slip, card (localstripe), PromptPay."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image
from pytest_django.fixtures import Settings as SettingsWrapper

from marketplace.orders.models import Order
from marketplace.orders.models import PaymentStatus as OrderPaymentStatus
from payments.models import BankTransferSlip, Gateway, Payment, PaymentStatus
from tests.factories.checkout import stall
from tests.factories.municipalities import nai_mueang
from tests.payments.fixtures import card, stripe_settings  # noqa: F401 - fixture
from tests.storefront.shop import ready_to_pay

pytestmark = pytest.mark.django_db

EN = {"Accept-Language": "en"}
VISA = "4242424242424242"
DECLINED = "4000000000000341"


@pytest.fixture(autouse=True)
def places() -> None:
    nai_mueang()


def place(client: Client, method: str, *, price: str = "500.00") -> tuple[Order, object]:
    checkout = ready_to_pay(client, stall(price=price))
    response = client.post(
        reverse("storefront:checkout_payment"),
        {"method": method, "total": str(checkout_total(client))},
    )
    return Order.objects.get(checkout_token=checkout.token), response


def checkout_total(client: Client) -> str:
    return str(client.get(reverse("storefront:checkout_payment")).context["summary"].total)


def pay_url(order: Order) -> str:
    return reverse("storefront:order_payment", kwargs={"number": order.number})


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 90), "white").save(buffer, "PNG")
    return SimpleUploadedFile("slip.png", buffer.getvalue(), content_type="image/png")


def test_bank_transfer_leads_to_the_slip_upload(client: Client) -> None:
    order, response = place(client, Gateway.BANK_TRANSFER.value)
    assert response["Location"] == pay_url(order)  # type: ignore[index]
    html = client.get(pay_url(order)).content.decode()
    assert 'enctype="multipart/form-data"' in html and order.number in html
    assert "js.stripe.com" not in html


def test_a_file_that_is_not_a_picture_is_refused_next_to_the_field(client: Client) -> None:
    order, _ = place(client, Gateway.BANK_TRANSFER.value)
    fake = SimpleUploadedFile("slip.png", b"%PDF-1.4 not a picture", content_type="image/png")

    response = client.post(
        reverse("storefront:order_slip_upload", kwargs={"number": order.number}),
        {"slip": fake},
        headers=EN,
    )

    assert response.status_code == 400
    html = response.content.decode()
    error_start = html.index('id="id_slip_error"')
    assert "The slip must be a picture" in html[error_start : error_start + 300]
    assert not BankTransferSlip.objects.exists()


def test_a_slip_picture_is_received(client: Client) -> None:
    order, _ = place(client, Gateway.BANK_TRANSFER.value)
    response = client.post(
        reverse("storefront:order_slip_upload", kwargs={"number": order.number}), {"slip": png()}
    )
    assert response["Location"] == reverse(
        "storefront:order_confirmation", kwargs={"number": order.number}
    )
    assert BankTransferSlip.objects.get().payment.order == order


def test_missing_slip_is_asked_for(client: Client) -> None:
    order, _ = place(client, Gateway.BANK_TRANSFER.value)
    response = client.post(
        reverse("storefront:order_slip_upload", kwargs={"number": order.number}), {}, headers=EN
    )
    assert response.status_code == 400
    assert "Choose the picture of your transfer slip." in response.content.decode()


def test_another_browser_cannot_see_or_pay_the_order(client: Client) -> None:
    order, _ = place(client, Gateway.BANK_TRANSFER.value)
    stranger = Client()
    assert stranger.get(pay_url(order)).status_code == 404
    slip_url = reverse("storefront:order_slip_upload", kwargs={"number": order.number})
    assert stranger.post(slip_url, {"slip": png()}).status_code == 404
    assert (
        stranger.get(
            reverse("storefront:order_confirmation", kwargs={"number": order.number})
        ).status_code
        == 404
    )


def test_without_stripe_only_cash_and_transfer_are_offered(
    client: Client, settings: SettingsWrapper
) -> None:
    settings.STRIPE_API_KEY = ""
    ready_to_pay(client, stall())
    response = client.post(
        reverse("storefront:checkout_payment"), {"method": "card", "total": "550.00"}, headers=EN
    )
    assert response.status_code == 400
    assert "Choose how you would like to pay." in response.content.decode()


@pytest.mark.usefixtures("stripe_settings")
def test_card_payment_is_completed_with_a_server_side_confirmation(client: Client) -> None:
    order, response = place(client, "card")
    assert response["Location"] == pay_url(order)  # type: ignore[index]
    page = client.get(pay_url(order))
    html = page.content.decode()
    assert 'name="payment_method"' in html  # the test-mode card form (localstripe)
    assert "js.stripe.com" not in html  # no publishable key: no Stripe.js

    confirmed = client.post(
        reverse("storefront:order_card_test_confirm", kwargs={"number": order.number}),
        {"payment_method": card(VISA)},
    )

    assert confirmed["Location"] == reverse(
        "storefront:order_confirmation", kwargs={"number": order.number}
    )
    order.refresh_from_db()
    assert order.payment_status == OrderPaymentStatus.PAID
    assert Payment.objects.get(order=order, is_active=True).status == PaymentStatus.PAID


@pytest.mark.usefixtures("stripe_settings")
def test_a_declined_card_is_explained_and_the_order_stays_open(client: Client) -> None:
    order, _ = place(client, "card")

    response = client.post(
        reverse("storefront:order_card_test_confirm", kwargs={"number": order.number}),
        {"payment_method": card(DECLINED)},
        headers=EN,
    )

    assert response.status_code == 400
    assert "The card was declined" in response.content.decode()
    order.refresh_from_db()
    assert order.payment_status == OrderPaymentStatus.PENDING


@pytest.mark.usefixtures("stripe_settings")
def test_a_malformed_test_payment_method_is_refused(client: Client) -> None:
    order, _ = place(client, "card")
    response = client.post(
        reverse("storefront:order_card_test_confirm", kwargs={"number": order.number}),
        {"payment_method": "4242 4242 4242 4242"},
        headers=EN,
    )
    assert response.status_code == 400
    assert "Enter a PaymentMethod id" in response.content.decode()


@pytest.mark.usefixtures("stripe_settings")
def test_stripe_js_loads_only_on_the_card_page_with_a_publishable_key(
    client: Client, settings: SettingsWrapper
) -> None:
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_kad"
    order, _ = place(client, "card")

    response = client.get(pay_url(order))

    html = response.content.decode()
    assert '<script src="https://js.stripe.com/v3/"></script>' in html
    assert 'data-publishable-key="pk_test_kad"' in html and "data-client-secret=" in html
    assert "<script>" not in html  # no inline script: settings come as data attributes
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' https://js.stripe.com" in policy
    cart = client.get(reverse("storefront:cart"))
    assert "js.stripe.com" not in cart.content.decode()
    assert "stripe.com" not in cart["Content-Security-Policy"]


@pytest.mark.usefixtures("stripe_settings")
def test_promptpay_that_the_gateway_cannot_start_leaves_a_clear_message_and_other_ways(
    client: Client,
) -> None:
    # localstripe has no PromptPay: the order is placed, the shopper is told and may switch.
    order, response = place(client, "promptpay")
    page = client.get(response["Location"], headers=EN)  # type: ignore[index]
    html = page.content.decode()
    assert 'class="message message-error"' in html  # the gateway's refusal, said plainly
    assert "Choose how to pay" in html and 'value="cash_on_delivery"' in html
    switched = client.post(pay_url(order), {"method": Gateway.CASH_ON_DELIVERY.value})
    assert switched["Location"] == reverse(
        "storefront:order_confirmation", kwargs={"number": order.number}
    )
    assert Payment.objects.get(order=order, is_active=True).gateway == Gateway.CASH_ON_DELIVERY


def test_promptpay_qr_is_drawn_on_the_page_from_the_gateway_payload(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from payments.gateways.base import PromptPayQr
    from payments.services import PaymentStart
    from storefront import payment_views

    order, _ = place(client, Gateway.BANK_TRANSFER.value)
    Payment.objects.filter(order=order).update(gateway=Gateway.STRIPE)
    qr = PromptPayQr(
        data="00020101021230570016A00000067701011201150105560068127",
        image_url_png="https://qr.stripe.com/x.png",
        image_url_svg="https://qr.stripe.com/x.svg",
        hosted_instructions_url="https://payments.stripe.com/qr/instructions/x",
    )

    def start(**kwargs: object) -> PaymentStart:
        return PaymentStart(Payment.objects.get(order=order), "pi_x_secret", qr)

    monkeypatch.setattr(payment_views, "payment_initialize", start)
    html = client.get(pay_url(order), headers=EN).content.decode()

    assert "Scan to pay with PromptPay" in html
    assert '<div role="img" aria-label="PromptPay QR code for this order"><svg' in html
    assert "qr.stripe.com" not in html  # drawn here, not loaded from Stripe
