from __future__ import annotations

from enum import Enum

from marketplace.core.errors import DomainError


class CatalogErrorCode(Enum):
    INVALID = "invalid"
    REQUIRED = "required"
    # The object does not exist, or belongs to a shop the caller is not a member of (the two
    # are not told apart, so another shop's products stay private).
    NOT_FOUND = "not_found"
    SLUG_TAKEN = "slug_taken"
    SLUG_INVALID = "slug_invalid"
    CATEGORY_CYCLE = "category_cycle"
    CATEGORY_TOO_DEEP = "category_too_deep"
    ATTRIBUTE_NOT_IN_PRODUCT_TYPE = "attribute_not_in_product_type"
    ATTRIBUTE_SINGLE_VALUE = "attribute_single_value"
    PRODUCT_ARCHIVED = "product_archived"
    PRODUCT_WITHOUT_PRICED_VARIANT = "product_without_priced_variant"
    PRODUCT_TYPE_HAS_NO_VARIANTS = "product_type_has_no_variants"
    SKU_TAKEN = "sku_taken"
    PRICE_NEGATIVE = "price_negative"
    COMPARE_AT_PRICE_NOT_ABOVE_PRICE = "compare_at_price_not_above_price"
    LAST_VARIANT_OF_PUBLISHED_PRODUCT = "last_variant_of_published_product"
    VARIANT_HAS_ALLOCATED_STOCK = "variant_has_allocated_stock"
    VARIANT_ORDERED = "variant_ordered"
    VENDOR_NOT_APPROVED = "vendor_not_approved"
    # Images
    NOT_AN_IMAGE = "not_an_image"
    UNSUPPORTED_IMAGE_FORMAT = "unsupported_image_format"
    IMAGE_TOO_MANY_PIXELS = "image_too_many_pixels"
    FILE_TOO_LARGE = "file_too_large"
    MEDIA_NOT_OF_PRODUCT = "media_not_of_product"


class CatalogError(DomainError):
    """A catalogue rule refused a write: a bad slug, SKU, price, attribute, image or state."""
