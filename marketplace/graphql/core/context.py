"""Who is asking: the API's user comes from a JWT access token, never from the session cookie.

The endpoint is CSRF-exempt (API clients send JSON with a bearer token), so honouring the
session cookie there would let another site act for a signed-in shopper. Web pages keep sessions.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from graphql import GraphQLError

from marketplace.accounts.jwt import user_from_authorization_header
from marketplace.accounts.models import User
from marketplace.core import http

_UNSET = object()


def api_user(info: Any) -> User | None:
    """The user of the request's `Authorization: Bearer` access token, looked up once."""
    request: HttpRequest = info.context
    cached = getattr(request, "_kad_api_user", _UNSET)
    if cached is _UNSET:
        cached = user_from_authorization_header(request.META.get("HTTP_AUTHORIZATION", ""))
        request._kad_api_user = cached  # type: ignore[attr-defined]
    return cached  # type: ignore[return-value]


def client_ip(info: Any) -> str:
    """The client's IP address, for rate limits (see `marketplace.core.http.client_ip`)."""
    return http.client_ip(info.context)


class PermissionDenied(GraphQLError):
    """Saleor's answer to an operation that needs a signed-in user (a GraphQL error, not a 500)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, extensions={"exception": {"code": "PermissionDenied"}})
