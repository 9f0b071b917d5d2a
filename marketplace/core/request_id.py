"""One id per request, carried into the logs and into the Celery tasks the request queues.

The middleware takes `X-Request-ID` from the load balancer (or makes one), returns it on the
response, and keeps it in a context variable for the rest of the request. `RequestIdFilter` puts it
on every log record (`request_id`, a JSON field in production logs). A task queued during the
request carries it in its message headers (`before_task_publish`), and the worker sets it again
for the task's run (`task_prerun`), so the worker's log lines of that task carry the same id.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar, Token
from typing import Any

import sentry_sdk
from celery import signals as celery_signals
from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
TASK_HEADER = "kad_request_id"
# An incoming id is kept only when it looks like one (letters, digits, dashes; at most 64), so a
# client cannot write arbitrary text into our logs.
_VALID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

_current: ContextVar[str] = ContextVar("kad_request_id", default="")
_task_tokens: dict[str, Token[str]] = {}


def current() -> str:
    return _current.get()


def new_id() -> str:
    return uuid.uuid4().hex


def _accepted(raw: str) -> str:
    raw = raw.strip()
    return raw if _VALID.match(raw) else new_id()


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = _accepted(request.headers.get(HEADER, ""))
        request.request_id = request_id  # type: ignore[attr-defined]
        token = _current.set(request_id)
        sentry_sdk.set_tag("request_id", request_id)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response[HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds `request_id` ("-" outside a request or task) to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            record.request_id = _current.get() or "-"
        return True


@celery_signals.before_task_publish.connect(weak=False)
def _add_request_id_header(headers: dict[str, Any] | None = None, **_: Any) -> None:
    request_id = _current.get()
    if request_id and headers is not None:
        headers.setdefault(TASK_HEADER, request_id)


@celery_signals.task_prerun.connect(weak=False)
def _enter_task(task_id: str | None = None, task: Any = None, **_: Any) -> None:
    # A worker puts the message's headers on the task's request; `apply()` keeps them in
    # `request.headers`.
    request = getattr(task, "request", None)
    headers = getattr(request, "headers", None) or {}
    request_id = str(getattr(request, TASK_HEADER, None) or headers.get(TASK_HEADER) or "")
    if request_id and not _VALID.match(request_id):
        request_id = ""
    if not request_id:
        # An eager task runs inside the request: the id is already set.
        return
    token = _current.set(request_id)
    if task_id:
        _task_tokens[task_id] = token


@celery_signals.task_postrun.connect(weak=False)
def _leave_task(task_id: str | None = None, **_: Any) -> None:
    token = _task_tokens.pop(task_id or "", None)
    if token is not None:
        try:
            _current.reset(token)
        except ValueError:  # set in another context (a thread pool): just clear it
            _current.set("")
