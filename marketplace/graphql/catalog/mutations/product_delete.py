from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog.services import product_delete
from marketplace.graphql.catalog.mutations.base import ProductBaseMutation, member_product
from marketplace.graphql.catalog.types import ProductObjectType


class ProductDelete(ProductBaseMutation):
    """Remove a product of your shop. A product that was ever ordered is archived instead of
    deleted (its orders and reports keep pointing at it; `productUnpublish` restores it as a
    draft): `archived` says which happened."""

    product = graphene.Field(ProductObjectType, description="The product as it was removed.")
    archived = graphene.Boolean(
        description="True when the product was archived because it was ordered."
    )

    class Arguments:
        id = graphene.ID(required=True, description="ID of the product.")

    @classmethod
    def perform_mutation(cls, root: Any, info: graphene.ResolveInfo, id: str) -> ProductDelete:
        removal = product_delete(product=member_product(info, id))
        return ProductDelete(product=removal.product, archived=removal.archived)
