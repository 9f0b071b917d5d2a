"""Names of facet values (search facets carry ids, codes and slugs), and sitemap reads."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import (
    Exists,
    OuterRef,
    QuerySet,
)

from marketplace.catalog.models import (
    AttributeValue,
    Category,
    Collection,
    Product,
)

# PostgreSQL's ICU collations (created by initdb on ICU builds). Thai: dictionary order, leading
# vowels such as เ แ โ skipped when comparing, Thai script before Latin. The root collation used
from marketplace.catalog.selectors.visibility import (
    shopper_visible_collections,
    shopper_visible_products,
    shopper_visible_vendors,
)
from marketplace.municipalities.models import District
from marketplace.vendors.models import Vendor

# Names of facet values (search facets carry ids, codes and slugs). One query each.


def categories_by_ids(ids: Iterable[int]) -> dict[int, Category]:
    return Category.objects.in_bulk(list(ids))


def vendors_by_ids(ids: Iterable[int]) -> dict[int, Vendor]:
    return shopper_visible_vendors().in_bulk(list(ids))


def districts_by_codes(codes: Iterable[str]) -> dict[str, District]:
    return District.objects.in_bulk(list(codes))


def attribute_values_by_slug(attribute_slug: str) -> dict[str, AttributeValue]:
    return {
        value.slug: value
        for value in AttributeValue.objects.filter(attribute__slug=attribute_slug).order_by(
            "sort_order", "slug"
        )
    }


# Sitemap reads: only the columns a sitemap entry needs.


def sitemap_products() -> QuerySet[Product]:
    return shopper_visible_products().only("slug", "updated_at").order_by("id")


def sitemap_categories() -> QuerySet[Category]:
    return (
        Category.objects.filter(Exists(products_in_category_subquery())).only("slug").order_by("id")
    )


def products_in_category_subquery() -> QuerySet[Product]:
    """Visible products of the outer category or of its descendants (a path holds the category's
    own id last: a descendant's path starts with it)."""
    return shopper_visible_products().filter(category__path__startswith=OuterRef("path"))


def sitemap_vendors() -> QuerySet[Vendor]:
    return shopper_visible_vendors().only("slug", "updated_at").order_by("id")


def sitemap_collections() -> QuerySet[Collection]:
    return shopper_visible_collections().only("slug").order_by("id")


def sitemap_districts() -> QuerySet[District]:
    return (
        District.objects.filter(code__in=shopper_visible_vendors().values("district_id"))
        .only("code")
        .order_by("code")
    )
