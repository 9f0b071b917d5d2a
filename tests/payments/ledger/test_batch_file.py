"""The bank batch file: its documented format, and the bank's results applied back."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from payments.ledger.batch import COLUMNS, batch_file_write, results_file_read
from payments.ledger.errors import LedgerError, LedgerErrorCode
from payments.ledger.models import PayoutRun, PayoutStatus
from payments.ledger.selectors import payout_run_pending_payouts, vendor_balance
from payments.ledger.services import (
    payout_account_set_bank,
    payout_account_set_promptpay,
    payout_results_apply,
    payout_run_create,
)
from tests.factories.checkout import VendorStall, stall
from tests.payments.ledger.helpers import delivered

pytestmark = pytest.mark.django_db


def _run(*stalls: VendorStall) -> PayoutRun:
    delivered(*stalls)
    run = payout_run_create(by=None, as_of=timezone.now() + timedelta(days=30))
    assert run is not None
    return run


@pytest.fixture
def two_vendors() -> tuple[VendorStall, VendorStall]:
    silk, pottery = stall(price="1850.00"), stall(price="320.50")
    payout_account_set_bank(
        vendor=silk.vendor,
        by=silk.owner.user,
        bank_code="004",
        account_number="0123456789",
        account_name="กลุ่มทอผ้า, บ้านหนองเงือก",
    )
    payout_account_set_promptpay(
        vendor=pottery.vendor, by=pottery.owner.user, promptpay_id="0812345678", account_name="ดวง"
    )
    return silk, pottery


def test_the_batch_file_has_the_documented_columns_and_one_line_per_vendor_payout(
    two_vendors: tuple[VendorStall, VendorStall],
) -> None:
    silk, pottery = two_vendors
    run = _run(silk, pottery)

    data = batch_file_write(payout_run_pending_payouts(run=run))

    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark
    text = data.decode("utf-8-sig")
    assert text.count("\r\n") == 3 and "\n" not in text.replace("\r\n", "")
    header, *rows = list(csv.reader(io.StringIO(text)))
    assert (
        tuple(header)
        == COLUMNS
        == (
            "payout_reference",
            "vendor_id",
            "vendor_name",
            "account_name",
            "destination_type",
            "bank_code",
            "bank_short_name",
            "account_number",
            "promptpay_id",
            "promptpay_type",
            "amount",
            "currency",
            "note",
        )
    )
    silk_payout, pottery_payout = run.payouts.order_by("id")
    assert rows == [
        [
            silk_payout.reference,
            str(silk.vendor.pk),
            silk.vendor.name_th,
            "กลุ่มทอผ้า, บ้านหนองเงือก",  # a comma inside is quoted, not a new column
            "BANK",
            "004",
            "KBANK",
            "0123456789",  # leading zero kept
            "",
            "",
            "1715.00",  # 1,850 + 50 - 185
            "THB",
            f"Kad payout {silk_payout.reference}",
        ],
        [
            pottery_payout.reference,
            str(pottery.vendor.pk),
            pottery.vendor.name_th,
            "ดวง",
            "PROMPTPAY",
            "",
            "",
            "",
            "0812345678",
            "MOBILE",
            "338.45",  # 320.50 + 50 - 32.05
            "THB",
            f"Kad payout {pottery_payout.reference}",
        ],
    ]
    assert silk_payout.reference.startswith("KAD-PO-")


def test_settled_payouts_leave_the_batch_file(two_vendors: tuple[VendorStall, VendorStall]) -> None:
    run = _run(*two_vendors)
    first = run.payouts.order_by("id").first()
    assert first is not None
    payout_results_apply(
        run=run,
        rows=[{"payout_reference": first.reference, "result": "paid", "bank_reference": "X1"}],
        by=None,
    )
    rows = batch_file_write(payout_run_pending_payouts(run=run)).decode("utf-8-sig").splitlines()
    assert len(rows) == 2 and first.reference not in rows[1]


def test_the_banks_results_file_marks_payouts_paid_or_failed(
    two_vendors: tuple[VendorStall, VendorStall],
) -> None:
    silk, pottery = two_vendors
    run = _run(silk, pottery)
    silk_payout, pottery_payout = run.payouts.order_by("id")
    results = (
        "payout_reference,result,bank_reference,reason\r\n"
        f"{silk_payout.reference},paid,KB-778899,\r\n"
        f"{pottery_payout.reference},FAILED,,พร้อมเพย์ไม่ถูกต้อง\r\n"
    ).encode("utf-8-sig")

    assert payout_results_apply(run=run, rows=results_file_read(results), by=None) == (1, 1)

    silk_payout.refresh_from_db()
    pottery_payout.refresh_from_db()
    assert (silk_payout.status, silk_payout.bank_reference) == (PayoutStatus.PAID, "KB-778899")
    assert (pottery_payout.status, pottery_payout.failure_reason) == (
        PayoutStatus.FAILED,
        "พร้อมเพย์ไม่ถูกต้อง",
    )
    assert vendor_balance(vendor=silk.vendor).balance == Decimal("0.00")
    assert vendor_balance(vendor=pottery.vendor).balance == Decimal("338.45")


def test_a_results_file_with_an_unknown_line_changes_nothing(
    two_vendors: tuple[VendorStall, VendorStall],
) -> None:
    run = _run(*two_vendors)
    first = run.payouts.order_by("id").first()
    assert first is not None
    rows = [
        {"payout_reference": first.reference, "result": "paid", "bank_reference": "KB-1"},
        {"payout_reference": "KAD-PO-99999999", "result": "paid", "bank_reference": "KB-2"},
    ]
    with pytest.raises(LedgerError) as refused:
        payout_results_apply(run=run, rows=rows, by=None)
    assert refused.value.code == LedgerErrorCode.INVALID_RESULTS_FILE
    assert "3" in refused.value.message  # the file's line number
    assert set(run.payouts.values_list("status", flat=True)) == {PayoutStatus.PENDING}


def test_the_pending_payouts_of_a_run_are_read_in_one_query(
    two_vendors: tuple[VendorStall, VendorStall], django_assert_max_num_queries
) -> None:
    run = _run(*two_vendors)
    with django_assert_max_num_queries(1):
        batch_file_write(payout_run_pending_payouts(run=run))
