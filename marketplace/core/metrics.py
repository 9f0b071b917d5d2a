"""Kad's own Prometheus metrics and the protected `/metrics` endpoint.

django-prometheus measures requests (count, latency by view, status), database queries and cache
gets; this module adds what only Kad knows: Celery tasks (count by outcome, failures, duration,
labelled by task name), searches that fell back to PostgreSQL, and Stripe webhook outcomes.

Multiprocess mode: when `PROMETHEUS_MULTIPROC_DIR` names a writable folder (gunicorn workers,
Celery's prefork children), prometheus_client writes every process's values there and the
endpoint adds them up with a `MultiProcessCollector`; otherwise the process's own registry is
served. The folder must be emptied before the server starts (the container does it), and a
gunicorn `child_exit` hook calls `mark_process_dead`.

Who may scrape: requests from loopback or private networks (`METRICS_ALLOWED_NETWORKS`) that did
not come through a proxy, or anyone presenting `Authorization: Bearer <METRICS_TOKEN>`. A request
carrying `X-Forwarded-For` came through the load balancer, so it is judged by the client address
`TRUSTED_PROXY_COUNT` hops from the right, never by the proxy's own private address.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
import threading
import time
from typing import Any

from celery import signals as celery_signals
from django.conf import settings
from django.core.cache.backends.redis import RedisCache
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_prometheus.cache.metrics import (
    django_cache_get_fail_total,
    django_cache_get_total,
    django_cache_hits_total,
    django_cache_misses_total,
)
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)

from marketplace.core.http import forwarded_for

TASK_DURATION_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0, 900.0)

celery_tasks_total = Counter(
    "kad_celery_tasks_total",
    "Celery tasks that finished, by task name and final state (SUCCESS, FAILURE, RETRY).",
    ["task", "state"],
)
celery_task_failures_total = Counter(
    "kad_celery_task_failures_total",
    "Celery tasks that raised, by task name and exception class.",
    ["task", "exception"],
)
celery_task_duration_seconds = Histogram(
    "kad_celery_task_duration_seconds",
    "Wall-clock time of a Celery task run, by task name.",
    ["task"],
    buckets=TASK_DURATION_BUCKETS,
)
search_fallbacks_total = Counter(
    "kad_search_fallbacks_total",
    "Searches answered by PostgreSQL although Elasticsearch is configured: `error` (it failed "
    "on this request) or `elasticsearch_down` (it failed a moment ago and is left alone).",
    ["reason"],
)
payment_webhooks_total = Counter(
    "kad_payment_webhooks_total",
    "Stripe webhook deliveries by outcome: processed, duplicate, ignored, unknown_payment, "
    "bad_signature.",
    ["outcome"],
)

# Webhook outcomes as operators read them; StripeEvent stores "handled" for a processed event.
_WEBHOOK_OUTCOME_NAMES = {"handled": "processed"}


def search_fallback(*, reason: str) -> None:
    search_fallbacks_total.labels(reason=reason).inc()


def payment_webhook(*, outcome: str) -> None:
    payment_webhooks_total.labels(outcome=_WEBHOOK_OUTCOME_NAMES.get(outcome, outcome)).inc()


# --- Celery -------------------------------------------------------------------------------------

_started: dict[str, float] = {}
_started_lock = threading.Lock()


def _task_name(task: Any, sender: Any = None) -> str:
    return str(getattr(task, "name", None) or getattr(sender, "name", None) or "unknown")


@celery_signals.task_prerun.connect(weak=False)
def _task_prerun(task_id: str | None = None, **_: Any) -> None:
    if task_id:
        with _started_lock:
            _started[task_id] = time.perf_counter()


@celery_signals.task_postrun.connect(weak=False)
def _task_postrun(
    task_id: str | None = None, task: Any = None, state: str | None = None, **_: Any
) -> None:
    name = _task_name(task)
    celery_tasks_total.labels(task=name, state=state or "UNKNOWN").inc()
    with _started_lock:
        started = _started.pop(task_id or "", None)
    if started is not None:
        celery_task_duration_seconds.labels(task=name).observe(time.perf_counter() - started)


@celery_signals.task_failure.connect(weak=False)
def _task_failure(sender: Any = None, exception: BaseException | None = None, **_: Any) -> None:
    celery_task_failures_total.labels(
        task=_task_name(sender), exception=type(exception).__name__ if exception else "unknown"
    ).inc()


@celery_signals.worker_process_shutdown.connect(weak=False)
def _worker_process_shutdown(pid: int | None = None, **_: Any) -> None:
    """A prefork child leaves: its live-gauge files go (counters stay summed)."""
    if multiprocess_mode():
        multiprocess.mark_process_dead(pid or os.getpid())


# --- The cache backend with hit/miss counters ---------------------------------------------------


class InstrumentedRedisCache(RedisCache):
    """Django's Redis cache counting gets, hits, misses and failures into django-prometheus's
    cache metrics (its own Redis wrapper needs django-redis, which Kad does not use)."""

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        django_cache_get_total.labels(backend="redis").inc()
        try:
            value = super().get(key, default=None, version=version)
        except Exception:
            django_cache_get_fail_total.labels(backend="redis").inc()
            raise
        if value is None:
            django_cache_misses_total.labels(backend="redis").inc()
            return default
        django_cache_hits_total.labels(backend="redis").inc()
        return value


# --- The endpoint -------------------------------------------------------------------------------


def multiprocess_mode() -> bool:
    return bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))


def registry() -> CollectorRegistry:
    if multiprocess_mode():
        collected = CollectorRegistry()
        multiprocess.MultiProcessCollector(collected)
        return collected
    return REGISTRY


def _networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return [ipaddress.ip_network(net, strict=False) for net in settings.METRICS_ALLOWED_NETWORKS]


def _address_allowed(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in _networks() if ip.version == network.version)


def _client_address(request: HttpRequest) -> str:
    """REMOTE_ADDR for a direct request; for one through proxies, the address the last trusted
    proxy saw, or "" when it cannot be known (no trusted proxy configured)."""
    forwarded = forwarded_for(request)
    if not forwarded and "HTTP_FORWARDED" not in request.META:
        return str(request.META.get("REMOTE_ADDR") or "")
    proxies = int(settings.TRUSTED_PROXY_COUNT)
    if proxies > 0 and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return ""


def scrape_allowed(request: HttpRequest) -> bool:
    token = str(settings.METRICS_TOKEN or "")
    if token:
        scheme, _, presented = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
        if scheme.lower() == "bearer" and hmac.compare_digest(presented.strip(), token):
            return True
    return _address_allowed(_client_address(request))


@never_cache
@require_GET
def metrics_view(request: HttpRequest) -> HttpResponse:
    """The Prometheus text exposition; 403 for a scraper that is neither near nor has the token."""
    if not scrape_allowed(request):
        return HttpResponse("Forbidden\n", status=403, content_type="text/plain")
    return HttpResponse(generate_latest(registry()), content_type=CONTENT_TYPE_LATEST)
