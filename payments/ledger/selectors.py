"""Reads of the payout ledger: a vendor's entries and balance, every vendor's balance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from marketplace.vendors.models import Vendor
from payments.ledger.models import EntryKind, LedgerEntry, Payout, PayoutRun, PayoutStatus
from payments.ledger.services import payout_hold_days


@dataclass(frozen=True)
class VendorBalance:
    vendor_id: int
    vendor_name: str
    credits: Decimal  # delivered orders, net of commission
    refunds: Decimal  # refund debits (negative or zero)
    payouts: Decimal  # pending and paid payouts (negative or zero)
    balance: Decimal  # what Kad owes the vendor now; negative when refunds came after a payout
    on_hold: Decimal  # credits younger than the hold period, not payable yet
    in_transit: Decimal  # payouts still pending at the bank

    @property
    def payable(self) -> Decimal:
        return self.balance - self.on_hold


_ZERO = Decimal("0.00")


def _balances(entries: QuerySet[LedgerEntry], *, cutoff: datetime) -> list[dict[str, Any]]:
    credit = Q(kind=EntryKind.CREDIT)
    payout = Q(kind__in=[EntryKind.PAYOUT, EntryKind.PAYOUT_RETURNED])
    return list(
        entries.filter(posted_at__isnull=False)
        .values("vendor_id", "vendor__name_th")
        .annotate(
            credits=Sum("amount", filter=credit, default=_ZERO),
            refunds=Sum("amount", filter=Q(kind=EntryKind.REFUND), default=_ZERO),
            payouts=Sum("amount", filter=payout, default=_ZERO),
            balance=Sum("amount", default=_ZERO),
            on_hold=Sum("amount", filter=credit & Q(posted_at__gt=cutoff), default=_ZERO),
            in_transit=Sum(
                "amount",
                filter=Q(kind=EntryKind.PAYOUT, payout__status=PayoutStatus.PENDING),
                default=_ZERO,
            ),
        )
        .order_by("vendor__name_th", "vendor_id")
    )


def _row(row: dict[str, Any]) -> VendorBalance:
    def money(key: str) -> Decimal:
        value = row[key]
        assert isinstance(value, Decimal)  # noqa: S101
        return value

    return VendorBalance(
        vendor_id=int(str(row["vendor_id"])),
        vendor_name=str(row["vendor__name_th"]),
        credits=money("credits"),
        refunds=money("refunds"),
        payouts=money("payouts"),
        balance=money("balance"),
        on_hold=money("on_hold"),
        in_transit=-money("in_transit"),
    )


def vendor_balances(*, as_of: datetime | None = None) -> list[VendorBalance]:
    """Every vendor that has a ledger, with its balance; one query."""
    cutoff = (as_of or timezone.now()) - timedelta(days=payout_hold_days())
    return [_row(row) for row in _balances(LedgerEntry.objects.all(), cutoff=cutoff)]


def vendor_balance(*, vendor: Vendor, as_of: datetime | None = None) -> VendorBalance:
    """The vendor's balance (zeros when it has no ledger yet); one query."""
    cutoff = (as_of or timezone.now()) - timedelta(days=payout_hold_days())
    rows = _balances(LedgerEntry.objects.filter(vendor=vendor), cutoff=cutoff)
    if rows:
        return _row(rows[0])
    return VendorBalance(vendor.pk, vendor.name_th, *([_ZERO] * 6))


def vendor_ledger_entries(*, vendor: Vendor) -> QuerySet[LedgerEntry]:
    """The vendor's ledger, newest first: what the vendor portal shows. Refunds still waiting
    for their order's delivery are included (posted_at is None)."""
    return (
        LedgerEntry.objects.filter(vendor=vendor)
        .select_related("vendor_order", "payout")
        .order_by("-created_at", "-id")
    )


def vendor_payouts(*, vendor: Vendor) -> QuerySet[Payout]:
    return Payout.objects.filter(vendor=vendor).select_related("run").order_by("-created_at", "-id")


def payout_run_pending_payouts(*, run: PayoutRun) -> QuerySet[Payout]:
    """The run's payouts still waiting for the bank: the lines of its batch file."""
    return run.payouts.filter(status=PayoutStatus.PENDING).select_related("vendor").order_by("id")
