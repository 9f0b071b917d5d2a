"""Browsing pages: what a shopper sees on home, category, search, product, maker, district and
collection pages, in Thai and English, and that bad links still give a clean page."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from marketplace.catalog.models import ProductStatus
from marketplace.vendors.models import VendorStatus
from tests.factories.browse import browse_settings, listed
from tests.factories.catalog import (
    AttributeValueFactory,
    CategoryFactory,
    CollectionFactory,
    ProductFactory,
)
from tests.factories.municipalities import pa_sang, pa_sang_subdistrict
from tests.factories.vendors import VendorFactory

__all__ = ["browse_settings"]

pytestmark = pytest.mark.django_db


def text_of(response: Any) -> str:
    """The page's HTML without search highlighting (<mark> around matched words)."""
    return re.sub(r"</?mark>", "", response.content.decode())


# --- home -----------------------------------------------------------------------------------------


def test_home_shows_featured_collection_categories_districts_and_makers(client: Client) -> None:
    vendor = VendorFactory.create(name_th="กลุ่มทอผ้าบ้านดอน", otop_stars=5)
    silk = CategoryFactory.create(name_th="ผ้าไหม", name_en="Silk")
    product = listed(vendor=vendor, category=silk, name_th="ผ้าซิ่นตีนจก")
    collection = CollectionFactory.create(name_th="ของขวัญสงกรานต์", is_featured=True)
    collection.products.add(product)

    page = text_of(client.get(reverse("storefront:home")))

    assert "ของขวัญสงกรานต์" in page
    assert "ผ้าซิ่นตีนจก" in page
    assert "ผ้าไหม" in page
    assert "เมืองลำพูน" in page  # the vendor's district
    assert "กลุ่มทอผ้าบ้านดอน" in page
    assert "OTOP 5" in page
    assert reverse("storefront:district", args=["5101"]) in page


def test_home_leaves_out_products_of_a_suspended_maker_and_drafts(client: Client) -> None:
    collection = CollectionFactory.create(is_featured=True)
    shown = listed(name_th="โคมไฟไม้ไผ่")
    hidden = listed(
        vendor=VendorFactory.create(status=VendorStatus.SUSPENDED), name_th="สินค้าของร้านที่ถูกระงับ"
    )
    draft = listed(status=ProductStatus.DRAFT, name_th="สินค้าร่าง")
    collection.products.add(shown, hidden, draft)

    page = text_of(client.get(reverse("storefront:home")))

    assert "โคมไฟไม้ไผ่" in page
    assert "สินค้าของร้านที่ถูกระงับ" not in page
    assert "สินค้าร่าง" not in page


def test_home_in_english_by_the_lang_parameter(client: Client) -> None:
    CategoryFactory.create(name_th="เครื่องปั้นดินเผา", name_en="Pottery")

    response = client.get(reverse("storefront:home") + "?lang=en")
    page = text_of(response)

    assert '<html lang="en">' in page
    assert "Pottery" in page
    assert "เครื่องปั้นดินเผา" not in page
    # The choice is remembered: the next page without the parameter is English too.
    assert '<html lang="en">' in text_of(client.get(reverse("storefront:home")))


def test_header_has_search_cart_account_and_a_language_switch_that_keeps_the_page(
    client: Client,
) -> None:
    product = listed()
    url = reverse("storefront:product", args=[product.slug])

    page = text_of(client.get(url + "?lang=th&utm_source=line"))

    assert 'action="/search/"' in page
    assert 'hx-get="/search/suggest/"' in page
    assert f'href="{reverse("storefront:cart")}"' in page
    assert f'href="{reverse("storefront:account")}"' in page
    next_value = re.search(r'name="next" type="hidden" value="([^"]*)"', page)
    assert next_value is not None
    assert "lang=" not in next_value.group(1)
    assert next_value.group(1).startswith(url)
    assert 'name="language" value="en"' in page


# --- category -------------------------------------------------------------------------------------


def test_category_page_lists_products_of_the_category_and_its_subcategories(
    client: Client,
) -> None:
    textiles = CategoryFactory.create(name_th="ผ้าทอ")
    cotton = CategoryFactory.create(parent=textiles, name_th="ผ้าฝ้าย")
    listed(category=textiles, name_th="ผ้าคลุมไหล่ทอมือ")
    listed(category=cotton, name_th="เสื้อผ้าฝ้ายย้อมคราม")
    listed(category=CategoryFactory.create(), name_th="ลำไยอบแห้ง")

    page = text_of(client.get(reverse("storefront:category", args=[textiles.slug])))

    assert "ผ้าคลุมไหล่ทอมือ" in page
    assert "เสื้อผ้าฝ้ายย้อมคราม" in page
    assert "ลำไยอบแห้ง" not in page
    assert reverse("storefront:category", args=[cotton.slug]) in page  # subcategory link
    assert "2 products" in page or "2 รายการ" in page or ">2" in page


