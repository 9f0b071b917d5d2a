from __future__ import annotations

from typing import Any

import graphene

from marketplace.accounts import services
from marketplace.graphql.account.mutations.base import AccountBaseMutation
from marketplace.graphql.account.types import User


class ConfirmAccount(AccountBaseMutation):
    """Confirm a new account's e-mail address with the token from the confirmation link."""

    user = graphene.Field(User, description="The confirmed user.")

    class Arguments:
        email = graphene.String(required=True, description="E-mail of the user.")
        token = graphene.String(required=True, description="The token from the link.")

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, email: str, token: str
    ) -> ConfirmAccount:
        return ConfirmAccount(user=services.account_confirm(email=email, token=token))
