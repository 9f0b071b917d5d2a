from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog.images import media_update_alt
from marketplace.graphql.catalog.mutations.base import ProductBaseMutation, member_media
from marketplace.graphql.catalog.types import ProductMediaType, ProductObjectType


class ProductMediaUpdateInput(graphene.InputObjectType):
    alt = graphene.String(description="What the photo shows, in Thai.")
    alt_en = graphene.String(description="What the photo shows, in English.")


class ProductMediaUpdate(ProductBaseMutation):
    """Change the alt text of a photo of your shop; a language left out stays as it is."""

    product = graphene.Field(ProductObjectType)
    media = graphene.Field(ProductMediaType)

    class Arguments:
        id = graphene.ID(required=True, description="ID of the photo.")
        input = ProductMediaUpdateInput(required=True)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, id: str, input: dict[str, Any]
    ) -> ProductMediaUpdate:
        media = media_update_alt(
            media=member_media(info, id), alt_th=input.get("alt"), alt_en=input.get("alt_en")
        )
        return ProductMediaUpdate(product=media.product, media=media)
