"""A maker cancels their parcel: stock comes back and the shopper gets the money back.

`vendor_order_cancel` (orders) releases the reserved units but moves no money, and
`vendor_order_refund_request` (payments) refunds but does not cancel. A maker who cannot send a
parcel needs both, in one step, so that a paid parcel is never left cancelled and unrefunded.
This module sits outside `orders.services` because `payments.refunds` imports that module.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from marketplace.accounts.models import User
from marketplace.orders.models import VendorOrder
from marketplace.orders.services import vendor_order_cancel
from payments.errors import PaymentError, PaymentErrorCode
from payments.models import Refund
from payments.refunds import vendor_order_refund_request


@dataclass(frozen=True)
class Cancellation:
    vendor_order: VendorOrder
    # None when no money had been received (unpaid, or cash on delivery not collected yet).
    refund: Refund | None


@transaction.atomic
def vendor_order_cancel_and_refund(
    *, vendor_order: VendorOrder, reason: str, by: User | None
) -> Cancellation:
    """Cancel one vendor's parcel before it ships and refund what the shopper paid for it.

    In one transaction: the parcel is cancelled (its reserved units go back on sale, the shopper
    is e-mailed), then everything still refundable of it is refunded with the same reason. Card
    and PromptPay refunds go to Stripe after commit (the refund is pending until Stripe answers);
    bank-transfer and collected cash refunds are recorded at once for the co-op to pay back.
    Raises `OrderError` (REASON_REQUIRED, INVALID_STATUS_TRANSITION) or `PaymentError` from the
    refund; either way nothing changes.
    """
    cancelled = vendor_order_cancel(vendor_order=vendor_order, reason=reason, by=by)
    try:
        refund = vendor_order_refund_request(
            vendor_order=cancelled, amount=None, reason=reason, by=by
        )
    except PaymentError as exc:
        if exc.code != PaymentErrorCode.NOTHING_PAID:
            raise
        refund = None
    cancelled.refresh_from_db()
    return Cancellation(vendor_order=cancelled, refund=refund)
