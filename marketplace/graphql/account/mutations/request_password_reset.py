from __future__ import annotations

from typing import Any

import graphene

from marketplace.accounts import services
from marketplace.graphql.account.mutations.base import AccountBaseMutation
from marketplace.graphql.core.context import client_ip


class RequestPasswordReset(AccountBaseMutation):
    """E-mail a password-reset link. The answer never tells whether the address has an account."""

    class Arguments:
        email = graphene.String(required=True, description="E-mail of the user.")
        redirect_url = graphene.String(
            required=True,
            description="Storefront page the link leads to; `email` and `token` are added to it.",
        )

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, email: str, redirect_url: str
    ) -> RequestPasswordReset:
        services.password_reset_request(
            email=email, redirect_url=redirect_url, ip_address=client_ip(info)
        )
        return RequestPasswordReset()
