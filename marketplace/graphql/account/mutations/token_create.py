from __future__ import annotations

from typing import Any

import graphene

from marketplace.accounts import jwt, services
from marketplace.graphql.account.mutations.base import AccountBaseMutation
from marketplace.graphql.account.types import User
from marketplace.graphql.core.context import client_ip


class CreateToken(AccountBaseMutation):
    """Sign in: an access token (5 minutes) and a refresh token (30 days)."""

    token = graphene.String(description="JWT token, required to authenticate.")
    refresh_token = graphene.String(description="JWT refresh token, to get new access tokens.")
    user = graphene.Field(User, description="A user instance.")

    class Arguments:
        email = graphene.String(required=True, description="Email of a user.")
        password = graphene.String(required=True, description="Password of a user.")

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, email: str, password: str
    ) -> CreateToken:
        user = services.account_login(email=email, password=password, ip_address=client_ip(info))
        return CreateToken(
            token=jwt.access_token_create(user),
            refresh_token=jwt.refresh_token_create(user),
            user=user,
        )
