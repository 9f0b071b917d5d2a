"""The portal's money pages: balance, payouts, the monthly statement and its CSV, the ledger,
and the payout account (owners change it; staff see it masked; nobody sees another shop's)."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from marketplace.accounts.models import User
from marketplace.vendors.models import MembershipRole, Vendor
from payments.ledger.models import (
    EntryKind,
    LedgerEntry,
    Payout,
    PayoutMethod,
    PayoutRun,
    PayoutStatus,
    VendorPayoutAccount,
)
from payments.ledger.services import (
    ledger_debit_refund,
    payout_mark_paid,
    payout_run_create,
)
from tests.factories.checkout import VendorStall, stall
from tests.factories.vendors import VendorMembershipFactory
from tests.payments.ledger.factories import VendorPayoutAccountFactory
from tests.payments.ledger.helpers import delivered
from tests.payments.ledger.test_stripe_connect import (  # noqa: F401 - a Stripe-shaped server
    FakeStripe,
    fake_stripe,
)

pytestmark = pytest.mark.django_db


def _signed_in(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


def _staff_of(shop: VendorStall) -> User:
    membership = VendorMembershipFactory.create(vendor=shop.vendor, role=MembershipRole.STAFF)
    return membership.user


def _month_of_previous_month() -> str:
    first = timezone.localdate().replace(day=1)
    return f"{first - timedelta(days=1):%Y-%m}"


def _paid_out(shop: VendorStall, *, bank_reference: str) -> Payout:
    """Pay the shop its whole balance (the hold period long over) and record the bank's ref."""
    VendorPayoutAccountFactory.create(vendor=shop.vendor, account_number="0041234567")
    run = payout_run_create(
        by=None, method=PayoutMethod.BANK_BATCH, as_of=timezone.now() + timedelta(days=30)
    )
    assert run is not None
    payout = run.payouts.get(vendor=shop.vendor)
    return payout_mark_paid(payout=payout, bank_reference=bank_reference, by=None)


@pytest.fixture
def month_of_sales() -> VendorStall:
    """One shop's month, by hand: a delivered order of 2 x 500 THB with 50 THB delivery and 10%
    commission on the goods (credit 1,050 - 100 = 950), a refund of 210 THB (Kad gives back
    100 x 210 / 1,050 = 20 commission, so the debit is 190), and a payout of what is left: 760."""
    shop = stall(price="500.00")
    order = delivered(shop, quantity=2)
    ledger_debit_refund(
        vendor_order=order.vendor_orders.get(), amount=Decimal("210.00"), reference="re_1"
    )
    _paid_out(shop, bank_reference="KBANK-7781")
    return shop


# --- the statement -----------------------------------------------------------------------------


def test_the_statement_adds_up_a_delivered_order_a_refund_and_a_payout(
    client: Client, month_of_sales: VendorStall
) -> None:
    shop = month_of_sales
    response = _signed_in(client, shop.owner.user).get(reverse("vendor_portal:money_statement"))

    assert response.status_code == 200
    statement = response.context["statement"]
    assert (
        statement.opening,
        statement.sales,
        statement.refunds,
        statement.commission,
        statement.earnings,
        statement.payouts,
        statement.closing,
    ) == (
        Decimal("0.00"),
        Decimal("1050.00"),
        Decimal("-210.00"),
        Decimal("80.00"),
        Decimal("760.00"),
        Decimal("-760.00"),
        Decimal("0.00"),
    )
    page = response.content.decode()
    for shown in ("฿1,050.00", "-฿210.00", "-฿80.00", "฿760.00", "-฿760.00"):
        assert shown in page


def test_last_months_entries_make_this_months_opening_balance(client: Client) -> None:
    shop = stall(price="500.00")
    delivered(shop)  # 500 + 50 - 50 = 500.00 for the shop
    last_month = timezone.now() - timedelta(days=timezone.localdate().day + 1)
    LedgerEntry.objects.filter(vendor=shop.vendor).update(posted_at=last_month)
    delivered(shop)  # this month: another 500.00

    signed_in = _signed_in(client, shop.owner.user)
    now = signed_in.get(reverse("vendor_portal:money_statement")).context["statement"]
    before = signed_in.get(
        reverse("vendor_portal:money_statement"), {"month": _month_of_previous_month()}
    ).context["statement"]

    assert (before.opening, before.sales, before.closing) == (
        Decimal("0.00"),
        Decimal("550.00"),
        Decimal("500.00"),
    )
    assert (now.opening, now.sales, now.commission, now.closing) == (
        Decimal("500.00"),
        Decimal("550.00"),
        Decimal("50.00"),
        Decimal("1000.00"),
    )


