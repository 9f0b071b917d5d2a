"""checkoutShippingAddressUpdate and checkoutBillingAddressUpdate."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.checkout import services
from marketplace.graphql.account.inputs import AddressInput
from marketplace.graphql.checkout.mutations.base import CheckoutBaseMutation, checkout_for
from marketplace.graphql.checkout.types import Checkout


class CheckoutShippingAddressUpdate(CheckoutBaseMutation):
    """Set the delivery address (also the billing address until one is set)."""

    checkout = graphene.Field(Checkout)

    class Arguments:
        id = graphene.ID(description="The checkout's ID.")
        token = graphene.UUID(description="The checkout's token (instead of `id`).")
        shipping_address = AddressInput(required=True)

    @classmethod
    def perform_mutation(
        cls,
        root: Any,
        info: graphene.ResolveInfo,
        shipping_address: dict[str, Any],
        id: str | None = None,
        token: Any = None,
    ) -> CheckoutShippingAddressUpdate:
        checkout = services.checkout_shipping_address_update(
            checkout=checkout_for(info, id, token), address=shipping_address
        )
        return CheckoutShippingAddressUpdate(checkout=checkout)


class CheckoutBillingAddressUpdate(CheckoutBaseMutation):
    checkout = graphene.Field(Checkout)

    class Arguments:
        id = graphene.ID(description="The checkout's ID.")
        token = graphene.UUID(description="The checkout's token (instead of `id`).")
        billing_address = AddressInput(required=True)

    @classmethod
    def perform_mutation(
        cls,
        root: Any,
        info: graphene.ResolveInfo,
        billing_address: dict[str, Any],
        id: str | None = None,
        token: Any = None,
    ) -> CheckoutBillingAddressUpdate:
        checkout = services.checkout_billing_address_update(
            checkout=checkout_for(info, id, token), address=billing_address
        )
        return CheckoutBillingAddressUpdate(checkout=checkout)
