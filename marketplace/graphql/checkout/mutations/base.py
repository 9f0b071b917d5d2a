"""What every checkout mutation shares: finding the cart it may touch, and its error type."""

from __future__ import annotations

import uuid
from typing import Any

import graphene
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from graphql_relay import from_global_id

from marketplace.checkout.errors import CheckoutError as CheckoutDomainError
from marketplace.checkout.errors import CheckoutErrorCode
from marketplace.checkout.models import Checkout
from marketplace.checkout.selectors import checkout_get
from marketplace.graphql.checkout.types import CheckoutError
from marketplace.graphql.core.context import api_user
from marketplace.graphql.core.ids import pk_from_global_id
from marketplace.graphql.core.mutations import BaseMutation


class CheckoutBaseMutation(BaseMutation):
    error_type = CheckoutError
    error_code_enum = CheckoutErrorCode
    fallback_code = CheckoutErrorCode.INVALID

    errors = graphene.List(graphene.NonNull(CheckoutError), required=True)

    class Meta:
        abstract = True


def checkout_token_of(id: str | None = None, token: Any = None) -> uuid.UUID | None:
    """The token inside a `Checkout` global ID, or the token given directly."""
    raw: Any = token
    if raw is None and id:
        try:
            type_name, raw = from_global_id(id)
        except (ValueError, UnicodeDecodeError):
            return None
        if type_name != "Checkout":
            return None
    try:
        return raw if isinstance(raw, uuid.UUID) else uuid.UUID(str(raw))
    except ValueError:
        return None


def checkout_for(info: graphene.ResolveInfo, id: str | None = None, token: Any = None) -> Checkout:
    """The cart the request may touch: a guest cart by its token, a shopper's cart only by them.

    Anything else is "not found", so a token of someone else's cart reveals nothing.
    """
    key = checkout_token_of(id, token)
    checkout = checkout_get(token=key) if key else None
    user = api_user(info)
    if checkout is None or (checkout.user_id and (user is None or user.id != checkout.user_id)):
        raise CheckoutDomainError(
            CheckoutErrorCode.NOT_FOUND, _("This cart no longer exists."), field="id"
        )
    return checkout


NOT_VALID = _("This choice is not valid.")


def variant_pk(global_id: str) -> int:
    return pk_of(
        global_id,
        "ProductVariant",
        field="variantId",
        code=CheckoutErrorCode.PRODUCT_NOT_AVAILABLE,
        message=_("This product is not for sale at the moment."),
    )


def pk_of(
    global_id: str,
    type_name: str,
    *,
    field: str,
    code: CheckoutErrorCode,
    message: str | Promise = NOT_VALID,
) -> int:
    pk = pk_from_global_id(global_id, type_name)
    if pk is None:
        raise CheckoutDomainError(code, message, field=field)
    return pk
