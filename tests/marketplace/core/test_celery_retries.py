"""Idempotent tasks retry transient failures with backoff and acknowledge late."""

from __future__ import annotations

from marketplace.celery import IdempotentTask, app


@app.task(base=IdempotentTask, name="tests.noop")
def noop() -> None:
    return None


def test_idempotent_tasks_retry_connection_failures_with_backoff() -> None:
    assert issubclass(ConnectionError, noop.autoretry_for)
    assert noop.retry_backoff is True
    assert noop.max_retries == 8


def test_idempotent_tasks_acknowledge_late_so_a_dead_worker_hands_them_back() -> None:
    assert noop.acks_late is True
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
