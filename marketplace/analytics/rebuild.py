"""`analytics_rebuild`: the sales facts rebuilt from the orders, for a fresh install, after a
change of the facts' rules, or to repair them.

Source of truth, until the payments domain's Refund model is wired in: orders whose
payment_status is paid, partially_refunded or refunded; the time of payment is the first
`OrderEvent` of type "payment" with `{"payment_status": "paid"}` (else the order's creation);
refunds are the `OrderEvent` rows of type "refunded" of a vendor order with
`{"amount": "…", "reference": "…"}`; a vendor order cancelled after payment is taken back at the
time of its "cancelled" event, one cancelled before payment was never sold.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.db import connection, transaction

from marketplace.analytics import services
from marketplace.analytics.models import SalesAdjustment, SalesFact
from marketplace.analytics.services import PAID_STATES
from marketplace.catalog.services import product_sales_counts_repair
from marketplace.orders.models import Order, OrderEvent, PaymentStatus, VendorOrderStatus

_CHUNK = 500


@dataclass(frozen=True)
class RebuildResult:
    orders: int
    facts: int
    adjustments: int


def _paid_at(order: Order, events: list[OrderEvent]) -> datetime:
    for event in events:
        if event.type == OrderEvent.Type.PAYMENT and event.parameters.get("payment_status") in (
            PaymentStatus.PAID,
        ):
            return event.created_at
    return order.created_at


def _rebuild_order(order: Order, events: list[OrderEvent]) -> None:
    paid_at = _paid_at(order, events)
    cancelled_at = {
        event.vendor_order_id: event.created_at
        for event in events
        if event.type == OrderEvent.Type.CANCELLED and event.vendor_order_id
    }
    vendor_orders = [
        vendor_order
        for vendor_order in services._paid_vendor_orders(order.pk, include_cancelled=True)
        if vendor_order.status != VendorOrderStatus.CANCELLED
        or cancelled_at.get(vendor_order.pk, paid_at) > paid_at
    ]
    services._record_sales(order, vendor_orders, paid_at)
    sold = {vendor_order.pk for vendor_order in vendor_orders}
    for event in events:
        if event.vendor_order_id not in sold:
            continue
        if event.type == OrderEvent.Type.REFUNDED:
            try:
                amount = Decimal(str(event.parameters.get("amount", "")))
            except InvalidOperation:
                continue  # an unreadable amount: nothing to take off
            services._record_refund(
                vendor_order_id=event.vendor_order_id,
                amount=amount,
                reference=str(event.parameters.get("reference") or f"order-event:{event.pk}"),
                moment=event.created_at,
            )
        elif event.type == OrderEvent.Type.CANCELLED:
            services._record_cancelled(
                vendor_order_id=event.vendor_order_id, moment=event.created_at
            )


@transaction.atomic
def analytics_rebuild() -> RebuildResult:
    """Delete every fact and rollup and make them again from the orders (one transaction:
    reports show the old figures until the new ones are complete)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "LOCK TABLE analytics_salesfact, analytics_salesadjustment IN EXCLUSIVE MODE"
        )
    SalesFact.objects.all().delete()
    SalesAdjustment.objects.all().delete()
    order_ids = list(
        Order.objects.filter(payment_status__in=PAID_STATES)
        .order_by("id")
        .values_list("id", flat=True)
    )
    for start in range(0, len(order_ids), _CHUNK):
        chunk = order_ids[start : start + _CHUNK]
        events: dict[int, list[OrderEvent]] = {}
        for event in OrderEvent.objects.filter(
            order_id__in=chunk,
            type__in=[
                OrderEvent.Type.PAYMENT,
                OrderEvent.Type.REFUNDED,
                OrderEvent.Type.CANCELLED,
            ],
        ).order_by("created_at", "id"):
            events.setdefault(event.order_id, []).append(event)
        for order in Order.objects.filter(pk__in=chunk).order_by("id"):
            _rebuild_order(order, events.get(order.pk, []))
    services.sales_shopper_orders_renumber()
    services.sales_rollups_rebuild()
    # Products' sales counts are read from the facts: bring them in line with the new ones.
    product_sales_counts_repair()
    return RebuildResult(
        orders=len(order_ids),
        facts=SalesFact.objects.count(),
        adjustments=SalesAdjustment.objects.count(),
    )
