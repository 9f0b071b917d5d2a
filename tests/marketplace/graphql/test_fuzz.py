"""Fuzzing /graphql/ with hypothesis-graphql: valid documents generated from the real schema, sent
through Django's test client, never get a server error.

"Server error" means an HTTP 500, a body that is not GraphQL's JSON, or an error with code
INTERNAL_ERROR (an exception no resolver expected; the view logs it and hides its text). Refusals
are fine: limits (400/413), permission errors, validation errors with codes.

The run is bounded (queries and a few mutations, deadline off) to stay under a minute. Account
mutations are left out: they are rate-limited per address in the shared Redis, which would
disturb other tests running at the same time.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from graphql import print_schema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import mutations, nodes, queries

from marketplace.graphql.schema import schema
from tests.factories.checkout import stall
from tests.factories.municipalities import nai_mueang

pytestmark = pytest.mark.django_db

SCHEMA = print_schema(schema.graphql_schema)

CUSTOM_SCALARS = {
    "Decimal": st.decimals(
        min_value=Decimal("-1000000"), max_value=Decimal("1000000"), places=2, allow_nan=False
    ).map(lambda value: nodes.String(str(value))),
    "Date": st.dates().map(lambda value: nodes.String(value.isoformat())),
    "DateTime": st.datetimes().map(lambda value: nodes.String(value.isoformat() + "+07:00")),
    "UUID": st.uuids().map(lambda value: nodes.String(str(value))),
    "GenericScalar": st.integers(min_value=-10, max_value=10).map(nodes.Int),
    # A file is never written in a document; the scalar must refuse it with a GraphQL error.
    "Upload": st.just(nodes.String("not-a-file")),
}
MUTATIONS = [
    name
    for name in (
        "checkoutCreate",
        "checkoutLinesAdd",
        "checkoutLinesUpdate",
        "checkoutLinesDelete",
        "checkoutEmailUpdate",
        "checkoutShippingAddressUpdate",
        "checkoutDeliveryMethodUpdate",
        "checkoutComplete",
        "productCreate",
        "productVariantStocksUpdate",
        "vendorOrderCancel",
        "orderPaymentInitialize",
    )
    if schema.graphql_schema.mutation_type is not None
    and name in schema.graphql_schema.mutation_type.fields
]

FUZZ = settings(
    max_examples=50,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)


@pytest.fixture
def shop() -> None:
    """Something to find: a Lamphun shop with a product in stock."""
    nai_mueang()
    stall()


# Server errors the fuzzing found that are not fixed yet, by the path of the failing field (the
# first, `searchSuggestions(first: null)`, is fixed and kept as a regression test below).
KNOWN_ISSUES: set[tuple[str, ...]] = set()


def assert_no_server_error(client: Client, document: str) -> None:
    response = client.post(
        "/graphql/",
        data=json.dumps({"query": document}),
        content_type="application/json",
        headers={"accept-language": "en"},
    )
    assert response.status_code in (200, 400, 413), (response.status_code, document)
    body: dict[str, Any] = response.json()
    assert "data" in body or "errors" in body, document
    internal = [
        error
        for error in body.get("errors") or []
        if (error.get("extensions") or {}).get("code") == "INTERNAL_ERROR"
        and tuple(error.get("path") or ()) not in KNOWN_ISSUES
    ]
    assert not internal, (document, internal)


@FUZZ
@given(document=queries(SCHEMA, custom_scalars=CUSTOM_SCALARS))
def test_generated_queries_never_get_a_server_error(client: Client, shop: None, document: str):
    assert_no_server_error(client, document)


@settings(FUZZ, max_examples=30)
@given(document=mutations(SCHEMA, fields=MUTATIONS, custom_scalars=CUSTOM_SCALARS))
def test_generated_mutations_never_get_a_server_error(
    client: Client, shop: None, document: str
) -> None:
    assert_no_server_error(client, document)


def test_search_suggestions_with_an_explicit_null_first_is_not_a_server_error(
    client: Client,
) -> None:
    response = client.post(
        "/graphql/",
        data=json.dumps({"query": '{ searchSuggestions(query: "ผ้า", first: null) { name } }'}),
        content_type="application/json",
    )
    body = response.json()
    assert not body.get("errors"), body
    assert isinstance(body["data"]["searchSuggestions"], list)
