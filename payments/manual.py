"""The manual gateways: cash on delivery and bank transfer, recorded by people.

Cash on delivery: each vendor collects the cash for its own parcel; when the vendor marks the
parcel delivered and paid (`cod_payment_collect`), that parcel's total is received, and once every
parcel still due is collected the payment is paid.

Bank transfer: the shopper uploads a photo of the transfer slip; it is checked like a product
photo (a real JPEG/PNG/WebP within the size and pixel limits) and stored re-encoded without EXIF
under a random name. An operator confirms it (the payment is paid) or rejects it with a reason
(the shopper may upload another).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.models import User
from marketplace.catalog.errors import CatalogError, CatalogErrorCode
from marketplace.catalog.images import ACCEPTED_FORMATS, decode_image, encode, strip_metadata
from marketplace.orders.models import Order, VendorOrder, VendorOrderStatus
from marketplace.orders.services import vendor_order_deliver
from payments.errors import PaymentError, PaymentErrorCode
from payments.gateways.base import GatewayState
from payments.models import (
    BankTransferSlip,
    Gateway,
    Payment,
    PaymentStatus,
    PaymentTransaction,
    SlipStatus,
    TransactionKind,
)
from payments.services import amount_due, apply_state_locked, transaction_record

_OPEN = {PaymentStatus.PENDING, PaymentStatus.FAILED}


def _active_payment(order_id: int, gateway: str) -> Payment:
    payment = (
        Payment.objects.select_for_update()
        .select_related("order")
        .filter(order_id=order_id, is_active=True)
        .first()
    )
    if payment is None or payment.gateway != gateway:
        raise PaymentError(
            PaymentErrorCode.WRONG_GATEWAY,
            _("This order is not paid by %(gateway)s.")
            if payment is None
            else _("This order is paid by %(gateway)s, not by this method."),
            params={"gateway": Gateway(payment.gateway if payment else gateway).label},
        )
    return payment


# --- cash on delivery ---------------------------------------------------------------------------


def cod_payment_collect(*, vendor_order: VendorOrder, by: User | None) -> Payment:
    """The vendor delivered the parcel and was paid in cash.

    A shipped parcel is marked delivered first. Collecting the same parcel twice records it
    once. Refuses (`PaymentError`): an order not paid cash on delivery (WRONG_GATEWAY), a parcel
    that is not shipped or delivered (INVALID_STATUS).
    """
    with transaction.atomic():
        payment = _active_payment(vendor_order.order_id, Gateway.CASH_ON_DELIVERY)
        vendor_order = VendorOrder.objects.select_for_update().get(pk=vendor_order.pk)
        if vendor_order.status == VendorOrderStatus.SHIPPED:
            vendor_order = vendor_order_deliver(vendor_order=vendor_order, by=by)
        if vendor_order.status != VendorOrderStatus.DELIVERED:
            raise PaymentError(
                PaymentErrorCode.INVALID_STATUS,
                _("Cash is collected when the parcel is delivered; this one is “%(status)s”."),
                field="status",
                params={"status": VendorOrderStatus(vendor_order.status).label},
            )
        if PaymentTransaction.objects.filter(
            payment=payment, vendor_order=vendor_order, kind=TransactionKind.COD_COLLECTED
        ).exists():
            return payment
        transaction_record(
            payment,
            TransactionKind.COD_COLLECTED,
            amount=vendor_order.total,
            user=by,
            vendor_order_id=vendor_order.pk,
        )
        payment.captured_amount += vendor_order.total
        payment.save(update_fields=["captured_amount", "updated_at"])
        if payment.captured_amount >= amount_due(payment.order) and payment.status in _OPEN:
            apply_state_locked(
                payment,
                GatewayState(PaymentStatus.PAID, payment.captured_amount),
                source="cash on delivery",
                by=by,
            )
        return payment


# --- bank transfer ------------------------------------------------------------------------------


def _slip_error(exc: CatalogError) -> PaymentError:
    if exc.code in (CatalogErrorCode.FILE_TOO_LARGE, CatalogErrorCode.IMAGE_TOO_MANY_PIXELS):
        return PaymentError(
            PaymentErrorCode.SLIP_TOO_LARGE,
            _("The slip picture is too large; send a smaller photo or screenshot."),
            field="slip",
        )
    return PaymentError(
        PaymentErrorCode.SLIP_NOT_AN_IMAGE,
        _(
            "The slip must be a picture (a JPEG, PNG or WebP photo or screenshot of the "
            "transfer); this file is not one."
        ),
        field="slip",
    )


def _read_slip(upload: File[Any]) -> tuple[bytes, str, tuple[int, int]]:
    limit = int(getattr(settings, "KAD_MAX_UPLOAD_BYTES", 15 * 1024 * 1024))
    upload.seek(0)
    data = bytes(upload.read(limit + 1))
    if len(data) > limit:
        raise _slip_error(CatalogError(CatalogErrorCode.FILE_TOO_LARGE, ""))
    try:
        image = decode_image(data)
        pillow_format = image.format or "JPEG"
        clean = strip_metadata(image)
        return encode(clean, pillow_format), ACCEPTED_FORMATS[pillow_format], clean.size
    except CatalogError as exc:
        raise _slip_error(exc) from exc


def bank_transfer_slip_upload(
    *, order: Order, upload: File[Any], by: User | None = None
) -> BankTransferSlip:
    """The shopper sends the slip of a bank transfer for an order paid by bank transfer.

    Refuses (`PaymentError`, field "slip"): a file that is not a JPEG/PNG/WebP picture
    (SLIP_NOT_AN_IMAGE), a file or picture over the limits (SLIP_TOO_LARGE); an order not paid
    by bank transfer (WRONG_GATEWAY) or already paid (INVALID_STATUS).
    """
    content, extension, (width, height) = _read_slip(upload)
    with transaction.atomic():
        payment = _active_payment(order.pk, Gateway.BANK_TRANSFER)
        if payment.status not in _OPEN:
            raise PaymentError(
                PaymentErrorCode.INVALID_STATUS, _("This order is already paid."), field="slip"
            )
        slip = BankTransferSlip(payment=payment, width=width, height=height)
        slip.image.save(f"{uuid.uuid4().hex}.{extension}", ContentFile(content), save=False)
        slip.save()
        transaction_record(payment, TransactionKind.SLIP_UPLOADED, user=by, message=slip.image.name)
        return slip


def _pending_slip(slip: BankTransferSlip) -> BankTransferSlip:
    slip = BankTransferSlip.objects.select_for_update().get(pk=slip.pk)
    if slip.status != SlipStatus.PENDING:
        raise PaymentError(
            PaymentErrorCode.INVALID_STATUS,
            _("This slip was already checked (“%(status)s”)."),
            params={"status": SlipStatus(slip.status).label},
        )
    return slip


def bank_transfer_slip_confirm(*, slip: BankTransferSlip, by: User | None) -> BankTransferSlip:
    """An operator saw the money arrive: the slip is confirmed and the order paid in full."""
    with transaction.atomic():
        slip = _pending_slip(slip)
        payment = (
            Payment.objects.select_for_update().select_related("order").get(pk=slip.payment_id)
        )
        if payment.status not in _OPEN:
            raise PaymentError(PaymentErrorCode.INVALID_STATUS, _("This order is already paid."))
        slip.status = SlipStatus.CONFIRMED
        slip.reviewed_by = by
        slip.reviewed_at = timezone.now()
        slip.save(update_fields=["status", "reviewed_by", "reviewed_at"])
        apply_state_locked(
            payment,
            GatewayState(PaymentStatus.PAID, payment.amount),
            source="bank transfer slip confirmed",
            by=by,
        )
        return slip


def bank_transfer_slip_reject(
    *, slip: BankTransferSlip, reason: str, by: User | None
) -> BankTransferSlip:
    """The money did not arrive or the slip is wrong; the shopper may send another."""
    reason = reason.strip()
    if not reason:
        raise PaymentError(
            PaymentErrorCode.REASON_REQUIRED,
            _("Say why the slip is rejected; the shopper will see it."),
            field="reason",
        )
    with transaction.atomic():
        slip = _pending_slip(slip)
        slip.status = SlipStatus.REJECTED
        slip.reject_reason = reason
        slip.reviewed_by = by
        slip.reviewed_at = timezone.now()
        slip.save(update_fields=["status", "reject_reason", "reviewed_by", "reviewed_at"])
        payment = Payment.objects.select_for_update().get(pk=slip.payment_id)
        transaction_record(
            payment, TransactionKind.SLIP_REJECTED, is_success=False, message=reason, user=by
        )
        return slip
