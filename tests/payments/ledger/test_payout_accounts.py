"""Vendors' payout accounts: Thai banks and PromptPay ids, validated, changed by owners only."""

from __future__ import annotations

import pytest

from marketplace.vendors.models import MembershipRole
from payments.ledger.destinations import promptpay_id_normalize, thai_id_checksum_valid
from payments.ledger.errors import LedgerError, LedgerErrorCode
from payments.ledger.models import DestinationKind, PromptPayKind
from payments.ledger.services import payout_account_set_bank, payout_account_set_promptpay
from tests.factories.accounts import UserFactory
from tests.factories.checkout import stall
from tests.factories.vendors import VendorMembershipFactory

pytestmark = pytest.mark.django_db


def test_an_owner_sets_a_bank_account_written_with_dashes() -> None:
    shop = stall()
    account = payout_account_set_bank(
        vendor=shop.vendor,
        by=shop.owner.user,
        bank_code="014",
        account_number="123-4-56789-0",
        account_name="  นางมาลี   ศรีสุข ",
    )
    assert (account.kind, account.bank_code, account.account_number, account.account_name) == (
        DestinationKind.BANK,
        "014",
        "1234567890",
        "นางมาลี ศรีสุข",
    )


@pytest.mark.parametrize(
    ("bank_code", "number", "code"),
    [
        ("999", "1234567890", LedgerErrorCode.INVALID_BANK),
        ("014", "123456789", LedgerErrorCode.INVALID_ACCOUNT_NUMBER),  # 9 digits
        ("014", "12345678901", LedgerErrorCode.INVALID_ACCOUNT_NUMBER),  # 11 digits
        ("014", "12345A7890", LedgerErrorCode.INVALID_ACCOUNT_NUMBER),
        ("014", "๑๒๓๔๕๖๗๘๙๐", LedgerErrorCode.INVALID_ACCOUNT_NUMBER),  # Thai digits
        ("030", "1234567890", LedgerErrorCode.INVALID_ACCOUNT_NUMBER),  # GSB has 12
    ],
)
def test_bank_accounts_that_cannot_exist_are_refused(
    bank_code: str, number: str, code: LedgerErrorCode
) -> None:
    shop = stall()
    with pytest.raises(LedgerError) as refused:
        payout_account_set_bank(
            vendor=shop.vendor,
            by=shop.owner.user,
            bank_code=bank_code,
            account_number=number,
            account_name="มาลี",
        )
    assert refused.value.code == code


def test_a_twelve_digit_government_savings_bank_account_is_accepted() -> None:
    shop = stall()
    account = payout_account_set_bank(
        vendor=shop.vendor,
        by=shop.owner.user,
        bank_code="030",
        account_number="020012345678",
        account_name="มาลี",
    )
    assert account.account_number == "020012345678"


def test_the_account_holders_name_is_required() -> None:
    shop = stall()
    with pytest.raises(LedgerError) as refused:
        payout_account_set_promptpay(
            vendor=shop.vendor, by=shop.owner.user, promptpay_id="0812345678", account_name=" "
        )
    assert (refused.value.code, refused.value.field) == (
        LedgerErrorCode.ACCOUNT_NAME_REQUIRED,
        "account_name",
    )


@pytest.mark.parametrize(
    ("raw", "kind", "stored"),
    [
        ("1-1017-00207-03-0", PromptPayKind.ID_NUMBER, "1101700207030"),
        ("0105550123451", PromptPayKind.ID_NUMBER, "0105550123451"),  # a company's tax id
        ("081-234-5678", PromptPayKind.MOBILE, "0812345678"),
        ("+66 91 234 5678", PromptPayKind.MOBILE, "0912345678"),
    ],
)
def test_promptpay_takes_a_checked_id_number_or_a_thai_mobile(
    raw: str, kind: str, stored: str
) -> None:
    shop = stall()
    account = payout_account_set_promptpay(
        vendor=shop.vendor, by=shop.owner.user, promptpay_id=raw, account_name="มาลี ศรีสุข"
    )
    assert (account.kind, account.promptpay_kind, account.promptpay_id) == (
        DestinationKind.PROMPTPAY,
        kind,
        stored,
    )
    assert account.bank_code == account.account_number == ""


@pytest.mark.parametrize(
    "raw",
    ["1101700207031", "110170020703", "053511111", "0212345678", "abc", ""],
)
def test_promptpay_ids_with_a_wrong_check_digit_or_a_landline_are_refused(raw: str) -> None:
    assert promptpay_id_normalize(raw) is None
    shop = stall()
    with pytest.raises(LedgerError) as refused:
        payout_account_set_promptpay(
            vendor=shop.vendor, by=shop.owner.user, promptpay_id=raw, account_name="มาลี"
        )
    assert refused.value.code == LedgerErrorCode.INVALID_PROMPTPAY_ID


def test_the_check_digit_rule_of_thai_id_numbers() -> None:
    assert thai_id_checksum_valid("1101700207030")
    assert not thai_id_checksum_valid("1101700207039")


def test_switching_to_promptpay_clears_the_bank_account() -> None:
    shop = stall()
    payout_account_set_bank(
        vendor=shop.vendor,
        by=shop.owner.user,
        bank_code="004",
        account_number="1234567890",
        account_name="มาลี",
    )
    account = payout_account_set_promptpay(
        vendor=shop.vendor, by=shop.owner.user, promptpay_id="0812345678", account_name="มาลี"
    )
    assert (account.kind, account.bank_code, account.account_number) == (
        DestinationKind.PROMPTPAY,
        "",
        "",
    )


@pytest.mark.parametrize("who", ["staff", "stranger", "inactive owner"])
def test_only_an_active_owner_may_change_where_the_money_goes(who: str) -> None:
    shop = stall()
    if who == "staff":
        user = VendorMembershipFactory.create(vendor=shop.vendor, role=MembershipRole.STAFF).user
    elif who == "stranger":
        user = UserFactory.create()
    else:
        user = shop.owner.user
        user.is_active = False
        user.save()
    with pytest.raises(LedgerError) as refused:
        payout_account_set_promptpay(
            vendor=shop.vendor, by=user, promptpay_id="0812345678", account_name="มาลี"
        )
    assert refused.value.code == LedgerErrorCode.NOT_OWNER
    assert not hasattr(shop.vendor, "payout_account") or shop.vendor.payout_account.kind == ""
