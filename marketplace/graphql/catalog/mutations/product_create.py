from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog.services import product_create
from marketplace.graphql.catalog.mutations.base import (
    ProductBaseMutation,
    member_vendor,
    product_type_of,
)
from marketplace.graphql.catalog.mutations.inputs import ProductCreateInput, product_fields
from marketplace.graphql.catalog.types import ProductObjectType


class ProductCreate(ProductBaseMutation):
    """Create a draft product in a shop you are a member of (owner or staff)."""

    product = graphene.Field(ProductObjectType)

    class Arguments:
        input = ProductCreateInput(required=True)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, input: dict[str, Any]
    ) -> ProductCreate:
        vendor = member_vendor(info, input["vendor"], field="vendor")
        product = product_create(
            vendor=vendor,
            product_type=product_type_of(input["product_type"]),
            **product_fields(input),
        )
        return ProductCreate(product=product)
