"""Turning a cart into an order: `checkout_complete`, the one place where that happens."""

from __future__ import annotations

import uuid
from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.models import User
from marketplace.checkout.errors import CheckoutError, CheckoutErrorCode
from marketplace.checkout.models import Checkout
from marketplace.checkout.selectors import CheckoutSummary, checkout_summary
from marketplace.inventory.errors import InventoryError, InventoryErrorCode
from marketplace.inventory.services import stock_allocate_lines
from marketplace.orders.models import Order
from marketplace.orders.services import OrderDraft, VendorOrderDraft, order_create


def checkout_complete(
    *, token: uuid.UUID | str, user: User | None = None, expected_total: Decimal | None = None
) -> Order:
    """Place the order for a cart, in one transaction.

    Guarantees: the stock rows of every line are locked in id order and allocated, so concurrent
    buyers can never buy more units than exist (`INSUFFICIENT_STOCK` for the ones who come too
    late); one `Order` with one `VendorOrder` per vendor is created and the cart is deleted.
    Completing the same cart again returns the same order. On any error nothing changes.
    `expected_total`, when given, must equal the current total (`TOTAL_CHANGED` otherwise), so an
    interface can make sure the shopper agreed to the amount charged.
    """
    try:
        key = token if isinstance(token, uuid.UUID) else uuid.UUID(str(token))
    except ValueError as exc:
        raise _not_found() from exc
    with transaction.atomic():
        placed = Order.objects.filter(checkout_token=key).first()
        if placed is not None:
            return placed
        checkout = Checkout.objects.select_for_update().filter(token=key).first()
        if checkout is None:
            # A concurrent call may have completed it while we waited for the lock.
            placed = Order.objects.filter(checkout_token=key).first()
            if placed is not None:
                return placed
            raise _not_found()
        if checkout.user_id is not None and user is not None and checkout.user_id != user.id:
            raise _not_found()
        summary = checkout_summary(checkout=checkout)
        _validate(summary)
        if expected_total is not None and expected_total != summary.total:
            raise CheckoutError(
                CheckoutErrorCode.TOTAL_CHANGED,
                _("The total is now ฿%(total)s. Please check your cart and confirm again."),
                field="total",
                params={"total": f"{summary.total:,.2f}"},
            )
        try:
            allocations = stock_allocate_lines(
                lines=[(item.line.variant, item.line.quantity) for item in summary.lines]
            )
        except InventoryError as exc:
            if exc.code != InventoryErrorCode.INSUFFICIENT_STOCK:
                raise
            name = next(
                (
                    item.line.variant.product.name_th
                    for item in summary.lines
                    if item.line.variant_id == exc.params.get("variant_id")
                ),
                "",
            )
            raise CheckoutError(
                CheckoutErrorCode.INSUFFICIENT_STOCK,
                _("Sorry, “%(name)s” sold out: only %(available)s left."),
                field="lines",
                params={"name": name, "available": exc.params.get("available", 0)},
            ) from exc
        allocated: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for allocation in allocations:
            allocated[allocation.variant_id].append((allocation.stock_id, allocation.quantity))
        order = order_create(
            draft=OrderDraft(
                checkout_token=checkout.token,
                user=user or checkout.user,
                email=checkout.email,
                language_code=checkout.language_code,
                shipping_address=checkout.shipping_address or {},
                billing_address=checkout.billing_address or checkout.shipping_address or {},
                customer_note=checkout.customer_note,
                vendor_orders=[
                    VendorOrderDraft.from_group(group, allocated) for group in summary.groups
                ],
            )
        )
        checkout.delete()
        return order


def _validate(summary: CheckoutSummary) -> None:
    checkout = summary.checkout
    if not summary.lines:
        raise CheckoutError(CheckoutErrorCode.EMPTY, _("Your cart is empty."), field="lines")
    if not checkout.email:
        raise CheckoutError(
            CheckoutErrorCode.EMAIL_REQUIRED, _("Enter your e-mail address."), field="email"
        )
    if not checkout.shipping_address:
        raise CheckoutError(
            CheckoutErrorCode.SHIPPING_ADDRESS_REQUIRED,
            _("Enter the delivery address."),
            field="shippingAddress",
        )
    for item in summary.lines:
        name = item.line.variant.product.name_th
        if not item.is_available:
            raise CheckoutError(
                CheckoutErrorCode.PRODUCT_NOT_AVAILABLE,
                _("“%(name)s” is no longer for sale. Remove it from your cart."),
                field="lines",
                params={"name": name},
            )
        if item.price_changed:
            raise CheckoutError(
                CheckoutErrorCode.PRICE_CHANGED,
                _("The price of “%(name)s” changed from ฿%(old)s to ฿%(new)s. Please review it."),
                field="lines",
                params={
                    "name": name,
                    "old": f"{item.previous_unit_price:,.2f}",
                    "new": f"{item.unit_price:,.2f}",
                },
            )
    for group in summary.groups:
        if group.chosen is None:
            raise CheckoutError(
                CheckoutErrorCode.DELIVERY_METHOD_REQUIRED,
                _("Choose a delivery method for the items from %(vendor)s."),
                field="deliveryMethod",
                params={"vendor": group.vendor.name_th},
            )


def _not_found() -> CheckoutError:
    return CheckoutError(CheckoutErrorCode.NOT_FOUND, _("This cart no longer exists."), field="id")
