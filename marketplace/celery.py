"""The Celery application.

Queues follow the kinds of work so that they can be scaled apart: ``indexing`` (search),
``payments`` (Stripe, payouts), ``reports`` (analytics, open data) and ``default``.
"""

from __future__ import annotations

import os

from celery import Celery, Task
from kombu import Queue

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")

QUEUES = ("default", "indexing", "payments", "reports")

app = Celery("marketplace")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.update(
    task_serializer="json",
    result_serializer="json",
    accept_content=["json"],
    task_queues=[Queue(name) for name in QUEUES],
    task_default_queue="default",
    task_routes={
        "search.tasks.*": {"queue": "indexing"},
        "payments.tasks.*": {"queue": "payments"},
        "marketplace.analytics.tasks.*": {"queue": "reports"},
    },
    # Tasks are written to be idempotent, so a worker that dies mid-task may safely hand the
    # message back to the broker for another worker.
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    result_expires=3600,
    broker_connection_retry_on_startup=True,
    timezone="Asia/Bangkok",
    enable_utc=True,
)
app.autodiscover_tasks()


class IdempotentTask(Task):
    """Base for tasks that are safe to run twice: retried with backoff on transient failures.

    Use as ``@shared_task(base=IdempotentTask)``. Only connection-level errors are retried; a
    domain error means the work cannot succeed by trying again.
    """

    autoretry_for = (ConnectionError, TimeoutError, OSError)
    retry_backoff = True
    retry_backoff_max = 600
    retry_jitter = True
    max_retries = 8
    acks_late = True
