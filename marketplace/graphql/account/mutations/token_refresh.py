from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _

from marketplace.accounts import jwt
from marketplace.accounts.errors import AccountError, AccountErrorCode
from marketplace.graphql.account.mutations.base import AccountBaseMutation
from marketplace.graphql.account.types import User


class RefreshToken(AccountBaseMutation):
    """A new access token for a refresh token (passed as an argument; Kad sets no cookies)."""

    token = graphene.String(description="JWT token, required to authenticate.")
    user = graphene.Field(User, description="A user instance.")

    class Arguments:
        refresh_token = graphene.String(description="Refresh token.")

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, refresh_token: str | None = None
    ) -> RefreshToken:
        if not refresh_token:
            raise AccountError(
                AccountErrorCode.JWT_MISSING_TOKEN,
                _("A refresh token is required."),
                field="refresh_token",
            )
        user = jwt.user_from_token(refresh_token, jwt.TokenType.REFRESH)
        return RefreshToken(token=jwt.access_token_create(user), user=user)
