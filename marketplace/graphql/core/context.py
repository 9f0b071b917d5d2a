"""Who is asking: the API's user comes from a JWT access token, never from the session cookie.

The endpoint is CSRF-exempt (API clients send JSON with a bearer token), so honouring the
session cookie there would let another site act for a signed-in shopper. Web pages keep sessions.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from graphql import GraphQLError

from marketplace.accounts.jwt import user_from_authorization_header
from marketplace.accounts.models import User

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
    """The client's IP address, for rate limits.

    Behind load balancers every request arrives from a proxy, so with `TRUSTED_PROXY_COUNT` = N
    (the number of proxies that append to X-Forwarded-For) the address N places from the right
    of that header is used; entries further left are client-supplied and could be forged.
    """
    request: HttpRequest = info.context
    proxies = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0))
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return str(request.META.get("REMOTE_ADDR") or "unknown")


class PermissionDenied(GraphQLError):
    """Saleor's answer to an operation that needs a signed-in user (a GraphQL error, not a 500)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, extensions={"exception": {"code": "PermissionDenied"}})
