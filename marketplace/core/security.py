"""Security headers Django does not set itself, and the request-size guard.

Content-Security-Policy comes from django-csp (settings `CONTENT_SECURITY_POLICY`; the payment
page adds Stripe with `@csp_update(settings.CSP_STRIPE)`); HSTS, nosniff, Referrer-Policy,
Cross-Origin-Opener-Policy and X-Frame-Options from Django's own middleware and settings.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

PERMISSIONS_POLICY_HEADER = "Permissions-Policy"


def permissions_policy(features: Mapping[str, list[str]]) -> str:
    """`{"camera": ["self"], "microphone": []}` → `camera=(self), microphone=()`."""
    return ", ".join(
        f"{feature}=({' '.join(origins)})" for feature, origins in sorted(features.items())
    )


class PermissionsPolicyMiddleware:
    """Sets Permissions-Policy from `PERMISSIONS_POLICY`: the camera only for our own pages
    (artisans photograph products in the portal), the rest off."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.header = permissions_policy(settings.PERMISSIONS_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.header and PERMISSIONS_POLICY_HEADER not in response:
            response[PERMISSIONS_POLICY_HEADER] = self.header
        return response


class RequestSizeLimitMiddleware:
    """Refuses (413) a request whose declared body is larger than `KAD_MAX_REQUEST_BYTES`, before
    anything reads it. Django caps form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but not uploaded
    files; each upload service checks its own file against `KAD_MAX_UPLOAD_BYTES`, and this is the
    outer bound for every entry point (forms, the GraphQL multipart endpoint, the admin)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            size = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            size = 0
        limit = int(settings.KAD_MAX_REQUEST_BYTES)
        if size > limit:
            return too_large_response(request, size=size, limit=limit)
        return self.get_response(request)


def too_large_response(request: HttpRequest, *, size: int, limit: int) -> HttpResponse:
    message = _("The upload is too large (%(size)s MB); the limit is %(limit)s MB.") % {
        "size": f"{size / 1_048_576:.1f}",
        "limit": f"{limit / 1_048_576:.1f}",
    }
    if request.path_info.startswith("/graphql"):
        body = {"errors": [{"message": message, "extensions": {"code": "REQUEST_TOO_LARGE"}}]}
        return HttpResponse(json.dumps(body), status=413, content_type="application/json")
    return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