def test_category_with_a_thai_slug_opens(client: Client) -> None:
    category = CategoryFactory.create(slug="ผ้าไหมยกดอก", name_th="ผ้าไหมยกดอก")
    listed(category=category, name_th="ผ้าไหมยกดอกลายเครือดอกหมาก")

    response = client.get(reverse("storefront:category", args=[category.slug]))

    assert response.status_code == 200
    assert "ผ้าไหมยกดอกลายเครือดอกหมาก" in text_of(response)


def test_unknown_category_is_not_found(client: Client) -> None:
    assert client.get(reverse("storefront:category", args=["no-such"])).status_code == 404


def test_filters_narrow_a_category_and_the_url_keeps_them(client: Client) -> None:
    category = CategoryFactory.create()
    cheap = listed(category=category, price="200.00", name_th="ถุงผ้าฝ้ายราคาย่อมเยา")
    listed(category=category, price="3000.00", name_th="ผ้าไหมผืนใหญ่ราคาสูง")
    listed(category=category, price="250.00", quantity=0, name_th="ผ้าเช็ดหน้าหมดสต็อก")
    url = reverse("storefront:category", args=[category.slug])

    page = text_of(client.get(url, {"price_max": "500", "in_stock": "1", "utm_source": "fb"}))

    assert cheap.name_th in page
    assert "ผ้าไหมผืนใหญ่ราคาสูง" not in page
    assert "ผ้าเช็ดหน้าหมดสต็อก" not in page
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', page)
    assert canonical is not None
    assert "price_max=500" in canonical.group(1) and "in_stock=1" in canonical.group(1)
    assert "utm_source" not in canonical.group(1)


# --- search ---------------------------------------------------------------------------------------


def test_thai_search_finds_the_product_and_offers_facets(client: Client) -> None:
    weaver = VendorFactory.create(
        name_th="กลุ่มทอผ้าป่าซาง",
        district=pa_sang(),
        subdistrict=pa_sang_subdistrict(),
        geographical_indication=True,
    )
    silk = AttributeValueFactory.create()
    found = listed(vendor=weaver, name_th="ผ้าไหมยกดอกลายพิกุลทอง")
    found.attribute_values.add(silk)
    listed(name_th="โอ่งดินเผาเคลือบ", name_en="Glazed clay jar")

    page = text_of(client.get(reverse("storefront:search"), {"q": "ผ้าไหม"}))

    assert "ลายพิกุลทอง" in page
    assert "โอ่งดินเผาเคลือบ" not in page
    assert "กลุ่มทอผ้าป่าซาง" in page  # the maker facet, named
    assert "ป่าซาง" in page  # the district facet
    assert 'name="material" value="silk"' in page
    assert 'name="certification" value="gi"' in page
    assert '<meta name="robots" content="noindex, follow">' in page


def test_search_by_maker_facet_narrows_the_results(client: Client) -> None:
    one, other = VendorFactory.create(), VendorFactory.create()
    listed(vendor=one, name_th="ผ้าไหมของร้านแรก")
    listed(vendor=other, name_th="ผ้าไหมของร้านที่สอง")

    page = text_of(client.get(reverse("storefront:search"), {"q": "ผ้าไหม", "vendor": str(one.pk)}))

    assert "ผ้าไหมของร้านแรก" in page
    assert "ผ้าไหมของร้านที่สอง" not in page
    assert f'name="vendor" value="{one.pk}" checked' in page


