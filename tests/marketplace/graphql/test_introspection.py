"""Introspection can be switched off (GRAPHQL_INTROSPECTION; off by default in production)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def post(client: Client, query: str) -> Any:
    return client.post(
        "/graphql/",
        data=json.dumps({"query": query}),
        content_type="application/json",
        headers={"accept-language": "en"},
    )


@pytest.mark.parametrize(
    "query",
    [
        "{ __schema { queryType { name } types { name } } }",
        '{ __type(name: "Product") { fields { name } } }',
        "query { shop { name } ... on Query { __schema { directives { name } } } }",
        "fragment S on Query { __schema { types { name } } } query { ...S }",
    ],
)
def test_introspection_is_refused_when_switched_off(client: Client, settings, query: str) -> None:
    settings.GRAPHQL_INTROSPECTION = False
    response = post(client, query)
    assert response.status_code == 400
    body = response.json()
    assert body.get("data") is None
    assert {e["extensions"]["code"] for e in body["errors"]} == {"INTROSPECTION_DISABLED"}
    assert "turned off" in body["errors"][0]["message"]


def test_typename_stays_available_when_introspection_is_off(client: Client, settings) -> None:
    settings.GRAPHQL_INTROSPECTION = False
    response = post(client, "{ __typename shop { __typename name } }")
    assert response.status_code == 200
    assert response.json()["data"]["shop"]["__typename"] == "Shop"


def test_introspection_answers_when_switched_on(client: Client, settings) -> None:
    settings.GRAPHQL_INTROSPECTION = True
    response = post(client, '{ __type(name: "Product") { name } }')
    assert response.status_code == 200
    assert response.json()["data"]["__type"]["name"] == "Product"
