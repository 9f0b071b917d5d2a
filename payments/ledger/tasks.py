"""Payout tasks, sent to the `payments` queue: the weekly run and Stripe Connect transfers."""

from __future__ import annotations

import logging

from celery import shared_task

from marketplace.celery import IdempotentTask
from payments.ledger.services import payout_run_create, payout_transfer_send

logger = logging.getLogger(__name__)


@shared_task(base=IdempotentTask)
def payout_run_scheduled_task() -> int | None:
    """The weekly payout run (Celery beat). Running it twice pays nothing twice: the second
    run finds the first one's payouts already in the balances."""
    run = payout_run_create(by=None)
    if run is None:
        logger.info("payout run: nothing to pay")
        return None
    return run.pk


@shared_task(base=IdempotentTask)
def payout_transfer_send_task(*, payout_id: int) -> str:
    """Send one Stripe Connect payout; safe to run twice (idempotency key per payout)."""
    return payout_transfer_send(payout_id=payout_id).status
