from __future__ import annotations

from typing import Any

import graphene

from marketplace.checkout import services
from marketplace.graphql.checkout.mutations.base import CheckoutBaseMutation, checkout_for
from marketplace.graphql.checkout.types import Checkout


class CheckoutEmailUpdate(CheckoutBaseMutation):
    checkout = graphene.Field(Checkout)

    class Arguments:
        id = graphene.ID(description="The checkout's ID.")
        token = graphene.UUID(description="The checkout's token (instead of `id`).")
        email = graphene.String(required=True)

    @classmethod
    def perform_mutation(
        cls,
        root: Any,
        info: graphene.ResolveInfo,
        email: str,
        id: str | None = None,
        token: Any = None,
    ) -> CheckoutEmailUpdate:
        checkout = services.checkout_email_update(
            checkout=checkout_for(info, id, token), email=email
        )
        return CheckoutEmailUpdate(checkout=checkout)
