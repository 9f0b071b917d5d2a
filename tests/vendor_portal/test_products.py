"""The artisan's product pages: list, create, edit, variants with stock, photos, status, copies."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image
from pytest_django.fixtures import Settings

from marketplace.catalog.imports import general_product_type
from marketplace.catalog.models import Product, ProductMedia, ProductStatus, ProductVariant
from marketplace.inventory.models import Stock
from marketplace.vendors.models import VendorStatus
from tests.factories.catalog import (
    CategoryFactory,
    ProductFactory,
    ProductMediaFactory,
    ProductVariantFactory,
)
from tests.factories.inventory import StockFactory
from tests.factories.portal import Shop, shop, textiles

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def artisan() -> Shop:
    textiles()
    return shop()


@pytest.fixture
def signed_in(client: Client, artisan: Shop) -> Client:
    client.force_login(artisan.owner)
    return client


def png(name: str = "photo.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "maroon").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def product_of(artisan: Shop, **fields: Any) -> Product:
    fields.setdefault("status", ProductStatus.DRAFT)
    return ProductFactory.create(vendor=artisan.vendor, **fields)


# --- list ---------------------------------------------------------------------------------------


def test_the_list_shows_this_shops_products_with_price_stock_and_status(
    signed_in: Client, artisan: Shop
) -> None:
    variant = ProductVariantFactory.create(
        product=product_of(artisan, name_th="ผ้าซิ่นตีนจก"), price=Decimal("1200")
    )
    StockFactory.create(variant=variant, quantity=12)
    ProductFactory.create(name_th="ของร้านอื่น")

    page = signed_in.get(reverse("vendor_portal:product_list")).content.decode()

    assert "ผ้าซิ่นตีนจก" in page and "ของร้านอื่น" not in page
    assert "฿1,200.00" in page
    assert "12" in page


def test_low_stock_is_warned_about_and_can_be_listed_alone(
    signed_in: Client, artisan: Shop
) -> None:
    low = ProductVariantFactory.create(product=product_of(artisan, name_th="เหลือน้อย"))
    StockFactory.create(variant=low, quantity=2)
    plenty = ProductVariantFactory.create(product=product_of(artisan, name_th="มีเยอะ"))
    StockFactory.create(variant=plenty, quantity=50)

    page = signed_in.get(reverse("vendor_portal:product_list")).content.decode()
    assert "?show=low" in page and "listing-warning" in page

    low_page = signed_in.get(reverse("vendor_portal:product_list"), {"show": "low"})
    assert [p.name_th for p in low_page.context["page"].object_list] == ["เหลือน้อย"]


@pytest.mark.parametrize(
    ("show", "expected"),
    [
        ("draft", ["ร่าง"]),
        ("published", ["ขายอยู่"]),
        ("archived", ["เก็บแล้ว"]),
        ("", ["ขายอยู่", "ร่าง"]),
    ],
)
def test_the_status_filters(
    signed_in: Client, artisan: Shop, show: str, expected: list[str]
) -> None:
    product_of(artisan, name_th="ร่าง")
    product_of(artisan, name_th="ขายอยู่", status=ProductStatus.PUBLISHED)
    product_of(artisan, name_th="เก็บแล้ว", status=ProductStatus.ARCHIVED)
    response = signed_in.get(reverse("vendor_portal:product_list"), {"show": show})
    assert sorted(p.name_th for p in response.context["page"].object_list) == sorted(expected)


def test_the_list_takes_the_same_queries_for_3_or_30_products(
    signed_in: Client, artisan: Shop, django_assert_max_num_queries: Any
) -> None:
    def add(count: int) -> None:
        for _n in range(count):
            variant = ProductVariantFactory.create(product=product_of(artisan))
            StockFactory.create(variant=variant, quantity=1)
            ProductMediaFactory.create(product=variant.product)

    add(3)
    with django_assert_max_num_queries(12) as three:
        signed_in.get(reverse("vendor_portal:product_list"))
    add(27)
    with django_assert_max_num_queries(len(three.captured_queries)):
        response = signed_in.get(reverse("vendor_portal:product_list"))
    assert len(response.context["page"].object_list) == 20


def test_the_list_answers_htmx_with_the_list_alone(signed_in: Client, artisan: Shop) -> None:
    product_of(artisan)
    response = signed_in.get(reverse("vendor_portal:product_list"), HTTP_HX_REQUEST="true")
    assert response.content.decode().lstrip().startswith('<div id="product-list">')


# --- create and edit ----------------------------------------------------------------------------


def test_creating_a_product_saves_a_draft_and_leads_to_price_and_photos(
    signed_in: Client, artisan: Shop
) -> None:
    category = CategoryFactory.create()
    response = signed_in.post(
        reverse("vendor_portal:product_create"),
        {"name_th": "ตุงล้านนา", "category": category.pk, "description_th": "ทอมือ"},
    )
    product = Product.objects.get(vendor=artisan.vendor)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("vendor_portal:product_edit", args=[product.pk]))
    assert (product.name_th, product.status) == ("ตุงล้านนา", ProductStatus.DRAFT)
    assert product.product_type.slug == "general"


def test_a_product_without_a_name_is_refused_next_to_the_field_keeping_the_rest(
    signed_in: Client, artisan: Shop
) -> None:
    response = signed_in.post(
        reverse("vendor_portal:product_create"), {"name_th": "", "description_th": "ทอมือ"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["name_th"]
    assert "ทอมือ" in response.content.decode()
    assert not Product.objects.exists()


def test_editing_changes_the_name(signed_in: Client, artisan: Shop) -> None:
    product = product_of(artisan)
    response = signed_in.post(
        reverse("vendor_portal:product_edit", args=[product.pk]),
        {"name_th": "ชื่อใหม่", "category": product.category_id},
    )
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.name_th == "ชื่อใหม่"


def test_adding_a_size_with_price_and_stock(signed_in: Client, artisan: Shop) -> None:
    product = product_of(artisan, product_type=general_product_type())
    response = signed_in.post(
        reverse("vendor_portal:variant_create", args=[product.pk]),
        {"new-size": "2 เมตร", "new-colour": "", "new-price": "1850", "new-stock": "4"},
    )
    assert response.status_code == 302
    variant = ProductVariant.objects.get(product=product)
    assert (variant.price, variant.name) == (Decimal("1850.00"), "2 เมตร")
    assert variant.sku.startswith(f"K{product.pk}-")
    stock = Stock.objects.get(variant=variant)
    assert stock.quantity == 4 and stock.location.vendor_id == artisan.vendor.pk


def test_changing_price_and_stock_of_a_variant(signed_in: Client, artisan: Shop) -> None:
    variant = ProductVariantFactory.create(product=product_of(artisan))
    StockFactory.create(variant=variant, quantity=1)
    prefix = f"v{variant.pk}"
    response = signed_in.post(
        reverse("vendor_portal:variant_update", args=[variant.pk]),
        {f"{prefix}-price": "990.50", f"{prefix}-stock": "8", f"{prefix}-sku": variant.sku},
    )
    assert response.status_code == 302
    variant.refresh_from_db()
    assert variant.price == Decimal("990.50")
    assert Stock.objects.get(variant=variant).quantity == 8


def test_a_bad_price_is_refused_and_nothing_changes(signed_in: Client, artisan: Shop) -> None:
    variant = ProductVariantFactory.create(product=product_of(artisan), price=Decimal("100"))
    prefix = f"v{variant.pk}"
    response = signed_in.post(
        reverse("vendor_portal:variant_update", args=[variant.pk]),
        {f"{prefix}-price": "สองร้อย", f"{prefix}-stock": "8"},
    )
    assert response.status_code == 400
    assert "สองร้อย" in response.content.decode()
    variant.refresh_from_db()
    assert variant.price == Decimal("100")


def test_stock_below_reserved_units_is_shown_next_to_stock(
    signed_in: Client, artisan: Shop
) -> None:
    variant = ProductVariantFactory.create(product=product_of(artisan))
    StockFactory.create(variant=variant, quantity=5, quantity_allocated=3)
    prefix = f"v{variant.pk}"
    response = signed_in.post(
        reverse("vendor_portal:variant_update", args=[variant.pk]),
        {f"{prefix}-price": "100", f"{prefix}-stock": "1"},
    )
    assert response.status_code == 400
    form = next(
        r["form"] for r in response.context["variant_rows"] if r["variant"].pk == variant.pk
    )
    assert form.errors["stock"]


def test_removing_a_variant(signed_in: Client, artisan: Shop) -> None:
    variant = ProductVariantFactory.create(product=product_of(artisan))
    signed_in.post(reverse("vendor_portal:variant_delete", args=[variant.pk]))
    assert not ProductVariant.objects.filter(pk=variant.pk).exists()


# --- photos -------------------------------------------------------------------------------------


def test_a_photo_from_the_phone_is_added(signed_in: Client, artisan: Shop) -> None:
    product = product_of(artisan)
    page = signed_in.get(reverse("vendor_portal:product_edit", args=[product.pk])).content.decode()
    assert 'capture="environment"' in page and 'accept="image/*"' in page

    response = signed_in.post(
        reverse("vendor_portal:product_media_add", args=[product.pk]),
        {"image": png(), "alt_th": "ผ้าสีแดง"},
    )
    assert response.status_code == 302
    assert ProductMedia.objects.get(product=product).alt_th == "ผ้าสีแดง"


def test_a_file_that_is_not_an_image_gets_a_clear_message_and_keeps_the_description(
    signed_in: Client, artisan: Shop
) -> None:
    product = product_of(artisan)
    response = signed_in.post(
        reverse("vendor_portal:product_media_add", args=[product.pk]),
        {"image": SimpleUploadedFile("notes.pdf", b"%PDF-1.4 nothing"), "alt_th": "ผ้าสีแดง"},
    )
    assert response.status_code == 400
    assert response.context["photo_form"].errors["image"]
    assert "ผ้าสีแดง" in response.content.decode()
    assert not ProductMedia.objects.exists()


def test_with_htmx_the_photo_section_comes_back_alone(signed_in: Client, artisan: Shop) -> None:
    product = product_of(artisan)
    response = signed_in.post(
        reverse("vendor_portal:product_media_add", args=[product.pk]),
        {"image": png()},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="photos",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<section id="photos"') and "<html" not in body


def test_photos_move_up_and_down_without_javascript(signed_in: Client, artisan: Shop) -> None:
    product = product_of(artisan)
    first, second, third = (
        ProductMediaFactory.create(product=product, sort_order=n) for n in range(3)
    )
    signed_in.post(
        reverse("vendor_portal:product_media_move", args=[third.pk]), {"direction": "up"}
    )
    assert list(product.media.order_by("sort_order").values_list("pk", flat=True)) == [
        first.pk,
        third.pk,
        second.pk,
    ]
    signed_in.post(
        reverse("vendor_portal:product_media_move", args=[first.pk]), {"direction": "down"}
    )
    assert list(product.media.order_by("sort_order").values_list("pk", flat=True)) == [
        third.pk,
        first.pk,
        second.pk,
    ]


def test_alt_text_and_deleting_a_photo(signed_in: Client, artisan: Shop) -> None:
    media = ProductMediaFactory.create(product=product_of(artisan))
    signed_in.post(
        reverse("vendor_portal:product_media_alt", args=[media.pk]),
        {f"m{media.pk}-alt_th": "ผ้าคลุมไหล่"},
    )
    media.refresh_from_db()
    assert media.alt_th == "ผ้าคลุมไหล่"
    signed_in.post(reverse("vendor_portal:product_media_delete", args=[media.pk]))
    assert not ProductMedia.objects.filter(pk=media.pk).exists()


# --- status and copies --------------------------------------------------------------------------


def test_publishing_unpublishing_and_archiving(signed_in: Client, artisan: Shop) -> None:
    product = ProductVariantFactory.create(product=product_of(artisan)).product
    url = reverse("vendor_portal:product_status", args=[product.pk])
    for action, status in (
        ("publish", ProductStatus.PUBLISHED),
        ("unpublish", ProductStatus.DRAFT),
        ("archive", ProductStatus.ARCHIVED),
    ):
        signed_in.post(url, {"action": action})
        product.refresh_from_db()
        assert product.status == status


def test_publishing_without_a_price_says_why(signed_in: Client, artisan: Shop) -> None:
    product = product_of(artisan)
    response = signed_in.post(
        reverse("vendor_portal:product_status", args=[product.pk]),
        {"action": "publish"},
        follow=True,
    )
    assert "message-error" in response.content.decode()
    product.refresh_from_db()
    assert product.status == ProductStatus.DRAFT


def test_a_suspended_shop_cannot_publish_and_sees_why(client: Client) -> None:
    textiles()
    suspended = shop(status=VendorStatus.SUSPENDED)
    client.force_login(suspended.owner)
    product = ProductVariantFactory.create(product=product_of(suspended)).product
    response = client.post(
        reverse("vendor_portal:product_status", args=[product.pk]),
        {"action": "publish"},
        follow=True,
    )
    messages = [str(m) for m in response.context["messages"]]
    assert len(messages) == 1 and "message-error" in response.content.decode()
    product.refresh_from_db()
    assert product.status == ProductStatus.DRAFT


def test_duplicating_opens_the_copy(signed_in: Client, artisan: Shop) -> None:
    product = ProductVariantFactory.create(product=product_of(artisan)).product
    response = signed_in.post(reverse("vendor_portal:product_duplicate", args=[product.pk]))
    copy = Product.objects.exclude(pk=product.pk).get(vendor=artisan.vendor)
    assert response["Location"] == reverse("vendor_portal:product_edit", args=[copy.pk])
    assert copy.variants.count() == 1


def test_a_staff_member_manages_products_too(client: Client, artisan: Shop) -> None:
    client.force_login(artisan.staff)
    product = ProductVariantFactory.create(product=product_of(artisan)).product
    client.post(reverse("vendor_portal:product_status", args=[product.pk]), {"action": "publish"})
    product.refresh_from_db()
    assert product.status == ProductStatus.PUBLISHED
