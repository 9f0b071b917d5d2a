from __future__ import annotations

from typing import Any

import graphene

from marketplace.checkout import services
from marketplace.checkout.errors import CheckoutErrorCode
from marketplace.graphql.checkout.mutations.base import CheckoutBaseMutation, checkout_for, pk_of
from marketplace.graphql.checkout.types import Checkout


class CheckoutLinesDelete(CheckoutBaseMutation):
    checkout = graphene.Field(Checkout)

    class Arguments:
        id = graphene.ID(description="The checkout's ID.")
        token = graphene.UUID(description="The checkout's token (instead of `id`).")
        lines_ids = graphene.List(graphene.NonNull(graphene.ID), required=True)

    @classmethod
    def perform_mutation(
        cls,
        root: Any,
        info: graphene.ResolveInfo,
        lines_ids: list[str],
        id: str | None = None,
        token: Any = None,
    ) -> CheckoutLinesDelete:
        line_pks = [
            pk_of(
                line_id,
                "CheckoutLine",
                field="linesIds",
                code=CheckoutErrorCode.LINE_NOT_FOUND,
            )
            for line_id in lines_ids
        ]
        checkout = services.checkout_lines_delete(
            checkout=checkout_for(info, id, token), line_ids=line_pks
        )
        return CheckoutLinesDelete(checkout=checkout)
