"""After the order: the confirmation, each parcel's progress, and the guests' order lookup."""

from __future__ import annotations

import logging

import stripe
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from marketplace.orders.models import Order
from marketplace.orders.selectors import order_for_guest
from payments.models import Gateway, Payment, PaymentStatus
from payments.selectors import payment_active
from payments.services import payment_reconcile
from storefront.cart import order_remember, order_visible
from storefront.forms.checkout import TrackingForm

logger = logging.getLogger(__name__)


def _order_page(request: HttpRequest, number: str, *, placed: bool) -> HttpResponse:
    order = order_visible(request, number)
    if order is None:
        raise Http404
    payment = payment_active(order_id=order.pk)
    if placed and payment is not None and request.GET.get("payment_intent"):
        payment = _sync(order, payment)
    context = {"order": order, "payment": payment, "placed": placed}
    return render(request, "storefront/orders/order.html", context)


def _sync(order: Order, payment: Payment) -> Payment | None:
    """Back from Stripe.js: ask Stripe now rather than wait for the webhook (same forward-only
    rules, so the webhook arriving later changes nothing)."""
    if payment.gateway == Gateway.STRIPE and payment.status in (
        PaymentStatus.PENDING,
        PaymentStatus.FAILED,
    ):
        try:
            payment_reconcile(payment=payment)
        except stripe.StripeError as exc:  # the webhook or the reconcile task will settle it
            logger.warning("could not sync payment %s of %s: %s", payment.pk, order.number, exc)
        return payment_active(order_id=order.pk)
    return payment


@require_GET
def order_confirmation(request: HttpRequest, number: str) -> HttpResponse:
    return _order_page(request, number, placed=True)


@require_GET
def order_detail(request: HttpRequest, number: str) -> HttpResponse:
    return _order_page(request, number, placed=False)


@require_http_methods(["GET", "POST"])
def order_tracking(request: HttpRequest) -> HttpResponse:
    """A guest finds an order by its number and the e-mail it was placed with."""
    form = TrackingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        order = order_for_guest(
            number=form.cleaned_data["number"], email=form.cleaned_data["email"]
        )
        if order is not None:
            order_remember(request, order)
            return redirect("storefront:order_detail", number=order.number)
        form.add_error(
            None,
            _("We found no order with this number and e-mail. Check both and try again."),
        )
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "storefront/orders/tracking.html", {"form": form}, status=status)
