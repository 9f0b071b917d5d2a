"""The category tree (materialised paths) and the products under a category."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import (
    Q,
    QuerySet,
)

from marketplace.catalog.models import (
    Category,
    Collection,
    Product,
)

# PostgreSQL's ICU collations (created by initdb on ICU builds). Thai: dictionary order, leading
# vowels such as เ แ โ skipped when comparing, Thai script before Latin. The root collation used
from marketplace.catalog.selectors.visibility import shopper_visible_products
from marketplace.vendors.models import Vendor

# --- Category tree --------------------------------------------------------------------------------


def category_subtree_ids(category_ids: Iterable[int]) -> QuerySet[Category]:
    """The categories themselves and all their descendants, as a subquery-ready queryset.

    `Category.path` lists the ancestors' ids ("1/4/9/"), so a descendant of 4 has "4/" at the
    start of its path or "/4/" inside it. Whether a path also ends with the node's own id does not
    matter to this test.
    """
    condition = Q()
    for category_id in category_ids:
        condition |= (
            Q(id=category_id)
            | Q(path__startswith=f"{category_id}/")
            | Q(path__contains=f"/{category_id}/")
        )
    if not condition:
        return Category.objects.none()
    return Category.objects.filter(condition)


def category_ancestor_ids(category: Category) -> list[int]:
    """Ids of the category's ancestors from the root down, read from its materialised path."""
    ids = [int(part) for part in category.path.split("/") if part.isdigit()]
    return [ancestor_id for ancestor_id in ids if ancestor_id != category.id]


def products_in_category(category: Category) -> QuerySet[Product]:
    """Visible products of the category and of its descendants (as Saleor's `Category.products`)."""
    return shopper_visible_products().filter(
        category__in=category_subtree_ids([category.id]).values("id")
    )


def products_in_collection(collection: Collection) -> QuerySet[Product]:
    return shopper_visible_products().filter(collections=collection)


def products_of_vendor(vendor: Vendor) -> QuerySet[Product]:
    return shopper_visible_products().filter(vendor=vendor)


def categories_top() -> QuerySet[Category]:
    """The roots of the category tree, in the tree's order."""
    return Category.objects.filter(parent__isnull=True).order_by("sort_order", "name_th")


def category_children(category: Category) -> QuerySet[Category]:
    return Category.objects.filter(parent=category).order_by("sort_order", "name_th")


def category_ancestors(category: Category) -> list[Category]:
    """The category's ancestors from the root down (one query)."""
    ids = category_ancestor_ids(category)
    found = Category.objects.in_bulk(ids)
    return [found[i] for i in ids if i in found]
