from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog.services import variant_update
from marketplace.graphql.catalog.mutations.base import ProductBaseMutation, member_variant
from marketplace.graphql.catalog.mutations.inputs import ProductVariantInput, variant_fields
from marketplace.graphql.catalog.types import ProductVariantType


class ProductVariantUpdate(ProductBaseMutation):
    """Change a variant of your shop; fields left out stay as they are."""

    product_variant = graphene.Field(ProductVariantType)

    class Arguments:
        id = graphene.ID(required=True, description="ID of the variant.")
        input = ProductVariantInput(required=True)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, id: str, input: dict[str, Any]
    ) -> ProductVariantUpdate:
        variant = variant_update(variant=member_variant(info, id), **variant_fields(input))
        return ProductVariantUpdate(product_variant=variant)
