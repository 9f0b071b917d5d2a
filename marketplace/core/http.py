"""Facts about an HTTP request that several interfaces (pages, the API) need alike."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def forwarded_for(request: HttpRequest) -> list[str]:
    """The addresses in X-Forwarded-For, left to right (client first, nearest proxy last)."""
    return [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]


def client_ip(request: HttpRequest) -> str:
    """The client's IP address, for rate limits.

    Behind load balancers every request arrives from a proxy, so with `TRUSTED_PROXY_COUNT` = N
    (the number of proxies that append to X-Forwarded-For) the address N places from the right
    of that header is used; entries further left are client-supplied and could be forged.
    """
    proxies = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0))
    if proxies > 0:
        forwarded = forwarded_for(request)
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return str(request.META.get("REMOTE_ADDR") or "unknown")
