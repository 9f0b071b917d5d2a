"""The query cost limit: lists cost as much as the page they ask for, and an operation over the
limit is answered with QUERY_TOO_COSTLY (HTTP 400), never run and never a 500."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

NESTED = """query Tree($outer: Int, $inner: Int) {
  categories(first: $outer) { edges { node { name
    children(first: $inner) { edges { node { name } } } } } }
}"""


def post(client: Client, query: str, variables: dict[str, Any] | None = None) -> Any:
    return client.post(
        "/graphql/",
        data=json.dumps({"query": query, "variables": variables or {}}),
        content_type="application/json",
        headers={"accept-language": "en"},
    )


def costly(response: Any) -> dict[str, Any]:
    assert response.status_code == 400
    body = response.json()
    assert "data" not in body or body["data"] is None
    [error] = body["errors"]
    assert error["extensions"]["code"] == "QUERY_TOO_COSTLY"
    return dict(error)


def test_an_ordinary_storefront_query_is_within_the_default_limit(client: Client) -> None:
    response = post(
        client,
        "{ products(first: 100) { edges { node { id name slug } } pageInfo { hasNextPage } } }",
    )
    assert response.status_code == 200
    assert "errors" not in response.json()


def test_nested_lists_multiply_and_are_refused_over_the_limit(client: Client) -> None:
    # 1 + 100 * (edges 1 + node 1 + name 1 + children (1 + 100 * 3)) = 30,401
    error = costly(post(client, NESTED, {"outer": 100, "inner": 100}))
    assert error["extensions"]["cost"] == 30_401
    assert error["extensions"]["maxCost"] == 10_000
    assert "too much at once" in error["message"]


def test_the_same_document_with_small_pages_is_allowed(client: Client) -> None:
    response = post(client, NESTED, {"outer": 10, "inner": 10})
    assert response.status_code == 200
    assert response.json()["data"]["categories"]["edges"] == []


def test_pages_written_in_the_document_count_like_variables(client: Client, settings) -> None:
    settings.GRAPHQL_MAX_COST = 30
    # 1 + 10 * (edges + node + name) = 31
    error = costly(post(client, "{ products(first: 10) { edges { node { name } } } }"))
    assert error["extensions"]["cost"] == 31
    assert post(client, "{ products(first: 9) { edges { node { name } } } }").status_code == 200


def test_a_missing_page_size_counts_as_the_default_list_size(client: Client, settings) -> None:
    settings.GRAPHQL_MAX_COST = 1000
    settings.GRAPHQL_COST_DEFAULT_LIST_SIZE = 50
    error = costly(post(client, NESTED))  # neither variable sent: 50 each
    assert error["extensions"]["cost"] == 1 + 50 * (3 + 1 + 50 * 3)


def test_an_arguments_own_default_is_used(client: Client, settings) -> None:
    settings.GRAPHQL_MAX_COST = 1 + 8 * 2 - 1  # searchSuggestions has `first: Int = 8`
    error = costly(post(client, '{ searchSuggestions(text: "ผ้า") { name slug } }'))
    assert error["extensions"]["cost"] == 17


def test_fragments_cost_what_they_select_where_they_are_spread(client: Client, settings) -> None:
    settings.GRAPHQL_MAX_COST = 30
    query = """
      fragment Card on Product { name slug }
      query { products(first: 6) { edges { node { ...Card ... on Product { id } } } } }
    """
    # 1 + 6 * (edges 1 + node 1 + name + slug + id) = 31
    assert costly(post(client, query))["extensions"]["cost"] == 31


def test_a_fragment_cycle_is_an_error_not_a_hang(client: Client) -> None:
    query = """
      fragment A on Category { name ...B }
      fragment B on Category { slug ...A }
      query { categories(first: 1) { edges { node { ...A } } } }
    """
    response = post(client, query)
    assert response.status_code == 400
    assert response.json()["errors"]


def test_many_fragments_spread_many_times_are_counted_quickly(client: Client) -> None:
    """A chain of fragments that each spread the next twice would make a naive count take 2^20
    steps; each fragment is counted once."""
    parts = [f"fragment F{i} on Category {{ name ...F{i + 1} ...F{i + 1} }}" for i in range(20)]
    parts.append("fragment F20 on Category { name }")
    query = "\n".join(parts) + "\nquery { categories(first: 1) { edges { node { ...F0 } } } }"
    error = costly(post(client, query))
    assert error["extensions"]["cost"] > 10_000


def test_a_deeply_nested_document_is_an_error_not_a_500(client: Client) -> None:
    query = "query { shop " + "{name" * 2000 + "}" * 2000 + " }"  # under the size limit
    response = post(client, query)
    assert response.status_code == 400
    assert response.json()["errors"]
