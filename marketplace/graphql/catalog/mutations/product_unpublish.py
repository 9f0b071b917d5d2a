from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog.services import product_unpublish
from marketplace.graphql.catalog.mutations.base import ProductBaseMutation, member_product
from marketplace.graphql.catalog.types import ProductObjectType


class ProductUnpublish(ProductBaseMutation):
    """Take a product of your shop off sale: it becomes a draft again (this also restores an
    archived product)."""

    product = graphene.Field(ProductObjectType)

    class Arguments:
        id = graphene.ID(required=True, description="ID of the product.")

    @classmethod
    def perform_mutation(cls, root: Any, info: graphene.ResolveInfo, id: str) -> ProductUnpublish:
        return ProductUnpublish(product=product_unpublish(product=member_product(info, id)))
