"""The cart page and its changes: add, change quantity, remove, delivery per vendor.

Every change is a plain POST that redirects back to the cart; with htmx the cart's partial comes
back instead and replaces the cart in place. A refused change is shown next to the line (or the
parcel) it concerns, with what the shopper typed; the cart itself is left as it was.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from marketplace.checkout.errors import CheckoutError
from marketplace.checkout.selectors import checkout_line_variant_id, checkout_summary
from marketplace.checkout.services import (
    LineInput,
    checkout_delivery_method_update,
    checkout_lines_add,
    checkout_lines_delete,
    checkout_lines_update,
)
from storefront.cart import cart_get, cart_get_or_create
from storefront.forms.cart import CartAddForm, CartRemoveForm, CartUpdateForm, DeliveryForm


def is_htmx(request: HttpRequest) -> bool:
    """Whether htmx sent the request (django-htmx's middleware sets `request.htmx`)."""
    return bool(getattr(request, "htmx", False))


def _first_error(form: Any) -> str:
    return next(iter(form.errors.values()))[0] if form.errors else ""


def cart_page(
    request: HttpRequest,
    *,
    line_errors: dict[int, str] | None = None,
    typed: dict[int, str] | None = None,
    vendor_errors: dict[int, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    checkout = cart_get(request)
    summary = checkout_summary(checkout=checkout) if checkout is not None else None
    line_errors, typed, vendor_errors = line_errors or {}, typed or {}, vendor_errors or {}
    # What each parcel and line shows, with the refusal (and what was typed) next to it.
    groups = [
        {
            "group": group,
            "error": vendor_errors.get(group.vendor.pk, ""),
            "lines": [
                {
                    "item": item,
                    "error": line_errors.get(item.line.pk, ""),
                    "typed": typed.get(item.line.pk, item.line.quantity),
                }
                for item in group.lines
            ],
        }
        for group in (summary.groups if summary else [])
    ]
    context = {"summary": summary, "groups": groups}
    if is_htmx(request):
        return render(request, "storefront/cart/_cart.html", context)
    return render(request, "storefront/cart/cart.html", context, status=status)


def _back(request: HttpRequest) -> HttpResponseRedirect:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return redirect("storefront:cart")


@require_GET
def cart(request: HttpRequest) -> HttpResponse:
    return cart_page(request)


@require_POST
def cart_add(request: HttpRequest) -> HttpResponse:
    """From a product page: add units of a variant (to the line it already has)."""
    form = CartAddForm(request.POST)
    error = _first_error(form) if not form.is_valid() else ""
    if not error:
        try:
            checkout_lines_add(
                checkout=cart_get_or_create(request),
                lines=[LineInput(form.cleaned_data["variant"], form.cleaned_data["quantity"])],
            )
        except CheckoutError as exc:
            error = exc.message
    if is_htmx(request):
        context = {"error": error, "cart_url": reverse("storefront:cart")}
        return render(request, "storefront/cart/_added.html", context, status=200)
    if error:
        messages.error(request, error)
        return _back(request)
    # The cart page itself shows what was added: no message needed.
    return redirect("storefront:cart")


def _line_variant(request: HttpRequest, line_id: int) -> tuple[Any, int | None]:
    checkout = cart_get(request)
    if checkout is None:
        return None, None
    return checkout, checkout_line_variant_id(checkout=checkout, line_id=line_id)


@require_POST
def cart_update(request: HttpRequest) -> HttpResponse:
    form = CartUpdateForm(request.POST)
    line_id = _int(request.POST.get("line"))
    if not form.is_valid():
        return cart_page(
            request,
            line_errors={line_id: _first_error(form)},
            typed={line_id: request.POST.get("quantity", "")},
            status=400,
        )
    checkout, variant_id = _line_variant(request, form.cleaned_data["line"])
    error = ""
    if variant_id is None:
        error = _("This item is no longer in your cart.")
    else:
        try:
            checkout_lines_update(
                checkout=checkout, lines=[LineInput(variant_id, form.cleaned_data["quantity"])]
            )
        except CheckoutError as exc:
            error = exc.message
    if error:
        typed = {line_id: request.POST.get("quantity", "")}
        return cart_page(request, line_errors={line_id: error}, typed=typed, status=400)
    return cart_page(request) if is_htmx(request) else redirect("storefront:cart")


@require_POST
def cart_remove(request: HttpRequest) -> HttpResponse:
    form = CartRemoveForm(request.POST)
    checkout = cart_get(request)
    if form.is_valid() and checkout is not None:
        try:
            checkout_lines_delete(checkout=checkout, line_ids=[form.cleaned_data["line"]])
        except CheckoutError as exc:
            messages.error(request, exc.message)
    return cart_page(request) if is_htmx(request) else redirect("storefront:cart")


@require_POST
def cart_delivery(request: HttpRequest) -> HttpResponse:
    """Choose the delivery of one vendor's parcel."""
    form = DeliveryForm(request.POST)
    vendor_id = _int(request.POST.get("vendor"))
    checkout = cart_get(request)
    error = _first_error(form) if not form.is_valid() else ""
    if not error and checkout is not None:
        try:
            checkout_delivery_method_update(
                checkout=checkout,
                vendor_id=form.cleaned_data["vendor"],
                delivery_method_id=form.cleaned_data["method"],
            )
        except CheckoutError as exc:
            error = exc.message
    if error:
        return cart_page(request, vendor_errors={vendor_id: error}, status=400)
    return cart_page(request) if is_htmx(request) else _back(request)


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0
