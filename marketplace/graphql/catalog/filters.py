"""Inputs of `products(filter:, sortBy:)` in Saleor's shape, turned into selector arguments."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

import graphene
from django.utils.translation import gettext as _

from marketplace.catalog.selectors import (
    AttributeFilter,
    ProductFilter,
    ProductSortField,
    StockAvailability,
)
from marketplace.core.money import quantize
from marketplace.graphql.core.commerce_types import OrderDirection, PriceRangeInput, enum_value
from marketplace.graphql.core.errors import ApiErrorCode, ApiInputError
from marketplace.graphql.core.global_ids import decode_global_id, decode_global_ids


class StockAvailabilityEnum(graphene.Enum):
    IN_STOCK = "in_stock"
    OUT_OF_STOCK = "out_of_stock"

    class Meta:
        name = "StockAvailability"


class AttributeInput(graphene.InputObjectType):
    slug = graphene.String(required=True, description="The attribute, e.g. `material`.")
    values = graphene.List(
        graphene.NonNull(graphene.String),
        description="Slugs of acceptable values (any of them); omit for any value.",
    )


class ProductFilterInput(graphene.InputObjectType):
    categories = graphene.List(
        graphene.NonNull(graphene.ID), description="Categories, with their subcategories."
    )
    collections = graphene.List(graphene.NonNull(graphene.ID))
    vendors = graphene.List(graphene.NonNull(graphene.ID))
    municipality = graphene.ID(description="Products of this municipality's vendors.")
    districts = graphene.List(
        graphene.NonNull(graphene.String),
        description="District (amphoe) codes of the vendors, e.g. 5101.",
    )
    price = graphene.Field(PriceRangeInput, description="Some variant's price is in the range.")
    stock_availability = graphene.Field(StockAvailabilityEnum)
    attributes = graphene.List(
        graphene.NonNull(AttributeInput), description="All of these must match."
    )
    search = graphene.String(description="Words of the Thai or English name.")


class ProductOrderField(graphene.Enum):
    PRICE = "price"
    NAME = "name"
    CREATED = "created"
    RANK = "rank"

    @property
    def description(self) -> str:
        return {
            "price": "The cheapest variant's price.",
            "name": "The name in the request's language.",
            "created": "When the product was created.",
            "rank": "Resemblance to the search text; without a search, units sold.",
        }[self.value]


class ProductOrder(graphene.InputObjectType):
    field = graphene.Field(ProductOrderField, description="Sort by; CREATED when omitted.")
    direction = graphene.Field(OrderDirection, required=True)


def product_filter_from_input(data: Any, search: str | None) -> ProductFilter:
    """The selector's filter from the GraphQL input; `search` (the argument) wins over filter's."""
    data = data or {}
    price = data.get("price") or {}
    stock = data.get("stock_availability")
    municipality = data.get("municipality")
    return ProductFilter(
        category_ids=decode_global_ids(
            data.get("categories"), expected_type="Category", field="categories"
        ),
        collection_ids=decode_global_ids(
            data.get("collections"), expected_type="Collection", field="collections"
        ),
        vendor_ids=decode_global_ids(data.get("vendors"), expected_type="Vendor", field="vendors"),
        municipality_id=(
            decode_global_id(municipality, expected_type="Municipality", field="municipality")
            if municipality
            else None
        ),
        district_codes=tuple(data.get("districts") or ()),
        price_gte=_amount(price.get("gte"), "gte"),
        price_lte=_amount(price.get("lte"), "lte"),
        stock_availability=StockAvailability(enum_value(stock)) if stock else None,
        attributes=tuple(
            AttributeFilter(slug=item["slug"], values=tuple(item.get("values") or ()))
            for item in data.get("attributes") or ()
        ),
        search=(search if search and search.strip() else data.get("search")) or "",
    )


def product_order_from_input(data: Any, search: str) -> tuple[ProductSortField, bool]:
    """Sort field and whether descending; by default the best match when searching, else newest."""
    if not data or not data.get("field"):
        if search.strip():
            return ProductSortField.RANK, True
        if data and data.get("direction"):
            return ProductSortField.CREATED, enum_value(data["direction"]) == "desc"
        return ProductSortField.CREATED, True
    field = ProductSortField(enum_value(data["field"]))
    return field, enum_value(data["direction"]) == "desc"


def _amount(value: float | None, field: str) -> Decimal | None:
    if value is None:
        return None
    try:
        amount = quantize(Decimal(str(value)))
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite() or amount < 0 or amount >= Decimal("1e10"):
        raise ApiInputError(
            ApiErrorCode.INVALID,
            _("The price bound `%(field)s` must be an amount in THB, 0 or more.")
            % {"field": field},
            field=field,
        )
    return amount
