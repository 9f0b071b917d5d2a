from __future__ import annotations

from typing import Any

import graphene

from marketplace.checkout.errors import CheckoutError
from marketplace.checkout.models import Checkout as CheckoutModel
from marketplace.graphql.checkout.mutations.base import checkout_for
from marketplace.graphql.checkout.types import Checkout


class CheckoutQueries(graphene.ObjectType):
    checkout = graphene.Field(
        Checkout,
        id=graphene.ID(description="The checkout's ID."),
        token=graphene.UUID(description="The checkout's token."),
        description="A cart, by ID or token; null when it does not exist or is not yours.",
    )

    @staticmethod
    def resolve_checkout(
        root: Any, info: graphene.ResolveInfo, id: str | None = None, token: Any = None
    ) -> CheckoutModel | None:
        try:
            return checkout_for(info, id, token)
        except CheckoutError:
            return None