def test_search_sorted_by_price(client: Client) -> None:
    listed(price="900.00", name_th="ผ้าไหมราคากลาง")
    listed(price="300.00", name_th="ผ้าไหมราคาถูก")
    listed(price="2500.00", name_th="ผ้าไหมราคาแพง")

    page = text_of(client.get(reverse("storefront:search"), {"q": "ผ้าไหม", "sort": "price_asc"}))

    positions = [page.index(n) for n in ("ผ้าไหมราคาถูก", "ผ้าไหมราคากลาง", "ผ้าไหมราคาแพง")]
    assert positions == sorted(positions)
    assert "฿300.00" in page


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"price_min": "abc"}, "Enter a number."),
        ({"price_min": "-5"}, "Ensure this value is greater than or equal to 0."),
        (
            {"price_min": "900", "price_max": "100"},
            "The highest price must not be below the lowest.",
        ),
        ({"sort": "cheapest-first"}, "Select a valid choice."),
        ({"after": "not-a-cursor"}, "This page link belongs to another search"),
    ],
)
def test_bad_listing_parameters_give_a_page_with_a_message_not_an_error(
    client: Client, params: dict[str, str], message: str
) -> None:
    listed(name_th="ผ้าไหมที่ยังต้องแสดง", name_en="Silk scarf still shown")

    response = client.get(reverse("storefront:search"), {"q": "ผ้าไหม", "lang": "en", **params})

    assert response.status_code == 200
    page = text_of(response)
    assert message in page
    assert "Silk scarf still shown" in page  # the rest of the search still applies


def test_mangled_facet_values_are_ignored(client: Client) -> None:
    listed(name_th="ผ้าไหมลายน้ำไหล")

    response = client.get(
        reverse("storefront:search"),
        {"q": "ผ้าไหม", "category": ["abc", "99999999999999"], "vendor": "x'; drop"},
    )

    assert response.status_code == 200
    assert "ผ้าไหมลายน้ำไหล" in text_of(response)


def test_search_pages_through_results_with_shareable_links(client: Client) -> None:
    category = CategoryFactory.create()
    for n in range(30):
        listed(category=category, photos=0, name_th=f"ผ้าฝ้ายทอมือผืนที่ {n:02d}")

    first = text_of(client.get(reverse("storefront:search"), {"category": category.pk}))
    next_link = re.search(r'href="([^"]+)" rel="next"', first)
    assert next_link is not None
    second = text_of(client.get(next_link.group(1).replace("&amp;", "&")))

    assert first.count('class="card"') == 24
    assert second.count('class="card"') == 6
    assert f"category={category.pk}" in next_link.group(1)
    assert 'rel="next"' not in second


def test_htmx_filter_request_gets_only_the_listing(client: Client) -> None:
    listed(name_th="ผ้าไหมสำหรับ htmx")

    response = client.get(reverse("storefront:search"), {"q": "ผ้าไหม"}, HTTP_HX_REQUEST="true")

    page = text_of(response)
    assert page.lstrip().startswith('<div id="listing"')
    assert "<html" not in page
    assert "ผ้าไหมสำหรับ htmx" in page


def test_search_suggestions_link_to_products(client: Client) -> None:
    product = listed(name_th="ลำไยอบแห้งสีทอง")

    page = text_of(client.get(reverse("storefront:search_suggest"), {"q": "ลำไย"}))

    assert reverse("storefront:product", args=[product.slug]) in page
    assert "ลำไยอบแห้งสีทอง" in page


# --- product --------------------------------------------------------------------------------------


def test_product_page_shows_price_stock_maker_district_badges_and_photos(client: Client) -> None:
    vendor = VendorFactory.create(
        name_th="ป้าคำทอผ้า",
        otop_stars=4,
        geographical_indication=True,
        community_product_standard=True,
        story_th="ทอผ้ามาตั้งแต่อายุสิบขวบ",
    )
    product = listed(vendor=vendor, price="1234.00", quantity=2, photos=2, name_th="ผ้าไหมลายดอกพิกุล")

    response = client.get(reverse("storefront:product", args=[product.slug]))
    page = text_of(response)

    assert response.status_code == 200
    assert "฿1,234.00" in page
    assert "2" in page and ("Only 2 left" in page or "เหลือเพียง 2" in page)
    assert "ทอผ้ามาตั้งแต่อายุสิบขวบ" in page
    assert "เมืองลำพูน" in page
    assert "OTOP 4" in page
    assert "GI" in page
    assert "มผช." in page
    assert page.count("<picture>") == 2
    assert 'type="image/webp"' in page
    assert re.search(
        r'srcset="[^"]+-320\.webp 320w, [^"]+-640\.webp 640w, [^"]+-1280\.webp 1280w"', page
    )
    assert 'width="1600" height="1200"' in page
    assert page.count('loading="lazy"') == 1  # the first photo loads at once, the second later


