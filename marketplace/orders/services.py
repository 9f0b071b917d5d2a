"""Placing orders and moving vendor orders through fulfilment.

A vendor order goes unfulfilled → processing → shipped → delivered, or is cancelled before it
ships. Each change is recorded as an `OrderEvent` with who made it, and tells the shopper by
e-mail (a Celery task queued on commit). Cancelling one vendor order leaves the others alone.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.models import User
from marketplace.analytics import tasks as analytics_tasks
from marketplace.core.money import percent_of, quantize
from marketplace.inventory.services import stock_fulfil, stock_release
from marketplace.orders.errors import OrderError, OrderErrorCode
from marketplace.orders.models import (
    Order,
    OrderEvent,
    OrderLine,
    OrderLineAllocation,
    OrderStatus,
    PaymentStatus,
    VendorOrder,
    VendorOrderStatus,
)
from marketplace.orders.tasks import order_send_emails
from marketplace.shipping.models import DeliveryKind
from marketplace.vendors.models import Vendor
from payments.ledger.services import ledger_credit_delivered
from payments.models import Gateway
from payments.selectors import payment_active

if TYPE_CHECKING:
    from marketplace.checkout.selectors import VendorGroup


@dataclass(frozen=True)
class LineDraft:
    variant_id: int
    product_name: str
    product_name_en: str
    variant_name: str
    sku: str
    unit_price: Decimal
    quantity: int
    weight_grams: int
    allocations: Sequence[tuple[int, int]]  # (stock id, quantity)


@dataclass(frozen=True)
class VendorOrderDraft:
    vendor: Vendor
    lines: Sequence[LineDraft]
    shipping_price: Decimal
    delivery_method_id: int
    delivery_method_name: str
    is_pickup: bool

    @classmethod
    def from_group(
        cls, group: VendorGroup, allocated: Mapping[int, Sequence[tuple[int, int]]]
    ) -> VendorOrderDraft:
        assert group.chosen is not None and group.shipping_price is not None  # noqa: S101
        return cls(
            vendor=group.vendor,
            lines=[
                LineDraft(
                    variant_id=item.line.variant_id,
                    product_name=item.line.variant.product.name_th,
                    product_name_en=item.line.variant.product.name_en,
                    variant_name=item.line.variant.name,
                    sku=item.line.variant.sku,
                    unit_price=item.unit_price,
                    quantity=item.line.quantity,
                    weight_grams=item.line.variant.weight_grams,
                    allocations=allocated.get(item.line.variant_id, ()),
                )
                for item in group.lines
            ],
            shipping_price=group.shipping_price,
            delivery_method_id=group.chosen.id,
            delivery_method_name=group.chosen.name_th,
            is_pickup=group.chosen.kind == DeliveryKind.PICKUP,
        )

    @property
    def subtotal(self) -> Decimal:
        return quantize(sum((line.unit_price * line.quantity for line in self.lines), Decimal(0)))


@dataclass(frozen=True)
class OrderDraft:
    checkout_token: uuid.UUID | None
    user: User | None
    email: str
    language_code: str
    shipping_address: dict[str, Any]
    billing_address: dict[str, Any]
    customer_note: str = ""
    vendor_orders: Sequence[VendorOrderDraft] = field(default_factory=list)


def _next_order_number() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval('orders_order_number_seq')")
        (value,) = cursor.fetchone()
    return f"KAD-{timezone.localdate().year}-{int(value):06d}"


@transaction.atomic
def order_create(*, draft: OrderDraft) -> Order:
    """Write an order, its vendor orders, lines and allocations as the checkout computed them.

    Called by `checkout_complete` inside its transaction, after stock was allocated.
    """
    subtotal = quantize(sum((vo.subtotal for vo in draft.vendor_orders), Decimal(0)))
    shipping_total = quantize(sum((vo.shipping_price for vo in draft.vendor_orders), Decimal(0)))
    order = Order.objects.create(
        number=_next_order_number(),
        user=draft.user,
        email=draft.email,
        language_code=draft.language_code,
        status=OrderStatus.UNFULFILLED,
        subtotal=subtotal,
        shipping_total=shipping_total,
        total=subtotal + shipping_total,
        shipping_address=draft.shipping_address,
        billing_address=draft.billing_address,
        checkout_token=draft.checkout_token,
        customer_note=draft.customer_note,
    )
    allocations: list[OrderLineAllocation] = []
    for index, vo_draft in enumerate(draft.vendor_orders, start=1):
        vendor_order = VendorOrder.objects.create(
            order=order,
            vendor=vo_draft.vendor,
            number=f"{order.number}-{index}",
            subtotal=vo_draft.subtotal,
            shipping_price=quantize(vo_draft.shipping_price),
            commission_rate=vo_draft.vendor.commission_rate,
            commission=percent_of(vo_draft.subtotal, vo_draft.vendor.commission_rate),
            delivery_method_name=vo_draft.delivery_method_name,
            delivery_method_id_snapshot=vo_draft.delivery_method_id,
            is_pickup=vo_draft.is_pickup,
        )
        for line_draft in vo_draft.lines:
            line = OrderLine.objects.create(
                vendor_order=vendor_order,
                variant_id=line_draft.variant_id,
                product_name=line_draft.product_name,
                product_name_en=line_draft.product_name_en,
                variant_name=line_draft.variant_name,
                sku=line_draft.sku,
                unit_price=line_draft.unit_price,
                quantity=line_draft.quantity,
                total=quantize(line_draft.unit_price * line_draft.quantity),
                weight_grams=line_draft.weight_grams,
            )
            allocations.extend(
                OrderLineAllocation(order_line=line, stock_id=stock_id, quantity=quantity)
                for stock_id, quantity in line_draft.allocations
            )
    OrderLineAllocation.objects.bulk_create(allocations)
    OrderEvent.objects.create(order=order, type=OrderEvent.Type.PLACED, user=draft.user)
    _notify(order_id=order.id, event="placed")
    return order


# Payment statuses under which an order's lines are in the sales figures.
_SALES_RECORDED = {
    PaymentStatus.PAID,
    PaymentStatus.PARTIALLY_REFUNDED,
    PaymentStatus.REFUNDED,
}

_NEXT: dict[str, set[str]] = {
    VendorOrderStatus.UNFULFILLED: {VendorOrderStatus.PROCESSING, VendorOrderStatus.CANCELLED},
    VendorOrderStatus.PROCESSING: {VendorOrderStatus.SHIPPED, VendorOrderStatus.CANCELLED},
    VendorOrderStatus.SHIPPED: {VendorOrderStatus.DELIVERED},
    VendorOrderStatus.DELIVERED: set(),
    VendorOrderStatus.CANCELLED: set(),
    VendorOrderStatus.REFUNDED: set(),
}


def next_statuses(status: str) -> frozenset[str]:
    """The statuses a parcel in `status` may move to (the rule `_move` enforces)."""
    return frozenset(_NEXT.get(status, set()))


def _locked(vendor_order: VendorOrder) -> VendorOrder:
    return VendorOrder.objects.select_for_update().select_related("order").get(pk=vendor_order.pk)


def _move(vendor_order: VendorOrder, status: str) -> None:
    if status not in _NEXT[vendor_order.status]:
        raise OrderError(
            OrderErrorCode.INVALID_STATUS_TRANSITION,
            _("This parcel is “%(current)s” and cannot become “%(new)s”."),
            field="status",
            params={
                "current": VendorOrderStatus(vendor_order.status).label,
                "new": VendorOrderStatus(status).label,
            },
        )
    vendor_order.status = status


def _require_payment(vendor_order: VendorOrder) -> None:
    """A parcel is prepared only for a paid order, or one the shopper pays in cash on delivery:
    a maker must never send goods for a card payment that has not come through."""
    order = vendor_order.order
    if order.payment_status in {PaymentStatus.PAID, PaymentStatus.PARTIALLY_REFUNDED}:
        return
    payment = payment_active(order_id=order.id)
    if payment is not None and payment.gateway == Gateway.CASH_ON_DELIVERY:
        return
    raise OrderError(
        OrderErrorCode.NOT_PAID,
        _("Order %(number)s is not paid yet. Prepare the parcel once the payment has arrived."),
        field="status",
        params={"number": order.number},
    )


@transaction.atomic
def vendor_order_process(*, vendor_order: VendorOrder, by: User | None) -> VendorOrder:
    """The maker has started preparing the parcel (only for a paid or cash-on-delivery order)."""
    vendor_order = _locked(vendor_order)
    _require_payment(vendor_order)
    _move(vendor_order, VendorOrderStatus.PROCESSING)
    vendor_order.save(update_fields=["status", "updated_at"])
    _event(vendor_order, OrderEvent.Type.STATUS, by, {"status": vendor_order.status})
    _order_status_refresh(vendor_order.order)
    return vendor_order


@transaction.atomic
def vendor_order_ship(
    *, vendor_order: VendorOrder, carrier: str, tracking_number: str, by: User | None
) -> VendorOrder:
    """The parcel left: its reserved units leave the stock. Pick-up orders need no tracking."""
    vendor_order = _locked(vendor_order)
    carrier, tracking_number = carrier.strip(), tracking_number.strip()
    if not vendor_order.is_pickup and not (carrier and tracking_number):
        raise OrderError(
            OrderErrorCode.TRACKING_REQUIRED,
            _("Enter the carrier and the tracking number."),
            field="trackingNumber" if carrier else "carrier",
        )
    if vendor_order.status in {VendorOrderStatus.UNFULFILLED, VendorOrderStatus.PROCESSING}:
        _require_payment(vendor_order)
    if vendor_order.status == VendorOrderStatus.UNFULFILLED:
        vendor_order.status = VendorOrderStatus.PROCESSING
    _move(vendor_order, VendorOrderStatus.SHIPPED)
    stock_fulfil(allocations=_allocations(vendor_order))
    OrderLineAllocation.objects.filter(order_line__vendor_order=vendor_order).delete()
    vendor_order.carrier = carrier
    vendor_order.tracking_number = tracking_number
    vendor_order.shipped_at = timezone.now()
    vendor_order.save()
    _event(
        vendor_order,
        OrderEvent.Type.SHIPPED,
        by,
        {"carrier": carrier, "tracking_number": tracking_number},
    )
    _order_status_refresh(vendor_order.order)
    _notify(order_id=vendor_order.order_id, event="shipped", vendor_order_id=vendor_order.id)
    return vendor_order


@transaction.atomic
def vendor_order_deliver(*, vendor_order: VendorOrder, by: User | None) -> VendorOrder:
    vendor_order = _locked(vendor_order)
    _move(vendor_order, VendorOrderStatus.DELIVERED)
    vendor_order.delivered_at = timezone.now()
    vendor_order.save(update_fields=["status", "delivered_at", "updated_at"])
    ledger_credit_delivered(vendor_order=vendor_order)
    _event(vendor_order, OrderEvent.Type.DELIVERED, by, {})
    _order_status_refresh(vendor_order.order)
    _notify(order_id=vendor_order.order_id, event="delivered", vendor_order_id=vendor_order.id)
    return vendor_order


@transaction.atomic
def vendor_order_cancel(*, vendor_order: VendorOrder, reason: str, by: User | None) -> VendorOrder:
    """Cancel one vendor's part before it ships: its reserved units go back on sale."""
    vendor_order = _locked(vendor_order)
    reason = reason.strip()
    if not reason:
        raise OrderError(
            OrderErrorCode.REASON_REQUIRED, _("Say why the order is cancelled."), field="reason"
        )
    _move(vendor_order, VendorOrderStatus.CANCELLED)
    stock_release(allocations=_allocations(vendor_order))
    OrderLineAllocation.objects.filter(order_line__vendor_order=vendor_order).delete()
    vendor_order.cancel_reason = reason
    vendor_order.save(update_fields=["status", "cancel_reason", "updated_at"])
    _event(vendor_order, OrderEvent.Type.CANCELLED, by, {"reason": reason})
    _order_status_refresh(vendor_order.order)
    _notify(order_id=vendor_order.order_id, event="cancelled", vendor_order_id=vendor_order.id)
    if vendor_order.order.payment_status in _SALES_RECORDED:
        # A paid parcel that will not be delivered leaves the sales figures.
        cancelled_id = vendor_order.id
        transaction.on_commit(
            lambda: analytics_tasks.sales_facts_record_cancelled_task.delay(
                vendor_order_id=cancelled_id
            )
        )
    return vendor_order


