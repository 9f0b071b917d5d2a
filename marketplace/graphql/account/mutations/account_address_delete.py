from __future__ import annotations

from typing import Any

import graphene

from marketplace.accounts import services
from marketplace.graphql.account.mutations.base import (
    AccountBaseMutation,
    address_pk,
    signed_in_user,
)
from marketplace.graphql.account.types import Address, User


class AccountAddressDelete(AccountBaseMutation):
    """Delete an address of the signed-in user."""

    login_required = True
    user = graphene.Field(User, description="The user the address belonged to.")
    address = graphene.Field(Address, description="The deleted address.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the address to delete.")

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, id: str
    ) -> AccountAddressDelete:
        user = signed_in_user(info)
        address = services.address_delete(user=user, address_id=address_pk(id))
        return AccountAddressDelete(user=user, address=address)
