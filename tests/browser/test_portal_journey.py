"""One artisan on a phone, from sign-up to a shipped parcel.

She signs up, applies for a shop and is approved; then, still signed in through the portal's own
pages, she lists a product with a photo from her phone and puts it on sale, imports a product
sheet with a broken row, reads the report, fixes the row and imports it, and finally prepares and
ships an order a shopper placed for her product.

The approval is made with the service (`vendor_approve`), as an operator's admin action would
make it: the admin asks for a second sign-in factor (django-otp), which a browser test should
not have to drive; the admin actions themselves are tested in tests/marketplace/vendors. The
shopper's order is placed with the checkout services (the storefront's checkout has its own
browser test). Every portal page visited is checked with axe-core; a screenshot of each step is
saved.
"""

from __future__ import annotations

import io
import random
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from PIL import Image
from playwright.sync_api import Page, expect

from marketplace.catalog.models import ProductMedia, ProductStatus, ProductVariant
from marketplace.inventory.models import Stock
from marketplace.orders.models import PaymentStatus, VendorOrder, VendorOrderStatus
from marketplace.shipping.models import DeliveryKind
from marketplace.vendors.models import MembershipRole, Vendor, VendorStatus
from marketplace.vendors.services import vendor_approve
from tests.browser.conftest import Steps
from tests.factories.accounts import random_email
from tests.factories.checkout import VendorStall
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.portal import csv_bytes, sheet_row, textiles
from tests.factories.shipping import DeliveryMethodFactory
from tests.marketplace.orders.test_fulfilment import place

SHOP_NAME = "ผ้าฝ้ายทอมือป้าศรีนวล"
PRODUCT_NAME = "ผ้าไหมยกดอก ลายดอกพิกุล"
SHEET_LABEL = "ไฟล์รายการสินค้า (CSV หรือ Excel)"


class Journey:
    """The artisan's browser page, with a screenshot and an axe-core check per step."""

    def __init__(self, page: Page, base: str, steps: Steps, assert_accessible: Any) -> None:
        self.page = page
        self.base = base
        self.steps = steps
        self.assert_accessible = assert_accessible

    def check(self, name: str) -> None:
        """The page is saved as a step; axe-core finds no serious or critical violation on it.

        The screenshot comes first: Playwright hides the caret by styling each input and leaves
        an empty `style=""` behind, which a later htmx swap would re-apply and the site's CSP
        would refuse; the axe-core check tidies those attributes up after itself.
        """
        self.steps.shot(self.page, name)
        self.assert_accessible(self.page)

    def nav(self, label: str) -> None:
        self.page.locator("nav.portal-nav").get_by_role("link", name=label, exact=True).click()


def phone_photo(folder: Path) -> Path:
    """A PNG as a phone camera would hand it over (made with Pillow)."""
    path = folder / "ผ้าไหมสีแดง.png"
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (140, 20, 40)).save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return path


