"""Catalogue queries of the storefront API: only what shoppers may see."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog import selectors
from marketplace.catalog.models import Category, Collection, Product, ProductVariant
from marketplace.graphql.catalog.filters import (
    ProductFilterInput,
    ProductOrder,
    product_filter_from_input,
    product_order_from_input,
)
from marketplace.graphql.catalog.pages import category_page, collection_page, product_page
from marketplace.graphql.catalog.types import (
    CategoryCountableConnection,
    CategoryType,
    CollectionCountableConnection,
    CollectionType,
    ProductCountableConnection,
    ProductObjectType,
    ProductVariantType,
)
from marketplace.graphql.core.dataloaders import announce
from marketplace.graphql.core.global_ids import decode_global_id
from marketplace.graphql.core.lookups import require_one
from marketplace.graphql.core.pagination import Page, check_page_size, connection_args


class CatalogQueries(graphene.ObjectType):
    products = graphene.Field(
        ProductCountableConnection,
        filter=graphene.Argument(ProductFilterInput, description="Narrow the list."),
        sort_by=graphene.Argument(ProductOrder, description="Sort the list."),
        search=graphene.String(description="Words of the Thai or English name."),
        description="Published products of approved vendors.",
        **connection_args(),
    )
    product = graphene.Field(
        ProductObjectType,
        id=graphene.ID(),
        slug=graphene.String(),
        description="A visible product by ID or slug; null when there is none.",
    )
    product_variant = graphene.Field(
        ProductVariantType,
        id=graphene.ID(),
        sku=graphene.String(),
        description="A variant of a visible product by ID or SKU.",
    )
    categories = graphene.Field(
        CategoryCountableConnection,
        level=graphene.Int(description="Only categories at this depth (0 = top level)."),
        **connection_args(),
    )
    category = graphene.Field(CategoryType, id=graphene.ID(), slug=graphene.String())
    collections = graphene.Field(
        CollectionCountableConnection,
        description="Published collections.",
        **connection_args(),
    )
    collection = graphene.Field(CollectionType, id=graphene.ID(), slug=graphene.String())

    @staticmethod
    def resolve_products(
        root: Any,
        info: graphene.ResolveInfo,
        filter: Any = None,
        sort_by: Any = None,
        search: str | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Page[Product]:
        check_page_size(first, last)
        filters = product_filter_from_input(filter, search)
        sort_field, descending = product_order_from_input(sort_by, filters.search)
        return product_page(
            info,
            selectors.product_list(filters),
            sort_field=sort_field,
            descending=descending,
            search=filters.search,
            first=first,
            after=after,
            last=last,
            before=before,
        )

    @staticmethod
    def resolve_product(
        root: Any, info: graphene.ResolveInfo, id: str | None = None, slug: str | None = None
    ) -> Product | None:
        require_one(id=id, slug=slug)
        product = selectors.product_get_visible(
            product_id=decode_global_id(id, expected_type="Product", field="id") if id else None,
            slug=slug,
        )
        return _announced(info, product)

    @staticmethod
    def resolve_product_variant(
        root: Any, info: graphene.ResolveInfo, id: str | None = None, sku: str | None = None
    ) -> ProductVariant | None:
        require_one(id=id, sku=sku)
        variant = selectors.variant_get_visible(
            variant_id=(
                decode_global_id(id, expected_type="ProductVariant", field="id") if id else None
            ),
            sku=sku,
        )
        return _announced(info, variant)

    @staticmethod
    def resolve_categories(
        root: Any, info: graphene.ResolveInfo, level: int | None = None, **args: Any
    ) -> Page[Category]:
        return category_page(info, selectors.category_list(level=level), **args)

    @staticmethod
    def resolve_category(
        root: Any, info: graphene.ResolveInfo, id: str | None = None, slug: str | None = None
    ) -> Category | None:
        require_one(id=id, slug=slug)
        category = selectors.category_get(
            category_id=decode_global_id(id, expected_type="Category", field="id") if id else None,
            slug=slug,
        )
        return _announced(info, category)

    @staticmethod
    def resolve_collections(root: Any, info: graphene.ResolveInfo, **args: Any) -> Page[Collection]:
        return collection_page(info, selectors.shopper_visible_collections(), **args)

    @staticmethod
    def resolve_collection(
        root: Any, info: graphene.ResolveInfo, id: str | None = None, slug: str | None = None
    ) -> Collection | None:
        require_one(id=id, slug=slug)
        collection = selectors.collection_get_visible(
            collection_id=(
                decode_global_id(id, expected_type="Collection", field="id") if id else None
            ),
            slug=slug,
        )
        return _announced(info, collection)


def _announced(info: graphene.ResolveInfo, instance: Any) -> Any:
    if instance is not None:
        announce(info, [instance])
    return instance
