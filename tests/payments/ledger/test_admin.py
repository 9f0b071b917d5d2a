"""Operators: balances, a payout run from the admin, the batch file, the bank's results."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from payments.ledger.models import EntryKind, LedgerEntry, Payout, PayoutRun, PayoutStatus
from payments.ledger.selectors import vendor_balance
from payments.ledger.services import payout_run_create
from tests.factories.accounts import UserFactory
from tests.factories.checkout import stall
from tests.factories.otp import otp_force_login
from tests.payments.ledger.factories import VendorPayoutAccountFactory
from tests.payments.ledger.helpers import delivered

pytestmark = pytest.mark.django_db
EN = {"accept-language": "en"}


@pytest.fixture
def operator_client(client: Client) -> Client:
    otp_force_login(client, UserFactory.create(is_staff=True, is_superuser=True))
    return client


def _due_run() -> PayoutRun:
    silk = stall()
    VendorPayoutAccountFactory.create(vendor=silk.vendor)
    delivered(silk)
    run = payout_run_create(by=None, as_of=timezone.now() + timedelta(days=30))
    assert run is not None
    return run


def test_operator_sees_every_vendors_balance(operator_client: Client) -> None:
    silk, pottery = stall(), stall(price="100.00")
    delivered(silk, pottery)
    page = operator_client.get("/admin/ledger/ledgerentry/balances/", headers=EN)
    assert page.status_code == 200
    html = page.content.decode()
    assert silk.vendor.name_th in html and "500.00" in html and "140.00" in html
    listing = operator_client.get(f"/admin/ledger/ledgerentry/?vendor__id__exact={silk.vendor.pk}")
    assert listing.status_code == 200
    assert (
        "Vendor balances"
        in operator_client.get("/admin/ledger/ledgerentry/", headers=EN).content.decode()
    )


def test_operator_runs_a_payout_from_the_admin(operator_client: Client, settings) -> None:
    settings.PAYOUT_HOLD_DAYS = 0
    silk = stall()
    VendorPayoutAccountFactory.create(vendor=silk.vendor)
    delivered(silk)
    LedgerEntry.objects.filter(kind=EntryKind.CREDIT).update(
        posted_at=timezone.now() - timedelta(days=1)
    )
    response = operator_client.post("/admin/ledger/payoutrun/start/", follow=True, headers=EN)
    run = PayoutRun.objects.get()
    assert response.redirect_chain[-1][0] == f"/admin/ledger/payoutrun/{run.pk}/change/"
    html = response.content.decode()
    assert "Download the bank batch file" in html
    assert run.payouts.get().amount == Decimal("500.00")

    again = operator_client.post("/admin/ledger/payoutrun/start/", follow=True, headers=EN)
    assert "Nobody is owed a payout now." in again.content.decode()
    assert PayoutRun.objects.count() == 1


def test_a_staff_user_without_the_permission_cannot_run_payouts(client: Client) -> None:
    otp_force_login(client, UserFactory.create(is_staff=True))
    assert client.post("/admin/ledger/payoutrun/start/").status_code == 403


def test_operator_downloads_the_batch_file(operator_client: Client) -> None:
    run = _due_run()
    response = operator_client.get(f"/admin/ledger/payoutrun/{run.pk}/batch.csv")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{run.reference}.csv"'
    body = response.content.decode("utf-8-sig")
    assert body.startswith("payout_reference,") and run.payouts.get().reference in body


def test_operator_enters_the_banks_reference_to_mark_a_payout_paid(
    operator_client: Client,
) -> None:
    payout = _due_run().payouts.get()
    page = operator_client.get(f"/admin/ledger/payout/{payout.pk}/change/", headers=EN)
    html = page.content.decode()
    assert "Enter the bank's result" in html
    operator_client.post(
        f"/admin/ledger/payout/{payout.pk}/settle/",
        {"result": "paid", "bank_reference": "SCB-20250101-77", "reason": ""},
    )
    payout.refresh_from_db()
    assert (payout.status, payout.bank_reference) == (PayoutStatus.PAID, "SCB-20250101-77")
    assert payout.settled_by is not None


def test_marking_paid_without_a_reference_shows_the_rule(operator_client: Client) -> None:
    payout = _due_run().payouts.get()
    page = operator_client.post(
        f"/admin/ledger/payout/{payout.pk}/settle/",
        {"result": "paid", "bank_reference": "", "reason": ""},
        headers=EN,
    )
    assert page.status_code == 200
    assert "Enter the bank&#x27;s reference" in page.content.decode()
    assert Payout.objects.get().status == PayoutStatus.PENDING


def test_operator_marks_a_payout_failed_and_the_money_returns(operator_client: Client) -> None:
    payout = _due_run().payouts.get()
    operator_client.post(
        f"/admin/ledger/payout/{payout.pk}/settle/",
        {"result": "failed", "bank_reference": "", "reason": "เลขบัญชีไม่ถูกต้อง"},
    )
    payout.refresh_from_db()
    assert payout.status == PayoutStatus.FAILED
    assert vendor_balance(vendor=payout.vendor).balance == Decimal("500.00")


def test_operator_uploads_the_banks_results_file(operator_client: Client) -> None:
    run = _due_run()
    payout = run.payouts.get()
    upload = SimpleUploadedFile(
        "results.csv",
        f"payout_reference,result,bank_reference,reason\n{payout.reference},paid,KB-1,\n".encode(),
        content_type="text/csv",
    )
    response = operator_client.post(
        f"/admin/ledger/payoutrun/{run.pk}/results/", {"file": upload}, follow=True, headers=EN
    )
    assert "1 payouts marked paid, 0 failed." in response.content.decode()
    payout.refresh_from_db()
    assert payout.status == PayoutStatus.PAID


def test_the_payout_run_list_has_a_bounded_number_of_queries(
    operator_client: Client, django_assert_max_num_queries
) -> None:
    for _ in range(3):
        _due_run()
    with django_assert_max_num_queries(12):
        response = operator_client.get("/admin/ledger/payoutrun/")
    assert response.status_code == 200


def test_operators_cannot_edit_a_vendors_payout_account(operator_client: Client) -> None:
    account = VendorPayoutAccountFactory.create()
    page = operator_client.get(f"/admin/ledger/vendorpayoutaccount/{account.pk}/change/")
    assert page.status_code == 200
    operator_client.post(
        f"/admin/ledger/vendorpayoutaccount/{account.pk}/change/",
        {"account_number": "9999999999"},
    )
    account.refresh_from_db()
    assert account.account_number != "9999999999"
