from __future__ import annotations

from typing import Any

import graphene

from marketplace.accounts import services
from marketplace.graphql.account.inputs import AccountRegisterInput
from marketplace.graphql.account.mutations.base import AccountBaseMutation, request_language
from marketplace.graphql.core.context import client_ip


class AccountRegister(AccountBaseMutation):
    """Register a new shopper; a confirmation link is e-mailed and the account can sign in once
    the link is opened. The answer is the same whether or not the address already had an account."""

    requires_confirmation = graphene.Boolean(
        description="Whether the user must confirm the e-mail address before signing in."
    )

    class Arguments:
        input = AccountRegisterInput(required=True, description="Fields required to create a user.")

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, input: dict[str, Any]
    ) -> AccountRegister:
        services.account_register(
            email=input["email"],
            password=input["password"],
            first_name=input.get("first_name") or "",
            last_name=input.get("last_name") or "",
            language_code=request_language(input.get("language_code")),
            redirect_url=input.get("redirect_url"),
            ip_address=client_ip(info),
        )
        return AccountRegister(requires_confirmation=True)
