"""The Celery application.

Queues follow the kinds of work so that they can be scaled apart: ``indexing`` (search),
``payments`` (Stripe, payouts), ``reports`` (analytics, open data) and ``default``.
"""

from __future__ import annotations

import os
from typing import Any

from celery import Celery, Task, signals
from celery.schedules import crontab
from kombu import Queue

# Their Celery signal handlers (task metrics; the request id carried into tasks) connect on import.
from marketplace.core import metrics, request_id  # noqa: F401

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
        "payments.ledger.tasks.*": {"queue": "payments"},
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
# Periodic jobs (celery beat), each on the queue of its kind of work.
app.conf.beat_schedule = {
    # The search index's consistency check repairs what a lost indexing task missed.
    "search-index-consistency": {
        "task": "search.tasks.index_consistency_repair",
        "schedule": 3600.0,
        "options": {"queue": "indexing"},
    },
    # Ask Stripe about payments still open, so a lost webhook never leaves an order unpaid.
    "payments-reconcile-pending": {
        "task": "payments.tasks.payments_reconcile_pending",
        "schedule": 300.0,
        "options": {"queue": "payments"},
    },
    # The weekly vendor payout run: Monday 06:00 Bangkok time. It pays only credits older than
    # PAYOUT_HOLD_DAYS; a second run finds nothing left to pay.
    "ledger-weekly-payout-run": {
        "task": "payments.ledger.tasks.payout_run_scheduled_task",
        "schedule": crontab(minute=0, hour=6, day_of_week="mon"),
        "options": {"queue": "payments"},
    },
    # Products' sales counts (search ranking, "best sellers") are kept by the sales tasks; this
    # nightly pass repairs any that drifted (a lost task, a rebuilt set of facts).
    "catalog-sales-counts-repair": {
        "task": "marketplace.catalog.tasks.product_sales_counts_repair_task",
        "schedule": crontab(minute=15, hour=2),
        "options": {"queue": "default"},
    },
    # Open data: each municipality's complete months, published and pushed to the city data
    # platform early on the first day of the month.
    "analytics-open-data-monthly": {
        "task": "marketplace.analytics.tasks.open_data_publish_all_task",
        "schedule": crontab(minute=30, hour=3, day_of_month=1),
        "options": {"queue": "reports"},
    },
}


@signals.setup_logging.connect(weak=False)
def _use_django_logging(**_: Any) -> None:
    """Workers log with Django's LOGGING (JSON lines with the request id in production) instead
    of Celery's own format."""
    import logging.config

    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)


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
