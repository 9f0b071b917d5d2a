from __future__ import annotations

from typing import Any

import graphene

from marketplace.checkout import services
from marketplace.graphql.checkout.inputs import CheckoutLineInput
from marketplace.graphql.checkout.mutations.base import (
    CheckoutBaseMutation,
    checkout_for,
    variant_pk,
)
from marketplace.graphql.checkout.types import Checkout


class CheckoutLinesAdd(CheckoutBaseMutation):
    """Add items; a variant already in the cart gets the quantities added."""

    checkout = graphene.Field(Checkout)

    class Arguments:
        id = graphene.ID(description="The checkout's ID.")
        token = graphene.UUID(description="The checkout's token (instead of `id`).")
        lines = graphene.List(graphene.NonNull(CheckoutLineInput), required=True)

    @classmethod
    def perform_mutation(
        cls,
        root: Any,
        info: graphene.ResolveInfo,
        lines: list[dict[str, Any]],
        id: str | None = None,
        token: Any = None,
    ) -> CheckoutLinesAdd:
        checkout = services.checkout_lines_add(
            checkout=checkout_for(info, id, token),
            lines=[services.LineInput(variant_pk(x["variant_id"]), x["quantity"]) for x in lines],
        )
        return CheckoutLinesAdd(checkout=checkout)
