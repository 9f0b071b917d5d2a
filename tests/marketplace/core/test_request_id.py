"""Each request has an id: on the response, in every log line, and in the tasks it queues."""

from __future__ import annotations

import logging
import re

import pytest
from celery import shared_task, signals
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory

from marketplace.core import request_id
from marketplace.core.request_id import RequestIdFilter, RequestIdMiddleware

logger = logging.getLogger("kad.test.request_id")


@shared_task(name="tests.request_id.log_inside_a_task")
def log_inside_a_task() -> str:
    logger.info("working on it")
    return request_id.current()


def capture(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """Capture log records as Kad's handler sees them (with the request-id filter)."""
    caplog.handler.addFilter(RequestIdFilter())
    caplog.set_level(logging.INFO, logger="kad.test.request_id")
    return caplog


def test_a_request_without_an_id_gets_a_new_one_on_the_response(client: Client) -> None:
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", first)
    assert first != second


def test_the_load_balancers_id_is_kept(client: Client) -> None:
    response = client.get("/healthz", headers={"x-request-id": "lb-4f2a9c11-7d"})
    assert response["X-Request-ID"] == "lb-4f2a9c11-7d"


@pytest.mark.parametrize(
    "forged", ["short", "has spaces in it", "x" * 65, "evil\nlevel=ERROR msg=forged"]
)
def test_an_id_that_does_not_look_like_one_is_replaced(client: Client, forged: str) -> None:
    response = client.get("/healthz", headers={"x-request-id": forged})
    assert response["X-Request-ID"] != forged
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_log_lines_written_during_the_request_carry_its_id(caplog) -> None:
    records = capture(caplog)

    def view(request: HttpRequest) -> HttpResponse:
        logger.info("handling the request")
        return HttpResponse("ok")

    middleware = RequestIdMiddleware(view)
    response = middleware(RequestFactory().get("/", headers={"x-request-id": "req-12345678"}))
    logger.info("after the request")

    assert response["X-Request-ID"] == "req-12345678"
    by_message = {record.getMessage(): record for record in records.records}
    assert by_message["handling the request"].request_id == "req-12345678"  # type: ignore[attr-defined]
    assert by_message["after the request"].request_id == "-"  # type: ignore[attr-defined]


def test_a_task_queued_during_a_request_carries_the_id_in_its_headers() -> None:
    published: dict[str, str] = {}

    def view(request: HttpRequest) -> HttpResponse:
        # What Celery does when a task is sent to the broker.
        signals.before_task_publish.send(sender="tests.any", headers=published, body=())
        return HttpResponse("ok")

    RequestIdMiddleware(view)(RequestFactory().get("/", headers={"x-request-id": "req-abcdef12"}))
    assert published[request_id.TASK_HEADER] == "req-abcdef12"


def test_outside_a_request_no_header_is_added() -> None:
    published: dict[str, str] = {}
    signals.before_task_publish.send(sender="tests.any", headers=published, body=())
    assert request_id.TASK_HEADER not in published


def test_the_workers_log_lines_carry_the_id_from_the_task_headers(caplog) -> None:
    records = capture(caplog)
    result = log_inside_a_task.apply(headers={request_id.TASK_HEADER: "req-fromweb1"})

    assert result.get() == "req-fromweb1"
    inside = [record for record in records.records if record.getMessage() == "working on it"]
    assert [record.request_id for record in inside] == ["req-fromweb1"]  # type: ignore[attr-defined]
    assert request_id.current() == ""  # the next task starts clean


def test_an_eager_task_inside_a_request_logs_with_the_requests_id(caplog) -> None:
    records = capture(caplog)

    def view(request: HttpRequest) -> HttpResponse:
        return HttpResponse(log_inside_a_task.delay().get())

    response = RequestIdMiddleware(view)(
        RequestFactory().get("/", headers={"x-request-id": "req-eager123"})
    )
    assert response.content == b"req-eager123"
    inside = [record for record in records.records if record.getMessage() == "working on it"]
    assert [record.request_id for record in inside] == ["req-eager123"]  # type: ignore[attr-defined]


def test_json_logs_have_the_request_id_field(settings) -> None:
    import io
    import json
    import logging.config

    config = dict(settings.LOGGING)
    stream = io.StringIO()
    formatter = logging.config.DictConfigurator(config).configure_custom(
        dict(config["formatters"]["json"])
    )
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter)
    handler.addFilter(RequestIdFilter())
    json_logger = logging.getLogger("kad.test.request_id.json")
    json_logger.addHandler(handler)
    json_logger.propagate = False

    def view(request: HttpRequest) -> HttpResponse:
        json_logger.warning("slip uploaded")
        return HttpResponse("ok")

    RequestIdMiddleware(view)(RequestFactory().get("/", headers={"x-request-id": "req-json0001"}))
    assert json.loads(stream.getvalue().strip())["request_id"] == "req-json0001"
