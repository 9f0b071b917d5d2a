from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from marketplace.core import health


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness: the process answers. Touches no other service."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness: every service this process needs answers in time."""
    components = health.check_all()
    ready = all(component.ok for component in components)
    body = {
        "status": "ok" if ready else "unavailable",
        "components": {c.name: {"ok": c.ok, "detail": c.detail} for c in components},
    }
    return JsonResponse(body, status=200 if ready else 503)
