from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog.services import product_update
from marketplace.graphql.catalog.mutations.base import ProductBaseMutation, member_product
from marketplace.graphql.catalog.mutations.inputs import ProductInput, product_fields
from marketplace.graphql.catalog.types import ProductObjectType


class ProductUpdate(ProductBaseMutation):
    """Change a product of your shop; fields left out stay as they are."""

    product = graphene.Field(ProductObjectType)

    class Arguments:
        id = graphene.ID(required=True, description="ID of the product.")
        input = ProductInput(required=True)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, id: str, input: dict[str, Any]
    ) -> ProductUpdate:
        product = member_product(info, id)
        return ProductUpdate(product=product_update(product=product, **product_fields(input)))
