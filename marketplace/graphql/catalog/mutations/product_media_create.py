from __future__ import annotations

from typing import Any

import graphene
from django.core.files import File

from marketplace.catalog.images import media_add
from marketplace.graphql.catalog.mutations.base import ProductBaseMutation, member_product
from marketplace.graphql.catalog.types import ProductMediaType, ProductObjectType
from marketplace.graphql.core.upload import Upload


class ProductMediaCreate(ProductBaseMutation):
    """Add a photo (JPEG, PNG or WebP) to a product of your shop, last in its order. Send the
    file with the GraphQL multipart request spec. Its location data (EXIF) is removed; smaller
    sizes are made in the background."""

    product = graphene.Field(ProductObjectType)
    media = graphene.Field(ProductMediaType)

    class Arguments:
        product = graphene.ID(required=True, description="ID of the product.")
        image = Upload(required=True, description="The photo.")
        alt = graphene.String(description="What the photo shows, in Thai (read by screen readers).")
        alt_en = graphene.String(description="What the photo shows, in English.")

    @classmethod
    def perform_mutation(
        cls,
        root: Any,
        info: graphene.ResolveInfo,
        product: str,
        image: File[Any],
        alt: str = "",
        alt_en: str = "",
    ) -> ProductMediaCreate:
        owned = member_product(info, product, field="product")
        media = media_add(product=owned, upload=image, alt_th=alt or "", alt_en=alt_en or "")
        return ProductMediaCreate(product=owned, media=media)
