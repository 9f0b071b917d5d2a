from __future__ import annotations

from enum import Enum

from marketplace.core.errors import DomainError


class InventoryErrorCode(Enum):
    INVALID = "invalid"
    INVALID_QUANTITY = "invalid_quantity"
    STOCK_BELOW_ALLOCATED = "stock_below_allocated"
    STOCK_BELOW_ZERO = "stock_below_zero"
    INSUFFICIENT_STOCK = "insufficient_stock"
    DEALLOCATE_MORE_THAN_ALLOCATED = "deallocate_more_than_allocated"
    LOCATION_OF_OTHER_VENDOR = "location_of_other_vendor"


class InventoryError(DomainError):
    """A stock rule refused a change: too little stock, a quantity below what is allocated…"""
