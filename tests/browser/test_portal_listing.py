"""An approved artisan lists a product with a phone photo, then imports a product sheet with a
broken row, reads the report, fixes the row and imports it; axe-core checks every page."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from PIL import Image
from playwright.sync_api import Page, expect

from marketplace.catalog.models import ProductMedia, ProductStatus, ProductVariant
from tests.browser.conftest import Steps
from tests.factories.portal import csv_bytes, sheet_row, shop, textiles


def accessible(page: Page, assert_accessible: Any) -> None:
    assert_accessible(page)


def sign_in(page: Page, live_server: Any, user: Any) -> None:
    """Sign in through a session made by Django's test client (the sign-in page is tested
    with onboarding)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def photo(tmp_path: Path) -> Path:
    path = tmp_path / "silk.png"
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (140, 20, 40)).save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return path


@pytest.mark.django_db(transaction=True)
def test_an_artisan_lists_a_product_with_a_photo_and_imports_a_sheet(
    page: Page,
    live_server: Any,
    steps: Steps,
    assert_accessible: Any,
    tmp_path: Path,
    settings: Any,
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    category = textiles()
    artisan = shop()
    sign_in(page, live_server, artisan.owner)

    # The product list, empty.
    page.goto(f"{live_server.url}/vendor/products/")
    steps.shot(page, "empty product list")
    accessible(page, assert_accessible)

    # Step 1: name and category.
    page.get_by_role("link", name="เพิ่มสินค้า", exact=True).click()
    page.get_by_label("ชื่อสินค้า (ไทย)").fill("ผ้าไหมยกดอก ลายดอกพิกุล")
    page.get_by_label("หมวดหมู่").select_option(str(category.pk))
    accessible(page, assert_accessible)
    steps.shot(page, "new product")
    page.get_by_role("button", name="บันทึกแล้วทำต่อ").click()

    # Step 2: price and stock, then a photo from the phone.
    variants = page.locator("#variants")
    variants.get_by_label("ขนาด").last.fill("2 เมตร")
    variants.get_by_label("ราคา (บาท)").last.fill("1850")
    variants.get_by_label("จำนวนที่มี").last.fill("4")
    variants.get_by_role("button", name="เพิ่ม", exact=True).click()
    expect(page.locator(".messages")).to_be_visible()
    photos = page.locator("#photos")
    photos.locator("input[type=file]").set_input_files(str(photo(tmp_path)))
    photos.get_by_label("ภาพนี้แสดงอะไร").last.fill("ผ้าไหมสีแดง")
    photos.get_by_role("button", name="เพิ่มภาพ").click()
    expect(page.locator("#photos img")).to_have_count(1)
    steps.shot(page, "product with price and photo")
    accessible(page, assert_accessible)
    page.get_by_role("button", name="วางขาย").click()
    expect(page.locator(".messages")).to_be_visible()
    steps.shot(page, "published")

    variant = ProductVariant.objects.select_related("product").get(product__vendor=artisan.vendor)
    assert variant.product.status == ProductStatus.PUBLISHED
    assert ProductMedia.objects.get(product=variant.product).alt_th == "ผ้าไหมสีแดง"

    # Import: a sheet with a broken price is refused with the row named.
    rows = [sheet_row(n) for n in range(1, 4)]
    rows[1]["price"] = "สองพัน"
    sheet = tmp_path / "products.csv"
    sheet.write_bytes(csv_bytes(rows))
    page.goto(f"{live_server.url}/vendor/import/")
    accessible(page, assert_accessible)
    steps.shot(page, "import page")
    page.get_by_label("ไฟล์รายการสินค้า (CSV หรือ Excel)").set_input_files(str(sheet))
    page.get_by_role("button", name="ตรวจและนำเข้า").click()
    report = page.locator("table.import-report")
    expect(report).to_contain_text("สองพัน")
    expect(report.locator("tbody tr")).to_have_count(1)
    expect(report.locator("tbody tr td").first).to_have_text("3")
    steps.shot(page, "import report")
    accessible(page, assert_accessible)
    assert not ProductVariant.objects.filter(sku__startswith="SILK-").exists()

    # The fixed sheet imports every row.
    rows[1]["price"] = "2000"
    sheet.write_bytes(csv_bytes(rows))
    page.get_by_label("ไฟล์รายการสินค้า (CSV หรือ Excel)").set_input_files(str(sheet))
    page.get_by_role("button", name="ตรวจและนำเข้า").click()
    expect(page.locator(".import-done")).to_be_visible()
    steps.shot(page, "import done")
    accessible(page, assert_accessible)
    assert ProductVariant.objects.filter(sku__startswith="SILK-").count() == 3

    page.get_by_role("link", name="ดูสินค้าของคุณ").click()
    expect(page.locator(".product-card")).to_have_count(4)
    steps.shot(page, "product list")
    accessible(page, assert_accessible)
