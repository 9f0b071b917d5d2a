"""Placing the order and paying for it.

`checkout_payment` is the last checkout step: the shopper picks how to pay and places the order
(`checkout_complete`, which refuses when stock ran out or the total changed), then the payment
starts (`payment_initialize`). `order_payment` is where an unpaid order is paid: card through
Stripe.js (the only page that loads it, and only with a publishable key), the PromptPay QR code,
or the bank-transfer slip upload; the shopper may switch method there.
"""

from __future__ import annotations

from typing import Any

from csp.decorators import csp_update
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from marketplace.accounts.models import User
from marketplace.checkout.complete import checkout_complete
from marketplace.checkout.errors import CheckoutError
from marketplace.orders.models import Order
from payments.errors import PaymentError
from payments.gateways.stripe_gateway import stripe_is_local
from payments.manual import bank_transfer_slip_upload
from payments.models import Gateway, PaymentStatus
from payments.promptpay import promptpay_qr_svg
from payments.selectors import payment_active
from payments.services import PaymentStart, payment_confirm_server_side, payment_initialize
from storefront.cart import cart_forget, order_remember, order_visible
from storefront.checkout_views import STEPS, current_summary, next_step
from storefront.forms.checkout import (
    CARD,
    PaymentChoiceForm,
    PlaceOrderForm,
    SlipForm,
    TestCardForm,
    gateway_of,
)
from storefront.forms.errors import add_domain_error


@require_http_methods(["GET", "POST"])
def checkout_payment(request: HttpRequest) -> HttpResponse:
    summary = current_summary(request)
    if summary is None:
        return redirect("storefront:cart")
    if next_step(summary) != "storefront:checkout_payment":
        return redirect(next_step(summary))
    form = PlaceOrderForm(
        request.POST if request.method == "POST" else None, initial={"total": summary.total}
    )
    if request.method == "POST" and form.is_valid():
        user = request.user if isinstance(request.user, User) else None
        try:
            order = checkout_complete(
                token=summary.checkout.token, user=user, expected_total=form.cleaned_data["total"]
            )
        except CheckoutError as exc:
            form.add_error(None, exc.message)
        else:
            order_remember(request, order)
            cart_forget(request)
            return _start_payment(request, order, form.cleaned_data["method"])
    context = {"summary": summary, "form": form, "step": "payment", "steps": STEPS}
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "storefront/checkout/payment.html", context, status=status)


def _start_payment(request: HttpRequest, order: Order, choice: str) -> HttpResponse:
    gateway, method = gateway_of(choice)
    user = request.user if isinstance(request.user, User) else None
    try:
        payment_initialize(order=order, gateway=gateway, method=method, by=user)
    except PaymentError as exc:
        messages.error(request, exc.message)
        return redirect("storefront:order_payment", number=order.number)
    if gateway == Gateway.CASH_ON_DELIVERY:
        return redirect("storefront:order_confirmation", number=order.number)
    return redirect("storefront:order_payment", number=order.number)


def _visible(request: HttpRequest, number: str) -> Order:
    order = order_visible(request, number)
    if order is None:
        raise Http404
    return order


def _payment_page(request: HttpRequest, order: Order, status: int = 200, **forms: Any) -> Any:
    """The pay page of an unpaid order, for the payment it has (started again if Stripe, which
    returns the same intent: `payment_initialize` is idempotent while unpaid)."""
    payment = payment_active(order_id=order.pk)
    start: PaymentStart | None = None
    unpaid = payment is not None and payment.status in (PaymentStatus.PENDING, PaymentStatus.FAILED)
    if payment is not None and payment.gateway == Gateway.STRIPE and unpaid:
        try:
            start = payment_initialize(order=order, gateway=Gateway.STRIPE, method=CARD)
        except PaymentError as exc:
            messages.error(request, exc.message)
    qr = start.promptpay_qr if start is not None else None
    publishable_key = getattr(settings, "STRIPE_PUBLISHABLE_KEY", "")
    context = {
        "order": order,
        "payment": payment,
        "unpaid": payment is None or unpaid,
        "client_secret": start.client_secret if start else "",
        "promptpay_qr": qr,
        "promptpay_svg": promptpay_qr_svg(qr.data) if qr and qr.data else "",
        "stripe_publishable_key": publishable_key if start and not qr else "",
        "return_url": request.build_absolute_uri(
            reverse("storefront:order_confirmation", kwargs={"number": order.number})
        ),
        "test_card": stripe_is_local() and start is not None and not qr,
        "bank_details": settings.KAD_BANK_TRANSFER_DETAILS,
        "choice_form": forms.get("choice_form") or PaymentChoiceForm(),
        "slip_form": forms.get("slip_form") or SlipForm(),
        "test_card_form": forms.get("test_card_form") or TestCardForm(),
    }
    return render(request, "storefront/payment/pay.html", context, status=status)


@csp_update(settings.CSP_STRIPE)  # type: ignore[arg-type]
@require_http_methods(["GET", "POST"])
def order_payment(request: HttpRequest, number: str) -> HttpResponse:
    """Pay an unpaid order; POST switches the payment method."""
    order = _visible(request, number)
    if request.method == "POST":
        form = PaymentChoiceForm(request.POST)
        if not form.is_valid():
            return _payment_page(request, order, status=400, choice_form=form)
        return _start_payment(request, order, form.cleaned_data["method"])
    return _payment_page(request, order)


@require_POST
def order_slip_upload(request: HttpRequest, number: str) -> HttpResponse:
    order = _visible(request, number)
    form = SlipForm(request.POST, request.FILES)
    if form.is_valid():
        user = request.user if isinstance(request.user, User) else None
        try:
            bank_transfer_slip_upload(order=order, upload=form.cleaned_data["slip"], by=user)
        except PaymentError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("Thank you. We will check the transfer and let you know."))
            return redirect("storefront:order_confirmation", number=order.number)
    return _payment_page(request, order, status=400, slip_form=form)


@require_POST
def order_card_test_confirm(request: HttpRequest, number: str) -> HttpResponse:
    """Test mode only: the server confirms the card payment with a test PaymentMethod id."""
    order = _visible(request, number)
    payment = payment_active(order_id=order.pk)
    form = TestCardForm(request.POST)
    if form.is_valid() and payment is not None:
        try:
            payment = payment_confirm_server_side(
                payment=payment, payment_method_id=form.cleaned_data["payment_method"]
            )
        except PaymentError as exc:
            add_domain_error(form, exc)
        else:
            if payment.status != PaymentStatus.FAILED:
                return redirect("storefront:order_confirmation", number=order.number)
            form.add_error(None, _("The card was declined. Try another card or another way."))
    elif payment is None:
        form.add_error(None, _("Choose how you would like to pay first."))
    return _payment_page(request, order, status=400, test_card_form=form)
