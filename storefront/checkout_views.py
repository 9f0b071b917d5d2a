"""Checkout steps before payment: e-mail, Thai address, delivery per vendor.

Each step is a plain form (POST, then a redirect to the next step); a refused value comes back
next to its field with everything typed kept. The payment step is in `payment_views`.
"""

from __future__ import annotations

from django.forms.models import model_to_dict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from marketplace.accounts.models import User
from marketplace.accounts.selectors import address_get
from marketplace.checkout.errors import CheckoutError
from marketplace.checkout.selectors import CheckoutSummary, checkout_summary
from marketplace.checkout.services import (
    checkout_delivery_method_update,
    checkout_email_update,
    checkout_shipping_address_update,
)
from storefront.cart import cart_get
from storefront.forms.address import ThaiAddressForm, address_initial, refreshed_address_form
from storefront.forms.checkout import EmailForm
from storefront.forms.errors import add_domain_error

STEPS = ("email", "address", "delivery", "payment")


def next_step(summary: CheckoutSummary) -> str:
    """The first step the shopper still has to do."""
    checkout = summary.checkout
    if not checkout.email:
        return "storefront:checkout_email"
    if not checkout.shipping_address:
        return "storefront:checkout_address"
    if any(group.chosen is None for group in summary.groups):
        return "storefront:checkout_delivery"
    return "storefront:checkout_payment"


def current_summary(request: HttpRequest) -> CheckoutSummary | None:
    """The cart's summary, or None when there is nothing to check out."""
    checkout = cart_get(request)
    if checkout is None:
        return None
    summary = checkout_summary(checkout=checkout)
    return summary if summary.lines else None


def _step(request: HttpRequest, template: str, summary: CheckoutSummary, **extra: object) -> dict:
    return {"summary": summary, "step": template, "steps": STEPS, **extra}


@require_GET
def checkout(request: HttpRequest) -> HttpResponse:
    summary = current_summary(request)
    return redirect(next_step(summary) if summary else "storefront:cart")


@require_http_methods(["GET", "POST"])
def checkout_email(request: HttpRequest) -> HttpResponse:
    summary = current_summary(request)
    if summary is None:
        return redirect("storefront:cart")
    user = request.user if isinstance(request.user, User) else None
    form = EmailForm(
        request.POST if request.method == "POST" else None,
        initial={"email": summary.checkout.email or (user.email if user else "")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            checkout_email_update(checkout=summary.checkout, email=form.cleaned_data["email"])
        except CheckoutError as exc:
            add_domain_error(form, exc)
        else:
            return redirect("storefront:checkout_address")
    context = _step(request, "email", summary, form=form)
    return render(request, "storefront/checkout/email.html", context, status=_status(form))


def _saved_address(request: HttpRequest) -> dict[str, str]:
    user = request.user
    if isinstance(user, User) and user.default_shipping_address_id:
        address = address_get(user=user, address_id=user.default_shipping_address_id)
        return address_initial(model_to_dict(address)) if address else {}
    return {}


@require_http_methods(["GET", "POST"])
def checkout_address(request: HttpRequest) -> HttpResponse:
    summary = current_summary(request)
    if summary is None:
        return redirect("storefront:cart")
    if not summary.checkout.email:
        return redirect("storefront:checkout_email")
    if request.method == "POST" and "refresh" in request.POST:
        form = refreshed_address_form(ThaiAddressForm, request.POST)
    elif request.method == "POST":
        form = ThaiAddressForm(request.POST)
        if form.is_valid():
            try:
                checkout_shipping_address_update(checkout=summary.checkout, address=form.address())
            except CheckoutError as exc:
                add_domain_error(form, exc)
            else:
                return redirect("storefront:checkout_delivery")
    else:
        initial = address_initial(summary.checkout.shipping_address) or _saved_address(request)
        form = ThaiAddressForm(initial=initial)
    context = _step(request, "address", summary, form=form)
    return render(request, "storefront/checkout/address.html", context, status=_status(form))


@require_GET
def address_places(request: HttpRequest) -> HttpResponse:
    """The place lists of an address form for what is chosen so far (htmx swaps them in)."""
    form = refreshed_address_form(ThaiAddressForm, request.GET)
    return render(request, "storefront/checkout/_address_places.html", {"form": form})


@require_http_methods(["GET", "POST"])
def checkout_delivery(request: HttpRequest) -> HttpResponse:
    summary = current_summary(request)
    if summary is None:
        return redirect("storefront:cart")
    if not summary.checkout.shipping_address:
        return redirect("storefront:checkout_address")
    errors: dict[int, str] = {}
    if request.method == "POST":
        for group in summary.groups:
            method = request.POST.get(f"method-{group.vendor.pk}", "")
            if not method.isdigit():
                errors[group.vendor.pk] = _("Choose how this parcel should travel.")
                continue
            try:
                checkout_delivery_method_update(
                    checkout=summary.checkout,
                    vendor_id=group.vendor.pk,
                    delivery_method_id=int(method),
                )
            except CheckoutError as exc:
                errors[group.vendor.pk] = exc.message
        if not errors:
            return redirect("storefront:checkout_payment")
        summary = checkout_summary(checkout=summary.checkout)
    context = _step(request, "delivery", summary, vendor_errors=errors)
    return render(
        request, "storefront/checkout/delivery.html", context, status=400 if errors else 200
    )


def _status(form: EmailForm | ThaiAddressForm) -> int:
    return 400 if form.is_bound and form.errors else 200
