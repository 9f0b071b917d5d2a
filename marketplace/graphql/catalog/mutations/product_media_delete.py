from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog.images import media_delete
from marketplace.graphql.catalog.mutations.base import ProductBaseMutation, member_media
from marketplace.graphql.catalog.types import ProductMediaType, ProductObjectType


class ProductMediaDelete(ProductBaseMutation):
    """Delete a photo of your shop; its files are removed once the deletion is saved."""

    product = graphene.Field(ProductObjectType)
    media = graphene.Field(ProductMediaType, description="The deleted photo.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the photo.")

    @classmethod
    def perform_mutation(cls, root: Any, info: graphene.ResolveInfo, id: str) -> ProductMediaDelete:
        media = member_media(info, id)
        media_delete(media=media)
        return ProductMediaDelete(product=media.product, media=media)
