from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog.images import media_reorder
from marketplace.graphql.catalog.mutations.base import ProductBaseMutation, member_product
from marketplace.graphql.catalog.types import ProductMediaType, ProductObjectType
from marketplace.graphql.core.ids import pk_from_global_id


class ProductMediaReorder(ProductBaseMutation):
    """Put the photos of a product of your shop in a new order; list each of them once. The
    first is the main photo."""

    product = graphene.Field(ProductObjectType)
    media = graphene.List(graphene.NonNull(ProductMediaType))

    class Arguments:
        product_id = graphene.ID(required=True, description="ID of the product.")
        media_ids = graphene.List(
            graphene.NonNull(graphene.ID), required=True, description="IDs of its photos."
        )

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, product_id: str, media_ids: list[str]
    ) -> ProductMediaReorder:
        product = member_product(info, product_id, field="productId")
        # An ID that is not a photo of this product is refused by the service (0 never is).
        pks = [pk_from_global_id(media_id, "ProductMedia") or 0 for media_id in media_ids]
        return ProductMediaReorder(
            product=product, media=media_reorder(product=product, media_ids=pks)
        )
