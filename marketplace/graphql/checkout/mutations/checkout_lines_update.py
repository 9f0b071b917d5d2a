from __future__ import annotations

from typing import Any

import graphene

from marketplace.checkout import services
from marketplace.graphql.checkout.inputs import CheckoutLineUpdateInput
from marketplace.graphql.checkout.mutations.base import (
    CheckoutBaseMutation,
    checkout_for,
    variant_pk,
)
from marketplace.graphql.checkout.types import Checkout


class CheckoutLinesUpdate(CheckoutBaseMutation):
    """Set quantities (0 removes a line); updated lines take the current price."""

    checkout = graphene.Field(Checkout)

    class Arguments:
        id = graphene.ID(description="The checkout's ID.")
        token = graphene.UUID(description="The checkout's token (instead of `id`).")
        lines = graphene.List(graphene.NonNull(CheckoutLineUpdateInput), required=True)

    @classmethod
    def perform_mutation(
        cls,
        root: Any,
        info: graphene.ResolveInfo,
        lines: list[dict[str, Any]],
        id: str | None = None,
        token: Any = None,
    ) -> CheckoutLinesUpdate:
        checkout = services.checkout_lines_update(
            checkout=checkout_for(info, id, token),
            lines=[services.LineInput(variant_pk(x["variant_id"]), x["quantity"]) for x in lines],
        )
        return CheckoutLinesUpdate(checkout=checkout)
