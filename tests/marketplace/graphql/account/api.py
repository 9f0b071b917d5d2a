from __future__ import annotations

import json
from typing import Any

from django.test import Client


def gql(
    client: Client,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    ip: str,
    token: str | None = None,
    language: str = "th",
) -> dict[str, Any]:
    """POST a GraphQL document to /graphql/ as a client at `ip`; the decoded body."""
    headers = {"accept-language": language}
    if token:
        headers["authorization"] = f"Bearer {token}"
    response = client.post(
        "/graphql/",
        data=json.dumps({"query": query, "variables": variables or {}}),
        content_type="application/json",
        headers=headers,
        REMOTE_ADDR=ip,
    )
    assert response.status_code == 200, response.content
    body: dict[str, Any] = response.json()
    return body
