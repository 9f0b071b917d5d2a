from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog.services import variant_delete
from marketplace.graphql.catalog.mutations.base import ProductBaseMutation, member_variant
from marketplace.graphql.catalog.types import ProductObjectType, ProductVariantType


class ProductVariantDelete(ProductBaseMutation):
    """Delete a variant of your shop. Refused for a variant that has been ordered (set its stock
    to 0 or archive the product), while units of it are reserved for orders, and for the last
    variant of a published product."""

    product_variant = graphene.Field(ProductVariantType, description="The deleted variant.")
    product = graphene.Field(ProductObjectType, description="The product it was a variant of.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the variant.")

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, id: str
    ) -> ProductVariantDelete:
        variant = member_variant(info, id)
        variant_delete(variant=variant)
        return ProductVariantDelete(product_variant=variant, product=variant.product)
