"""What search engines and link previews (LINE, Facebook) read: robots.txt, sitemap.xml with
both languages, canonical and hreflang links, OpenGraph/Twitter tags and Product JSON-LD."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from marketplace.catalog.models import ProductStatus
from marketplace.vendors.models import VendorStatus
from tests.factories.browse import browse_settings, listed
from tests.factories.catalog import CategoryFactory, CollectionFactory
from tests.factories.vendors import VendorFactory

__all__ = ["browse_settings"]

pytestmark = pytest.mark.django_db

HOST = "http://testserver"


def head_links(page: str, rel: str) -> dict[str, str]:
    """hreflang → href of <link rel=alternate>, or {"": href} for other rels."""
    found = {}
    for match in re.finditer(rf'<link rel="{rel}"(?: hreflang="([^"]+)")? href="([^"]+)">', page):
        found[match.group(1) or ""] = match.group(2).replace("&amp;", "&")
    return found


def meta_property(page: str, name: str) -> list[str]:
    return re.findall(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)">', page)


def json_ld(page: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert match is not None, "no JSON-LD on the page"
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def test_robots_txt_keeps_robots_out_of_private_areas_and_points_to_the_sitemap(
    client: Client,
) -> None:
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    for path in ("/admin/", "/vendor/", "/checkout/", "/cart/", "/account/", "/graphql/"):
        assert f"Disallow: {path}" in lines
    assert f"Sitemap: {HOST}/sitemap.xml" in lines
    assert "Disallow: /" not in lines  # the shop itself stays open


def test_sitemap_index_lists_every_section(client: Client) -> None:
    page = client.get("/sitemap.xml").content.decode()

    for section in ("pages", "products", "categories", "makers", "collections", "districts"):
        assert f"{HOST}/sitemap-{section}.xml" in page


def test_product_sitemap_has_visible_products_in_thai_and_english(client: Client) -> None:
    shown = listed(slug="ผ้าไหม-ลายพิกุล")
    draft = listed(status=ProductStatus.DRAFT)
    suspended = listed(vendor=VendorFactory.create(status=VendorStatus.SUSPENDED))

    page = client.get("/sitemap-products.xml").content.decode()

    thai = HOST + reverse("storefront:product", args=[shown.slug])
    assert f"<loc>{thai}</loc>" in page
    assert f"<loc>{thai}?lang=en</loc>" in page
    assert f'hreflang="th" href="{thai}"' in page
    assert f'hreflang="en" href="{thai}?lang=en"' in page
    assert f'hreflang="x-default" href="{thai}"' in page
    assert "<lastmod>" in page
    assert draft.slug not in page
    assert suspended.slug not in page


def test_category_maker_collection_and_district_sitemaps(client: Client) -> None:
    parent = CategoryFactory.create()
    child = CategoryFactory.create(parent=parent)
    empty = CategoryFactory.create()
    vendor = VendorFactory.create()
    hidden_vendor = VendorFactory.create(status=VendorStatus.PENDING)
    listed(vendor=vendor, category=child)
    collection = CollectionFactory.create()
    unpublished = CollectionFactory.create(is_published=False)

    categories = client.get("/sitemap-categories.xml").content.decode()
    makers = client.get("/sitemap-makers.xml").content.decode()
    collections = client.get("/sitemap-collections.xml").content.decode()
    districts = client.get("/sitemap-districts.xml").content.decode()

    assert reverse("storefront:category", args=[parent.slug]) in categories
    assert reverse("storefront:category", args=[child.slug]) in categories
    assert reverse("storefront:category", args=[empty.slug]) + "<" not in categories
    assert reverse("storefront:vendor", args=[vendor.slug]) in makers
    assert reverse("storefront:vendor", args=[hidden_vendor.slug]) not in makers
    assert reverse("storefront:collection", args=[collection.slug]) in collections
    assert reverse("storefront:collection", args=[unpublished.slug]) not in collections
    assert reverse("storefront:district", args=["5101"]) in districts


def test_product_page_canonical_and_language_alternates_leave_tracking_out(client: Client) -> None:
    product = listed()
    url = reverse("storefront:product", args=[product.slug])

    page = client.get(url + "?utm_source=line&fbclid=abc&variant=1").content.decode()

    assert head_links(page, "canonical") == {"": HOST + url}
    assert head_links(page, "alternate") == {
        "th": HOST + url,
        "en": HOST + url + "?lang=en",
        "x-default": HOST + url,
    }


def test_english_page_is_canonical_at_its_english_address(client: Client) -> None:
    product = listed()
    url = reverse("storefront:product", args=[product.slug])

    page = client.get(url + "?lang=en&utm_campaign=x").content.decode()

    assert head_links(page, "canonical") == {"": HOST + url + "?lang=en"}
    assert meta_property(page, "og:locale") == ["en_US"]
    assert meta_property(page, "og:locale:alternate") == ["th_TH"]


def test_product_page_has_opengraph_and_twitter_tags_for_link_previews(client: Client) -> None:
    vendor = VendorFactory.create(name_th="ร้านผ้าป้าคำ")
    product = listed(vendor=vendor, name_th="ผ้าซิ่นลายน้ำไหล", price="1234.50")
    url = reverse("storefront:product", args=[product.slug])

    page = client.get(url).content.decode()

    assert meta_property(page, "og:type") == ["product"]
    assert meta_property(page, "og:title") == ["ผ้าซิ่นลายน้ำไหล — ร้านผ้าป้าคำ"]
    assert meta_property(page, "og:url") == [HOST + url]
    assert meta_property(page, "og:locale") == ["th_TH"]
    image = meta_property(page, "og:image")
    assert len(image) == 1 and image[0].startswith(HOST + "/media/") and image[0].endswith(".jpg")
    assert meta_property(page, "og:description")[0].startswith("ทอมือด้วยไหมแท้")  # tags stripped
    assert meta_property(page, "product:price:amount") == ["1234.50"]
    assert meta_property(page, "product:price:currency") == ["THB"]
    assert meta_property(page, "twitter:card") == ["summary_large_image"]
    assert meta_property(page, "twitter:image") == image


def test_product_json_ld_has_price_currency_availability_brand_and_image(client: Client) -> None:
    vendor = VendorFactory.create(name_th="กลุ่มจักสานบ้านแป้น")
    product = listed(vendor=vendor, name_th="กระบุงไม้ไผ่", price="450.00")

    data = json_ld(client.get(reverse("storefront:product", args=[product.slug])).content.decode())

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Product"
    assert data["name"] == "กระบุงไม้ไผ่"
    assert data["brand"] == {"@type": "Brand", "name": "กลุ่มจักสานบ้านแป้น"}
    offer = data["offers"]
    assert offer["@type"] == "Offer"
    assert offer["price"] == "450.00"
    assert offer["priceCurrency"] == "THB"
    assert offer["availability"] == "https://schema.org/InStock"
    assert offer["seller"]["name"] == "กลุ่มจักสานบ้านแป้น"
    assert offer["seller"]["url"] == HOST + reverse("storefront:vendor", args=[vendor.slug])
    assert all(url.startswith(HOST + "/media/") for url in data["image"])


def test_json_ld_of_a_sold_out_product_with_a_price_range(client: Client) -> None:
    from decimal import Decimal

    from tests.factories.catalog import ProductVariantFactory

    product = listed(price="300.00", quantity=0)
    ProductVariantFactory.create(product=product, price=Decimal("900.00"))

    data = json_ld(client.get(reverse("storefront:product", args=[product.slug])).content.decode())

    assert data["offers"]["@type"] == "AggregateOffer"
    assert data["offers"]["lowPrice"] == "300.00"
    assert data["offers"]["highPrice"] == "900.00"
    assert data["offers"]["availability"] == "https://schema.org/OutOfStock"


def test_json_ld_cannot_be_closed_by_a_product_name(client: Client) -> None:
    product = listed(name_th="</script><script>alert(1)</script>")

    page = client.get(reverse("storefront:product", args=[product.slug])).content.decode()

    assert "<script>alert(1)" not in page
    assert json_ld(page)["name"] == "</script><script>alert(1)</script>"


def test_filtered_category_pages_are_not_indexed_but_the_plain_one_is(client: Client) -> None:
    category = CategoryFactory.create()
    listed(category=category)
    url = reverse("storefront:category", args=[category.slug])

    plain = client.get(url).content.decode()
    filtered = client.get(url, {"in_stock": "1"}).content.decode()

    assert meta_property(plain, "robots") == []
    assert meta_property(filtered, "robots") == ["noindex, follow"]


def test_link_preview_robots_may_ask_with_head(client: Client) -> None:
    product = listed()

    response = client.head(reverse("storefront:product", args=[product.slug]))

    assert response.status_code == 200
    assert response.has_header("ETag")
