"""Reads of orders for shoppers (their own, or a guest's by number and e-mail) and vendors."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from marketplace.accounts.models import User
from marketplace.orders.models import Order, OrderLine, VendorOrder, VendorOrderStatus
from marketplace.orders.services import next_statuses


def _with_parts(orders: QuerySet[Order]) -> QuerySet[Order]:
    return orders.prefetch_related(
        Prefetch(
            "vendor_orders",
            queryset=VendorOrder.objects.select_related("vendor").prefetch_related(
                Prefetch("lines", queryset=OrderLine.objects.order_by("id"))
            ),
        )
    )


def orders_of_user(*, user_id: int) -> QuerySet[Order]:
    """The shopper's orders, newest first, with vendor orders and lines (3 queries)."""
    return _with_parts(Order.objects.filter(user_id=user_id).order_by("-created_at", "-id"))


def order_for_guest(*, number: str, email: str) -> Order | None:
    """A guest finds an order by its number and the e-mail it was placed with (both must match,
    so a number alone reveals nothing)."""
    return _with_parts(
        Order.objects.filter(number=number.strip().upper(), email__iexact=email.strip())
    ).first()


def vendor_orders_of_vendor(*, vendor_id: int, status: str | None = None) -> QuerySet[VendorOrder]:
    orders = VendorOrder.objects.filter(vendor_id=vendor_id).select_related("order")
    if status:
        orders = orders.filter(status=status)
    return orders.prefetch_related("lines").order_by("-created_at", "-id")


def order_for_checkout_token(*, token: uuid.UUID | None, user_id: int | None) -> Order | None:
    """The order a cart became, for whoever completed it (a shopper's order only for them)."""
    if token is None:
        return None
    order = Order.objects.filter(checkout_token=token).first()
    if order is None or (order.user_id is not None and order.user_id != user_id):
        return None
    return order


def member_vendor_order_get(*, user: User, vendor_order_id: int) -> VendorOrder | None:
    """The vendor order if `user` is an active member (owner or staff) of its vendor, else None:
    a member of another shop cannot tell it from one that does not exist."""
    if not user.is_active:
        return None
    return (
        VendorOrder.objects.filter(
            pk=vendor_order_id,
            vendor__memberships__user=user,
            vendor__memberships__user__is_active=True,
        )
        .select_related("order", "vendor")
        .distinct()
        .first()
    )


@dataclass(frozen=True)
class VendorOrderActions:
    """What the shop may do next with a parcel, as the order services allow it."""

    process: bool
    ship: bool
    deliver: bool
    cancel: bool


def vendor_order_actions(*, vendor_order: VendorOrder) -> VendorOrderActions:
    """The next steps `orders.services` accepts from the parcel's status (payment is checked by
    the services when a step is taken). Shipping an unfulfilled parcel passes through
    processing, as `vendor_order_ship` does."""
    after = next_statuses(vendor_order.status)
    via_processing = VendorOrderStatus.PROCESSING in after and (
        VendorOrderStatus.SHIPPED in next_statuses(VendorOrderStatus.PROCESSING)
    )
    return VendorOrderActions(
        process=VendorOrderStatus.PROCESSING in after,
        ship=VendorOrderStatus.SHIPPED in after or via_processing,
        deliver=VendorOrderStatus.DELIVERED in after,
        cancel=VendorOrderStatus.CANCELLED in after,
    )
