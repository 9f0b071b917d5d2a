"""Reads of payments for the storefront, the vendor portal and operators."""

from __future__ import annotations

from django.db.models import QuerySet

from payments.models import BankTransferSlip, Payment, Refund, SlipStatus


def payment_active(*, order_id: int) -> Payment | None:
    """The payment the order is being paid with, if one was started."""
    return Payment.objects.filter(order_id=order_id, is_active=True).first()


def slips_waiting() -> QuerySet[BankTransferSlip]:
    """Slips an operator has not checked yet, oldest first, with their order (one query)."""
    return (
        BankTransferSlip.objects.filter(status=SlipStatus.PENDING)
        .select_related("payment__order")
        .order_by("uploaded_at", "id")
    )


def refunds_of_order(*, order_id: int) -> QuerySet[Refund]:
    """The refunds of an order, newest first, with their parcel (one query)."""
    return (
        Refund.objects.filter(vendor_order__order_id=order_id)
        .select_related("vendor_order")
        .order_by("-created_at", "-id")
    )
