"""Browsing pages ask the database a fixed number of queries however many products, photos and
variants they show (3 products or 30 give the same count)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marketplace.catalog.models import Category, Collection, Product
from marketplace.vendors.models import Vendor
from tests.factories.browse import browse_settings, listed
from tests.factories.catalog import (
    AttributeValueFactory,
    CategoryFactory,
    CollectionFactory,
    ProductVariantFactory,
)
from tests.factories.vendors import VendorFactory

__all__ = ["browse_settings"]

pytestmark = pytest.mark.django_db

# Upper bounds (today's counts with PostgreSQL search, its facets included), so that a page that
# grows a query per row, or a new fixed one, is noticed.
MAX_QUERIES = {
    "home": 9,
    "category": 20,
    "search": 18,
    "vendor": 18,
    "district": 20,
    "collection": 4,
    "product": 12,
}


def queries(client: Client, url: str) -> int:
    cache.clear()  # the test's own local-memory cache: the home page's fragments are rebuilt
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def catalogue(count: int, *, vendor: Vendor, category: Category, collection: Collection) -> Product:
    """`count` products with two photos, two variants and a material each, from several makers;
    two of every three belong to `vendor` (so a product page has related products of both
    kinds even among 3)."""
    silk = AttributeValueFactory.create()
    first: Product | None = None
    makers = [vendor, vendor, VendorFactory.create(otop_stars=3)]
    for n in range(count):
        product = listed(
            vendor=makers[n % 3], category=category, photos=2, name_th=f"ผ้าไหมทอมือผืนที่ {n}"
        )
        ProductVariantFactory.create(product=product, price=Decimal("990.00"), name="ผืนเล็ก")
        product.attribute_values.add(silk)
        collection.products.add(product)
        first = first or product
    assert first is not None
    return first


@pytest.fixture
def shop() -> dict[str, Any]:
    return {
        "vendor": VendorFactory.create(),
        "category": CategoryFactory.create(),
        "collection": CollectionFactory.create(is_featured=True),
    }


PAGES: dict[str, Callable[[dict[str, Any], Product], str]] = {
    "home": lambda s, p: reverse("storefront:home"),
    "category": lambda s, p: reverse("storefront:category", args=[s["category"].slug]),
    "search": lambda s, p: reverse("storefront:search") + "?q=ผ้าไหม&material=silk",
    "vendor": lambda s, p: reverse("storefront:vendor", args=[s["vendor"].slug]),
    "district": lambda s, p: reverse("storefront:district", args=["5101"]),
    "collection": lambda s, p: reverse("storefront:collection", args=[s["collection"].slug]),
    "product": lambda s, p: reverse("storefront:product", args=[p.slug]),
}


@pytest.mark.parametrize("page", list(PAGES))
def test_page_query_count_does_not_grow_with_the_catalogue(
    client: Client, shop: dict[str, Any], page: str, django_assert_max_num_queries: Any
) -> None:
    product = catalogue(3, **shop)
    url = PAGES[page](shop, product)
    few = queries(client, url)

    catalogue(27, **shop)
    with django_assert_max_num_queries(MAX_QUERIES[page]):
        client.get(url)  # the home page's fragments are warm here: fewer queries still
    many = queries(client, url)

    assert many == few, (few, many)
    assert many <= MAX_QUERIES[page]


def test_warm_home_page_asks_almost_nothing(client: Client, shop: dict[str, Any]) -> None:
    catalogue(3, **shop)
    url = reverse("storefront:home")
    client.get(url)

    with CaptureQueriesContext(connection) as captured:
        client.get(url)

    assert len(captured.captured_queries) == 1  # the catalogue's stamp, part of the cache key
