"""An artisan looks at the dashboard and the money pages on a phone, in Thai and in English."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Page, expect

from marketplace.accounts.models import User
from marketplace.analytics.services import sales_facts_record_paid
from payments.ledger.models import PayoutMethod
from payments.ledger.services import ledger_debit_refund, payout_mark_paid, payout_run_create
from tests.browser.conftest import Steps
from tests.factories.checkout import VendorStall, stall
from tests.payments.ledger.factories import VendorPayoutAccountFactory
from tests.payments.ledger.helpers import deliver, place


def _shop_with_a_month_of_sales() -> VendorStall:
    """A delivered order (2 x 500 + 50 delivery), a refund of 210, a payout of the rest (760),
    and one more paid parcel waiting to be shipped."""
    shop = stall(price="500.00", quantity=4)
    shop.variant.product.name_th = "ผ้าไหมยกดอกลำพูน"
    shop.variant.product.name_en = "Lamphun silk brocade"
    shop.variant.product.save()
    order = place(shop, quantity=2)
    sales_facts_record_paid(order=order)
    vendor_order = deliver(order.vendor_orders.get())
    ledger_debit_refund(vendor_order=vendor_order, amount=Decimal("210.00"), reference="re_b1")
    VendorPayoutAccountFactory.create(vendor=shop.vendor, account_number="0041234567")
    run = payout_run_create(
        by=None, method=PayoutMethod.BANK_BATCH, as_of=timezone.now() + timedelta(days=30)
    )
    assert run is not None
    payout_mark_paid(payout=run.payouts.get(), bank_reference="KBANK-7781", by=None)
    sales_facts_record_paid(order=place(shop, quantity=1))
    return shop


def _sign_in(page: Page, live_server: Any, user: User) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


@pytest.mark.django_db(transaction=True)
def test_an_artisan_reads_the_dashboard_and_money_pages_in_thai_and_english(
    page: Page, live_server: Any, steps: Steps, assert_accessible: Any, settings: Any
) -> None:
    settings.PAYOUT_HOLD_DAYS = 0  # nothing on hold: the payout took everything there was
    shop = _shop_with_a_month_of_sales()
    _sign_in(page, live_server, shop.owner.user)

    page.goto(live_server.url + "/vendor/")
    expect(page.locator("html")).to_have_attribute("lang", "th")
    expect(page.get_by_role("heading", level=1)).to_have_text("แดชบอร์ด")
    expect(page.locator("svg.chart > title")).to_have_text("ยอดขาย 30 วันที่ผ่านมา")
    expect(page.locator("svg.chart > desc")).to_contain_text("฿1,500.00")
    expect(page.get_by_text("ผ้าไหมยกดอกลำพูน").first).to_be_visible()
    steps.shot(page, "dashboard in Thai")
    assert_accessible(page)

    page.get_by_role("link", name="90 วัน").click()
    expect(page).to_have_url(live_server.url + "/vendor/?days=90")
    steps.shot(page, "dashboard 90 days")

    page.goto(live_server.url + "/vendor/money/")
    expect(page.get_by_text("KBANK-7781")).to_be_visible()
    expect(page.locator(".money-figures").first).to_contain_text("฿0.00")
    expect(page.get_by_text("••••••4567")).to_have_count(0)  # the owner sees the whole number
    steps.shot(page, "money in Thai")
    assert_accessible(page)

    page.goto(live_server.url + "/vendor/money/statement/")
    year = timezone.localdate().year + 543
    expect(page.locator("#id_month option").first).to_contain_text(str(year))
    expect(page.locator("#statement")).to_contain_text("฿1,050.00")
    steps.shot(page, "statement in Thai")
    assert_accessible(page)

    page.goto(live_server.url + "/vendor/money/ledger/")
    expect(page.locator("#ledger tbody tr")).to_have_count(3)
    steps.shot(page, "ledger in Thai")
    assert_accessible(page)

    page.goto(live_server.url + "/vendor/money/payout-account/")
    steps.shot(page, "payout account in Thai")
    assert_accessible(page)

    # Switch to English with the header's language switch.
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_label("Account number").fill("12345")
    page.get_by_label("Account holder's name", exact=True).first.fill("Malee Srisuk")
    page.get_by_label("Bank").select_option("004")
    page.get_by_role("button", name="Save the bank account").click()
    expect(page.get_by_text("10 digits at this bank")).to_be_visible()
    expect(page.get_by_label("Account holder's name", exact=True).first).to_have_value(
        "Malee Srisuk"
    )
    steps.shot(page, "payout account error in English")
    assert_accessible(page)

    page.goto(live_server.url + "/vendor/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    expect(page.get_by_text("Orders waiting for you")).to_be_visible()
    steps.shot(page, "dashboard in English")
    assert_accessible(page)

    page.goto(live_server.url + "/vendor/money/statement/")
    expect(page.locator("#statement")).to_contain_text("Balance at the end of the month")
    steps.shot(page, "statement in English")
    assert_accessible(page)
