"""/metrics: what Prometheus scrapes after a request, a task, a search fallback and a webhook; and
who may scrape it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from celery import shared_task
from django.core.cache import cache
from django.test import Client
from prometheus_client.parser import text_string_to_metric_families

from marketplace.core.tasks import echo
from search import availability, selectors
from tests.payments.fixtures import (
    post_event,
    stripe_event,
    stripe_settings,  # noqa: F401 - fixture
)

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[3]


def scrape(client: Client) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    response = client.get("/metrics", REMOTE_ADDR="127.0.0.1")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
    }


def value(scraped: dict[tuple[str, frozenset[tuple[str, str]]], float], name: str, **labels: str):
    """The sample's value, or 0 when Prometheus would not see the series yet."""
    return scraped.get((name, frozenset(labels.items())), 0.0)


@shared_task(name="tests.metrics.always_fails")
def always_fails() -> None:
    raise LookupError("nothing here")


def test_a_request_is_counted_by_view_with_its_latency_and_database_queries(
    client: Client,
) -> None:
    before = scrape(client)
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code in (200, 503)  # touches the database
    after = scrape(client)

    requests = "django_http_requests_total_by_view_transport_method_total"
    labels = {"view": "healthz", "transport": "http", "method": "GET"}
    assert value(after, requests, **labels) == value(before, requests, **labels) + 1
    latency = "django_http_requests_latency_seconds_by_view_method_count"
    assert value(after, latency, view="healthz", method="GET") == (
        value(before, latency, view="healthz", method="GET") + 1
    )
    queries = "django_db_execute_total"
    assert value(after, queries, alias="default", vendor="postgresql") > value(
        before, queries, alias="default", vendor="postgresql"
    )


def test_cache_gets_are_counted_as_hits_and_misses(client: Client) -> None:
    cache.set("kad-metrics-test", "x", 30)
    before = scrape(client)
    assert cache.get("kad-metrics-test") == "x"
    assert cache.get("kad-metrics-test-missing") is None
    after = scrape(client)
    backend = "redis"
    assert value(after, "django_cache_get_total", backend=backend) == (
        value(before, "django_cache_get_total", backend=backend) + 2
    )
    assert value(after, "django_cache_get_hits_total", backend=backend) == (
        value(before, "django_cache_get_hits_total", backend=backend) + 1
    )
    assert value(after, "django_cache_get_misses_total", backend=backend) == (
        value(before, "django_cache_get_misses_total", backend=backend) + 1
    )


