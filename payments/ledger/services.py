"""Writes to the payout ledger: credits, refund debits, payout accounts, payout runs.

Rules (see README.md for the whole picture):
- a delivered vendor order credits its vendor once: subtotal + shipping - commission;
- a refund debits the vendor the refunded amount less Kad's commission on it (the commission is
  handed back pro rata, so a fully refunded vendor order nets zero for the vendor); a refund of a
  vendor order that is not delivered yet waits and is posted together with the credit;
- a payout run pays each vendor's positive balance, leaving out credits younger than the hold
  period; a debit that arrives after a payout makes the balance negative, and that is carried
  forward: later credits pay it back before anything is paid out again;
- a failed payout is credited back, so the money returns to the balance.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.models import User
from marketplace.core.money import quantize
from marketplace.orders.models import VendorOrder, VendorOrderStatus
from marketplace.vendors.models import Vendor
from marketplace.vendors.selectors import vendor_can_manage
from payments.ledger import stripe_connect
from payments.ledger.destinations import (
    BANKS_BY_CODE,
    bank_account_number_normalize,
    promptpay_id_normalize,
)
from payments.ledger.errors import LedgerError, LedgerErrorCode
from payments.ledger.models import (
    DestinationKind,
    EntryKind,
    LedgerEntry,
    Payout,
    PayoutMethod,
    PayoutRun,
    PayoutStatus,
    VendorPayoutAccount,
)

logger = logging.getLogger(__name__)

# Any constant shared by every process: pg_advisory_xact_lock(key) serialises payout runs.
_PAYOUT_RUN_LOCK = 0x4B41_4450  # "KADP"


def payout_hold_days() -> int:
    return int(getattr(settings, "PAYOUT_HOLD_DAYS", 7))


def payout_method_default() -> str:
    return str(getattr(settings, "PAYOUT_METHOD", PayoutMethod.BANK_BATCH))


# --- Order entries ------------------------------------------------------------------------------


@transaction.atomic
def ledger_credit_delivered(*, vendor_order: VendorOrder) -> LedgerEntry:
    """Credit the vendor for a delivered vendor order: subtotal + shipping - commission.

    Idempotent: a vendor order is credited once (a unique constraint guards it); calling again
    returns the existing credit. Refunds recorded before delivery are posted with it.
    Raises LedgerError(NOT_DELIVERED) when the vendor order is not delivered.
    """
    vendor_order = VendorOrder.objects.select_for_update().get(pk=vendor_order.pk)
    existing = LedgerEntry.objects.filter(kind=EntryKind.CREDIT, vendor_order=vendor_order).first()
    if existing is not None:
        return existing
    if vendor_order.status != VendorOrderStatus.DELIVERED:
        raise LedgerError(
            LedgerErrorCode.NOT_DELIVERED,
            _("Only a delivered order is credited to the vendor."),
            field="vendor_order",
        )
    now = timezone.now()
    gross = quantize(vendor_order.subtotal + vendor_order.shipping_price)
    commission = quantize(vendor_order.commission)
    entry = LedgerEntry(
        vendor_id=vendor_order.vendor_id,
        kind=EntryKind.CREDIT,
        vendor_order=vendor_order,
        gross=gross,
        commission=commission,
        amount=gross - commission,
        posted_at=now,
    )
    entry.full_clean()
    entry.save()
    LedgerEntry.objects.filter(
        kind=EntryKind.REFUND, vendor_order=vendor_order, posted_at__isnull=True
    ).update(posted_at=now)
    return entry


@transaction.atomic
def ledger_debit_refund(
    *, vendor_order: VendorOrder, amount: Decimal, reference: str
) -> LedgerEntry:
    """Debit the vendor for a refund of `amount` THB (what the shopper gets back).

    The vendor is debited the amount less Kad's commission on it, computed on the running
    total of the vendor order's refunds (half-up to the satang) so that partial refunds adding
    up to the whole order hand back exactly the whole commission. Idempotent per `reference`
    (the refund's id): a second call returns the first entry. Locks the vendor order, so two
    refunds of one order are computed one after the other.
    Raises LedgerError: INVALID_AMOUNT, REFUND_EXCEEDS_TOTAL, REFERENCE_REQUIRED,
    REFERENCE_REUSED (the reference was used for another vendor order or amount).
    """
    reference = reference.strip()
    if not reference:
        raise LedgerError(
            LedgerErrorCode.REFERENCE_REQUIRED,
            _("A refund needs its reference."),
            field="reference",
        )
    vendor_order = VendorOrder.objects.select_for_update().get(pk=vendor_order.pk)
    amount = quantize(amount)
    existing = LedgerEntry.objects.filter(kind=EntryKind.REFUND, reference=reference).first()
    if existing is not None:
        if existing.vendor_order_id != vendor_order.pk or -existing.gross != amount:
            raise LedgerError(
                LedgerErrorCode.REFERENCE_REUSED,
                _("This refund reference was already used for another refund."),
                field="reference",
            )
        return existing
    if amount <= 0:
        raise LedgerError(
            LedgerErrorCode.INVALID_AMOUNT, _("A refund must be more than zero."), field="amount"
        )
    total = quantize(vendor_order.subtotal + vendor_order.shipping_price)
    before = LedgerEntry.objects.filter(kind=EntryKind.REFUND, vendor_order=vendor_order).aggregate(
        refunded=Sum("gross"), commission=Sum("commission")
    )
    refunded_before = -(before["refunded"] or Decimal(0))
    commission_back_before = -(before["commission"] or Decimal(0))
    if refunded_before + amount > total:
        raise LedgerError(
            LedgerErrorCode.REFUND_EXCEEDS_TOTAL,
            _("Refunds of this order would exceed its total of %(total)s THB."),
            field="amount",
            params={"total": total},
        )
    commission_back_after = quantize(vendor_order.commission * (refunded_before + amount) / total)
    commission_back = commission_back_after - commission_back_before
    credited = LedgerEntry.objects.filter(kind=EntryKind.CREDIT, vendor_order=vendor_order).exists()
    entry = LedgerEntry(
        vendor_id=vendor_order.vendor_id,
        kind=EntryKind.REFUND,
        vendor_order=vendor_order,
        gross=-amount,
        commission=-commission_back,
        amount=-(amount - commission_back),
        reference=reference,
        posted_at=timezone.now() if credited else None,
    )
    entry.full_clean(validate_unique=False)
    entry.save()
    return entry


# --- Payout accounts ----------------------------------------------------------------------------


def _check_owner(*, vendor: Vendor, by: User) -> None:
    if not vendor_can_manage(user=by, vendor=vendor, owner_only=True):
        raise LedgerError(
            LedgerErrorCode.NOT_OWNER,
            _("Only the shop's owners can change where its money is paid."),
        )


def _account_name(account_name: str) -> str:
    account_name = " ".join(account_name.split())
    if not account_name:
        raise LedgerError(
            LedgerErrorCode.ACCOUNT_NAME_REQUIRED,
            _("Enter the account holder's name as the bank knows it."),
            field="account_name",
        )
    return account_name


def _locked_account(vendor: Vendor) -> VendorPayoutAccount:
    VendorPayoutAccount.objects.get_or_create(vendor=vendor)
    return VendorPayoutAccount.objects.select_for_update().get(vendor=vendor)


@transaction.atomic
def payout_account_set_bank(
    *, vendor: Vendor, by: User, bank_code: str, account_number: str, account_name: str
) -> VendorPayoutAccount:
    """Pay the vendor into a Thai bank account. Owners only.

    Raises LedgerError: NOT_OWNER, INVALID_BANK, INVALID_ACCOUNT_NUMBER, ACCOUNT_NAME_REQUIRED.
    """
    _check_owner(vendor=vendor, by=by)
    if bank_code not in BANKS_BY_CODE:
        raise LedgerError(LedgerErrorCode.INVALID_BANK, _("Choose a Thai bank."), field="bank_code")
    number = bank_account_number_normalize(bank_code=bank_code, raw=account_number)
    if number is None:
        raise LedgerError(
            LedgerErrorCode.INVALID_ACCOUNT_NUMBER,
            _("Enter the account number with digits only: %(lengths)s digits at this bank."),
            field="account_number",
            params={"lengths": " / ".join(map(str, BANKS_BY_CODE[bank_code].account_lengths))},
        )
    account = _locked_account(vendor)
    account.kind = DestinationKind.BANK
    account.account_name = _account_name(account_name)
    account.bank_code, account.account_number = bank_code, number
    account.promptpay_id = account.promptpay_kind = ""
    account.updated_by = by
    account.full_clean()
    account.save()
    return account


@transaction.atomic
def payout_account_set_promptpay(
    *, vendor: Vendor, by: User, promptpay_id: str, account_name: str
) -> VendorPayoutAccount:
    """Pay the vendor by PromptPay: a 13-digit national/tax id or a Thai mobile number.

    Raises LedgerError: NOT_OWNER, INVALID_PROMPTPAY_ID, ACCOUNT_NAME_REQUIRED.
    """
    _check_owner(vendor=vendor, by=by)
    parsed = promptpay_id_normalize(promptpay_id)
    if parsed is None:
        raise LedgerError(
            LedgerErrorCode.INVALID_PROMPTPAY_ID,
            _("Enter a 13-digit national ID or tax ID, or a Thai mobile number."),
            field="promptpay_id",
        )
    account = _locked_account(vendor)
    account.kind = DestinationKind.PROMPTPAY
    account.account_name = _account_name(account_name)
    account.promptpay_kind, account.promptpay_id = parsed
    account.bank_code = account.account_number = ""
    account.updated_by = by
    account.full_clean()
    account.save()
    return account


def payout_account_connect_onboard(
    *, vendor: Vendor, by: User, refresh_url: str, return_url: str
) -> str:
    """Start or continue Stripe Connect onboarding: the URL of a Stripe account link.

    Creates the vendor's connected account once (idempotency key per vendor, so a retry after a
    lost answer finds the same account). Owners only.
    Raises LedgerError: NOT_OWNER, STRIPE_NOT_CONFIGURED, STRIPE_FAILED.
    """
    _check_owner(vendor=vendor, by=by)
    with transaction.atomic():
        account = _locked_account(vendor)
        if not account.stripe_account_id:
            account.stripe_account_id = stripe_connect.account_create(
                vendor_id=vendor.pk, email=vendor.email
            )
            account.updated_by = by
            account.save(update_fields=["stripe_account_id", "updated_by", "updated_at"])
    return stripe_connect.account_link_create(
        account_id=account.stripe_account_id, refresh_url=refresh_url, return_url=return_url
    )


# --- Payout runs --------------------------------------------------------------------------------


def _destination(account: VendorPayoutAccount | None, method: str) -> dict[str, str] | None:
    if account is None:
        return None
    if method == PayoutMethod.STRIPE_CONNECT:
        return (
            {"stripe_account_id": account.stripe_account_id} if account.stripe_account_id else None
        )
    if not account.kind:
        return None
    return {
        "destination_kind": account.kind,
        "account_name": account.account_name,
        "bank_code": account.bank_code,
        "account_number": account.account_number,
        "promptpay_id": account.promptpay_id,
        "promptpay_kind": account.promptpay_kind,
    }


@transaction.atomic
def payout_run_create(
    *, by: User | None = None, method: str | None = None, as_of: datetime | None = None
) -> PayoutRun | None:
    """Pay every vendor its payable balance; None when nobody is owed anything.

    Payable = the posted balance less credits posted after the hold cutoff (`as_of`, default
    now, minus PAYOUT_HOLD_DAYS); debits always count, so a negative balance is carried forward.
    Vendors with money due but no payout destination for `method` are listed in `run.skipped`.
    Two runs never pay twice: the run holds a transaction-level advisory lock, so a second run
    waits for the first to commit and then sees its payouts in the balances.
    Bank batch payouts stay pending until an operator enters the bank's result; Stripe Connect
    payouts are transferred by a task queued on commit (`payout_transfer_send`).
    Raises LedgerError(INVALID_PAYOUT_METHOD).
    """
    method = method or payout_method_default()
    if method not in PayoutMethod.values:
        raise LedgerError(
            LedgerErrorCode.INVALID_PAYOUT_METHOD, _("Unknown payout method."), field="method"
        )
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PAYOUT_RUN_LOCK])
    now = timezone.now()
    cutoff = (as_of or now) - timedelta(days=payout_hold_days())
    due = (
        LedgerEntry.objects.filter(posted_at__isnull=False)
        .values("vendor_id")
        .annotate(payable=Sum("amount", filter=~Q(kind=EntryKind.CREDIT, posted_at__gt=cutoff)))
        .filter(payable__gt=0)
        .order_by("vendor_id")
    )
    owed = {row["vendor_id"]: quantize(row["payable"]) for row in due}
    if not owed:
        return None
    accounts = {a.vendor_id: a for a in VendorPayoutAccount.objects.filter(vendor_id__in=owed)}
    run = PayoutRun.objects.create(method=method, hold_cutoff=cutoff, created_by=by)
    skipped: list[dict[str, Any]] = []
    for vendor_id, amount in owed.items():
        destination = _destination(accounts.get(vendor_id), method)
        if destination is None:
            skipped.append({"vendor_id": vendor_id, "amount": str(amount)})
            continue
        payout = Payout.objects.create(
            run=run, vendor_id=vendor_id, amount=amount, method=method, **destination
        )
        LedgerEntry.objects.create(
            vendor_id=vendor_id,
            kind=EntryKind.PAYOUT,
            payout=payout,
            gross=-amount,
            amount=-amount,
            posted_at=now,
        )
        if method == PayoutMethod.STRIPE_CONNECT:
            _queue_transfer(payout.pk)
    if skipped:
        run.skipped = skipped
        run.save(update_fields=["skipped"])
        logger.warning("payout run %s: %d vendors without a payout account", run.pk, len(skipped))
    return run


def _queue_transfer(payout_id: int) -> None:
    from payments.ledger.tasks import payout_transfer_send_task

    transaction.on_commit(
        lambda: payout_transfer_send_task.apply_async(
            kwargs={"payout_id": payout_id}, queue="payments"
        )
    )


def _locked_pending(payout: Payout) -> Payout:
    payout = Payout.objects.select_for_update().get(pk=payout.pk)
    if payout.status != PayoutStatus.PENDING:
        raise LedgerError(
            LedgerErrorCode.PAYOUT_NOT_PENDING,
            _("Payout %(reference)s is already settled (%(status)s)."),
            field="status",
            params={"reference": payout.reference, "status": payout.get_status_display()},
        )
    return payout


@transaction.atomic
def payout_mark_paid(
    *, payout: Payout, bank_reference: str, by: User | None, stripe_transfer_id: str = ""
) -> Payout:
    """The bank (or Stripe) paid it: record its reference. Only a pending payout.

    Raises LedgerError: PAYOUT_NOT_PENDING, BANK_REFERENCE_REQUIRED.
    """
    bank_reference = bank_reference.strip()
    if not bank_reference:
        raise LedgerError(
            LedgerErrorCode.BANK_REFERENCE_REQUIRED,
            _("Enter the bank's reference for this payment."),
            field="bank_reference",
        )
    payout = _locked_pending(payout)
    payout.status = PayoutStatus.PAID
    payout.bank_reference = bank_reference
    payout.stripe_transfer_id = stripe_transfer_id
    payout.settled_by, payout.settled_at = by, timezone.now()
    payout.full_clean()
    payout.save()
    return payout


@transaction.atomic
def payout_mark_failed(
    *, payout: Payout, reason: str, by: User | None, bank_reference: str = ""
) -> Payout:
    """The payment did not reach the vendor: the amount is credited back to its balance and is
    paid again by a later run. Only a pending payout.

    Raises LedgerError: PAYOUT_NOT_PENDING, REASON_REQUIRED.
    """
    reason = reason.strip()
    if not reason:
        raise LedgerError(
            LedgerErrorCode.REASON_REQUIRED, _("Say why the payment failed."), field="reason"
        )
    payout = _locked_pending(payout)
    payout.status = PayoutStatus.FAILED
    payout.failure_reason = reason
    payout.bank_reference = bank_reference.strip()
    payout.settled_by, payout.settled_at = by, timezone.now()
    payout.full_clean()
    payout.save()
    LedgerEntry.objects.create(
        vendor_id=payout.vendor_id,
        kind=EntryKind.PAYOUT_RETURNED,
        payout=payout,
        gross=payout.amount,
        amount=payout.amount,
        posted_at=payout.settled_at,
    )
    return payout


def payout_transfer_send(*, payout_id: int) -> Payout:
    """Send a Stripe Connect payout as one Transfer and record the outcome.

    Safe to run twice: a settled payout is left alone, and the Transfer is created with the
    idempotency key `kad-payout-<id>`, so two workers (or a retry after a lost answer) make one
    transfer. The Stripe call runs outside any transaction; the outcome is written under a lock.
    A refusal by Stripe marks the payout failed (its money returns to the balance); a network
    failure raises ConnectionError so that the task retries.
    """
    payout = Payout.objects.select_related("run").get(pk=payout_id)
    if payout.status != PayoutStatus.PENDING or payout.method != PayoutMethod.STRIPE_CONNECT:
        return payout
    try:
        transfer_id = stripe_connect.transfer_create(
            amount=payout.amount,
            destination=payout.stripe_account_id,
            transfer_group=payout.run.transfer_group,
            idempotency_key=f"kad-payout-{payout.pk}",
            metadata={"payout": payout.reference, "vendor_id": str(payout.vendor_id)},
        )
    except stripe_connect.StripeRefused as refused:
        try:
            return payout_mark_failed(payout=payout, reason=str(refused), by=None)
        except LedgerError:
            return Payout.objects.get(pk=payout_id)
    try:
        return payout_mark_paid(
            payout=payout, bank_reference=transfer_id, stripe_transfer_id=transfer_id, by=None
        )
    except LedgerError:  # settled meanwhile by another worker
        return Payout.objects.get(pk=payout_id)


@transaction.atomic
def payout_results_apply(
    *, run: PayoutRun, rows: list[dict[str, str]], by: User | None
) -> tuple[int, int]:
    """Apply the bank's results to a run's payouts: rows of payout_reference, result
    ("paid"/"failed"), bank_reference, reason. All or nothing. Returns (paid, failed).

    Raises LedgerError(INVALID_RESULTS_FILE) naming the line, or the errors of
    payout_mark_paid / payout_mark_failed.
    """
    payouts = {p.reference: p for p in run.payouts.all()}
    paid = failed = 0
    for line, row in enumerate(rows, start=2):
        payout = payouts.get((row.get("payout_reference") or "").strip())
        result = (row.get("result") or "").strip().lower()
        if payout is None or result not in {PayoutStatus.PAID, PayoutStatus.FAILED}:
            raise LedgerError(
                LedgerErrorCode.INVALID_RESULTS_FILE,
                _("Line %(line)s: unknown payout reference or result (paid / failed)."),
                field="file",
                params={"line": line},
            )
        if result == PayoutStatus.PAID:
            payout_mark_paid(payout=payout, bank_reference=row.get("bank_reference") or "", by=by)
            paid += 1
        else:
            payout_mark_failed(
                payout=payout,
                reason=row.get("reason") or "",
                bank_reference=row.get("bank_reference") or "",
                by=by,
            )
            failed += 1
    return paid, failed
