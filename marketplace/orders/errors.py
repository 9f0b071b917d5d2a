from __future__ import annotations

from enum import Enum

from marketplace.core.errors import DomainError


class OrderErrorCode(Enum):
    NOT_FOUND = "not_found"
    INVALID_STATUS_TRANSITION = "invalid_status_transition"
    TRACKING_REQUIRED = "tracking_required"
    REASON_REQUIRED = "reason_required"
    NOT_PAID = "not_paid"


class OrderError(DomainError):
    """An order or vendor order cannot change as asked; nothing was changed."""