def _allocations(vendor_order: VendorOrder) -> list[tuple[int, int]]:
    return list(
        OrderLineAllocation.objects.filter(order_line__vendor_order=vendor_order)
        .order_by("stock_id")
        .values_list("stock_id", "quantity")
    )


def _order_status_refresh(order: Order) -> None:
    """The order's status follows its vendor orders."""
    statuses = list(order.vendor_orders.values_list("status", flat=True))
    live = [
        s for s in statuses if s not in {VendorOrderStatus.CANCELLED, VendorOrderStatus.REFUNDED}
    ]
    if not live:
        status = OrderStatus.CANCELLED
    elif all(s == VendorOrderStatus.DELIVERED for s in live):
        status = OrderStatus.COMPLETED
    elif all(s in {VendorOrderStatus.SHIPPED, VendorOrderStatus.DELIVERED} for s in live):
        status = OrderStatus.FULFILLED
    elif any(s in {VendorOrderStatus.SHIPPED, VendorOrderStatus.DELIVERED} for s in live):
        status = OrderStatus.PARTIALLY_FULFILLED
    else:
        status = OrderStatus.UNFULFILLED
    if status != order.status:
        order.status = status
        order.save(update_fields=["status", "updated_at"])


def _event(
    vendor_order: VendorOrder, type_: str, by: User | None, parameters: dict[str, Any]
) -> None:
    OrderEvent.objects.create(
        order_id=vendor_order.order_id,
        vendor_order=vendor_order,
        type=type_,
        user=by,
        parameters={"vendor_order": vendor_order.number, **parameters},
    )