def sign_up_and_apply(journey: Journey, tmp_path: Path) -> Vendor:
    page, base = journey.page, journey.base

    # Sign up.
    page.goto(f"{base}/vendor/signup/")
    journey.check("signup")
    page.fill("#id_first_name", "ศรีนวล")
    page.fill("#id_email", random_email())
    page.fill("#id_password", "ผ้าฝ้าย-ลำพูน-2569")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/vendor/signup/sent/$"))
    journey.check("check email")

    # Open the e-mailed link and confirm: this signs her in.
    link = re.search(r"https?://\S+", str(mail.outbox[-1].body))
    assert link and "/vendor/signup/confirm/" in link.group(0)
    page.goto(link.group(0))
    journey.check("confirm")
    page.click("main button[type=submit]")

    # The application, one step per screen.
    page.wait_for_url(re.compile(r"/vendor/apply/$"))
    page.fill("#id_name_th", SHOP_NAME)
    page.check("input[name=kind][value=individual]")
    journey.check("apply shop")
    page.click("main button[type=submit]")

    page.wait_for_url(re.compile(r"/vendor/apply/place/$"))
    page.select_option("#id_district", "5106")
    # htmx fills the subdistricts of the district just chosen.
    expect(page.locator("#id_subdistrict option[value='510602']")).to_have_count(1)
    page.select_option("#id_subdistrict", "510602")
    page.select_option("#id_postal_code", "51120")
    journey.check("apply place")
    page.click("main button[type=submit]")

    page.wait_for_url(re.compile(r"/vendor/apply/contact/$"))
    page.fill("#id_phone", "081 234 5678")
    page.fill("#id_line_id", "pasrinuan")
    page.fill("#id_story_th", "ทอผ้าฝ้ายด้วยกี่พื้นเมืองที่บ้านป่าซาง")
    journey.check("apply contact")
    page.click("main button[type=submit]")

    page.wait_for_url(re.compile(r"/vendor/apply/document/$"))
    document = tmp_path / "หนังสือรับรอง.pdf"
    document.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    page.set_input_files("#id_registration_document", str(document))
    journey.check("apply document")
    page.click("main button[type=submit]")

    page.wait_for_url(re.compile(r"/vendor/apply/status/$"))
    expect(page.locator(".shop-status-pending")).to_contain_text("รออนุมัติ")
    expect(page.locator(".shop-shop-name")).to_have_text(SHOP_NAME)
    journey.check("waiting for approval")
    vendor = Vendor.objects.get(name_th=SHOP_NAME)
    assert vendor.status == VendorStatus.PENDING
    return vendor


