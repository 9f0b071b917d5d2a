"""The weekly payout run is scheduled on the payments queue and is safe to run twice."""

from __future__ import annotations

from datetime import timedelta

import pytest
from celery.schedules import crontab
from django.utils import timezone

from marketplace.celery import app
from payments.ledger.models import EntryKind, LedgerEntry, Payout, PayoutRun
from payments.ledger.tasks import payout_run_scheduled_task
from tests.factories.checkout import stall
from tests.payments.ledger.factories import VendorPayoutAccountFactory
from tests.payments.ledger.helpers import delivered


def test_the_payout_run_is_scheduled_weekly_on_the_payments_queue() -> None:
    entry = app.conf.beat_schedule["ledger-weekly-payout-run"]
    assert entry["task"] == payout_run_scheduled_task.name
    assert entry["options"] == {"queue": "payments"}
    assert entry["schedule"] == crontab(minute=0, hour=6, day_of_week=1)  # Monday 06:00


@pytest.mark.django_db
def test_the_scheduled_run_pays_what_is_due_and_a_repeat_pays_nothing(settings) -> None:
    settings.PAYOUT_HOLD_DAYS = 7
    silk = stall()
    VendorPayoutAccountFactory.create(vendor=silk.vendor)
    delivered(silk)
    LedgerEntry.objects.filter(kind=EntryKind.CREDIT).update(
        posted_at=timezone.now() - timedelta(days=8)
    )
    run_id = payout_run_scheduled_task.delay().get()
    assert PayoutRun.objects.get().pk == run_id
    assert payout_run_scheduled_task.delay().get() is None
    assert Payout.objects.count() == 1
