"""Posting GraphQL documents to /graphql/ the way a storefront does."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client
from graphql_relay import to_global_id


def gql(
    client: Client, query: str, variables: dict[str, Any] | None = None, *, language: str = "th"
) -> dict[str, Any]:
    """The response body; fails the test on a non-JSON answer (a 500 page, say)."""
    response = client.post(
        "/graphql/",
        data=json.dumps({"query": query, "variables": variables or {}}),
        content_type="application/json",
        headers={"accept-language": language},
    )
    assert response.status_code in (200, 400), response.content[:500]
    body: dict[str, Any] = response.json()
    return body


def data(body: dict[str, Any]) -> Any:
    assert "errors" not in body, body["errors"]
    return body["data"]


def error_codes(body: dict[str, Any]) -> list[str]:
    return [error.get("extensions", {}).get("code", "") for error in body.get("errors", [])]


def gid(type_name: str, pk: int) -> str:
    return to_global_id(type_name, str(pk))
