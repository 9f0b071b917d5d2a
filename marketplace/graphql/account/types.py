"""GraphQL types of accounts: Saleor's `User`, `Address`, `AccountError` and their enums."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import graphene
from graphene_django import DjangoObjectType

from marketplace.accounts import models, selectors
from marketplace.accounts.errors import AccountErrorCode as AccountErrorCodeValues
from marketplace.catalog.selectors import SortColumn
from marketplace.graphql.core.context import api_user
from marketplace.graphql.core.enums import LanguageCodeEnum
from marketplace.graphql.core.i18n import localized
from marketplace.graphql.core.pagination import Page, connection_args, paginate
from marketplace.graphql.core.types import BaseError, CountryDisplay
from marketplace.graphql.orders.types import OrderCountableConnection
from marketplace.orders import selectors as order_selectors
from marketplace.orders.models import Order

AccountErrorCode = graphene.Enum.from_enum(AccountErrorCodeValues)


class AddressTypeEnum(graphene.Enum):
    SHIPPING = "shipping"
    BILLING = "billing"


class AccountError(BaseError):
    """An error of an account mutation."""

    code = graphene.Field(AccountErrorCode, required=True, description="The error code.")
    address_type = graphene.Field(
        AddressTypeEnum, description="The type of address that caused the error."
    )


class Address(DjangoObjectType):
    """A saved Thai address. `city` is the district, `cityArea` the subdistrict and `countryArea`
    the province, named in the request's language; their geothai codes come alongside."""

    city = graphene.String(required=True, description="District (amphoe) name.")
    city_area = graphene.String(required=True, description="Subdistrict (tambon) name.")
    country_area = graphene.String(required=True, description="Province name.")
    country = graphene.Field(CountryDisplay, required=True)
    is_default_shipping_address = graphene.Boolean()
    is_default_billing_address = graphene.Boolean()

    class Meta:
        model = models.Address
        interfaces = (graphene.relay.Node,)
        fields = (
            "id",
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
        )

    @classmethod
    def get_node(cls, info: graphene.ResolveInfo, id: Any) -> models.Address | None:
        user = api_user(info)
        if user is None:
            return None
        try:
            return selectors.address_get(user=user, address_id=int(id))
        except ValueError:
            return None

    @staticmethod
    def resolve_city(root: models.Address, info: graphene.ResolveInfo) -> str:
        return localized(root, "district_name")

    @staticmethod
    def resolve_city_area(root: models.Address, info: graphene.ResolveInfo) -> str:
        return localized(root, "subdistrict_name")

    @staticmethod
    def resolve_country_area(root: models.Address, info: graphene.ResolveInfo) -> str:
        return localized(root, "province_name")

    @staticmethod
    def resolve_country(root: models.Address, info: graphene.ResolveInfo) -> CountryDisplay:
        return CountryDisplay.thailand()

    @staticmethod
    def resolve_is_default_shipping_address(
        root: models.Address, info: graphene.ResolveInfo
    ) -> bool:
        return root.user.default_shipping_address_id == root.pk

    @staticmethod
    def resolve_is_default_billing_address(
        root: models.Address, info: graphene.ResolveInfo
    ) -> bool:
        return root.user.default_billing_address_id == root.pk


class User(DjangoObjectType):
    """A signed-in shopper's own account (only ever shown to that shopper)."""

    language_code = graphene.Field(LanguageCodeEnum, required=True)
    addresses = graphene.List(
        graphene.NonNull(Address), required=True, description="Saved addresses, oldest first."
    )
    default_shipping_address = graphene.Field(Address)
    default_billing_address = graphene.Field(Address)
    orders = graphene.Field(
        OrderCountableConnection,
        description="The user's orders, newest first.",
        **connection_args(),
    )

    class Meta:
        model = models.User
        interfaces = (graphene.relay.Node,)
        fields = ("id", "email", "first_name", "last_name", "is_confirmed", "date_joined")

    @classmethod
    def get_node(cls, info: graphene.ResolveInfo, id: Any) -> models.User | None:
        user = api_user(info)
        return user if user is not None and str(user.pk) == str(id) else None

    @staticmethod
    def resolve_language_code(root: models.User, info: graphene.ResolveInfo) -> str:
        return root.language_code

    @staticmethod
    def resolve_addresses(root: models.User, info: graphene.ResolveInfo) -> list[models.Address]:
        addresses = list(selectors.address_list(user=root))
        for address in addresses:
            address.user = root  # the same object, so the default flags read fresh values
        return addresses

    @staticmethod
    def resolve_orders(root: models.User, info: graphene.ResolveInfo, **args: Any) -> Page[Order]:
        columns = (SortColumn("created_at", True, datetime), SortColumn("id", True, int))
        orders = order_selectors.orders_of_user(user_id=root.id)
        return paginate(orders, columns, signature="order:created", **args)

    @staticmethod
    def resolve_default_shipping_address(
        root: models.User, info: graphene.ResolveInfo
    ) -> models.Address | None:
        return _owned(root, root.default_shipping_address)

    @staticmethod
    def resolve_default_billing_address(
        root: models.User, info: graphene.ResolveInfo
    ) -> models.Address | None:
        return _owned(root, root.default_billing_address)


def _owned(user: models.User, address: models.Address | None) -> models.Address | None:
    if address is not None:
        address.user = user
    return address