def test_product_page_add_to_cart_form_posts_variant_and_quantity(client: Client) -> None:
    product = listed()
    variant = product.variants.get()

    page = text_of(client.get(reverse("storefront:product", args=[product.slug])))

    form = re.search(r'<form class="buy" method="post" action="([^"]+)">(.*?)</form>', page, re.S)
    assert form is not None
    assert form.group(1) == reverse("storefront:cart_add")
    assert f'name="variant" value="{variant.pk}"' in form.group(2)
    assert 'name="quantity"' in form.group(2)
    assert 'for="buy-quantity"' in form.group(2)


def test_product_page_lets_the_shopper_choose_a_variant(client: Client) -> None:
    product = listed(price="500.00")
    from tests.factories.catalog import ProductVariantFactory

    big = ProductVariantFactory.create(product=product, name="3 เมตร", price=Decimal("750.00"))

    page = text_of(
        client.get(reverse("storefront:product", args=[product.slug]), {"variant": big.pk})
    )

    assert (
        f'id="variant-{big.pk}" name="variant" value="{big.pk}" checked disabled' in page
    )  # no stock
    assert "฿750.00" in page
    assert "3 เมตร" in page


def test_out_of_stock_product_cannot_be_added(client: Client) -> None:
    product = listed(quantity=0)

    page = text_of(client.get(reverse("storefront:product", args=[product.slug]), {"lang": "en"}))

    assert "Out of stock" in page
    assert re.search(r'<button type="submit" disabled>', page)


def test_product_page_shows_related_products_of_the_maker_and_the_category(client: Client) -> None:
    vendor = VendorFactory.create()
    category = CategoryFactory.create()
    product = listed(vendor=vendor, category=category)
    listed(vendor=vendor, name_th="สินค้าอื่นของร้านเดียวกัน")
    listed(category=category, name_th="สินค้าหมวดเดียวกันจากร้านอื่น")
    listed(name_th="สินค้าที่ไม่เกี่ยวข้อง")

    page = text_of(client.get(reverse("storefront:product", args=[product.slug])))

    assert "สินค้าอื่นของร้านเดียวกัน" in page
    assert "สินค้าหมวดเดียวกันจากร้านอื่น" in page
    assert "สินค้าที่ไม่เกี่ยวข้อง" not in page


def test_product_with_a_thai_slug_opens(client: Client) -> None:
    product = listed(slug="ผ้าไหมยกดอก-ลายพิกุล")

    assert client.get(reverse("storefront:product", args=[product.slug])).status_code == 200


@pytest.mark.parametrize("status", [ProductStatus.DRAFT, ProductStatus.ARCHIVED])
def test_unpublished_product_is_not_found(client: Client, status: str) -> None:
    product = listed(status=status)

    assert client.get(reverse("storefront:product", args=[product.slug])).status_code == 404


def test_product_of_a_suspended_maker_is_not_found(client: Client) -> None:
    product = listed(vendor=VendorFactory.create(status=VendorStatus.SUSPENDED))

    assert client.get(reverse("storefront:product", args=[product.slug])).status_code == 404


def test_product_page_answers_not_modified_until_the_stock_changes(client: Client) -> None:
    product = listed(quantity=5)
    url = reverse("storefront:product", args=[product.slug])

    client.get(url)  # the first visit sets the CSRF cookie the page's forms depend on
    first = client.get(url)
    assert first.has_header("ETag") and first.has_header("Last-Modified")
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304

    stock = product.variants.get().stocks.get()
    stock.quantity = 1
    stock.save()
    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]


def test_product_etag_differs_by_language(client: Client) -> None:
    product = listed()
    url = reverse("storefront:product", args=[product.slug])

    assert client.get(url)["ETag"] != client.get(url + "?lang=en")["ETag"]


# --- maker, district, collection ------------------------------------------------------------------


def test_vendor_page_shows_story_place_certifications_and_products(client: Client) -> None:
    vendor = VendorFactory.create(
        name_th="บ้านปั้นดินเผา",
        story_th="ปั้นหม้อดินเผาด้วยมือ",
        district=pa_sang(),
        subdistrict=pa_sang_subdistrict(),
        community_product_standard=True,
    )
    listed(vendor=vendor, name_th="หม้อดินเผาใบเล็ก")
    listed(name_th="สินค้าของร้านอื่น")

    page = text_of(client.get(reverse("storefront:vendor", args=[vendor.slug])))

    assert "บ้านปั้นดินเผา" in page
    assert "ปั้นหม้อดินเผาด้วยมือ" in page
    assert "ป่าซาง" in page
    assert "มผช." in page
    assert "หม้อดินเผาใบเล็ก" in page
    assert "สินค้าของร้านอื่น" not in page


