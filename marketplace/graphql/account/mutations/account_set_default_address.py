from __future__ import annotations

from typing import Any

import graphene

from marketplace.accounts import services
from marketplace.accounts.models import AddressType
from marketplace.graphql.account.mutations.base import (
    AccountBaseMutation,
    address_pk,
    enum_value,
    signed_in_user,
)
from marketplace.graphql.account.types import AddressTypeEnum, User


class AccountSetDefaultAddress(AccountBaseMutation):
    """Make an address the signed-in user's default shipping or billing address."""

    login_required = True
    user = graphene.Field(User, description="The updated user.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the address to set as default.")
        type = AddressTypeEnum(required=True, description="The type of address.")

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, id: str, type: Any
    ) -> AccountSetDefaultAddress:
        user = services.address_set_default(
            user=signed_in_user(info),
            address_id=address_pk(id),
            address_type=AddressType(enum_value(type) or AddressType.SHIPPING),
        )
        return AccountSetDefaultAddress(user=user)
