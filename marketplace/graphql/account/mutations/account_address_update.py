from __future__ import annotations

from typing import Any

import graphene

from marketplace.accounts import services
from marketplace.graphql.account.inputs import AddressInput
from marketplace.graphql.account.mutations.base import (
    AccountBaseMutation,
    address_pk,
    signed_in_user,
)
from marketplace.graphql.account.types import Address, User

_FIELDS = (
    "first_name",
    "last_name",
    "company_name",
    "phone",
    "street_address_1",
    "street_address_2",
    "subdistrict_code",
    "district_code",
    "province_code",
    "postal_code",
    "country",
)


class AccountAddressUpdate(AccountBaseMutation):
    """Change an address of the signed-in user; fields left out keep their value."""

    login_required = True
    user = graphene.Field(User, description="The user the address belongs to.")
    address = graphene.Field(Address)

    class Arguments:
        id = graphene.ID(required=True, description="ID of the address to update.")
        input = AddressInput(required=True, description="Fields to change.")

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, id: str, input: dict[str, Any]
    ) -> AccountAddressUpdate:
        user = signed_in_user(info)
        changes = {name: input.get(name) for name in _FIELDS}
        address = services.address_update(user=user, address_id=address_pk(id), **changes)
        return AccountAddressUpdate(user=user, address=address)
