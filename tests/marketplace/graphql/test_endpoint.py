"""The /graphql/ endpoint: answers, and refuses documents that are too deep or too large."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client


def post(client: Client, query: str, language: str = "th") -> Any:
    return client.post(
        "/graphql/",
        data=json.dumps({"query": query}),
        content_type="application/json",
        headers={"accept-language": language},
    )


def test_shop_query_answers_in_the_request_language(client: Client) -> None:
    response = post(
        client,
        "{ shop { name defaultCurrency currentLanguage languages { code } } }",
        language="en",
    )
    assert response.status_code == 200
    shop = response.json()["data"]["shop"]
    assert shop["name"] == "Kad"
    assert shop["defaultCurrency"] == "THB"
    assert shop["currentLanguage"] == "EN"
    assert [lang["code"] for lang in shop["languages"]] == ["TH", "EN"]


def test_too_deep_query_gets_an_error_response_not_a_500(client: Client, settings) -> None:
    settings.GRAPHQL_MAX_DEPTH = 1
    allowed = post(client, "{ shop { name } }")
    assert allowed.status_code == 200

    response = post(client, "{ shop { defaultLanguage { code } } }")
    assert response.status_code == 400
    body = response.json()
    assert "exceeds maximum operation depth of 1" in body["errors"][0]["message"]
    assert body.get("data") is None


def test_too_large_document_is_refused_with_a_clear_error(client: Client, settings) -> None:
    padding = " " * (settings.GRAPHQL_MAX_DOCUMENT_BYTES + 1)
    response = post(client, "{ shop { name } }" + padding, language="en")
    assert response.status_code == 413
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "DOCUMENT_TOO_LARGE"
    assert "too large" in error["message"]

    in_thai = post(client, "{ shop { name } }" + padding, language="th")
    assert "ใหญ่เกินไป" in in_thai.json()["errors"][0]["message"]


def test_graphiql_is_not_served_outside_debug(client: Client) -> None:
    response = client.get("/graphql/", HTTP_ACCEPT="text/html")
    assert b"graphiql" not in response.content.lower()