def list_a_product_with_a_photo(journey: Journey, tmp_path: Path, category_pk: int) -> None:
    page = journey.page
    journey.nav("สินค้า")
    expect(page.locator("#product-list")).to_contain_text("ยังไม่มีสินค้า")
    journey.check("empty product list")

    # Step 1: name and category.
    page.get_by_role("link", name="เพิ่มสินค้า", exact=True).click()
    page.get_by_label("ชื่อสินค้า (ไทย)").fill(PRODUCT_NAME)
    page.get_by_label("หมวดหมู่").select_option(str(category_pk))
    journey.check("new product")
    page.get_by_role("button", name="บันทึกแล้วทำต่อ").click()

    # Step 2: price and stock, then a photo from the phone.
    expect(page.locator("h1")).to_have_text(PRODUCT_NAME)
    expect(page.locator(".messages")).to_contain_text("บันทึกเป็นฉบับร่างแล้ว")
    expect(page.locator("main .status")).to_have_text("ฉบับร่าง")
    variants = page.locator("#variants")
    variants.get_by_label("ขนาด").last.fill("2 เมตร")
    variants.get_by_label("ราคา (บาท)").last.fill("1850")
    variants.get_by_label("จำนวนที่มี").last.fill("4")
    variants.get_by_role("button", name="เพิ่ม", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("บันทึกราคาและจำนวนแล้ว")
    journey.check("price and stock")
    photos = page.locator("#photos")
    photos.locator("input[type=file]").set_input_files(str(phone_photo(tmp_path)))
    photos.get_by_label("ภาพนี้แสดงอะไร").last.fill("ผ้าไหมสีแดง")
    photos.get_by_role("button", name="เพิ่มภาพ").click()
    expect(photos.locator("img[alt='ผ้าไหมสีแดง']")).to_have_count(1)
    journey.check("photo added")

    # Put on sale.
    page.get_by_role("button", name="วางขาย", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("วางขายแล้ว")
    expect(page.locator("main .status")).to_have_text("เผยแพร่แล้ว")
    journey.check("published")


def import_a_sheet_and_fix_a_broken_row(journey: Journey, tmp_path: Path) -> None:
    page = journey.page
    rows = [sheet_row(n) for n in range(1, 4)]
    rows[1]["price"] = "สองพัน"
    sheet = tmp_path / "products.csv"
    sheet.write_bytes(csv_bytes(rows))

    journey.nav("นำเข้า")
    expect(page.locator("h1")).to_have_text("เพิ่มสินค้าหลายรายการจากไฟล์")
    journey.check("import page")
    page.get_by_label(SHEET_LABEL).set_input_files(str(sheet))
    page.get_by_role("button", name="ตรวจและนำเข้า").click()

    # The report names the row (the header is row 1) and the column, in Thai; nothing is added.
    expect(page.locator(".import-status")).to_be_visible()
    expect(page.locator("#import-job")).to_contain_text("ยังไม่ได้นำเข้าอะไรเลย: มี 1 แถวที่ต้องแก้ไข")
    report = page.locator("table.import-report")
    expect(report.locator("caption")).to_have_text("สิ่งที่ต้องแก้ ทีละแถว")
    expect(report.locator("tbody tr")).to_have_count(1)
    cells = report.locator("tbody tr td")
    expect(cells.nth(0)).to_have_text("3")
    expect(cells.nth(1)).to_have_text("ราคา (บาท)")
    expect(cells.nth(2)).to_contain_text("“สองพัน” ไม่ใช่ราคา")
    journey.check("import report")
    assert not ProductVariant.objects.filter(sku__startswith="SILK-").exists()

    # She fixes the row and uploads the sheet again from the report page.
    rows[1]["price"] = "2000"
    sheet.write_bytes(csv_bytes(rows))
    page.get_by_label(SHEET_LABEL).set_input_files(str(sheet))
    page.get_by_role("button", name="ตรวจและนำเข้า").click()
    expect(page.locator(".import-done")).to_be_visible()
    expect(page.locator("#import-job")).to_contain_text("เพิ่มใหม่ 3 รายการ")
    expect(page.locator("table.import-report")).to_have_count(0)
    journey.check("import done")
    assert ProductVariant.objects.filter(sku__startswith="SILK-").count() == 3

    page.get_by_role("link", name="ดูสินค้าของคุณ").click()
    cards = page.locator(".product-card")
    expect(cards).to_have_count(4)
    listed = cards.filter(has_text=PRODUCT_NAME)
    expect(listed.locator(".status")).to_have_text("เผยแพร่แล้ว")
    expect(listed.locator("img[alt='ผ้าไหมสีแดง']")).to_have_count(1)
    expect(listed).to_contain_text("฿1,850.00")
    expect(cards.filter(has_text="ผ้าไหมยกดอก ลายที่ 2")).to_contain_text("฿2,000.00")
    journey.check("product list")


def a_shopper_orders(vendor: Vendor) -> VendorOrder:
    """A shopper in Lamphun buys two of the artisan's listed product and pays."""
    variant = ProductVariant.objects.get(product__vendor=vendor, product__name_th=PRODUCT_NAME)
    stall = VendorStall(
        vendor=vendor,
        variant=variant,
        stock=Stock.objects.get(variant=variant),
        post=DeliveryMethodFactory.create(vendor=vendor, price=Decimal("50.00")),
        pickup=DeliveryMethodFactory.create(
            vendor=vendor, kind=DeliveryKind.PICKUP, price=Decimal(0), name_th="รับเองที่ร้าน"
        ),
        owner=vendor.memberships.get(role=MembershipRole.OWNER),
    )
    order = place(stall, quantity=2, paid=True)
    assert order.payment_status == PaymentStatus.PAID
    return order.vendor_orders.get()


def prepare_and_ship(journey: Journey, parcel: VendorOrder) -> None:
    page = journey.page
    journey.nav("คำสั่งซื้อ")
    card = page.locator(".shop-orders .shop-card").filter(has_text=parcel.number)
    expect(card.locator(".shop-badge")).to_have_text("รอผู้ผลิตดำเนินการ")
    expect(card).to_contain_text("มาลี ศรีสุข")
    expect(card).to_contain_text("฿3,750.00")  # two at 1,850 and 50 for delivery
    expect(card).to_contain_text("ชำระเงินแล้ว")
    journey.check("orders")

    card.locator(f"a[href$='/vendor/orders/{parcel.number}/']").click()
    body = page.locator("#order-body")
    expect(page.locator("h1")).to_have_text(f"คำสั่งซื้อ {parcel.number}")
    expect(body.locator(".shop-table tbody")).to_contain_text(PRODUCT_NAME)
    expect(body.locator(".shop-table tbody td").first).to_have_text("2")
    journey.check("order")

    page.click("a[href$='/packing-slip/']")
    slip = page.locator(".packing-slip")
    expect(slip).to_contain_text("มาลี")
    expect(slip).to_contain_text(PRODUCT_NAME)
    journey.check("packing slip")
    page.go_back()

    page.get_by_role("button", name="ฉันกำลังเตรียมคำสั่งซื้อนี้").click()
    expect(body.locator(".shop-badge-processing")).to_have_text("กำลังเตรียมสินค้า")
    page.get_by_label("บริษัทขนส่ง").fill("ไปรษณีย์ไทย")
    page.get_by_label("เลขพัสดุ").fill("EF123456789TH")
    journey.check("being prepared")
    page.get_by_role("button", name="บันทึกว่าส่งแล้ว").click()

    expect(page.locator(".messages")).to_contain_text(f"ส่งคำสั่งซื้อ {parcel.number} แล้ว")
    expect(body.locator(".shop-badge-shipped")).to_have_text("จัดส่งแล้ว")
    expect(body).to_contain_text("ไปรษณีย์ไทย")
    expect(body.locator("strong", has_text="EF123456789TH")).to_be_visible()
    journey.check("shipped")


@pytest.mark.django_db(transaction=True)
def test_an_artisan_signs_up_is_approved_lists_imports_and_ships_an_order(
    page: Page,
    live_server: Any,
    steps: Steps,
    assert_accessible: Any,
    settings: Any,
    tmp_path: Path,
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    # Registrations are rate limited per IP in the shared Redis: this browser comes from its
    # own address, as a phone behind the co-op's proxy would.
    settings.TRUSTED_PROXY_COUNT = 1
    page.set_extra_http_headers({"X-Forwarded-For": f"10.{random.randint(0, 255)}.7.7"})
    MunicipalityFactory.create()
    category = textiles()
    journey = Journey(page, live_server.url, steps, assert_accessible)

    vendor = sign_up_and_apply(journey, tmp_path)

    # The co-op approves; she is told by e-mail and her status page says the shop is open.
    vendor_approve(vendor=vendor)
    assert "ป้าศรีนวล" in str(mail.outbox[-1].subject)
    page.reload()
    expect(page.locator(".shop-status-approved")).to_contain_text("ร้านของคุณเปิดแล้ว")
    journey.check("approved")
    page.get_by_role("link", name="ไปที่ร้านของฉัน").click()
    expect(page.locator(".portal-shop")).to_have_text(SHOP_NAME)

    list_a_product_with_a_photo(journey, tmp_path, category.pk)
    product_photo = ProductMedia.objects.select_related("product").get(product__vendor=vendor)
    assert (product_photo.product.name_th, product_photo.alt_th) == (PRODUCT_NAME, "ผ้าไหมสีแดง")
    assert product_photo.product.status == ProductStatus.PUBLISHED

    import_a_sheet_and_fix_a_broken_row(journey, tmp_path)

    parcel = a_shopper_orders(vendor)
    prepare_and_ship(journey, parcel)
    parcel.refresh_from_db()
    assert (parcel.status, parcel.carrier, parcel.tracking_number) == (
        VendorOrderStatus.SHIPPED,
        "ไปรษณีย์ไทย",
        "EF123456789TH",
    )
    stock = Stock.objects.get(variant__product=product_photo.product)
    assert (stock.quantity, stock.quantity_allocated) == (2, 0)
