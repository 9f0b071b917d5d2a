from __future__ import annotations

from typing import Any

import graphene

from marketplace.accounts import services
from marketplace.accounts.models import AddressType
from marketplace.graphql.account.inputs import AddressInput
from marketplace.graphql.account.mutations.base import (
    AccountBaseMutation,
    enum_value,
    signed_in_user,
)
from marketplace.graphql.account.types import Address, AddressTypeEnum, User


class AccountAddressCreate(AccountBaseMutation):
    """Save a new address in the signed-in user's address book (up to 20)."""

    login_required = True
    user = graphene.Field(User, description="The user the address belongs to.")
    address = graphene.Field(Address)

    class Arguments:
        input = AddressInput(required=True, description="Fields required to create address.")
        type = AddressTypeEnum(
            description="If given, the new address becomes the default address of that type."
        )

    @classmethod
    def perform_mutation(
        cls,
        root: Any,
        info: graphene.ResolveInfo,
        input: dict[str, Any],
        type: Any = None,
    ) -> AccountAddressCreate:
        user = signed_in_user(info)
        default_for = enum_value(type)
        address = services.address_create(
            user=user,
            first_name=input.get("first_name") or "",
            last_name=input.get("last_name") or "",
            company_name=input.get("company_name") or "",
            phone=input.get("phone") or "",
            street_address_1=input.get("street_address_1") or "",
            street_address_2=input.get("street_address_2") or "",
            subdistrict_code=input.get("subdistrict_code") or "",
            district_code=input.get("district_code") or "",
            province_code=input.get("province_code"),
            postal_code=input.get("postal_code") or "",
            country=input.get("country") or "TH",
            default_for=AddressType(default_for) if default_for else None,
        )
        return AccountAddressCreate(user=user, address=address)