def _notify(*, order_id: int, event: str, vendor_order_id: int | None = None) -> None:
    transaction.on_commit(
        lambda: order_send_emails.delay(
            order_id=order_id, event=event, vendor_order_id=vendor_order_id
        )
    )


# --- payment side (called by the `payments` domain) ---------------------------------------------


@transaction.atomic
def order_payment_status_set(
    *, order: Order, status: str, by: User | None = None, parameters: dict[str, Any] | None = None
) -> Order:
    """Record the order's payment status as the payments domain decided it, with an
    `OrderEvent` (PAYMENT) when it changes. Which changes are allowed is the caller's rule."""
    order = Order.objects.select_for_update().get(pk=order.pk)
    if order.payment_status != status:
        order.payment_status = status
        order.save(update_fields=["payment_status", "updated_at"])
        OrderEvent.objects.create(
            order=order,
            type=OrderEvent.Type.PAYMENT,
            user=by,
            parameters={"payment_status": status, **(parameters or {})},
        )
        if status == PaymentStatus.PAID:
            # The order's lines become sales facts (idempotent: recorded once per order).
            paid_id = order.pk
            transaction.on_commit(
                lambda: analytics_tasks.sales_facts_record_paid_task.delay(order_id=paid_id)
            )
    return order


@transaction.atomic
def order_flag_for_review(*, order: Order, reason: str) -> Order:
    """Ask an operator to look at the order (a wrong amount, a dispute); the reasons add up."""
    order = Order.objects.select_for_update().get(pk=order.pk)
    reasons = [line for line in order.review_reason.splitlines() if line]
    if reason not in reasons:
        reasons.append(reason)
    order.needs_review = True
    order.review_reason = "\n".join(reasons)
    order.save(update_fields=["needs_review", "review_reason", "updated_at"])
    OrderEvent.objects.create(order=order, type=OrderEvent.Type.NOTE, parameters={"review": reason})
    return order


