"""An artisan on a phone: signs up, applies for a shop, is approved, and ships an order.

The approval is made with the service (`vendor_approve`), as an operator's admin action would
make it: the admin is getting a second sign-in factor (django-otp), which a browser test should
not have to drive; the admin actions themselves are tested in tests/marketplace/vendors.
Every portal page visited is checked with axe-core; screenshots of each step are saved.
"""

from __future__ import annotations

import random
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from marketplace.orders.models import VendorOrderStatus
from marketplace.shipping.models import DeliveryKind
from marketplace.vendors.models import MembershipRole, Vendor, VendorStatus
from marketplace.vendors.services import vendor_approve
from tests.browser.conftest import Steps
from tests.factories.accounts import random_email
from tests.factories.catalog import ProductVariantFactory
from tests.factories.checkout import VendorStall
from tests.factories.inventory import StockFactory
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.shipping import DeliveryMethodFactory
from tests.marketplace.orders.test_fulfilment import place


def _stall_of(vendor: Vendor) -> VendorStall:
    """The approved shop's first product, in stock, with delivery by post and pick-up."""
    variant = ProductVariantFactory.create(product__vendor=vendor, price=Decimal("1200.00"))
    stock = StockFactory.create(variant=variant, quantity=5)
    post = DeliveryMethodFactory.create(vendor=vendor, price=Decimal("50.00"))
    pickup = DeliveryMethodFactory.create(
        vendor=vendor, kind=DeliveryKind.PICKUP, price=Decimal(0), name_th="รับเองที่ร้าน"
    )
    owner = vendor.memberships.get(role=MembershipRole.OWNER)
    return VendorStall(vendor, variant, stock, post, pickup, owner)


def _accessible(page: Page, assert_accessible: Any) -> None:
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_an_artisan_signs_up_applies_is_approved_and_ships_an_order(
    page: Page,
    live_server: Any,
    steps: Steps,
    assert_accessible: Any,
    settings: Any,
    tmp_path: Path,
) -> None:
    settings.MEDIA_ROOT = tmp_path
    # Registrations are rate limited per IP in the shared Redis: this browser comes from its
    # own address, as a phone behind the co-op's proxy would.
    settings.TRUSTED_PROXY_COUNT = 1
    page.set_extra_http_headers({"X-Forwarded-For": f"10.{random.randint(0, 255)}.7.7"})
    MunicipalityFactory.create()
    email = random_email()
    base = live_server.url

    # 1. Sign up.
    page.goto(f"{base}/vendor/signup/")
    _accessible(page, assert_accessible)
    steps.shot(page, "signup")
    page.fill("#id_first_name", "ศรีนวล")
    page.fill("#id_email", email)
    page.fill("#id_password", "ผ้าฝ้าย-ลำพูน-2569")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/vendor/signup/sent/$"))
    _accessible(page, assert_accessible)
    steps.shot(page, "check-email")

    # 2. Open the e-mailed link and confirm.
    link = re.search(r"https?://\S+", str(mail.outbox[-1].body))
    assert link and "/vendor/signup/confirm/" in link.group(0)
    page.goto(link.group(0))
    _accessible(page, assert_accessible)
    page.click("main button[type=submit]")

    # 3. The application, one step per screen.
    page.wait_for_url(re.compile(r"/vendor/apply/$"))
    _accessible(page, assert_accessible)
    page.fill("#id_name_th", "ผ้าฝ้ายทอมือป้าศรีนวล")
    page.check("input[name=kind][value=individual]")
    steps.shot(page, "apply-shop")
    page.click("main button[type=submit]")

    page.wait_for_url(re.compile(r"/vendor/apply/place/$"))
    page.select_option("#id_district", "5106")
    # htmx fills the subdistricts of the district just chosen.
    expect(page.locator("#id_subdistrict option[value='510602']")).to_have_count(1)
    page.select_option("#id_subdistrict", "510602")
    page.select_option("#id_postal_code", "51120")
    _accessible(page, assert_accessible)
    steps.shot(page, "apply-place")
    page.click("main button[type=submit]")

    page.wait_for_url(re.compile(r"/vendor/apply/contact/$"))
    page.fill("#id_phone", "081 234 5678")
    page.fill("#id_line_id", "pasrinuan")
    page.fill("#id_story_th", "ทอผ้าฝ้ายด้วยกี่พื้นเมืองที่บ้านป่าซาง")
    _accessible(page, assert_accessible)
    page.click("main button[type=submit]")

    page.wait_for_url(re.compile(r"/vendor/apply/document/$"))
    document = tmp_path / "หนังสือรับรอง.pdf"
    document.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    page.set_input_files("#id_registration_document", str(document))
    _accessible(page, assert_accessible)
    steps.shot(page, "apply-document")
    page.click("main button[type=submit]")

    page.wait_for_url(re.compile(r"/vendor/apply/status/$"))
    expect(page.locator(".shop-status-pending")).to_be_visible()
    _accessible(page, assert_accessible)
    steps.shot(page, "waiting-for-approval")
    vendor = Vendor.objects.get(name_th="ผ้าฝ้ายทอมือป้าศรีนวล")
    assert vendor.status == VendorStatus.PENDING

    # 4. The co-op approves; a shopper pays for an order.
    vendor_approve(vendor=vendor)
    assert "ป้าศรีนวล" in str(mail.outbox[-1].subject)
    order = place(_stall_of(vendor), quantity=2)
    parcel = order.vendor_orders.get()

    # 5. The artisan finds the order, prints the slip, prepares and ships it.
    page.goto(f"{base}/vendor/orders/")
    expect(page.locator(".shop-orders")).to_contain_text(parcel.number)
    _accessible(page, assert_accessible)
    steps.shot(page, "orders")
    page.click(f"a[href$='/vendor/orders/{parcel.number}/']")
    expect(page.locator("h1")).to_contain_text(parcel.number)
    _accessible(page, assert_accessible)
    steps.shot(page, "order")

    page.click("a[href$='/packing-slip/']")
    expect(page.locator(".packing-slip")).to_contain_text("มาลี")
    _accessible(page, assert_accessible)
    steps.shot(page, "packing-slip")
    page.go_back()

    page.click(f"form[action$='/{parcel.number}/process/'] button")
    expect(page.locator("#order-body .shop-badge-processing")).to_be_visible()
    page.fill("#id_carrier", "ไปรษณีย์ไทย")
    page.fill("#id_tracking_number", "EF123456789TH")
    _accessible(page, assert_accessible)
    page.click(f"form[action$='/{parcel.number}/ship/'] button")

    expect(page.locator("#order-body")).to_contain_text("EF123456789TH")
    _accessible(page, assert_accessible)
    steps.shot(page, "shipped")
    parcel.refresh_from_db()
    assert (parcel.status, parcel.tracking_number) == (VendorOrderStatus.SHIPPED, "EF123456789TH")
