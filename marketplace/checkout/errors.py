from __future__ import annotations

from enum import Enum

from marketplace.core.errors import DomainError


class CheckoutErrorCode(Enum):
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    EMPTY = "empty"
    LINE_NOT_FOUND = "line_not_found"
    PRODUCT_NOT_AVAILABLE = "product_not_available"
    ZERO_QUANTITY = "zero_quantity"
    INVALID_QUANTITY = "invalid_quantity"
    QUANTITY_GREATER_THAN_LIMIT = "quantity_greater_than_limit"
    INSUFFICIENT_STOCK = "insufficient_stock"
    PRICE_CHANGED = "price_changed"
    EMAIL_REQUIRED = "email_required"
    INVALID_EMAIL = "invalid_email"
    SHIPPING_ADDRESS_REQUIRED = "shipping_address_required"
    BILLING_ADDRESS_REQUIRED = "billing_address_required"
    REQUIRED = "required"
    INVALID_PHONE = "invalid_phone"
    NOT_THAI_ADDRESS = "not_thai_address"
    INVALID_ADDRESS = "invalid_address"
    DELIVERY_METHOD_REQUIRED = "delivery_method_required"
    DELIVERY_METHOD_NOT_AVAILABLE = "delivery_method_not_available"
    VENDOR_NOT_IN_CHECKOUT = "vendor_not_in_checkout"
    TOTAL_CHANGED = "total_changed"


class CheckoutError(DomainError):
    """The cart cannot change or complete as asked; nothing was changed."""
