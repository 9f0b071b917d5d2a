"""Payout runs: who gets paid how much, the hold period, failures, negative balances, locking."""

from __future__ import annotations

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from payments.ledger.errors import LedgerError, LedgerErrorCode
from payments.ledger.models import EntryKind, LedgerEntry, Payout, PayoutRun, PayoutStatus
from payments.ledger.selectors import vendor_balance
from payments.ledger.services import (
    ledger_debit_refund,
    payout_mark_failed,
    payout_mark_paid,
    payout_run_create,
)
from tests.factories.checkout import stall
from tests.payments.ledger.factories import VendorPayoutAccountFactory
from tests.payments.ledger.helpers import delivered

pytestmark = pytest.mark.django_db

LATER = timedelta(days=8)


def test_a_run_pays_each_vendors_balance_once_the_hold_period_is_over(settings) -> None:
    settings.PAYOUT_HOLD_DAYS = 7
    silk, pottery = stall(price="1000.00"), stall(price="200.00")
    for s in (silk, pottery):
        VendorPayoutAccountFactory.create(vendor=s.vendor)
    delivered(silk, pottery)

    assert payout_run_create(by=None) is None  # delivered today: still on hold

    run = payout_run_create(by=None, as_of=timezone.now() + LATER)
    assert run is not None
    paid = {p.vendor_id: p.amount for p in run.payouts.all()}
    assert paid == {silk.vendor.pk: Decimal("950.00"), pottery.vendor.pk: Decimal("230.00")}
    assert {p.status for p in run.payouts.all()} == {PayoutStatus.PENDING}
    assert vendor_balance(vendor=silk.vendor).balance == Decimal("0.00")
    assert vendor_balance(vendor=silk.vendor).in_transit == Decimal("950.00")


def test_credits_younger_than_the_hold_period_wait_for_a_later_run(settings) -> None:
    settings.PAYOUT_HOLD_DAYS = 7
    silk = stall(price="1000.00")
    VendorPayoutAccountFactory.create(vendor=silk.vendor)
    delivered(silk)
    LedgerEntry.objects.filter(kind=EntryKind.CREDIT).update(
        posted_at=timezone.now() - timedelta(days=10)
    )
    delivered(silk)  # today's order

    run = payout_run_create(by=None)
    assert run is not None
    assert run.payouts.get().amount == Decimal("950.00")
    balance = vendor_balance(vendor=silk.vendor)
    assert (balance.balance, balance.on_hold, balance.payable) == (
        Decimal("950.00"),
        Decimal("950.00"),
        Decimal("0.00"),
    )


def test_a_second_run_right_after_the_first_pays_nothing() -> None:
    silk = stall()
    VendorPayoutAccountFactory.create(vendor=silk.vendor)
    delivered(silk)
    assert payout_run_create(by=None, as_of=timezone.now() + LATER) is not None
    assert payout_run_create(by=None, as_of=timezone.now() + LATER) is None
    assert Payout.objects.count() == 1


def test_a_vendor_without_a_payout_account_is_skipped_and_keeps_its_balance() -> None:
    silk, pottery = stall(), stall()
    VendorPayoutAccountFactory.create(vendor=silk.vendor)
    delivered(silk, pottery)
    run = payout_run_create(by=None, as_of=timezone.now() + LATER)
    assert run is not None
    assert [p.vendor_id for p in run.payouts.all()] == [silk.vendor.pk]
    assert run.skipped == [{"vendor_id": pottery.vendor.pk, "amount": "500.00"}]
    assert vendor_balance(vendor=pottery.vendor).balance == Decimal("500.00")


