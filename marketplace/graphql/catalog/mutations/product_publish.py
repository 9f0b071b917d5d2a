from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog.services import product_publish
from marketplace.graphql.catalog.mutations.base import ProductBaseMutation, member_product
from marketplace.graphql.catalog.types import ProductObjectType


class ProductPublish(ProductBaseMutation):
    """Put a product of your shop on sale. Refused while the shop is not approved
    (VENDOR_NOT_APPROVED), for an archived product, and for a product without a variant."""

    product = graphene.Field(ProductObjectType)

    class Arguments:
        id = graphene.ID(required=True, description="ID of the product.")

    @classmethod
    def perform_mutation(cls, root: Any, info: graphene.ResolveInfo, id: str) -> ProductPublish:
        return ProductPublish(product=product_publish(product=member_product(info, id)))
