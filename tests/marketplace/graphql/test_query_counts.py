"""A page of products with all its relations costs a fixed number of SQL queries."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories.catalog import (
    AttributeFactory,
    AttributeValueFactory,
    CategoryFactory,
    CollectionFactory,
)
from tests.factories.municipalities import MunicipalityFactory, pa_sang, pa_sang_subdistrict
from tests.factories.vendors import VendorFactory
from tests.marketplace.graphql.catalogue import media_for, product_with, variants_of
from tests.marketplace.graphql.helpers import data, gql

pytestmark = pytest.mark.django_db

PRODUCT_PAGE = """
query($first: Int!) {
  products(first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      id slug name description maker materials leadTimeDays madeToOrder created updatedAt
      isAvailable
      thumbnail(size: 640, format: JPEG) { url alt }
      media { id url(size: 320) alt sortOrder }
      pricing { priceRange { start { gross { amount currency } } stop { gross { amount } } } }
      category { id name parent { name } ancestors { slug } }
      productType { name }
      collections { slug name }
      attributes { attribute { slug name } values { slug name } }
      vendor {
        id name kind story
        certifications { otopStars geographicalIndication communityProductStandard }
        municipality { name province { name } }
        district { name }
        subdistrict { name }
      }
      variants {
        id sku name quantityAvailable isAvailable
        pricing { price { gross { amount } } }
        compareAtPrice { amount }
        weight { unit value }
        attributes { attribute { slug } values { slug name } }
        product { slug }
      }
      translation(languageCode: EN) { name }
    } }
  }
}
"""

# count + page + variants + stock + variant attributes + media + categories (product's, then
# parents) + product types + collections + product attributes + vendors + municipalities +
# provinces + districts + subdistricts + products (variant.product). Independent of page size.
MAX_QUERIES = 17


def _catalogue(size: int) -> None:
    parent = CategoryFactory.create(slug="textiles")
    categories = [CategoryFactory.create(parent=parent), CategoryFactory.create(parent=parent)]
    pasang_town = MunicipalityFactory.create(slug="pa-sang", name_th="ป่าซาง", name_en="Pa Sang")
    vendors = [
        VendorFactory.create(),
        VendorFactory.create(otop_stars=5, geographical_indication=True),
        VendorFactory.create(
            municipality=pasang_town, district=pa_sang(), subdistrict=pa_sang_subdistrict()
        ),
    ]
    collection = CollectionFactory.create()
    material = AttributeFactory.create(slug="material")
    colour = AttributeFactory.create(slug="colour", name_th="สี", name_en="Colour")
    silk = AttributeValueFactory.create(attribute=material, slug="silk")
    red = AttributeValueFactory.create(attribute=colour, slug="red", name_th="แดง", name_en="Red")
    for index in range(size):
        product = product_with(
            prices=("500.00", "1200.00"),
            vendor=vendors[index % len(vendors)],
            category=categories[index % len(categories)],
        )
        product.attribute_values.add(silk)
        for variant in variants_of(product):
            variant.attribute_values.add(red)
        media_for(product, sort_order=0)
        media_for(product, sort_order=1, with_renditions=False)
        if index % 2:
            collection.products.add(product)


def _run(client: Client, size: int) -> tuple[int, dict[str, Any]]:
    with CaptureQueriesContext(connection) as queries:
        body = gql(client, PRODUCT_PAGE, {"first": size})
    return len(queries), data(body)


@pytest.mark.parametrize("size", [10, 100])
def test_a_page_of_products_runs_a_fixed_number_of_queries(
    client: Client, django_assert_max_num_queries: Any, size: int
) -> None:
    _catalogue(size)

    with django_assert_max_num_queries(MAX_QUERIES):
        body = data(gql(client, PRODUCT_PAGE, {"first": size}))

    edges = body["products"]["edges"]
    assert len(edges) == size
    node = edges[0]["node"]
    assert len(node["variants"]) == 2
    assert node["variants"][0]["quantityAvailable"] == 5
    assert node["attributes"][0]["values"][0]["slug"] == "silk"
    assert node["variants"][0]["attributes"][0]["values"][0]["slug"] == "red"
    assert len(node["media"]) == 2
    assert node["vendor"]["municipality"]["province"]["name"] == "ลำพูน"
    assert node["category"]["parent"]["name"]


def test_ten_and_a_hundred_products_cost_the_same_queries(client: Client) -> None:
    _catalogue(100)

    ten, ten_body = _run(client, 10)
    hundred, hundred_body = _run(client, 100)

    assert len(hundred_body["products"]["edges"]) == 100
    assert len(ten_body["products"]["edges"]) == 10
    assert ten == hundred


def test_lists_of_categories_collections_and_vendors_have_fixed_query_counts(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    parent = CategoryFactory.create()
    for _ in range(30):
        CategoryFactory.create(parent=parent)
        CollectionFactory.create()
        VendorFactory.create()

    with django_assert_max_num_queries(4):  # count + page + parents (+ nothing per row)
        body = data(
            gql(
                client,
                "{ categories(first: 100) { totalCount edges { node { name parent { name } } } } }",
            )
        )
    assert body["categories"]["totalCount"] == 31
    with django_assert_max_num_queries(2):
        data(gql(client, "{ collections(first: 100) { totalCount edges { node { name } } } }"))
    with django_assert_max_num_queries(6):
        body = data(
            gql(
                client,
                """{ vendors(first: 100) { totalCount edges { node {
                    name municipality { name province { name } }
                    district { name } subdistrict { name }
                } } } }""",
            )
        )
    assert body["vendors"]["totalCount"] == 30
    with django_assert_max_num_queries(2):
        data(gql(client, "{ municipalities { name province { name } } }"))
