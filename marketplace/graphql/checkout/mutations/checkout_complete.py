from __future__ import annotations

from decimal import Decimal
from typing import Any

import graphene

from marketplace.checkout.complete import checkout_complete
from marketplace.checkout.errors import CheckoutError as CheckoutDomainError
from marketplace.graphql.checkout.mutations.base import (
    CheckoutBaseMutation,
    checkout_for,
    checkout_token_of,
)
from marketplace.graphql.core.context import api_user
from marketplace.graphql.orders.types import Order
from marketplace.orders.selectors import order_for_checkout_token


class CheckoutComplete(CheckoutBaseMutation):
    """Place the order: one order, one parcel per vendor. Calling it again for the same cart
    returns the same order."""

    order = graphene.Field(Order)

    class Arguments:
        id = graphene.ID(description="The checkout's ID.")
        token = graphene.UUID(description="The checkout's token (instead of `id`).")
        expected_total = graphene.Decimal(
            description="The total the shopper agreed to; refused when it changed since."
        )

    @classmethod
    def perform_mutation(
        cls,
        root: Any,
        info: graphene.ResolveInfo,
        id: str | None = None,
        token: Any = None,
        expected_total: Decimal | None = None,
    ) -> CheckoutComplete:
        user = api_user(info)
        try:
            checkout = checkout_for(info, id, token)
        except CheckoutDomainError:
            # A repeated call (e.g. after a lost response) gets the order the cart became.
            placed = order_for_checkout_token(
                token=checkout_token_of(id, token), user_id=user.id if user else None
            )
            if placed is None:
                raise
            return CheckoutComplete(order=placed)
        order = checkout_complete(token=checkout.token, user=user, expected_total=expected_total)
        return CheckoutComplete(order=order)
