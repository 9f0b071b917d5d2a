"""The shop's orders: a list with status filters, the parcel's page, its packing slip, and the
steps prepare → ship → delivered, or cancel (stock back, shopper refunded).

A vendor order is always looked up among `request.vendor`'s (`vendor_orders_of_vendor`), so
another shop's order number gives 404 and changes nothing. Actions are POSTs that redirect back
to the parcel's page with a message; a refused action shows the service's message next to the
field, with what was typed kept. With htmx the actions swap the parcel's page body only.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from marketplace.core.errors import DomainError
from marketplace.orders.cancellation import vendor_order_cancel_and_refund
from marketplace.orders.models import VendorOrder, VendorOrderStatus
from marketplace.orders.selectors import vendor_order_actions, vendor_orders_of_vendor
from marketplace.orders.services import (
    vendor_order_deliver,
    vendor_order_process,
    vendor_order_ship,
)
from vendor_portal.access import PortalRequest, vendor_member_required
from vendor_portal.forms_shop import CARRIERS, CancelForm, ShipForm, add_domain_error

PAGE_SIZE = 20
# A service names the tracking field as the API does; the form calls it tracking_number.
_FIELD_NAMES = {"trackingNumber": "tracking_number"}


def _vendor_order(request: PortalRequest, number: str) -> VendorOrder:
    return get_object_or_404(vendor_orders_of_vendor(vendor_id=request.vendor.pk), number=number)


@require_GET
@vendor_member_required
def order_list(request: HttpRequest) -> HttpResponse:
    portal = cast(PortalRequest, request)
    status = request.GET.get("status", "")
    if status not in VendorOrderStatus.values:
        status = ""
    orders = vendor_orders_of_vendor(vendor_id=portal.vendor.pk, status=status or None)
    page = Paginator(orders, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "status": status,
        "statuses": VendorOrderStatus.choices,
    }
    return render(request, "vendor_portal/orders/order_list.html", context)


def _detail(
    request: PortalRequest,
    vendor_order: VendorOrder,
    *,
    ship_form: ShipForm | None = None,
    cancel_form: CancelForm | None = None,
    status: int = 200,
) -> HttpResponse:
    actions = vendor_order_actions(vendor_order=vendor_order)
    context: dict[str, Any] = {
        "vendor_order": vendor_order,
        "order": vendor_order.order,
        "address": vendor_order.order.shipping_address,
        "lines": vendor_order.lines.all(),
        "ship_form": ship_form or ShipForm(),
        "cancel_form": cancel_form or CancelForm(),
        "carriers": CARRIERS,
        "can_process": actions.process,
        "can_ship": actions.ship,
        "can_deliver": actions.deliver,
        "can_cancel": actions.cancel,
    }
    template = "vendor_portal/orders/order_detail.html"
    if getattr(request, "htmx", False):
        template = "vendor_portal/orders/_order_body.html"
    return render(request, template, context, status=status)


@require_GET
@vendor_member_required
def order_detail(request: HttpRequest, number: str) -> HttpResponse:
    portal = cast(PortalRequest, request)
    return _detail(portal, _vendor_order(portal, number))


@require_GET
@vendor_member_required
def order_packing_slip(request: HttpRequest, number: str) -> HttpResponse:
    portal = cast(PortalRequest, request)
    vendor_order = _vendor_order(portal, number)
    context = {
        "vendor_order": vendor_order,
        "order": vendor_order.order,
        "address": vendor_order.order.shipping_address,
        "lines": vendor_order.lines.all(),
        "vendor": portal.vendor,
    }
    return render(request, "vendor_portal/orders/packing_slip.html", context)


def _done(request: PortalRequest, vendor_order: VendorOrder, message: str) -> HttpResponse:
    messages.success(request, message)
    if getattr(request, "htmx", False):
        return _detail(request, _vendor_order(request, vendor_order.number))
    return redirect("vendor_portal:order_detail", number=vendor_order.number)


def _refused(request: PortalRequest, vendor_order: VendorOrder, exc: DomainError) -> HttpResponse:
    messages.error(request, exc.message)
    if getattr(request, "htmx", False):
        return _detail(request, vendor_order, status=200)
    return redirect("vendor_portal:order_detail", number=vendor_order.number)


@require_POST
@vendor_member_required
def order_process(request: HttpRequest, number: str) -> HttpResponse:
    portal = cast(PortalRequest, request)
    vendor_order = _vendor_order(portal, number)
    try:
        vendor_order_process(vendor_order=vendor_order, by=portal.user)
    except DomainError as exc:
        return _refused(portal, vendor_order, exc)
    return _done(
        portal, vendor_order, _("You are preparing order %(number)s.") % {"number": number}
    )


@require_POST
@vendor_member_required
def order_ship(request: HttpRequest, number: str) -> HttpResponse:
    portal = cast(PortalRequest, request)
    vendor_order = _vendor_order(portal, number)
    form = ShipForm(request.POST)
    if form.is_valid():
        try:
            vendor_order_ship(
                vendor_order=vendor_order,
                carrier=form.cleaned_data["carrier"],
                tracking_number=form.cleaned_data["tracking_number"],
                by=portal.user,
            )
        except DomainError as exc:
            if exc.field in {"carrier", "trackingNumber"}:
                form.add_error(_FIELD_NAMES.get(exc.field, exc.field), exc.message)
            else:
                add_domain_error(form, exc)
        else:
            message = _("Order %(number)s is shipped. The shopper gets the tracking number.")
            return _done(portal, vendor_order, message % {"number": number})
    return _detail(portal, vendor_order, ship_form=form, status=400)


@require_POST
@vendor_member_required
def order_deliver(request: HttpRequest, number: str) -> HttpResponse:
    portal = cast(PortalRequest, request)
    vendor_order = _vendor_order(portal, number)
    try:
        vendor_order_deliver(vendor_order=vendor_order, by=portal.user)
    except DomainError as exc:
        return _refused(portal, vendor_order, exc)
    return _done(portal, vendor_order, _("Order %(number)s is delivered.") % {"number": number})


@require_POST
@vendor_member_required
def order_cancel(request: HttpRequest, number: str) -> HttpResponse:
    portal = cast(PortalRequest, request)
    vendor_order = _vendor_order(portal, number)
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            cancellation = vendor_order_cancel_and_refund(
                vendor_order=vendor_order, reason=form.cleaned_data["reason"], by=portal.user
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            if cancellation.refund is not None:
                message = _(
                    "Order %(number)s is cancelled and the items are back in stock. "
                    "%(amount)s is refunded to the shopper."
                ) % {"number": number, "amount": f"฿{cancellation.refund.amount:,.2f}"}
            else:
                message = _("Order %(number)s is cancelled and the items are back in stock.") % {
                    "number": number
                }
            return _done(portal, vendor_order, message)
    return _detail(portal, vendor_order, cancel_form=form, status=400)
