"""Types shared by the commerce domains, in Saleor's shapes: Money, TaxedMoney, Image, Weight …"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import graphene

from marketplace.core.money import CURRENCY


class OrderDirection(graphene.Enum):
    ASC = "asc"
    DESC = "desc"


class Money(graphene.ObjectType):
    """An amount of money (THB, two decimal places)."""

    currency = graphene.String(required=True, description="ISO 4217 currency code.")
    amount = graphene.Float(required=True)

    @staticmethod
    def of(amount: Decimal) -> dict[str, Any]:
        return {"currency": CURRENCY, "amount": amount}


class TaxedMoney(graphene.ObjectType):
    """A price as shoppers pay it. Shelf prices in Thailand include any VAT, so only `gross`."""

    currency = graphene.String(required=True)
    gross = graphene.Field(Money, required=True)

    @staticmethod
    def of(amount: Decimal) -> dict[str, Any]:
        return {"currency": CURRENCY, "gross": Money.of(amount)}


class TaxedMoneyRange(graphene.ObjectType):
    start = graphene.Field(TaxedMoney, description="The lowest price.")
    stop = graphene.Field(TaxedMoney, description="The highest price.")


class Image(graphene.ObjectType):
    url = graphene.String(required=True, description="Absolute URL of the image.")
    alt = graphene.String(description="Text that describes the image.")


class ThumbnailFormatEnum(graphene.Enum):
    WEBP = "webp"
    JPEG = "jpeg"


class WeightUnitsEnum(graphene.Enum):
    G = "g"


class Weight(graphene.ObjectType):
    unit = graphene.Field(WeightUnitsEnum, required=True)
    value = graphene.Float(required=True)


class PriceRangeInput(graphene.InputObjectType):
    gte = graphene.Float(description="Price greater than or equal to (THB).")
    lte = graphene.Float(description="Price less than or equal to (THB).")


def enum_value(value: Any) -> Any:
    """graphene 3 hands resolvers enum members; this gives their plain values."""
    return getattr(value, "value", value)