def test_a_failed_payout_returns_the_money_to_the_balance_and_the_next_run_pays_it() -> None:
    silk = stall()
    VendorPayoutAccountFactory.create(vendor=silk.vendor)
    delivered(silk)
    run = payout_run_create(by=None, as_of=timezone.now() + LATER)
    assert run is not None
    payout = run.payouts.get()

    payout_mark_failed(payout=payout, reason="บัญชีปิดแล้ว (account closed)", by=None)

    payout.refresh_from_db()
    assert payout.status == PayoutStatus.FAILED
    assert vendor_balance(vendor=silk.vendor).balance == Decimal("500.00")
    again = payout_run_create(by=None, as_of=timezone.now() + LATER)
    assert again is not None
    assert again.payouts.get().amount == Decimal("500.00")


def test_a_paid_payout_keeps_the_banks_reference_and_cannot_be_failed_afterwards() -> None:
    silk = stall()
    VendorPayoutAccountFactory.create(vendor=silk.vendor)
    delivered(silk)
    run = payout_run_create(by=None, as_of=timezone.now() + LATER)
    assert run is not None
    payout = payout_mark_paid(payout=run.payouts.get(), bank_reference="KB2025-0001", by=None)
    assert (payout.status, payout.bank_reference) == (PayoutStatus.PAID, "KB2025-0001")
    with pytest.raises(LedgerError) as refused:
        payout_mark_failed(payout=payout, reason="late", by=None)
    assert refused.value.code == LedgerErrorCode.PAYOUT_NOT_PENDING
    assert vendor_balance(vendor=silk.vendor).balance == Decimal("0.00")


def test_marking_paid_needs_the_banks_reference_and_failed_needs_a_reason() -> None:
    silk = stall()
    VendorPayoutAccountFactory.create(vendor=silk.vendor)
    delivered(silk)
    run = payout_run_create(by=None, as_of=timezone.now() + LATER)
    assert run is not None
    with pytest.raises(LedgerError) as no_reference:
        payout_mark_paid(payout=run.payouts.get(), bank_reference="  ", by=None)
    with pytest.raises(LedgerError) as no_reason:
        payout_mark_failed(payout=run.payouts.get(), reason="", by=None)
    assert no_reference.value.code == LedgerErrorCode.BANK_REFERENCE_REQUIRED
    assert no_reason.value.code == LedgerErrorCode.REASON_REQUIRED


def test_a_refund_after_a_payout_is_carried_forward_as_a_negative_balance() -> None:
    silk = stall(price="1000.00")
    VendorPayoutAccountFactory.create(vendor=silk.vendor)
    first = delivered(silk).vendor_orders.get()
    assert payout_run_create(by=None, as_of=timezone.now() + LATER) is not None

    ledger_debit_refund(vendor_order=first, amount=Decimal("1050.00"), reference="re_return")
    assert vendor_balance(vendor=silk.vendor).balance == Decimal("-950.00")
    assert payout_run_create(by=None, as_of=timezone.now() + LATER) is None

    delivered(silk, quantity=2)  # 2,000 + 50 - 200 = 1,850
    run = payout_run_create(by=None, as_of=timezone.now() + LATER)
    assert run is not None
    assert run.payouts.get().amount == Decimal("900.00")  # 1,850 less the 950 owed


def test_an_unknown_payout_method_is_refused() -> None:
    with pytest.raises(LedgerError) as refused:
        payout_run_create(by=None, method="cheque")
    assert refused.value.code == LedgerErrorCode.INVALID_PAYOUT_METHOD


@pytest.mark.django_db(transaction=True)
def test_two_payout_runs_at_the_same_time_pay_each_vendor_once() -> None:
    stalls = [stall() for _ in range(3)]
    for s in stalls:
        VendorPayoutAccountFactory.create(vendor=s.vendor)
        delivered(s)
    barrier = threading.Barrier(2)
    runs: list[PayoutRun | None] = []

    def run_once() -> None:
        barrier.wait()
        try:
            runs.append(payout_run_create(by=None, as_of=timezone.now() + LATER))
        finally:
            connection.close()

    threads = [threading.Thread(target=run_once) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(run is None for run in runs) == [False, True]
    assert Payout.objects.count() == 3
    assert all(vendor_balance(vendor=s.vendor).balance == Decimal("0.00") for s in stalls)
