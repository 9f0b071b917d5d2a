from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog.services import variant_create
from marketplace.graphql.catalog.mutations.base import ProductBaseMutation, member_product
from marketplace.graphql.catalog.mutations.inputs import ProductVariantCreateInput, variant_fields
from marketplace.graphql.catalog.types import ProductObjectType, ProductVariantType


class ProductVariantCreate(ProductBaseMutation):
    """Add a variant (a size, a colour…) to a product of your shop. Its stock is set with
    `productVariantStocksUpdate`."""

    product_variant = graphene.Field(ProductVariantType)
    product = graphene.Field(ProductObjectType)

    class Arguments:
        input = ProductVariantCreateInput(required=True)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, input: dict[str, Any]
    ) -> ProductVariantCreate:
        product = member_product(info, input["product"], field="product")
        variant = variant_create(product=product, **variant_fields(input))
        return ProductVariantCreate(product_variant=variant, product=product)
