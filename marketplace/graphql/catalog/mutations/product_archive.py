from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog.services import product_archive
from marketplace.graphql.catalog.mutations.base import ProductBaseMutation, member_product
from marketplace.graphql.catalog.types import ProductObjectType


class ProductArchive(ProductBaseMutation):
    """Retire a product of your shop: hidden from shoppers and from the shop's working lists;
    its orders keep their copy. `productUnpublish` restores it as a draft."""

    product = graphene.Field(ProductObjectType)

    class Arguments:
        id = graphene.ID(required=True, description="ID of the product.")

    @classmethod
    def perform_mutation(cls, root: Any, info: graphene.ResolveInfo, id: str) -> ProductArchive:
        return ProductArchive(product=product_archive(product=member_product(info, id)))
