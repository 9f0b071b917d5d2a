"""Errors of the payments domain: a stable code and a translated message for people."""

from __future__ import annotations

from enum import Enum

from marketplace.core.errors import DomainError


class PaymentErrorCode(Enum):
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    GATEWAY_NOT_AVAILABLE = "gateway_not_available"
    GATEWAY_ERROR = "gateway_error"
    ORDER_ALREADY_PAID = "order_already_paid"
    ORDER_CANCELLED = "order_cancelled"
    INVALID_STATUS = "invalid_status"
    WRONG_GATEWAY = "wrong_gateway"
    REFUND_AMOUNT_INVALID = "refund_amount_invalid"
    REFUND_EXCEEDS_PAID = "refund_exceeds_paid"
    NOTHING_PAID = "nothing_paid"
    SLIP_NOT_AN_IMAGE = "slip_not_an_image"
    SLIP_TOO_LARGE = "slip_too_large"
    REASON_REQUIRED = "reason_required"
    PERMISSION_DENIED = "permission_denied"


class PaymentError(DomainError):
    """A payment, refund or slip could not be handled as asked; nothing was changed."""