def test_the_month_choice_shows_thai_buddhist_era_months(client: Client) -> None:
    shop = stall()
    today = timezone.localdate()
    response = _signed_in(client, shop.owner.user).get(
        reverse("vendor_portal:money_statement"), HTTP_ACCEPT_LANGUAGE="th"
    )
    assert f"{today.year + 543}" in response.content.decode()


def test_a_month_that_is_not_offered_falls_back_to_this_month(client: Client) -> None:
    shop = stall()
    response = _signed_in(client, shop.owner.user).get(
        reverse("vendor_portal:money_statement"), {"month": "1999-01"}
    )
    assert response.status_code == 200
    assert response.context["statement"].month == timezone.localdate().replace(day=1)


def test_htmx_gets_only_the_statement_part(client: Client, month_of_sales: VendorStall) -> None:
    response = _signed_in(client, month_of_sales.owner.user).get(
        reverse("vendor_portal:money_statement"), HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert 'id="statement"' in body and "<html" not in body


def test_the_statement_csv_has_the_figures_and_one_line_per_entry(
    client: Client, month_of_sales: VendorStall
) -> None:
    response = _signed_in(client, month_of_sales.owner.user).get(
        reverse("vendor_portal:money_statement_csv"), HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    figures = {row[0]: row[1] for row in rows[1:7]}
    assert figures == {
        "Balance at the start of the month": "0.00",
        "Sales": "1050.00",
        "Refunds": "-210.00",
        "Commission": "-80.00",
        "Payouts": "-760.00",
        "Balance at the end of the month": "0.00",
    }
    entries = rows[9:]
    assert [(row[3], row[4], row[5]) for row in entries] == [
        ("1050.00", "-100.00", "950.00"),
        ("-210.00", "20.00", "-190.00"),
        ("-760.00", "0.00", "-760.00"),
    ]
    assert entries[0][2] == month_of_sales.vendor.vendor_orders.get().number
    assert entries[2][2].startswith("KAD-PO-")


# --- balance, payouts and the ledger ------------------------------------------------------------


def test_the_money_page_shows_the_balance_held_and_payable(client: Client) -> None:
    shop = stall(price="500.00")
    delivered(shop)  # 500.00 for the shop, delivered just now: still on hold
    response = _signed_in(client, shop.owner.user).get(reverse("vendor_portal:money"))

    balance = response.context["balance"]
    assert (balance.balance, balance.on_hold, balance.payable) == (
        Decimal("500.00"),
        Decimal("500.00"),
        Decimal("0.00"),
    )
    assert "฿500.00" in response.content.decode()


def test_the_payouts_list_shows_status_and_bank_reference(
    client: Client, month_of_sales: VendorStall
) -> None:
    response = _signed_in(client, month_of_sales.owner.user).get(
        reverse("vendor_portal:money"), HTTP_ACCEPT_LANGUAGE="en"
    )
    row = response.content.decode().split("KAD-PO-", 1)[1].split("</tr>", 1)[0]
    assert "KBANK-7781" in row
    assert '<td class="status-paid">Paid' in row
    assert "฿760.00" in row


def test_the_ledger_lists_every_entry_newest_first(
    client: Client, month_of_sales: VendorStall
) -> None:
    response = _signed_in(client, month_of_sales.owner.user).get(
        reverse("vendor_portal:money_ledger")
    )
    kinds = [entry.kind for entry in response.context["entries"]]
    assert kinds == [EntryKind.PAYOUT, EntryKind.REFUND, EntryKind.CREDIT]
    assert "-฿190.00" in response.content.decode()


def _many_payouts(vendor: Vendor, count: int) -> None:
    """`count` paid payouts with their ledger entries, written directly (fast, same shape)."""
    for n in range(count):
        run = PayoutRun.objects.create(method=PayoutMethod.BANK_BATCH, hold_cutoff=timezone.now())
        payout = Payout.objects.create(
            run=run,
            vendor=vendor,
            amount=Decimal("10.00"),
            method=PayoutMethod.BANK_BATCH,
            status=PayoutStatus.PAID,
            bank_reference=f"REF{n}",
        )
        LedgerEntry.objects.create(
            vendor=vendor,
            kind=EntryKind.PAYOUT,
            payout=payout,
            gross=Decimal("-10.00"),
            amount=Decimal("-10.00"),
            posted_at=timezone.now(),
        )


@pytest.mark.parametrize("count", [3, 30])
@pytest.mark.parametrize(
    ("name", "queries"),
    [
        # user, membership, balance, payouts count + page, payout account, owner check
        ("vendor_portal:money", 7),
        # user, membership, entries count + page
        ("vendor_portal:money_ledger", 4),
        # user, membership, months, figures
        ("vendor_portal:money_statement", 4),
    ],
)
def test_money_pages_take_the_same_queries_for_3_or_30_payouts(
    client: Client, django_assert_max_num_queries, name: str, queries: int, count: int
) -> None:
    shop = stall()
    _many_payouts(shop.vendor, count)
    signed_in = _signed_in(client, shop.owner.user)
    with django_assert_max_num_queries(queries):
        response = signed_in.get(reverse(name))
    assert response.status_code == 200


def test_the_ledger_is_paginated(client: Client) -> None:
    shop = stall()
    _many_payouts(shop.vendor, 30)
    signed_in = _signed_in(client, shop.owner.user)
    first = signed_in.get(reverse("vendor_portal:money_ledger"))
    second = signed_in.get(reverse("vendor_portal:money_ledger"), {"page": 2})
    assert len(first.context["entries"]) == 25
    assert len(second.context["entries"]) == 5


# --- who sees what ------------------------------------------------------------------------------


MONEY_PAGES = [
    "vendor_portal:money",
    "vendor_portal:money_statement",
    "vendor_portal:money_statement_csv",
    "vendor_portal:money_ledger",
    "vendor_portal:payout_settings",
]


@pytest.mark.parametrize("name", MONEY_PAGES)
def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(client: Client, name: str) -> None:
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize("name", MONEY_PAGES)
def test_a_member_of_one_shop_never_sees_another_shops_money(
    client: Client, month_of_sales: VendorStall, name: str
) -> None:
    other = stall(price="777.00")
    response = _signed_in(client, other.owner.user).get(reverse(name))

    assert response.status_code == 200
    body = response.content.decode()
    for secret in ("KBANK-7781", "0041234567", "1,050.00", "1050.00", "760.00", "190.00"):
        assert secret not in body
    assert month_of_sales.vendor.vendor_orders.get().number not in body


def test_a_member_of_two_shops_sees_the_shop_chosen_in_the_session(
    client: Client, month_of_sales: VendorStall
) -> None:
    other = stall()
    VendorMembershipFactory.create(vendor=other.vendor, user=month_of_sales.owner.user)
    signed_in = _signed_in(client, month_of_sales.owner.user)
    session = signed_in.session
    session["vendor_portal.vendor_id"] = other.vendor.pk
    session.save()
    response = signed_in.get(reverse("vendor_portal:money"))
    assert response.context["balance"].vendor_id == other.vendor.pk
    assert "KBANK-7781" not in response.content.decode()


# --- the payout account -------------------------------------------------------------------------


def _bank_post(**overrides: str) -> dict[str, str]:
    data = {
        "method": "bank",
        "bank-bank_code": "014",
        "bank-account_number": "123-4-56789-0",
        "bank-account_name": "นางมาลี ศรีสุข",
    }
    data.update(overrides)
    return data


def test_the_owner_sets_a_bank_account(client: Client) -> None:
    shop = stall()
    response = _signed_in(client, shop.owner.user).post(
        reverse("vendor_portal:payout_settings"), _bank_post()
    )

    assert response.status_code == 302
    account = VendorPayoutAccount.objects.get(vendor=shop.vendor)
    assert (account.kind, account.bank_code, account.account_number, account.updated_by) == (
        "bank",
        "014",
        "1234567890",
        shop.owner.user,
    )


def test_the_owner_sets_promptpay_with_a_mobile_number(client: Client) -> None:
    shop = stall()
    response = _signed_in(client, shop.owner.user).post(
        reverse("vendor_portal:payout_settings"),
        {"method": "promptpay", "pp-promptpay_id": "081-234-5678", "pp-account_name": "มาลี"},
    )
    assert response.status_code == 302
    account = VendorPayoutAccount.objects.get(vendor=shop.vendor)
    assert (account.kind, account.promptpay_id) == ("promptpay", "0812345678")


def test_a_wrong_account_number_is_explained_next_to_the_field_and_the_typing_kept(
    client: Client,
) -> None:
    shop = stall()
    response = _signed_in(client, shop.owner.user).post(
        reverse("vendor_portal:payout_settings"),
        _bank_post(**{"bank-account_number": "12345"}),
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    form = response.context["bank_form"]
    assert form.errors["account_number"] == [
        "Enter the account number with digits only: 10 digits at this bank."
    ]
    body = response.content.decode()
    assert 'value="นางมาลี ศรีสุข"' in body  # what was typed is still there
    assert not VendorPayoutAccount.objects.filter(vendor=shop.vendor, kind="bank").exists()


def test_a_staff_member_cannot_change_the_payout_account(client: Client) -> None:
    shop = stall()
    VendorPayoutAccountFactory.create(vendor=shop.vendor, account_number="0041234567")
    staff = _staff_of(shop)

    response = _signed_in(client, staff).post(
        reverse("vendor_portal:payout_settings"),
        _bank_post(**{"bank-account_number": "9999999999"}),
    )

    assert response.status_code == 403
    assert VendorPayoutAccount.objects.get(vendor=shop.vendor).account_number == "0041234567"


def test_staff_see_the_payout_account_read_only_with_the_number_masked(client: Client) -> None:
    shop = stall()
    VendorPayoutAccountFactory.create(vendor=shop.vendor, account_number="0041234567")
    response = _signed_in(client, _staff_of(shop)).get(reverse("vendor_portal:payout_settings"))

    body = response.content.decode()
    assert response.status_code == 200
    assert "0041234567" not in body
    assert "••••••4567" in body
    assert 'name="method"' not in body  # no form to change it


def test_the_owner_sees_the_whole_account_number(client: Client) -> None:
    shop = stall()
    VendorPayoutAccountFactory.create(vendor=shop.vendor, account_number="0041234567")
    response = _signed_in(client, shop.owner.user).get(reverse("vendor_portal:payout_settings"))
    assert "0041234567" in response.content.decode()


def test_staff_cannot_start_stripe_onboarding(client: Client, settings) -> None:
    settings.PAYOUT_METHOD = PayoutMethod.STRIPE_CONNECT
    shop = stall()
    response = _signed_in(client, _staff_of(shop)).post(reverse("vendor_portal:payout_connect"))
    assert response.status_code == 403
    assert not VendorPayoutAccount.objects.filter(vendor=shop.vendor).exists()


def test_the_owner_is_sent_to_stripe_onboarding_when_the_platform_pays_by_connect(
    client: Client,
    fake_stripe: FakeStripe,  # noqa: F811 - the fixture imported above
) -> None:
    shop = stall()
    page = _signed_in(client, shop.owner.user).get(reverse("vendor_portal:payout_settings"))
    assert reverse("vendor_portal:payout_connect") in page.content.decode()

    response = client.post(reverse("vendor_portal:payout_connect"))

    account_id = VendorPayoutAccount.objects.get(vendor=shop.vendor).stripe_account_id
    assert response.status_code == 302
    assert response["Location"].startswith(f"https://connect.stripe.com/setup/e/{account_id}/")
    (link,) = fake_stripe.posts("/v1/account_links")
    assert link["return_url"] == ["http://testserver" + reverse("vendor_portal:payout_settings")]


def test_without_connect_there_is_no_stripe_button_and_no_onboarding(client: Client) -> None:
    shop = stall()
    signed_in = _signed_in(client, shop.owner.user)
    page = signed_in.get(reverse("vendor_portal:payout_settings"))
    assert reverse("vendor_portal:payout_connect") not in page.content.decode()
    response = signed_in.post(reverse("vendor_portal:payout_connect"))
    assert response["Location"] == reverse("vendor_portal:payout_settings")
    assert not VendorPayoutAccount.objects.filter(vendor=shop.vendor).exists()
