from __future__ import annotations

from typing import Any

import graphene
from graphene.types.generic import GenericScalar

from marketplace.accounts import jwt
from marketplace.graphql.account.mutations.base import AccountBaseMutation
from marketplace.graphql.account.types import User


class VerifyToken(AccountBaseMutation):
    """Check an access token: whether it is valid, its claims and its user."""

    user = graphene.Field(User, description="User assigned to token.")
    is_valid = graphene.Boolean(required=True, description="Whether the token is valid.")
    payload = GenericScalar(description="JWT payload.")

    class Arguments:
        token = graphene.String(required=True, description="JWT token to validate.")

    @classmethod
    def perform_mutation(cls, root: Any, info: graphene.ResolveInfo, token: str) -> VerifyToken:
        payload = jwt.token_decode(token, jwt.TokenType.ACCESS)
        user = jwt.user_from_token(token, jwt.TokenType.ACCESS)
        return VerifyToken(user=user, is_valid=True, payload=payload)

    @classmethod
    def mutate(cls, root: Any, info: graphene.ResolveInfo, **data: Any) -> Any:
        result = super().mutate(root, info, **data)
        if result.is_valid is None:
            result.is_valid = False
        return result
