"""Pages of catalogue connections: the orderings and the keyset pagination of each list."""

from __future__ import annotations

from typing import Any

import graphene
from django.db.models import QuerySet

from marketplace.catalog import selectors
from marketplace.catalog.models import Category, Collection, Product
from marketplace.catalog.selectors import ProductSortField, SortColumn
from marketplace.graphql.core.dataloaders import announce
from marketplace.graphql.core.i18n import request_language
from marketplace.graphql.core.pagination import Page, paginate


def product_page(
    info: graphene.ResolveInfo,
    products: QuerySet[Product],
    *,
    sort_field: ProductSortField = ProductSortField.CREATED,
    descending: bool = True,
    search: str = "",
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Page[Product]:
    language = request_language()
    ordered, columns = selectors.product_sorting(
        products, field=sort_field, descending=descending, language=language, search=search
    )
    direction = "desc" if descending else "asc"
    signature = f"product:{sort_field.value}:{direction}"
    if sort_field is ProductSortField.NAME:
        signature += f":{language}"
    if sort_field is ProductSortField.RANK and search.strip():
        signature += ":search"
    page = paginate(
        ordered,
        columns,
        signature=signature,
        first=first,
        after=after,
        last=last,
        before=before,
        count=products.count,
    )
    announce(info, page.items)
    return page


_CATEGORY_ORDER = (
    SortColumn("level", False, int),
    SortColumn("sort_order", False, int),
    SortColumn("id", False, int),
)


def category_page(
    info: graphene.ResolveInfo, categories: QuerySet[Category], **args: Any
) -> Page[Category]:
    """Categories top-level first, then in their sort order (a stable total order)."""
    page = paginate(categories, _CATEGORY_ORDER, signature="category", **args)
    announce(info, page.items)
    return page


_COLLECTION_ORDER = (SortColumn("sort_order", False, int), SortColumn("id", False, int))


def collection_page(
    info: graphene.ResolveInfo, collections: QuerySet[Collection], **args: Any
) -> Page[Collection]:
    page = paginate(collections, _COLLECTION_ORDER, signature="collection", **args)
    announce(info, page.items)
    return page