@transaction.atomic
def order_review_clear(*, order: Order, by: User | None) -> Order:
    """An operator has dealt with what the review flag was about."""
    order = Order.objects.select_for_update().get(pk=order.pk)
    if order.needs_review:
        OrderEvent.objects.create(
            order=order,
            type=OrderEvent.Type.NOTE,
            user=by,
            parameters={"review_cleared": order.review_reason},
        )
        order.needs_review = False
        order.review_reason = ""
        order.save(update_fields=["needs_review", "review_reason", "updated_at"])
    return order


@transaction.atomic
def vendor_order_refund(
    *,
    vendor_order: VendorOrder,
    amount: Decimal,
    restock: bool,
    by: User | None,
    reference: str = "",
) -> VendorOrder:
    """Record money given back for a vendor order (the payments domain moved the money).

    A refund of the whole parcel makes it REFUNDED (a cancelled parcel stays cancelled); units
    still reserved for it go back on sale, and with `restock` the units of a shipped parcel are
    added back to the variant's first stock row. Raises `OrderError` for a parcel that is
    already fully refunded; the amount must not exceed what is left (checked by the caller).
    """
    vendor_order = _locked(vendor_order)
    remaining = vendor_order.total - vendor_order.refunded_amount
    if remaining <= 0 or vendor_order.status == VendorOrderStatus.REFUNDED:
        raise OrderError(
            OrderErrorCode.INVALID_STATUS_TRANSITION,
            _("This parcel is already fully refunded."),
            field="amount",
        )
    amount = quantize(amount)
    if amount <= 0 or amount > remaining:
        raise ValueError(f"refund of {amount} outside (0, {remaining}]")
    full = amount == remaining
    restocked = False
    if full and vendor_order.status in {
        VendorOrderStatus.UNFULFILLED,
        VendorOrderStatus.PROCESSING,
    }:
        stock_release(allocations=_allocations(vendor_order))
        OrderLineAllocation.objects.filter(order_line__vendor_order=vendor_order).delete()
        restocked = True
    elif (
        full
        and restock
        and vendor_order.status in {VendorOrderStatus.SHIPPED, VendorOrderStatus.DELIVERED}
    ):
        _return_to_stock(vendor_order)
        restocked = True
    vendor_order.refunded_amount += amount
    if full and vendor_order.status != VendorOrderStatus.CANCELLED:
        vendor_order.status = VendorOrderStatus.REFUNDED
    vendor_order.save(update_fields=["status", "refunded_amount", "updated_at"])
    order = Order.objects.select_for_update().get(pk=vendor_order.order_id)
    order.total_refunded += amount
    order.save(update_fields=["total_refunded", "updated_at"])
    _event(
        vendor_order,
        OrderEvent.Type.REFUNDED,
        by,
        {"amount": str(amount), "full": full, "restocked": restocked, "reference": reference},
    )
    _order_status_refresh(order)
    vendor_order_id, refunded = vendor_order.id, str(amount)
    transaction.on_commit(
        lambda: analytics_tasks.sales_facts_record_refund_task.delay(
            vendor_order_id=vendor_order_id, amount=refunded, reference=reference
        )
    )
    return vendor_order


def _return_to_stock(vendor_order: VendorOrder) -> None:
    from marketplace.inventory.models import Stock
    from marketplace.inventory.services import stock_adjust

    for line in vendor_order.lines.select_related("variant").order_by("id"):
        if line.variant is None:
            continue  # the variant was deleted: nowhere to put the units back
        stock = (
            Stock.objects.filter(variant=line.variant)
            .select_related("location")
            .order_by("-location__is_default", "location_id")
            .first()
        )
        if stock is not None:
            stock_adjust(variant=line.variant, location=stock.location, delta=line.quantity)
