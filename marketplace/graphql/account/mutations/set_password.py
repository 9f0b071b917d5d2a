from __future__ import annotations

from typing import Any

import graphene

from marketplace.accounts import jwt, services
from marketplace.graphql.account.mutations.base import AccountBaseMutation
from marketplace.graphql.account.types import User


class SetPassword(AccountBaseMutation):
    """Set a new password with the token from a reset link, and sign in."""

    token = graphene.String(description="JWT access token.")
    refresh_token = graphene.String(description="JWT refresh token.")
    user = graphene.Field(User)

    class Arguments:
        email = graphene.String(required=True, description="E-mail of the user.")
        password = graphene.String(required=True, description="The new password.")
        token = graphene.String(required=True, description="The token from the reset link.")

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, email: str, password: str, token: str
    ) -> SetPassword:
        user = services.password_reset_confirm(email=email, token=token, password=password)
        return SetPassword(
            token=jwt.access_token_create(user),
            refresh_token=jwt.refresh_token_create(user),
            user=user,
        )
