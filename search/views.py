"""The search box's JSON autocomplete (for htmx and the storefront's script)."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from search.selectors import product_autocomplete

MAX_PREFIX = 100


@require_GET
def autocomplete(request: HttpRequest) -> JsonResponse:
    """`GET /search/autocomplete/?q=ผ้าไห&limit=8` → suggestions with both names, the one in the
    request's language first in `name`."""
    prefix = request.GET.get("q", "")[:MAX_PREFIX]
    try:
        limit = int(request.GET.get("limit", "8"))
    except ValueError:
        limit = 8
    english = (get_language() or "th").startswith("en")
    suggestions = product_autocomplete(prefix, limit=limit)
    response = JsonResponse(
        {
            "query": prefix,
            "suggestions": [
                {
                    "id": s.product_id,
                    "slug": s.slug,
                    "name": (s.name_en or s.name_th) if english else s.name_th,
                    "name_th": s.name_th,
                    "name_en": s.name_en,
                }
                for s in suggestions
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = "public, max-age=60"
    return response
