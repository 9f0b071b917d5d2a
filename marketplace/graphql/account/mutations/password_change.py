from __future__ import annotations

from typing import Any

import graphene

from marketplace.accounts import services
from marketplace.graphql.account.mutations.base import AccountBaseMutation, signed_in_user
from marketplace.graphql.account.types import User


class PasswordChange(AccountBaseMutation):
    """Change the signed-in user's password. Tokens issued before stop working: sign in again."""

    login_required = True
    user = graphene.Field(User)

    class Arguments:
        old_password = graphene.String(description="Current password.")
        new_password = graphene.String(required=True, description="New password.")

    @classmethod
    def perform_mutation(
        cls,
        root: Any,
        info: graphene.ResolveInfo,
        new_password: str,
        old_password: str | None = None,
    ) -> PasswordChange:
        user = services.password_change(
            user=signed_in_user(info), old_password=old_password or "", new_password=new_password
        )
        return PasswordChange(user=user)