def test_tasks_are_counted_by_name_and_state_with_failures_and_durations(client: Client) -> None:
    before = scrape(client)
    assert echo.delay("hello").get() == "hello"
    # As in a worker: the failure is recorded, not raised into the caller.
    assert always_fails.apply(throw=False).state == "FAILURE"
    after = scrape(client)

    def grew(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert grew("kad_celery_tasks_total", task="marketplace.core.tasks.echo", state="SUCCESS") == 1
    assert grew("kad_celery_tasks_total", task="tests.metrics.always_fails", state="FAILURE") == 1
    assert (
        grew(
            "kad_celery_task_failures_total",
            task="tests.metrics.always_fails",
            exception="LookupError",
        )
        == 1
    )
    assert grew("kad_celery_task_duration_seconds_count", task="marketplace.core.tasks.echo") == 1


def test_search_falling_back_to_postgresql_is_counted_with_its_reason(client: Client, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    availability.reset()
    before = scrape(client)
    try:
        selectors.product_autocomplete("ผ้า")  # Elasticsearch fails: PostgreSQL answers
        selectors.product_autocomplete("ผ้า")  # left alone for SEARCH_RETRY_SECONDS
    finally:
        availability.reset()
    after = scrape(client)
    name = "kad_search_fallbacks_total"
    assert value(after, name, reason="error") == value(before, name, reason="error") + 1
    assert value(after, name, reason="elasticsearch_down") == (
        value(before, name, reason="elasticsearch_down") + 1
    )


@pytest.mark.usefixtures("stripe_settings")
def test_payment_webhook_outcomes_are_counted(client: Client) -> None:
    before = scrape(client)
    event = stripe_event("customer.created", {"id": "cus_1", "object": "customer"})
    assert post_event(client, event).json()["outcome"] == "ignored"
    assert post_event(client, event).json()["outcome"] == "duplicate"
    assert post_event(client, event, signature="t=1,v1=forged").status_code == 400
    after = scrape(client)
    name = "kad_payment_webhooks_total"
    for outcome in ("ignored", "duplicate", "bad_signature"):
        assert value(after, name, outcome=outcome) == value(before, name, outcome=outcome) + 1


# --- who may scrape -----------------------------------------------------------------------------


@pytest.mark.parametrize("address", ["127.0.0.1", "10.4.2.7", "192.168.1.20", "::1"])
def test_loopback_and_private_networks_may_scrape(client: Client, address: str) -> None:
    assert client.get("/metrics", REMOTE_ADDR=address).status_code == 200


def test_a_public_address_is_refused_without_the_token(client: Client, settings) -> None:
    settings.METRICS_TOKEN = "s3cret-metrics-token"
    response = client.get("/metrics", REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 403
    assert b"kad_" not in response.content
    wrong = client.get(
        "/metrics", REMOTE_ADDR="203.0.113.9", headers={"authorization": "Bearer nope"}
    )
    assert wrong.status_code == 403
    right = client.get(
        "/metrics",
        REMOTE_ADDR="203.0.113.9",
        headers={"authorization": "Bearer s3cret-metrics-token"},
    )
    assert right.status_code == 200
    assert b"kad_celery_tasks_total" in right.content or b"# HELP" in right.content


def test_no_token_configured_means_no_token_is_accepted(client: Client, settings) -> None:
    settings.METRICS_TOKEN = ""
    response = client.get(
        "/metrics", REMOTE_ADDR="203.0.113.9", headers={"authorization": "Bearer "}
    )
    assert response.status_code == 403


def test_through_the_load_balancer_the_clients_address_counts_not_the_proxys(
    client: Client, settings
) -> None:
    proxy = "10.0.0.5"
    settings.TRUSTED_PROXY_COUNT = 0
    # Unknown proxies: a forwarded request cannot prove where it came from.
    assert (
        client.get(
            "/metrics", headers={"x-forwarded-for": "10.9.9.9"}, REMOTE_ADDR=proxy
        ).status_code
        == 403
    )
    settings.TRUSTED_PROXY_COUNT = 1
    outside = client.get(
        "/metrics", headers={"x-forwarded-for": "10.9.9.9, 198.51.100.4"}, REMOTE_ADDR=proxy
    )
    assert outside.status_code == 403
    inside = client.get("/metrics", headers={"x-forwarded-for": "10.9.9.9"}, REMOTE_ADDR=proxy)
    assert inside.status_code == 200


# --- multiprocess mode --------------------------------------------------------------------------


def _run(code: str, multiproc_dir: Path, *, django_setup: bool = False) -> str:
    env = dict(os.environ, PROMETHEUS_MULTIPROC_DIR=str(multiproc_dir))
    env["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    setup = "import django; django.setup()\n" if django_setup else ""
    result = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", setup + code],
        env=env,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_with_a_multiprocess_folder_the_endpoint_adds_up_every_process(tmp_path: Path) -> None:
    """Two worker processes count a fallback each and exit; a third serves the sum."""
    count = "from marketplace.core import metrics; metrics.search_fallback(reason='error')"
    _run(count, tmp_path)
    _run(count, tmp_path)
    assert list(tmp_path.glob("counter_*.db"))
    out = _run(
        "import json\n"
        "from django.test import Client\n"
        "from prometheus_client.parser import text_string_to_metric_families\n"
        "client = Client(HTTP_HOST='localhost')\n"
        "body = client.get('/metrics', REMOTE_ADDR='127.0.0.1').content.decode()\n"
        "found = {s.labels.get('reason'): s.value for f in text_string_to_metric_families(body)"
        " for s in f.samples if s.name == 'kad_search_fallbacks_total'}\n"
        "print(json.dumps(found))\n",
        tmp_path,
        django_setup=True,
    )
    assert json.loads(out.strip().splitlines()[-1]) == {"error": 2.0}
