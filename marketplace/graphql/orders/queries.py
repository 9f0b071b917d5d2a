from __future__ import annotations

from typing import Any

import graphene

from marketplace.graphql.orders.types import Order
from marketplace.orders import selectors
from marketplace.orders.models import Order as OrderModel


class OrderQueries(graphene.ObjectType):
    order_lookup = graphene.Field(
        Order,
        number=graphene.String(
            required=True, description="The order number, e.g. KAD-2026-000123."
        ),
        email=graphene.String(required=True, description="The e-mail the order was placed with."),
        description="A guest's order, found by its number and e-mail together (Kad's extension).",
    )

    @staticmethod
    def resolve_order_lookup(
        root: Any, info: graphene.ResolveInfo, number: str, email: str
    ) -> OrderModel | None:
        return selectors.order_for_guest(number=number, email=email)
