"""The GraphQL endpoint, with limits that keep one request from costing the server too much."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from graphene.validation import depth_limit_validator
from graphene_django.views import GraphQLView


class KadGraphQLView(GraphQLView):
    """graphene-django's view with a maximum document size and a maximum query depth.

    Both limits answer with an ordinary GraphQL error body (HTTP 400), never a 500.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "validation_rules", (depth_limit_validator(max_depth=settings.GRAPHQL_MAX_DEPTH),)
        )
        super().__init__(*args, **kwargs)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        too_big = _document_too_big(request)
        if too_big:
            return HttpResponse(
                json.dumps(
                    {"errors": [{"message": too_big, "extensions": {"code": "DOCUMENT_TOO_LARGE"}}]}
                ),
                status=413,
                content_type="application/json",
            )
        return super().dispatch(request, *args, **kwargs)


def _document_too_big(request: HttpRequest) -> str:
    limit = settings.GRAPHQL_MAX_DOCUMENT_BYTES
    if request.method == "POST":
        size = int(request.META.get("CONTENT_LENGTH") or 0)
    else:
        size = len(request.GET.get("query", "").encode())
    if size > limit:
        return _("The GraphQL document is too large (%(size)d bytes; the limit is %(limit)d).") % {
            "size": size,
            "limit": limit,
        }
    return ""