def test_vendor_page_pages_through_products(client: Client) -> None:
    vendor = VendorFactory.create()
    for n in range(26):
        listed(vendor=vendor, photos=0, name_th=f"ตะกร้าไม้ไผ่ใบที่ {n:02d}")

    page = text_of(client.get(reverse("storefront:vendor", args=[vendor.slug])))

    assert page.count('class="card"') == 24
    assert 'rel="next"' in page


@pytest.mark.parametrize("status", [VendorStatus.SUSPENDED, VendorStatus.PENDING])
def test_vendor_page_of_a_vendor_not_approved_is_not_found(client: Client, status: str) -> None:
    vendor = VendorFactory.create(status=status)

    assert client.get(reverse("storefront:vendor", args=[vendor.slug])).status_code == 404


def test_district_page_lists_its_makers_and_their_products(client: Client) -> None:
    local = VendorFactory.create(
        name_th="ช่างแกะสลักป่าซาง", district=pa_sang(), subdistrict=pa_sang_subdistrict()
    )
    listed(vendor=local, name_th="ช้างไม้แกะสลัก")
    listed(name_th="สินค้าจากเมืองลำพูน")

    page = text_of(client.get(reverse("storefront:district", args=["5106"])))

    assert "ช่างแกะสลักป่าซาง" in page
    assert "ช้างไม้แกะสลัก" in page
    assert "สินค้าจากเมืองลำพูน" not in page


def test_unknown_district_is_not_found(client: Client) -> None:
    assert client.get(reverse("storefront:district", args=["0000"])).status_code == 404


def test_collection_page_lists_its_products_and_survives_a_bad_page_number(
    client: Client,
) -> None:
    collection = CollectionFactory.create(name_th="ของฝากจากลำพูน")
    collection.products.add(listed(name_th="น้ำผึ้งดอกลำไย"))

    for page_param in ("1", "abc", "999"):
        response = client.get(
            reverse("storefront:collection", args=[collection.slug]), {"page": page_param}
        )
        assert response.status_code == 200
        assert "น้ำผึ้งดอกลำไย" in text_of(response)


def test_unpublished_collection_is_not_found(client: Client) -> None:
    collection = CollectionFactory.create(is_published=False)

    assert client.get(reverse("storefront:collection", args=[collection.slug])).status_code == 404


def test_product_without_photos_or_english_name_still_renders_in_english(client: Client) -> None:
    product = ProductFactory.create(name_en="", name_th="ไม้กวาดดอกหญ้า")

    page = text_of(client.get(reverse("storefront:product", args=[product.slug]), {"lang": "en"}))

    assert "ไม้กวาดดอกหญ้า" in page  # Thai when there is no English name
    assert "Price on request" in page


def test_home_shows_a_new_product_at_once_despite_its_cached_fragments(client: Client) -> None:
    listed(name_th="สินค้าชิ้นแรก")
    assert "สินค้าชิ้นแรก" in text_of(client.get(reverse("storefront:home")))

    listed(name_th="สินค้าที่เพิ่งลงขาย")

    assert "สินค้าที่เพิ่งลงขาย" in text_of(client.get(reverse("storefront:home")))


def test_card_photos_are_silent_but_the_gallery_describes_each_photo(client: Client) -> None:
    """A card's link text already names the product: its photo has an empty alt, so a screen
    reader does not read the name twice; the product page reads the seller's description."""
    product = listed(name_th="ผ้าซิ่นตีนจก", slug="pha-sin-tin-chok")
    media = product.media.get()
    media.alt_th = "ผ้าซิ่นลายตีนจกสีแดง วางบนโต๊ะไม้"
    media.save(update_fields=["alt_th"])

    search = client.get(reverse("storefront:search"), {"q": "ผ้าซิ่น"}).content.decode()
    photo_tags = [tag for tag in re.findall(r"<img[^>]*>", search) if f"/{media.pk}-" in tag]
    assert photo_tags, "the product's card photo is on the page"
    assert all('alt=""' in tag for tag in photo_tags)

    page = client.get(reverse("storefront:product", args=[product.slug])).content.decode()
    assert 'alt="ผ้าซิ่นลายตีนจกสีแดง วางบนโต๊ะไม้"' in page
