"""searchSuggestions and products(search:) through the real /graphql/ endpoint, and the JSON
autocomplete endpoint of the search box."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client, override_settings

from marketplace.catalog.models import Product
from search import indexing
from tests.factories.catalog import ProductVariantFactory
from tests.factories.inventory import StockFactory
from tests.marketplace.graphql.helpers import data, gid, gql
from tests.search.conftest import search_index  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

SUGGESTIONS = """
query Suggest($query: String!, $first: Int) {
  searchSuggestions(query: $query, first: $first) { id slug name nameTh nameEn }
}
"""
PRODUCTS = """
query Products($search: String) {
  products(first: 10, search: $search) { edges { node { slug } } }
}
"""


def _product(slug: str, name_th: str, name_en: str) -> Product:
    variant = ProductVariantFactory.create(
        product__slug=slug,
        product__name_th=name_th,
        product__name_en=name_en,
        product__vendor__name_th="ร้านทดสอบ",
        product__category__name_th="ของฝาก",
        product__materials="",
        product__description_th="",
        price=Decimal("300.00"),
    )
    StockFactory.create(variant=variant, quantity=2)
    return variant.product


@pytest.fixture
def catalogue() -> list[Product]:
    products = [
        _product("silk", "ผ้าไหมยกดอกลำพูน ลายดอกพิกุล", "Lamphun silk brocade, Phikun"),
        _product("longan", "ลำไยอบแห้งสีทอง", "Golden dried longan"),
        _product("pot", "หม้อดินเผา", "Clay cooking pot"),
    ]
    indexing.products_index([p.pk for p in products])
    return products


@pytest.mark.services
def test_search_suggestions_complete_thai_and_latin_prefixes_from_elasticsearch(
    client: Client,
    search_index: str,  # noqa: F811 - fixture
    catalogue: list[Product],
) -> None:
    indexing.rebuild()

    thai = data(gql(client, SUGGESTIONS, {"query": "ลำไ"}))["searchSuggestions"]
    latin = data(gql(client, SUGGESTIONS, {"query": "lamph"}, language="en"))
    assert thai == [
        {
            "id": gid("Product", catalogue[1].pk),
            "slug": "longan",
            "name": "ลำไยอบแห้งสีทอง",
            "nameTh": "ลำไยอบแห้งสีทอง",
            "nameEn": "Golden dried longan",
        }
    ]
    assert [s["name"] for s in latin["searchSuggestions"]] == ["Lamphun silk brocade, Phikun"]


@pytest.mark.services
def test_products_search_argument_goes_through_the_thai_search(
    client: Client,
    search_index: str,  # noqa: F811 - fixture
    catalogue: list[Product],
) -> None:
    indexing.rebuild()

    def slugs(text: str) -> list[str]:
        edges = data(gql(client, PRODUCTS, {"search": text}))["products"]["edges"]
        return [edge["node"]["slug"] for edge in edges]

    assert slugs("ยกดอก") == ["silk"]  # inside a word: no substring search finds this
    assert slugs("pha mai") == ["silk"]  # romanised
    assert slugs("ลำใย") == ["longan"]  # misspelt


@override_settings(ELASTICSEARCH_URL="")
def test_suggestions_without_elasticsearch_come_from_postgresql_in_one_query(
    client: Client, catalogue: list[Product], django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(1):
        body = gql(client, SUGGESTIONS, {"query": "หม้อ", "first": 5})

    assert [s["slug"] for s in data(body)["searchSuggestions"]] == ["pot"]


@override_settings(ELASTICSEARCH_URL="")
def test_the_json_autocomplete_endpoint_answers_in_the_request_language(
    client: Client, catalogue: list[Product]
) -> None:
    response = client.get(
        "/search/autocomplete/", {"q": "golden"}, headers={"accept-language": "en"}
    )

    assert response.status_code == 200
    body = response.json()
    assert body["query"] == "golden"
    assert [(s["slug"], s["name"]) for s in body["suggestions"]] == [
        ("longan", "Golden dried longan")
    ]
    assert client.get("/search/autocomplete/", {"q": ""}).json()["suggestions"] == []
