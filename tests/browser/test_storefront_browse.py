"""A shopper browses on a phone: home, a Thai search (with the header's suggestions), a
category, a product and its maker's shop, in Thai and then in English. axe-core checks every
page; screenshots of each step land in the test output folder."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from marketplace.catalog.models import Category, Product
from marketplace.vendors.models import Vendor
from tests.browser.conftest import Steps
from tests.factories.browse import browse_settings, listed
from tests.factories.catalog import CategoryFactory, CollectionFactory
from tests.factories.municipalities import pa_sang, pa_sang_subdistrict
from tests.factories.vendors import VendorFactory

__all__ = ["browse_settings"]


@dataclass
class Shop:
    vendor: Vendor
    category: Category
    product: Product


def lamphun_shop() -> Shop:
    vendor = VendorFactory.create(
        slug="pa-kham-silk",
        name_th="กลุ่มทอผ้าไหมป้าคำ",
        name_en="Pa Kham Silk Weavers",
        story_th="ทอผ้าไหมยกดอกลายโบราณสืบทอดกันมาสามรุ่น",
        story_en="Three generations weaving traditional silk brocade.",
        district=pa_sang(),
        subdistrict=pa_sang_subdistrict(),
        otop_stars=5,
        geographical_indication=True,
    )
    category = CategoryFactory.create(slug="silk", name_th="ผ้าไหม", name_en="Silk")
    product = listed(
        vendor=vendor,
        category=category,
        slug="ผ้าไหมยกดอก-ลายพิกุล",
        name_th="ผ้าไหมยกดอกลายพิกุล",
        name_en="Silk brocade, Phikun pattern",
        price="2450.00",
        renditions=False,
    )
    listed(
        vendor=vendor,
        category=category,
        name_th="ผ้าไหมยกดอกลายดอกแก้ว",
        name_en="Silk brocade, Dok Kaew pattern",
        price="1850.00",
        renditions=False,
    )
    listed(name_th="ลำไยอบแห้งเนื้อสีทอง", name_en="Golden dried longan", price="120.00")
    collection = CollectionFactory.create(
        name_th="ของดีเมืองลำพูน", name_en="The best of Lamphun", is_featured=True
    )
    collection.products.add(product)
    return Shop(vendor, category, product)


def browse(
    page: Page, base: str, steps: Steps, assert_accessible: Any, shop: Shop, lang: str
) -> None:
    thai = lang == "th"
    page.goto(base + "/")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "ช่างฝีมือ" if thai else "makers of Lamphun"
    )
    expect(
        page.get_by_role("heading", name="ของดีเมืองลำพูน" if thai else "The best of Lamphun")
    ).to_be_visible()
    steps.shot(page, f"home {lang}")
    assert_accessible(page)

    search = page.get_by_role("searchbox").first
    search.fill("ผ้าไหม")
    suggestion = page.locator("#site-search-suggestions a").first  # htmx fills them as one types
    expect(suggestion).to_be_visible()
    steps.shot(page, f"suggestions {lang}")
    search.press("Enter")
    page.wait_for_url("**/search/?q=*")
    results = page.locator(".product-grid .card-name")
    expect(results).to_have_count(2)
    expect(page.locator(".product-grid")).to_contain_text("ลายพิกุล" if thai else "Phikun pattern")
    expect(page.locator(".product-grid")).not_to_contain_text("ลำไย" if thai else "longan")
    steps.shot(page, f"search {lang}")
    assert_accessible(page)

    page.goto(base + f"/category/{shop.category.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("ผ้าไหม" if thai else "Silk")
    expect(page.locator(".product-grid .card")).to_have_count(2)
    steps.shot(page, f"category {lang}")
    assert_accessible(page)

    page.locator(".card-link", has_text="ลายพิกุล" if thai else "Phikun").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "ผ้าไหมยกดอกลายพิกุล" if thai else "Silk brocade, Phikun pattern"
    )
    expect(page.locator(".price")).to_have_text("฿2,450.00")
    expect(page.locator(".badges").first).to_contain_text("OTOP 5")
    expect(page.locator(".product-place")).to_contain_text("ป่าซาง" if thai else "Pa Sang")
    expect(page.locator("form.buy").get_by_role("button")).to_be_enabled()
    steps.shot(page, f"product {lang}")
    assert_accessible(page)

    page.locator(".product-maker a").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "กลุ่มทอผ้าไหมป้าคำ" if thai else "Pa Kham Silk Weavers"
    )
    expect(page.locator(".story")).to_contain_text("สามรุ่น" if thai else "Three generations")
    expect(page.locator(".product-grid .card")).to_have_count(2)
    steps.shot(page, f"maker {lang}")
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_shopper_browses_in_thai_then_switches_to_english(
    page: Page, live_server: Any, steps: Steps, assert_accessible: Any
) -> None:
    shop = lamphun_shop()

    browse(page, live_server.url, steps, assert_accessible, shop, "th")

    # The language switch keeps the page: the maker's shop, now in English.
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(live_server.url + f"/shop/{shop.vendor.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Pa Kham Silk Weavers")

    browse(page, live_server.url, steps, assert_accessible, shop, "en")
