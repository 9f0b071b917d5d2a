"""A real Celery worker (started by infra/services) on real Redis runs a task."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from marketplace.celery import QUEUES, app
from tests.conftest import require_env


@pytest.fixture
def through_the_broker() -> Iterator[None]:
    """Send tasks to the real worker instead of running them in-process as other tests do."""
    require_env("REDIS_URL")
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = True


@pytest.mark.usefixtures("through_the_broker")
def test_real_worker_runs_a_task_and_returns_its_result() -> None:
    token = uuid.uuid4().hex
    result = app.send_task("marketplace.core.tasks.echo", args=[token])
    # Other tests run tasks eagerly in this thread; the guard against joins inside a task
    # would misfire here, where we are not inside one.
    assert result.get(timeout=30, disable_sync_subtasks=False) == token


def test_worker_consumes_every_queue() -> None:
    require_env("REDIS_URL")
    replies = app.control.inspect(timeout=3).active_queues() or {}
    assert replies, "no Celery worker answered"
    consumed = {queue["name"] for queues in replies.values() for queue in queues}
    assert consumed >= set(QUEUES)
