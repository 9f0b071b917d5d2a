"""End to end in Chromium: search in Thai, add from two makers, check out as a guest with a Thai
address, pay cash on delivery, see one order with two parcels; in Thai and in English. And a card
payment completed against localstripe with a server-side confirmation.

Every page visited is checked with axe-core; each step leaves a screenshot.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from marketplace.catalog.models import Product
from marketplace.orders.models import Order
from marketplace.orders.models import PaymentStatus as OrderPaymentStatus
from search.indexing import products_index
from tests.browser.conftest import Steps
from tests.factories.checkout import VendorStall, stall
from tests.factories.municipalities import nai_mueang
from tests.payments.fixtures import card, stripe_settings  # noqa: F401 - fixture

SILK = ("ผ้าไหมยกดอกลายพิกุล", "Phikun silk brocade")
POTTERY = ("แจกันดินเผาบ้านเหมืองกุง", "Ban Mueang Kung terracotta vase")


def named(s: VendorStall, names: tuple[str, str]) -> VendorStall:
    Product.objects.filter(pk=s.variant.product_id).update(name_th=names[0], name_en=names[1])
    return s


@pytest.fixture
def shop(settings: Any) -> tuple[VendorStall, VendorStall]:
    # The PostgreSQL search backend: the test's products, not the shared Elasticsearch index.
    settings.ELASTICSEARCH_URL = ""
    nai_mueang()
    silk = named(stall(price="1850.00"), SILK)
    pottery = named(stall(price="320.00"), POTTERY)
    products_index([silk.variant.product_id, pottery.variant.product_id])
    return silk, pottery


class Walk:
    """One shopper's visit: every page is screenshotted and checked by axe-core."""

    def __init__(self, page: Page, steps: Steps, check: Any) -> None:
        self.page, self.steps, self.check = page, steps, check

    def step(self, name: str) -> None:
        self.page.wait_for_load_state("networkidle")
        self.steps.shot(self.page, name)
        self.check(self.page)

    def search_and_add(self, query: str, product_name: str, label: str) -> None:
        self.page.fill("#site-search-q", query)
        self.page.press("#site-search-q", "Enter")
        self.page.wait_for_url("**/search/**")
        self.step(f"search {label}")
        self.page.get_by_role("link", name=product_name).first.click()
        self.step(f"product {label}")
        self.page.click("form.buy button[type=submit]")
        self.page.wait_for_url("**/cart/")
        self.step(f"cart with {label}")

    def guest_checkout_to_payment(self, vendors: list[VendorStall]) -> None:
        self.page.click("a[href='/checkout/']")
        self.page.wait_for_url("**/checkout/email/")
        self.step("checkout e-mail")
        self.page.fill("input[name=email]", "malee@example.com")
        self.page.click("main form.panel button[type=submit]")
        self.page.wait_for_url("**/checkout/address/")
        self.step("checkout address")
        self.page.fill("input[name=first_name]", "มาลี")
        self.page.fill("input[name=last_name]", "ศรีสุข")
        self.page.fill("input[name=phone]", "081 234 5678")
        self.page.fill("input[name=street_address_1]", "99/1 ถนนอินทยงยศ")
        # htmx brings each next list; the postal code follows the subdistrict.
        for name, code in (("province", "51"), ("district", "5101"), ("subdistrict", "510101")):
            # A person takes longer than htmx needs to wire up the list it just brought.
            self.page.wait_for_timeout(300)
            with self.page.expect_response("**/address/places/**"):
                self.page.select_option(f"select[name={name}]", code)
        expect(self.page.locator("input[name=postal_code]")).to_have_value("51000")
        self.step("address filled")
        self.page.click("main form.panel p.actions button[type=submit]")
        self.page.wait_for_url("**/checkout/delivery/")
        self.step("checkout delivery")
        for s in vendors:
            self.page.check(f"#delivery-{s.vendor.pk}-{s.post.pk}")
        self.page.click("main p.actions button[type=submit]")
        self.page.wait_for_url("**/checkout/payment/")
        self.step("checkout payment")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["th", "en"])
def test_guest_buys_from_two_makers_and_pays_cash_on_delivery(
    page: Page,
    live_server: Any,
    steps: Steps,
    assert_accessible: Any,
    shop: tuple[VendorStall, VendorStall],
    language: str,
) -> None:
    silk, pottery = shop
    walk = Walk(page, steps, assert_accessible)
    page.goto(live_server.url + "/")
    if language == "en":
        page.click("form.language-switch button[value=en]")
        page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == language
    walk.step("home")
    name = 0 if language == "th" else 1

    walk.search_and_add("ผ้าไหม", SILK[name], "silk")
    walk.search_and_add("แจกัน", POTTERY[name], "pottery")
    expect(page.locator("section.panel[aria-labelledby^=vendor-]")).to_have_count(2)
    walk.guest_checkout_to_payment([silk, pottery])
    expect(page.locator("main")).to_contain_text("฿2,270.00")
    page.check("input[name=method][value=cash_on_delivery]")
    page.click("main p.actions button[type=submit]")
    page.wait_for_url("**/thanks/")
    walk.step("order placed")

    order = Order.objects.get()
    assert order.vendor_orders.count() == 2 and order.language_code == language
    main = page.locator("main")
    expect(main).to_contain_text(order.number)
    expect(page.locator("section.panel[aria-labelledby^=parcel-]")).to_have_count(2)
    expect(main).to_contain_text(SILK[name])
    expect(main).to_contain_text(POTTERY[name])
    expect(main).to_contain_text(silk.vendor.name_en if language == "en" else silk.vendor.name_th)

    # Later, the guest looks the order up by its number and e-mail.
    page.goto(live_server.url + "/orders/track/")
    walk.step("tracking form")
    page.fill("input[name=number]", order.number)
    page.fill("input[name=email]", "malee@example.com")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/orders/{order.number}/")
    expect(page.locator("section.panel[aria-labelledby^=parcel-]")).to_have_count(2)
    walk.step("tracking page")


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("stripe_settings")
def test_card_payment_against_localstripe_with_a_server_side_confirmation(
    page: Page,
    live_server: Any,
    steps: Steps,
    assert_accessible: Any,
    shop: tuple[VendorStall, VendorStall],
) -> None:
    silk, _pottery = shop
    walk = Walk(page, steps, assert_accessible)
    page.goto(live_server.url + "/")
    walk.search_and_add("ผ้าไหม", SILK[0], "silk")
    walk.guest_checkout_to_payment([silk])
    page.check("input[name=method][value=card]")
    page.click("main p.actions button[type=submit]")
    page.wait_for_url("**/pay/")
    walk.step("card payment page")

    page.fill("input[name=payment_method]", card("4242424242424242"))
    page.click("form[action$='/test-card/'] button[type=submit]")
    page.wait_for_url("**/thanks/")
    walk.step("card paid")

    order = Order.objects.get()
    assert order.payment_status == OrderPaymentStatus.PAID
    expect(page.locator("main")).to_contain_text(order.number)
