"""Celery tasks of the analytics domain (queue `reports`): each takes ids, reloads, calls one
function of the domain, and is safe to run twice."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from functools import partial

from celery import Task, shared_task
from django.db import transaction

from marketplace.analytics import feed, opendata, services
from marketplace.analytics.errors import FeedDeliveryFailed
from marketplace.analytics.models import SalesFact
from marketplace.catalog.tasks import product_sales_count_refresh_task
from marketplace.celery import IdempotentTask
from marketplace.municipalities.models import Municipality
from marketplace.orders.models import Order, VendorOrder


def _moment(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _sales_counts_follow(vendor_order_ids: list[int]) -> None:
    """The units sold of the products these facts are about follow them (`Product.sales_count`,
    recounted from the facts by a catalogue task after the commit)."""
    product_ids = SalesFact.objects.filter(
        vendor_order_id__in=vendor_order_ids, product_id__isnull=False
    ).values_list("product_id", flat=True)
    ids = sorted(set(product_ids))
    if ids:
        transaction.on_commit(partial(product_sales_count_refresh_task.delay, ids))


@shared_task(base=IdempotentTask, name="marketplace.analytics.tasks.sales_facts_record_paid_task")
def sales_facts_record_paid_task(*, order_id: int, occurred_at: str | None = None) -> int:
    order = Order.objects.filter(pk=order_id).first()
    if order is None:
        return 0
    recorded = services.sales_facts_record_paid(order=order, occurred_at=_moment(occurred_at))
    _sales_counts_follow(list(order.vendor_orders.values_list("pk", flat=True)))
    return recorded


@shared_task(base=IdempotentTask, name="marketplace.analytics.tasks.sales_facts_record_refund_task")
def sales_facts_record_refund_task(
    *, vendor_order_id: int, amount: str, reference: str, occurred_at: str | None = None
) -> int:
    vendor_order = VendorOrder.objects.filter(pk=vendor_order_id).first()
    if vendor_order is None:
        return 0
    adjustment = services.sales_facts_record_refund(
        vendor_order=vendor_order,
        amount=Decimal(amount),
        reference=reference,
        occurred_at=_moment(occurred_at),
    )
    _sales_counts_follow([vendor_order.pk])
    return adjustment.pk


@shared_task(
    base=IdempotentTask, name="marketplace.analytics.tasks.sales_facts_record_cancelled_task"
)
def sales_facts_record_cancelled_task(
    *, vendor_order_id: int, occurred_at: str | None = None
) -> int:
    vendor_order = VendorOrder.objects.filter(pk=vendor_order_id).first()
    if vendor_order is None:
        return 0
    adjustment = services.sales_facts_record_cancelled(
        vendor_order=vendor_order, occurred_at=_moment(occurred_at)
    )
    _sales_counts_follow([vendor_order.pk])
    return adjustment.pk


@shared_task(base=IdempotentTask, name="marketplace.analytics.tasks.sales_rollups_refresh_task")
def sales_rollups_refresh_task(*, municipality_id: int, days: list[str]) -> None:
    services.sales_rollups_refresh(
        municipality_id=municipality_id, days=[date.fromisoformat(day) for day in days]
    )


@shared_task(base=IdempotentTask, name="marketplace.analytics.tasks.open_data_publish_task")
def open_data_publish_task(*, municipality_id: int) -> int | None:
    municipality = Municipality.objects.filter(pk=municipality_id, is_active=True).first()
    if municipality is None:
        return None
    return opendata.open_data_publish(municipality=municipality).pk


@shared_task(base=IdempotentTask, name="marketplace.analytics.tasks.open_data_publish_all_task")
def open_data_publish_all_task() -> int:
    """The monthly beat job: one publication task per active municipality."""
    ids = list(Municipality.objects.filter(is_active=True).values_list("id", flat=True))
    for municipality_id in ids:
        open_data_publish_task.delay(municipality_id=municipality_id)
    return len(ids)


@shared_task(
    bind=True,
    name="marketplace.analytics.tasks.feed_deliver_task",
    autoretry_for=(FeedDeliveryFailed,),
    retry_backoff=30,
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=8,
    acks_late=True,
)
def feed_deliver_task(self: Task, *, delivery_id: int) -> str:
    """POST one delivery; a refusal or a network error is retried with exponential backoff
    (30 s, 1 min, 2 min … at most an hour, nine attempts), the last one marks it failed."""
    last_try = self.request.retries >= (self.max_retries or 0)
    return feed.feed_delivery_attempt(delivery_id=delivery_id, last_try=last_try).status
