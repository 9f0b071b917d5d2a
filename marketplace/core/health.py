"""Readiness checks of the services a web process depends on.

Each check has a short timeout so that a dead dependency makes ``/readyz`` answer 503 quickly
instead of hanging the load balancer's probe.
"""

from __future__ import annotations

from dataclasses import dataclass

import redis
from django.conf import settings
from django.db import connection

from search.client import elasticsearch_client


@dataclass(frozen=True)
class ComponentStatus:
    name: str
    ok: bool
    detail: str


def check_database() -> ComponentStatus:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL statement_timeout = %s", [_timeout_ms()])
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        return ComponentStatus("database", False, _describe(exc))
    return ComponentStatus("database", True, "ok")


def check_redis() -> ComponentStatus:
    if not settings.REDIS_URL:
        return ComponentStatus("redis", True, "not configured")
    timeout = settings.HEALTH_CHECK_TIMEOUT_SECONDS
    client = redis.Redis.from_url(
        settings.REDIS_URL, socket_timeout=timeout, socket_connect_timeout=timeout
    )
    try:
        client.ping()
    except Exception as exc:
        return ComponentStatus("redis", False, _describe(exc))
    finally:
        client.close()
    return ComponentStatus("redis", True, "ok")


def check_elasticsearch() -> ComponentStatus:
    if not settings.ELASTICSEARCH_URL:
        return ComponentStatus("elasticsearch", True, "not configured (PostgreSQL search)")
    client = elasticsearch_client(request_timeout=settings.HEALTH_CHECK_TIMEOUT_SECONDS)
    try:
        # The integ-test distribution answers no `GET /`, so ask for cluster health instead.
        health = client.cluster.health()
    except Exception as exc:
        return ComponentStatus("elasticsearch", False, _describe(exc))
    finally:
        client.close()
    status = str(health.get("status", "unknown"))
    return ComponentStatus("elasticsearch", status in {"green", "yellow"}, status)


def check_all() -> list[ComponentStatus]:
    return [check_database(), check_redis(), check_elasticsearch()]


def _timeout_ms() -> int:
    return int(settings.HEALTH_CHECK_TIMEOUT_SECONDS * 1000)


def _describe(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"[:300]
