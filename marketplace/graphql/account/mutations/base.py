from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.errors import AccountError as AccountDomainError
from marketplace.accounts.errors import AccountErrorCode
from marketplace.accounts.models import User
from marketplace.graphql.account.types import AccountError
from marketplace.graphql.core.context import api_user
from marketplace.graphql.core.i18n import request_language as current_language
from marketplace.graphql.core.ids import pk_from_global_id
from marketplace.graphql.core.mutations import BaseMutation


class AccountBaseMutation(BaseMutation):
    error_type = AccountError
    error_code_enum = AccountErrorCode
    fallback_code = AccountErrorCode.INVALID

    errors = graphene.List(graphene.NonNull(AccountError), required=True)

    class Meta:
        abstract = True


def signed_in_user(info: graphene.ResolveInfo) -> User:
    """The request's user; mutations that call this set `login_required`, so there is one."""
    user = api_user(info)
    assert user is not None  # noqa: S101 - guaranteed by BaseMutation.login_required
    return user


def address_pk(global_id: str) -> int:
    pk = pk_from_global_id(global_id, "Address")
    if pk is None:
        raise AccountDomainError(
            AccountErrorCode.NOT_FOUND, _("This address does not exist."), field="id"
        )
    return pk


def request_language(value: Any) -> str:
    """The language code chosen in the input, else the request's (from Accept-Language)."""
    chosen = getattr(value, "value", value)
    if chosen:
        return str(chosen)
    return current_language()


def enum_value(value: Any) -> str | None:
    if value is None:
        return None
    return str(getattr(value, "value", value))
