from __future__ import annotations

from enum import Enum

from marketplace.core.errors import DomainError


class ShippingErrorCode(Enum):
    INVALID = "invalid"
    NOT_AVAILABLE = "delivery_method_not_available"
    TOO_HEAVY = "parcel_too_heavy"
    WEIGHT_TABLE_EMPTY = "weight_table_empty"


class ShippingError(DomainError):
    """A delivery method cannot be set up as asked, or cannot carry this parcel."""
