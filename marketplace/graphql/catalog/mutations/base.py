"""What every vendor catalogue mutation shares: the `ProductError` type, and lookups that find an
object only for an active member of its shop.

Anything else — an unknown or malformed ID, another shop's product — is the same NOT_FOUND error,
so a member of one shop never learns that another shop's object exists.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.models import User
from marketplace.catalog.errors import CatalogError, CatalogErrorCode
from marketplace.catalog.models import (
    AttributeValue,
    Category,
    Product,
    ProductMedia,
    ProductType,
    ProductVariant,
)
from marketplace.catalog.vendor_selectors import (
    member_media_get,
    member_product_get,
    member_variant_get,
)
from marketplace.graphql.core.context import PermissionDenied, api_user
from marketplace.graphql.core.ids import pk_from_global_id
from marketplace.graphql.core.mutations import BaseMutation
from marketplace.graphql.core.types import BaseError
from marketplace.vendors.models import Vendor
from marketplace.vendors.selectors import vendor_list_for_user


class ProductErrorCodeEnum(Enum):
    """The codes of `CatalogErrorCode` and `InventoryErrorCode` (stock), under one enum as
    Saleor's `ProductErrorCode` (a test checks that none is missing)."""

    INVALID = "invalid"
    REQUIRED = "required"
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
    NOT_AN_IMAGE = "not_an_image"
    UNSUPPORTED_IMAGE_FORMAT = "unsupported_image_format"
    IMAGE_TOO_MANY_PIXELS = "image_too_many_pixels"
    FILE_TOO_LARGE = "file_too_large"
    MEDIA_NOT_OF_PRODUCT = "media_not_of_product"
    # Stock (inventory)
    INVALID_QUANTITY = "invalid_quantity"
    STOCK_BELOW_ALLOCATED = "stock_below_allocated"
    STOCK_BELOW_ZERO = "stock_below_zero"
    INSUFFICIENT_STOCK = "insufficient_stock"
    DEALLOCATE_MORE_THAN_ALLOCATED = "deallocate_more_than_allocated"
    LOCATION_OF_OTHER_VENDOR = "location_of_other_vendor"


ProductErrorCode = graphene.Enum.from_enum(
    ProductErrorCodeEnum, name="ProductErrorCode", description="Why a product mutation was refused."
)


class ProductError(BaseError):
    """An error of a product, variant, photo or stock mutation."""

    code = graphene.Field(ProductErrorCode, required=True, description="The error code.")


class ProductBaseMutation(BaseMutation):
    """A vendor catalogue mutation: needs a signed-in user (else a PermissionDenied error)."""

    error_type = ProductError
    error_code_enum = ProductErrorCodeEnum
    fallback_code = ProductErrorCodeEnum.INVALID
    login_required = True

    errors = graphene.List(graphene.NonNull(ProductError), required=True)

    class Meta:
        abstract = True

    @staticmethod
    def _field(name: str | None) -> str | None:
        # The services name the model's fields; the API calls some of them otherwise.
        return BaseMutation._field(_API_FIELD_NAMES.get(name or "", name))


# Names of the services' fields → names of this API's arguments, where they differ.
_API_FIELD_NAMES = {
    "name_th": "name",
    "description_th": "description",
    "attribute_values": "attributes",
    "alt_th": "alt",
    "variant": "id",
}


def signed_in(info: graphene.ResolveInfo) -> User:
    user = api_user(info)
    if user is None:  # login_required answers first; this keeps the type honest
        raise PermissionDenied(str(_("Sign in to do this.")))
    return user


def not_found(field: str) -> CatalogError:
    return CatalogError(
        CatalogErrorCode.NOT_FOUND,
        _("This does not exist, or it belongs to a shop you are not a member of."),
        field=field,
    )


def member_product(info: graphene.ResolveInfo, global_id: str, *, field: str = "id") -> Product:
    pk = pk_from_global_id(global_id, "Product")
    product = member_product_get(user=signed_in(info), product_id=pk) if pk else None
    if product is None:
        raise not_found(field)
    return product


def member_variant(
    info: graphene.ResolveInfo, global_id: str, *, field: str = "id"
) -> ProductVariant:
    pk = pk_from_global_id(global_id, "ProductVariant")
    variant = member_variant_get(user=signed_in(info), variant_id=pk) if pk else None
    if variant is None:
        raise not_found(field)
    return variant


def member_media(info: graphene.ResolveInfo, global_id: str, *, field: str = "id") -> ProductMedia:
    pk = pk_from_global_id(global_id, "ProductMedia")
    media = member_media_get(user=signed_in(info), media_id=pk) if pk else None
    if media is None:
        raise not_found(field)
    return media


def member_vendor(info: graphene.ResolveInfo, global_id: str, *, field: str = "vendor") -> Vendor:
    pk = pk_from_global_id(global_id, "Vendor")
    vendor = vendor_list_for_user(user=signed_in(info)).filter(pk=pk).first() if pk else None
    if vendor is None:
        raise not_found(field)
    return vendor


def category_of(global_id: str | None, *, field: str = "category") -> Category | None:
    if global_id is None:
        return None
    pk = pk_from_global_id(global_id, "Category")
    category = Category.objects.filter(pk=pk).first() if pk else None
    if category is None:
        raise not_found(field)
    return category


def product_type_of(global_id: str, *, field: str = "productType") -> ProductType:
    pk = pk_from_global_id(global_id, "ProductType")
    product_type = ProductType.objects.filter(pk=pk).first() if pk else None
    if product_type is None:
        raise not_found(field)
    return product_type


class AttributeValueInput(graphene.InputObjectType):
    """Values of one attribute, by slugs (e.g. attribute "material", values ["silk"])."""

    attribute = graphene.String(required=True, description="The attribute's slug.")
    values = graphene.List(
        graphene.NonNull(graphene.String), required=True, description="Slugs of its values."
    )


def attribute_values_of(
    inputs: Sequence[dict[str, Any]] | None, *, field: str = "attributes"
) -> list[AttributeValue] | None:
    """The attribute values named by slugs; None when the argument was not given. Whether they
    fit the product type is the catalogue services' rule."""
    if inputs is None:
        return None
    wanted = {(item["attribute"], slug) for item in inputs for slug in item["values"]}
    found = [
        value
        for value in AttributeValue.objects.select_related("attribute").filter(
            attribute__slug__in={attribute for attribute, _slug in wanted},
            slug__in={slug for _attribute, slug in wanted},
        )
        if (value.attribute.slug, value.slug) in wanted
    ]
    if len(found) != len(wanted):
        known = {(value.attribute.slug, value.slug) for value in found}
        attribute, slug = sorted(wanted - known)[0]
        raise CatalogError(
            CatalogErrorCode.INVALID,
            _("“%(attribute)s” has no value “%(value)s”."),
            field=field,
            params={"attribute": attribute, "value": slug},
        )
    return found
