"""The vendor's monthly statement and the payout account as the portal shows it."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from marketplace.vendors.models import MembershipRole
from payments.ledger.errors import LedgerError, LedgerErrorCode
from payments.ledger.models import LedgerEntry, PayoutMethod, VendorPayoutAccount
from payments.ledger.selectors import (
    mask_digits,
    month_bounds,
    vendor_payout_account,
    vendor_statement,
    vendor_statement_months,
)
from payments.ledger.services import (
    ledger_debit_refund,
    payout_account_set_bank,
    payout_account_set_promptpay,
    payout_mark_failed,
    payout_run_create,
)
from tests.factories.checkout import stall
from tests.factories.vendors import VendorMembershipFactory
from tests.payments.ledger.factories import VendorPayoutAccountFactory
from tests.payments.ledger.helpers import deliver, delivered, place

pytestmark = pytest.mark.django_db

BANGKOK = ZoneInfo("Asia/Bangkok")


def test_a_month_runs_from_midnight_to_midnight_in_bangkok() -> None:
    since, until = month_bounds(date(2026, 1, 15))
    assert since == datetime(2026, 1, 1, tzinfo=BANGKOK)
    assert until == datetime(2026, 2, 1, tzinfo=BANGKOK)
    # 31 Jan 2026 23:30 in Bangkok is 16:30 UTC: still January.
    assert since <= datetime(2026, 1, 31, 16, 30, tzinfo=ZoneInfo("UTC")) < until


def test_a_failed_payout_comes_back_into_the_statement() -> None:
    shop = stall(price="500.00")
    delivered(shop)  # 500 + 50 - 50 = 500.00
    VendorPayoutAccountFactory.create(vendor=shop.vendor)
    run = payout_run_create(
        by=None, method=PayoutMethod.BANK_BATCH, as_of=timezone.now() + timedelta(days=30)
    )
    assert run is not None
    payout_mark_failed(payout=run.payouts.get(), reason="บัญชีปิดแล้ว", by=None)

    statement = vendor_statement(vendor=shop.vendor, month=timezone.localdate())

    assert (statement.sales, statement.commission, statement.payouts, statement.closing) == (
        Decimal("550.00"),
        Decimal("50.00"),
        Decimal("0.00"),  # -500 paid, +500 returned
        Decimal("500.00"),
    )


def test_a_refund_waiting_for_delivery_is_not_in_the_statement_until_then() -> None:
    shop = stall(price="500.00")
    vendor_order = place(shop).vendor_orders.get()
    ledger_debit_refund(vendor_order=vendor_order, amount=Decimal("55.00"), reference="re_w")

    before = vendor_statement(vendor=shop.vendor, month=timezone.localdate())
    deliver(vendor_order)
    after = vendor_statement(vendor=shop.vendor, month=timezone.localdate())

    assert (before.refunds, before.closing) == (Decimal("0.00"), Decimal("0.00"))
    # 550 - 50 commission, less the refund of 55 with 5 commission handed back.
    assert (after.sales, after.refunds, after.commission, after.closing) == (
        Decimal("550.00"),
        Decimal("-55.00"),
        Decimal("45.00"),
        Decimal("450.00"),
    )
    assert after.earnings == Decimal("450.00")


def test_statement_months_run_from_the_first_entry_to_this_month_newest_first() -> None:
    shop = stall()
    today = timezone.localdate()
    assert vendor_statement_months(vendor=shop.vendor, today=today) == [today.replace(day=1)]

    delivered(shop)
    LedgerEntry.objects.filter(vendor=shop.vendor).update(
        posted_at=timezone.now() - timedelta(days=70)
    )
    months = vendor_statement_months(vendor=shop.vendor, today=today)
    assert months[0] == today.replace(day=1)
    assert months[-1] == (timezone.localdate() - timedelta(days=70)).replace(day=1)
    assert len(months) in (3, 4)  # 70 days span three or four calendar months


def test_another_shops_entries_never_count() -> None:
    silk, pottery = stall(price="1850.00"), stall(price="320.00")
    delivered(silk, pottery)
    statement = vendor_statement(vendor=pottery.vendor, month=timezone.localdate())
    assert statement.sales == Decimal("370.00")


def test_digits_are_masked_but_the_last_four() -> None:
    assert mask_digits("0041234567") == "••••••4567"
    assert mask_digits("123") == "123"
    assert mask_digits("") == ""


def test_staff_see_the_account_masked_and_owners_see_it_whole() -> None:
    shop = stall()
    VendorPayoutAccountFactory.create(vendor=shop.vendor, account_number="0041234567")
    staff = VendorMembershipFactory.create(vendor=shop.vendor, role=MembershipRole.STAFF).user

    for_staff = vendor_payout_account(vendor=shop.vendor, viewer=staff)
    for_owner = vendor_payout_account(vendor=shop.vendor, viewer=shop.owner.user)

    assert (for_staff.masked, for_staff.account_number) == (True, "••••••4567")
    assert (for_owner.masked, for_owner.account_number) == (False, "0041234567")
    assert for_owner.bank_name == "Kasikornbank" or for_owner.bank_name == "ธนาคารกสิกรไทย"


def test_a_promptpay_national_id_is_masked_for_staff() -> None:
    shop = stall()
    payout_account_set_promptpay(
        vendor=shop.vendor,
        by=shop.owner.user,
        promptpay_id="1101700230708",
        account_name="มาลี",
    )
    staff = VendorMembershipFactory.create(vendor=shop.vendor, role=MembershipRole.STAFF).user
    assert vendor_payout_account(vendor=shop.vendor, viewer=staff).promptpay_id == "•••••••••0708"


def test_a_shop_without_an_account_shows_nothing_set() -> None:
    shop = stall()
    view = vendor_payout_account(vendor=shop.vendor, viewer=shop.owner.user)
    assert (view.is_set, view.account_number, view.masked) == (False, "", False)


@pytest.mark.parametrize("who", ["staff", "owner of another shop"])
def test_only_the_shops_own_owner_may_set_a_bank_account(who: str) -> None:
    shop = stall()
    VendorPayoutAccountFactory.create(vendor=shop.vendor, account_number="0041234567")
    if who == "staff":
        user = VendorMembershipFactory.create(vendor=shop.vendor, role=MembershipRole.STAFF).user
    else:
        user = stall().owner.user
    with pytest.raises(LedgerError) as refused:
        payout_account_set_bank(
            vendor=shop.vendor,
            by=user,
            bank_code="014",
            account_number="9999999999",
            account_name="คนอื่น",
        )
    assert refused.value.code == LedgerErrorCode.NOT_OWNER
    assert VendorPayoutAccount.objects.get(vendor=shop.vendor).account_number == "0041234567"
