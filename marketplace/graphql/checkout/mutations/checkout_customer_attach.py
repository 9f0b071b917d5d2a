from __future__ import annotations

from typing import Any

import graphene

from marketplace.checkout import services
from marketplace.graphql.account.mutations.base import signed_in_user
from marketplace.graphql.checkout.mutations.base import CheckoutBaseMutation, checkout_for
from marketplace.graphql.checkout.types import Checkout


class CheckoutCustomerAttach(CheckoutBaseMutation):
    """After signing in: the guest cart joins the shopper's cart; returns the one cart left."""

    login_required = True
    checkout = graphene.Field(Checkout)

    class Arguments:
        id = graphene.ID(description="The checkout's ID.")
        token = graphene.UUID(description="The checkout's token (instead of `id`).")

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, id: str | None = None, token: Any = None
    ) -> CheckoutCustomerAttach:
        checkout = services.checkout_attach_to_user(
            checkout=checkout_for(info, id, token), user=signed_in_user(info)
        )
        return CheckoutCustomerAttach(checkout=checkout)
