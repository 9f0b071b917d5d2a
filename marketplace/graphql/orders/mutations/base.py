"""What every vendor order mutation shares: the `OrderError` type, and finding a parcel only for
an active member of its shop (anything else is NOT_FOUND, so another shop's orders stay private).
"""

from __future__ import annotations

from enum import Enum

import graphene
from django.utils.translation import gettext_lazy as _

from marketplace.graphql.core.context import PermissionDenied, api_user
from marketplace.graphql.core.ids import pk_from_global_id
from marketplace.graphql.core.mutations import BaseMutation
from marketplace.graphql.core.types import BaseError
from marketplace.orders.errors import OrderError as OrderDomainError
from marketplace.orders.errors import OrderErrorCode
from marketplace.orders.models import VendorOrder
from marketplace.orders.selectors import member_vendor_order_get


class OrderErrorCodeEnum(Enum):
    """The codes of `OrderErrorCode` and of the refunds' `PaymentErrorCode` (a cancelled paid
    parcel is refunded), under one enum as Saleor's `OrderErrorCode` (a test checks that none is
    missing)."""

    INVALID = "invalid"
    NOT_FOUND = "not_found"
    INVALID_STATUS_TRANSITION = "invalid_status_transition"
    TRACKING_REQUIRED = "tracking_required"
    REASON_REQUIRED = "reason_required"
    NOT_PAID = "not_paid"
    INSUFFICIENT_STOCK = "insufficient_stock"
    # Refunds (payments)
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
    PERMISSION_DENIED = "permission_denied"


OrderErrorCodeType = graphene.Enum.from_enum(
    OrderErrorCodeEnum, name="OrderErrorCode", description="Why an order mutation was refused."
)


class OrderError(BaseError):
    """An error of a vendor order mutation."""

    code = graphene.Field(OrderErrorCodeType, required=True, description="The error code.")


class VendorOrderBaseMutation(BaseMutation):
    """A mutation of a shop's parcel: needs a signed-in member of the shop."""

    error_type = OrderError
    error_code_enum = OrderErrorCodeEnum
    fallback_code = OrderErrorCodeEnum.INVALID
    login_required = True

    errors = graphene.List(graphene.NonNull(OrderError), required=True)

    class Meta:
        abstract = True


def member_vendor_order(info: graphene.ResolveInfo, global_id: str) -> VendorOrder:
    user = api_user(info)
    if user is None:  # login_required answers first; this keeps the type honest
        raise PermissionDenied(str(_("Sign in to do this.")))
    pk = pk_from_global_id(global_id, "VendorOrder")
    vendor_order = member_vendor_order_get(user=user, vendor_order_id=pk) if pk else None
    if vendor_order is None:
        raise OrderDomainError(
            OrderErrorCode.NOT_FOUND,
            _("This order does not exist, or it belongs to a shop you are not a member of."),
            field="id",
        )
    return vendor_order
