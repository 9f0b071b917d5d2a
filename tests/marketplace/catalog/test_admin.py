"""Operators moderate listings in the Django admin; every write goes through the services."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from marketplace.catalog.models import Category, Collection, Product, ProductStatus
from tests.factories.accounts import UserFactory
from tests.factories.catalog import (
    CategoryFactory,
    CollectionFactory,
    ProductFactory,
    ProductMediaFactory,
    ProductTypeFactory,
    ProductVariantFactory,
)
from tests.factories.otp import otp_force_login
from tests.factories.vendors import VendorFactory

pytestmark = pytest.mark.django_db

PRODUCTS = reverse("admin:catalog_product_changelist")


@pytest.fixture
def superuser_client(client: Client) -> Client:
    otp_force_login(client, UserFactory.create(is_staff=True, is_superuser=True))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def messages_of(response: Any) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def act(client: Client, action: str, *products: Product) -> Any:
    return client.post(
        PRODUCTS,
        {"action": action, ACTION_CHECKBOX_NAME: [p.pk for p in products]},
        follow=True,
    )


def test_publish_action_publishes_products_with_a_variant(superuser_client: Client) -> None:
    ready = ProductFactory.create(status=ProductStatus.DRAFT)
    ProductVariantFactory.create(product=ready)

    response = act(superuser_client, "publish", ready)

    ready.refresh_from_db()
    assert ready.status == ProductStatus.PUBLISHED
    assert ready.published_at is not None
    assert "1 product published." in messages_of(response)


def test_publish_action_reports_products_it_refused_and_leaves_them(
    superuser_client: Client,
) -> None:
    ready = ProductFactory.create(status=ProductStatus.DRAFT)
    ProductVariantFactory.create(product=ready)
    empty = ProductFactory.create(status=ProductStatus.DRAFT, name_th="ผ้าซิ่นไม่มีราคา")
    archived = ProductFactory.create(status=ProductStatus.ARCHIVED, name_th="ผ้าเก่า")
    ProductVariantFactory.create(product=archived)

    response = act(superuser_client, "publish", ready, empty, archived)

    shown = messages_of(response)
    assert "ผ้าซิ่นไม่มีราคา: Add at least one variant with a price before publishing." in shown
    assert any(m.startswith("ผ้าเก่า: An archived product cannot be published") for m in shown)
    assert "1 product published." in shown
    empty.refresh_from_db()
    archived.refresh_from_db()
    assert (empty.status, archived.status) == (ProductStatus.DRAFT, ProductStatus.ARCHIVED)


def test_unpublish_and_archive_actions_change_the_status(superuser_client: Client) -> None:
    first, second = ProductFactory.create_batch(2, status=ProductStatus.PUBLISHED)

    response = act(superuser_client, "unpublish", first)
    assert "1 product moved back to draft." in messages_of(response)
    response = act(superuser_client, "archive", first, second)
    assert "2 products archived." in messages_of(response)

    assert set(Product.objects.values_list("status", flat=True)) == {ProductStatus.ARCHIVED}


@pytest.mark.parametrize(
    ("query", "found"),
    [("ยกดอก", True), ("brocade", True), ("LPN-77", True), ("ไม่มีสินค้านี้", False)],
)
def test_products_are_found_by_thai_or_english_name_or_sku(
    superuser_client: Client, query: str, found: bool
) -> None:
    product = ProductFactory.create(name_th="ผ้าไหมยกดอก", name_en="Silk brocade")
    ProductVariantFactory.create(product=product, sku="LPN-77")
    ProductFactory.create(name_th="โอ่งดินเผา", name_en="Clay jar")

    response = superuser_client.get(PRODUCTS, {"q": query})

    listed = list(response.context["cl"].result_list)
    assert listed == ([product] if found else [])


def test_the_product_list_filters_by_status_vendor_category_and_type(
    superuser_client: Client,
) -> None:
    vendor = VendorFactory.create()
    category = CategoryFactory.create()
    product_type = ProductTypeFactory.create(slug="pottery", name_th="เครื่องปั้น")
    wanted = ProductFactory.create(
        vendor=vendor, category=category, product_type=product_type, status=ProductStatus.DRAFT
    )
    ProductFactory.create(vendor=vendor, category=category, status=ProductStatus.DRAFT)
    ProductFactory.create(status=ProductStatus.DRAFT)

    response = superuser_client.get(
        PRODUCTS,
        {
            "status__exact": "draft",
            "vendor__id__exact": str(vendor.pk),
            "category__id__exact": str(category.pk),
            "product_type__id__exact": str(product_type.pk),
        },
    )

    assert list(response.context["cl"].result_list) == [wanted]


def test_the_product_list_runs_a_bounded_number_of_queries(
    superuser_client: Client, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    ProductFactory.create_batch(30)
    with django_assert_max_num_queries(20):
        response = superuser_client.get(PRODUCTS)
    assert response.status_code == 200


def test_the_product_page_shows_variants_and_photo_thumbnails(superuser_client: Client) -> None:
    product = ProductFactory.create()
    ProductVariantFactory.create(product=product, sku="LPN-001")
    media = ProductMediaFactory.create(product=product, alt_th="ผ้าไหมสีแดง")

    response = superuser_client.get(reverse("admin:catalog_product_change", args=[product.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "LPN-001" in page
    assert f'src="{media.image.url}"' in page
    assert 'alt="ผ้าไหมสีแดง"' in page


def product_form(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "vendor": VendorFactory.create().pk,
        "product_type": ProductTypeFactory.create().pk,
        "category": CategoryFactory.create().pk,
        "name_th": "ผ้าซิ่นตีนจก",
        "name_en": "",
        "slug": "",
        "description_th": "<p>ทอมือ</p><script>alert(1)</script>",
        "description_en": "",
        "maker": "",
        "materials": "ฝ้าย",
        "lead_time_days": "0",
        "variants-TOTAL_FORMS": "1",
        "variants-INITIAL_FORMS": "0",
        "variants-MIN_NUM_FORMS": "0",
        "variants-MAX_NUM_FORMS": "1000",
        "variants-0-sku": "JOK-001",
        "variants-0-name": "1.8 ม.",
        "variants-0-price": "2500.00",
        "variants-0-compare_at_price": "",
        "variants-0-weight_grams": "300",
        "variants-0-sort_order": "0",
        "media-TOTAL_FORMS": "0",
        "media-INITIAL_FORMS": "0",
        "media-MIN_NUM_FORMS": "0",
        "media-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_adding_a_product_in_the_admin_goes_through_the_services(
    superuser_client: Client,
) -> None:
    response = superuser_client.post(reverse("admin:catalog_product_add"), product_form())

    assert response.status_code == 302, response.context and response.context["errors"]
    product = Product.objects.get()
    assert product.slug == "ผ้าซิ่นตีนจก"
    assert product.description_th == "<p>ทอมือ</p>"
    assert product.status == ProductStatus.DRAFT
    assert [(v.sku, v.price) for v in product.variants.all()] == [("JOK-001", Decimal("2500.00"))]


def test_a_refused_variant_keeps_the_whole_product_unsaved(superuser_client: Client) -> None:
    ProductVariantFactory.create(sku="JOK-001")

    response = superuser_client.post(reverse("admin:catalog_product_add"), product_form())

    assert response.status_code == 200
    # The model form's unique check answers first; the product saved just before is rolled back.
    assert "Product variant with this SKU already exists." in response.content.decode()
    assert not Product.objects.filter(name_th="ผ้าซิ่นตีนจก").exists()


def test_a_compare_at_price_below_the_price_is_shown_next_to_the_field(
    superuser_client: Client,
) -> None:
    response = superuser_client.post(
        reverse("admin:catalog_product_add"),
        product_form(**{"variants-0-compare_at_price": "100"}),
    )
    assert response.status_code == 200
    assert "The compare-at price must be higher than the price." in response.content.decode()
    assert not Product.objects.filter(name_th="ผ้าซิ่นตีนจก").exists()


def test_moving_a_category_in_the_admin_rewrites_its_path(superuser_client: Client) -> None:
    textiles = CategoryFactory.create(name_en="Textiles")
    gifts = CategoryFactory.create(name_en="Gifts")
    silk = CategoryFactory.create(parent=textiles, slug="silk", name_th="ผ้าไหม", name_en="Silk")

    response = superuser_client.post(
        reverse("admin:catalog_category_change", args=[silk.pk]),
        {
            "parent": gifts.pk,
            "name_th": "ผ้าไหม",
            "name_en": "Silk",
            "slug": "silk",
            "description_th": "",
            "description_en": "",
            "sort_order": "0",
        },
    )

    assert response.status_code == 302
    silk.refresh_from_db()
    assert (silk.parent_id, silk.path, silk.level) == (gifts.pk, f"{gifts.pk}/{silk.pk}/", 1)


def test_a_category_cannot_be_moved_under_itself_in_the_admin(superuser_client: Client) -> None:
    textiles = CategoryFactory.create(slug="textiles", name_th="ผ้า", name_en="Textiles")
    silk = CategoryFactory.create(parent=textiles)

    response = superuser_client.post(
        reverse("admin:catalog_category_change", args=[textiles.pk]),
        {
            "parent": silk.pk,
            "name_th": "ผ้า",
            "name_en": "Textiles",
            "slug": "textiles",
            "description_th": "",
            "description_en": "",
            "sort_order": "0",
        },
    )

    assert response.status_code == 200
    assert "cannot be moved under itself" in response.content.decode()
    assert Category.objects.get(pk=textiles.pk).parent_id is None


def test_a_collection_edited_in_the_admin_gets_its_products(superuser_client: Client) -> None:
    collection = CollectionFactory.create(slug="gifts", name_th="ของขวัญ", name_en="Gifts")
    keep, add = ProductFactory.create_batch(2)
    drop = ProductFactory.create()
    collection.products.add(keep, drop)

    response = superuser_client.post(
        reverse("admin:catalog_collection_change", args=[collection.pk]),
        {
            "name_th": "ของขวัญ",
            "name_en": "Gifts",
            "slug": "gifts",
            "description_th": "",
            "description_en": "",
            "is_published": "on",
            "sort_order": "0",
            "products": [keep.pk, add.pk],
        },
    )

    assert response.status_code == 302
    assert set(Collection.objects.get().products.all()) == {keep, add}


def test_every_catalogue_admin_list_opens(superuser_client: Client) -> None:
    CategoryFactory.create()
    CollectionFactory.create()
    ProductVariantFactory.create()
    for model in ("category", "attribute", "producttype", "product", "collection"):
        assert superuser_client.get(reverse(f"admin:catalog_{model}_changelist")).status_code == 200
        assert superuser_client.get(reverse(f"admin:catalog_{model}_add")).status_code == 200
