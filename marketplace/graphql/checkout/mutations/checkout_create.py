from __future__ import annotations

from typing import Any

import graphene
from django.db import transaction

from marketplace.checkout import services
from marketplace.graphql.account.mutations.base import request_language
from marketplace.graphql.checkout.inputs import CheckoutCreateInput
from marketplace.graphql.checkout.mutations.base import CheckoutBaseMutation, variant_pk
from marketplace.graphql.checkout.types import Checkout
from marketplace.graphql.core.context import api_user


class CheckoutCreate(CheckoutBaseMutation):
    """Create a cart; a signed-in shopper's cart belongs to them."""

    checkout = graphene.Field(Checkout)

    class Arguments:
        input = CheckoutCreateInput(required=True)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, input: dict[str, Any]
    ) -> CheckoutCreate:
        # One transaction: an address refused after the cart was made leaves no cart behind.
        with transaction.atomic():
            checkout = services.checkout_create(
                user=api_user(info),
                email=input.get("email") or "",
                lines=[
                    services.LineInput(variant_pk(line["variant_id"]), line["quantity"])
                    for line in input.get("lines") or []
                ],
                language_code=request_language(input.get("language_code")),
            )
            if input.get("shipping_address"):
                checkout = services.checkout_shipping_address_update(
                    checkout=checkout, address=input["shipping_address"]
                )
            if input.get("billing_address"):
                checkout = services.checkout_billing_address_update(
                    checkout=checkout, address=input["billing_address"]
                )
        return CheckoutCreate(checkout=checkout)
