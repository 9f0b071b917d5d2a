"""Reads of the payout ledger: a vendor's entries and balance, every vendor's balance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Min, Q, QuerySet, Sum
from django.utils import timezone

from marketplace.accounts.models import User
from marketplace.vendors.models import Vendor
from marketplace.vendors.selectors import vendor_can_manage
from payments.ledger.destinations import BANKS_BY_CODE
from payments.ledger.models import (
    EntryKind,
    LedgerEntry,
    Payout,
    PayoutRun,
    PayoutStatus,
    VendorPayoutAccount,
)
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

    @property
    def next_payout(self) -> Decimal:
        """What the next payout run would send: the payable amount, or nothing when it is not
        above zero (a negative balance is carried forward, never claimed back)."""
        return max(self.payable, _ZERO)


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


# --- The vendor portal's money pages ------------------------------------------------------------

BANGKOK = ZoneInfo("Asia/Bangkok")


@dataclass(frozen=True)
class MonthlyStatement:
    """What happened to a vendor's balance in one calendar month (Asia/Bangkok).

    Entries count in the month they were posted. `sales` is what shoppers paid for delivered
    parcels (with delivery), `refunds` what they got back (negative), `commission` Kad's share
    net of commission handed back on refunds, `payouts` the money sent (negative, a failed
    payout's return included), so that
    closing = opening + sales + refunds - commission + payouts.
    """

    month: date
    opening: Decimal
    sales: Decimal
    refunds: Decimal
    commission: Decimal
    payouts: Decimal
    closing: Decimal

    @property
    def earnings(self) -> Decimal:
        """What the month's orders earned the vendor: sales less refunds and commission."""
        return self.sales + self.refunds - self.commission

    @property
    def commission_taken(self) -> Decimal:
        """The commission as the vendor's statement shows it: money taken off (negative)."""
        return -self.commission


def month_bounds(month: date) -> tuple[datetime, datetime]:
    """The month as aware datetimes [from, to) in Asia/Bangkok."""
    first = month.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return (
        datetime.combine(first, time.min, tzinfo=BANGKOK),
        datetime.combine(following, time.min, tzinfo=BANGKOK),
    )


def vendor_statement(*, vendor: Vendor, month: date) -> MonthlyStatement:
    """The vendor's earnings statement for `month` (any day of it); one query.

    Refunds still waiting for their parcel's delivery (not posted) are not in any statement
    yet: they are posted, and counted, together with the parcel's credit."""
    since, until = month_bounds(month)
    in_month = Q(posted_at__gte=since, posted_at__lt=until)
    order_entry = Q(kind__in=[EntryKind.CREDIT, EntryKind.REFUND])
    payout = Q(kind__in=[EntryKind.PAYOUT, EntryKind.PAYOUT_RETURNED])
    totals = LedgerEntry.objects.filter(
        vendor=vendor, posted_at__isnull=False, posted_at__lt=until
    ).aggregate(
        opening=Sum("amount", filter=Q(posted_at__lt=since), default=_ZERO),
        sales=Sum("gross", filter=in_month & Q(kind=EntryKind.CREDIT), default=_ZERO),
        refunds=Sum("gross", filter=in_month & Q(kind=EntryKind.REFUND), default=_ZERO),
        commission=Sum("commission", filter=in_month & order_entry, default=_ZERO),
        payouts=Sum("amount", filter=in_month & payout, default=_ZERO),
        closing=Sum("amount", default=_ZERO),
    )
    return MonthlyStatement(month=month.replace(day=1), **totals)


def vendor_statement_entries(*, vendor: Vendor, month: date) -> QuerySet[LedgerEntry]:
    """The entries of the vendor's statement for `month`, oldest first (the CSV's lines)."""
    since, until = month_bounds(month)
    return (
        LedgerEntry.objects.filter(vendor=vendor, posted_at__gte=since, posted_at__lt=until)
        .select_related("vendor_order", "payout")
        .order_by("posted_at", "id")
    )


def vendor_statement_months(*, vendor: Vendor, today: date) -> list[date]:
    """The months a statement can be asked for, newest first: from the month of the vendor's
    first posted entry (or this month) to this month. One query."""
    first = LedgerEntry.objects.filter(vendor=vendor, posted_at__isnull=False).aggregate(
        first=Min("posted_at")
    )["first"]
    current = today.replace(day=1)
    month = first.astimezone(BANGKOK).date().replace(day=1) if first else current
    months = []
    while month <= current:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return months[::-1]


@dataclass(frozen=True)
class PayoutAccountView:
    """Where the vendor's money goes, as a member of the shop may see it: an owner sees the
    whole account number and PromptPay id, a staff member only their last four digits."""

    kind: str
    kind_label: str
    account_name: str
    bank_code: str
    bank_name: str
    account_number: str
    promptpay_id: str
    promptpay_kind_label: str
    has_stripe_account: bool
    masked: bool
    updated_at: datetime | None

    @property
    def is_set(self) -> bool:
        return bool(self.kind)


def mask_digits(value: str, *, visible: int = 4) -> str:
    """Every digit but the last `visible` as "•": 1234567890 → ••••••7890."""
    if not value:
        return ""
    return "•" * max(len(value) - visible, 0) + value[-visible:]


def vendor_payout_account(*, vendor: Vendor, viewer: User) -> PayoutAccountView:
    """The vendor's payout destination for `viewer`; numbers masked unless the viewer is one
    of the shop's owners. Two queries (the account, the viewer's role)."""
    account = VendorPayoutAccount.objects.filter(vendor=vendor).first()
    masked = not vendor_can_manage(user=viewer, vendor=vendor, owner_only=True)
    if account is None:
        return PayoutAccountView("", "", "", "", "", "", "", "", False, masked, None)
    bank = BANKS_BY_CODE.get(account.bank_code)
    number, promptpay = account.account_number, account.promptpay_id
    return PayoutAccountView(
        kind=account.kind,
        kind_label=str(account.get_kind_display()) if account.kind else "",
        account_name=account.account_name,
        bank_code=account.bank_code,
        bank_name=str(bank.name) if bank else "",
        account_number=mask_digits(number) if masked else number,
        promptpay_id=mask_digits(promptpay) if masked else promptpay,
        promptpay_kind_label=(
            str(account.get_promptpay_kind_display()) if account.promptpay_kind else ""
        ),
        has_stripe_account=bool(account.stripe_account_id),
        masked=masked,
        updated_at=account.updated_at,
    )
