"""Vendor catalogue mutations: who may call them, and what they answer.

A member of shop B naming shop A's product, variant, photo or stock gets NOT_FOUND — exactly what
an ID that never existed gets — and nothing of shop A changes.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from marketplace.catalog.errors import CatalogErrorCode
from marketplace.catalog.models import Product, ProductStatus, ProductVariant
from marketplace.graphql.catalog.mutations.base import ProductErrorCodeEnum
from marketplace.inventory.errors import InventoryErrorCode
from marketplace.inventory.models import Stock, StockLocation
from marketplace.orders.models import OrderLine
from marketplace.orders.services import vendor_order_ship
from marketplace.vendors.models import VendorStatus
from tests.factories.accounts import UserFactory
from tests.factories.catalog import CategoryFactory, ProductTypeFactory
from tests.factories.checkout import stall
from tests.factories.inventory import StockFactory, StockLocationFactory
from tests.marketplace.graphql.catalog.vendor_api import Shop, call, gid, payload, shop, snapshot
from tests.marketplace.orders.test_fulfilment import place

pytestmark = pytest.mark.django_db

PRODUCT = "product { id name status slug vendor { name } }"

PRODUCT_CREATE = f"""
mutation($input: ProductCreateInput!) {{
  productCreate(input: $input) {{ {PRODUCT} errors {{ field code message }} }}
}}"""
PRODUCT_UPDATE = f"""
mutation($id: ID!, $input: ProductInput!) {{
  productUpdate(id: $id, input: $input) {{ {PRODUCT} errors {{ field code message }} }}
}}"""
PRODUCT_DELETE = f"""
mutation($id: ID!) {{
  productDelete(id: $id) {{ {PRODUCT} archived errors {{ field code message }} }}
}}"""
ERRORS = "errors { field code message }"
PRODUCT_PUBLISH = f"mutation($id: ID!) {{ productPublish(id: $id) {{ {PRODUCT} {ERRORS} }} }}"
PRODUCT_UNPUBLISH = f"mutation($id: ID!) {{ productUnpublish(id: $id) {{ {PRODUCT} {ERRORS} }} }}"
PRODUCT_ARCHIVE = f"mutation($id: ID!) {{ productArchive(id: $id) {{ {PRODUCT} {ERRORS} }} }}"
VARIANT = (
    "productVariant { id sku name pricing { price { gross { amount } } } "
    "compareAtPrice { amount } }"
)
VARIANT_CREATE = f"""
mutation($input: ProductVariantCreateInput!) {{
  productVariantCreate(input: $input) {{ {VARIANT} errors {{ field code message }} }}
}}"""
VARIANT_UPDATE = f"""
mutation($id: ID!, $input: ProductVariantInput!) {{
  productVariantUpdate(id: $id, input: $input) {{ {VARIANT} errors {{ field code message }} }}
}}"""
VARIANT_DELETE = f"""
mutation($id: ID!) {{
  productVariantDelete(id: $id) {{ {VARIANT} errors {{ field code message }} }}
}}"""
STOCKS_UPDATE = """
mutation($variantId: ID!, $stocks: [StockInput!]!) {
  productVariantStocksUpdate(variantId: $variantId, stocks: $stocks) {
    productVariant { quantityAvailable }
    stocks { location { id name isDefault } quantity quantityAllocated }
    errors { field code message }
  }
}"""
MEDIA_UPDATE = """
mutation($id: ID!, $input: ProductMediaUpdateInput!) {
  productMediaUpdate(id: $id, input: $input) { media { alt } errors { field code message } }
}"""
MEDIA_DELETE = """
mutation($id: ID!) { productMediaDelete(id: $id) { errors { field code message } } }"""
MEDIA_REORDER = """
mutation($productId: ID!, $mediaIds: [ID!]!) {
  productMediaReorder(productId: $productId, mediaIds: $mediaIds) {
    media { alt } errors { field code message }
  }
}"""

# Each vendor mutation, with variables naming shop A's objects (`mediaCreate` is in the upload
# tests: it needs a file).
Case = tuple[str, str, Callable[[Shop], dict[str, Any]], str]
CASES: list[Case] = [
    (
        "productUpdate",
        PRODUCT_UPDATE,
        lambda s: {"id": gid("Product", s.product.pk), "input": {"name": "ของปลอม"}},
        "id",
    ),
    ("productDelete", PRODUCT_DELETE, lambda s: {"id": gid("Product", s.product.pk)}, "id"),
    ("productPublish", PRODUCT_PUBLISH, lambda s: {"id": gid("Product", s.product.pk)}, "id"),
    ("productUnpublish", PRODUCT_UNPUBLISH, lambda s: {"id": gid("Product", s.product.pk)}, "id"),
    ("productArchive", PRODUCT_ARCHIVE, lambda s: {"id": gid("Product", s.product.pk)}, "id"),
    (
        "productVariantCreate",
        VARIANT_CREATE,
        lambda s: {"input": {"product": gid("Product", s.product.pk), "sku": "X-1", "price": "10"}},
        "product",
    ),
    (
        "productVariantUpdate",
        VARIANT_UPDATE,
        lambda s: {"id": gid("ProductVariant", s.variant.pk), "input": {"price": "1.00"}},
        "id",
    ),
    (
        "productVariantDelete",
        VARIANT_DELETE,
        lambda s: {"id": gid("ProductVariant", s.variant.pk)},
        "id",
    ),
    (
        "productVariantStocksUpdate",
        STOCKS_UPDATE,
        lambda s: {"variantId": gid("ProductVariant", s.variant.pk), "stocks": [{"quantity": 0}]},
        "variantId",
    ),
    (
        "productMediaUpdate",
        MEDIA_UPDATE,
        lambda s: {"id": gid("ProductMedia", s.media.pk), "input": {"alt": "x"}},
        "id",
    ),
    ("productMediaDelete", MEDIA_DELETE, lambda s: {"id": gid("ProductMedia", s.media.pk)}, "id"),
    (
        "productMediaReorder",
        MEDIA_REORDER,
        lambda s: {
            "productId": gid("Product", s.product.pk),
            "mediaIds": [gid("ProductMedia", s.media.pk)],
        },
        "productId",
    ),
]


@pytest.mark.parametrize(("name", "query", "variables", "field"), CASES, ids=[c[0] for c in CASES])
def test_a_member_of_another_shop_gets_not_found_and_nothing_changes(
    client: Client, name: str, query: str, variables: Callable[[Shop], dict[str, Any]], field: str
) -> None:
    mine, theirs = shop(), shop()
    before = snapshot(theirs.product)

    body = call(client, query, variables(theirs), user=mine.owner)

    [error] = payload(body, name)["errors"]
    assert (error["code"], error["field"]) == ("NOT_FOUND", field)
    assert snapshot(theirs.product) == before


@pytest.mark.parametrize(("name", "query", "variables", "field"), CASES, ids=[c[0] for c in CASES])
def test_a_signed_out_caller_gets_a_permission_error_and_nothing_changes(
    client: Client, name: str, query: str, variables: Callable[[Shop], dict[str, Any]], field: str
) -> None:
    theirs = shop()
    before = snapshot(theirs.product)

    body = call(client, query, variables(theirs))

    assert body["data"][name] is None
    assert body["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert snapshot(theirs.product) == before


def test_an_id_that_never_existed_gets_the_same_answer_as_another_shops_product(
    client: Client,
) -> None:
    mine, theirs = shop(), shop()
    missing = Product.objects.order_by("-pk").first().pk + 1000  # type: ignore[union-attr]

    answers = [
        payload(
            call(client, PRODUCT_PUBLISH, {"id": gid("Product", pk)}, user=mine.owner),
            "productPublish",
        )
        for pk in (theirs.product.pk, missing)
    ]

    assert answers[0] == answers[1]
    assert answers[0]["errors"][0]["message"] == (
        "This does not exist, or it belongs to a shop you are not a member of."
    )


def test_a_former_member_whose_account_is_deactivated_gets_not_found(client: Client) -> None:
    theirs = shop()
    before = snapshot(theirs.product)
    theirs.staff.is_active = False
    theirs.staff.save()

    body = call(
        client, PRODUCT_PUBLISH, {"id": gid("Product", theirs.product.pk)}, user=theirs.staff
    )

    # A deactivated account's token is refused altogether, or answered NOT_FOUND: never obeyed.
    result = body["data"]["productPublish"]
    assert result is None or result["errors"][0]["code"] == "NOT_FOUND"
    assert snapshot(theirs.product) == before


def test_product_create_in_another_shop_is_not_found_and_creates_nothing(client: Client) -> None:
    mine, theirs = shop(), shop()
    count = Product.objects.count()

    body = call(
        client,
        PRODUCT_CREATE,
        {
            "input": {
                "vendor": gid("Vendor", theirs.vendor.pk),
                "productType": gid("ProductType", ProductTypeFactory.create().pk),
                "category": gid("Category", CategoryFactory.create().pk),
                "name": "ผ้าซิ่นตีนจก",
            }
        },
        user=mine.owner,
    )

    [error] = payload(body, "productCreate")["errors"]
    assert (error["code"], error["field"]) == ("NOT_FOUND", "vendor")
    assert Product.objects.count() == count


def test_a_staff_member_creates_a_draft_product_in_their_shop(client: Client) -> None:
    mine = shop()

    body = call(
        client,
        PRODUCT_CREATE,
        {
            "input": {
                "vendor": gid("Vendor", mine.vendor.pk),
                "productType": gid("ProductType", ProductTypeFactory.create().pk),
                "category": gid("Category", CategoryFactory.create().pk),
                "name": "ผ้าซิ่นตีนจก",
                "nameEn": "Tin chok sarong",
                "description": "<p>ทอมือ</p><script>alert(1)</script>",
                "leadTimeDays": 3,
            }
        },
        user=mine.staff,
    )

    result = payload(body, "productCreate")
    assert result["errors"] == []
    assert result["product"]["name"] == "Tin chok sarong"
    assert result["product"]["status"] == "DRAFT"
    assert result["product"]["slug"] == "tin-chok-sarong"
    assert result["product"]["vendor"]["name"] == mine.vendor.name_en
    created = Product.objects.get(slug="tin-chok-sarong")
    assert (created.vendor_id, created.name_th, created.lead_time_days) == (
        mine.vendor.pk,
        "ผ้าซิ่นตีนจก",
        3,
    )
    assert "script" not in created.description_th


def test_product_create_names_the_missing_field(client: Client) -> None:
    mine = shop()

    body = call(
        client,
        PRODUCT_CREATE,
        {
            "input": {
                "vendor": gid("Vendor", mine.vendor.pk),
                "productType": gid("ProductType", ProductTypeFactory.create().pk),
                "category": gid("Category", CategoryFactory.create().pk),
                "name": "   ",
            }
        },
        user=mine.owner,
    )

    [error] = payload(body, "productCreate")["errors"]
    assert (error["field"], error["code"]) == ("name", "REQUIRED")


def test_a_staff_member_updates_a_product_and_fields_left_out_stay(client: Client) -> None:
    mine = shop()

    body = call(
        client,
        PRODUCT_UPDATE,
        {
            "id": gid("Product", mine.product.pk),
            "input": {"nameEn": "Indigo scarf", "maker": "ป้าคำ"},
        },
        user=mine.staff,
    )

    result = payload(body, "productUpdate")
    assert result["errors"] == []
    assert result["product"]["name"] == "Indigo scarf"
    mine.product.refresh_from_db()
    assert (mine.product.name_en, mine.product.maker) == ("Indigo scarf", "ป้าคำ")
    assert mine.product.name_th.startswith("ผ้าไหมยกดอกลำพูน")


def test_publishing_and_unpublishing_as_a_staff_member(client: Client) -> None:
    mine = shop()
    variables = {"id": gid("Product", mine.product.pk)}

    published = payload(call(client, PRODUCT_PUBLISH, variables, user=mine.staff), "productPublish")
    unpublished = payload(
        call(client, PRODUCT_UNPUBLISH, variables, user=mine.staff), "productUnpublish"
    )

    assert (published["errors"], published["product"]["status"]) == ([], "PUBLISHED")
    assert (unpublished["errors"], unpublished["product"]["status"]) == ([], "DRAFT")


@pytest.mark.parametrize("status", [VendorStatus.PENDING, VendorStatus.SUSPENDED])
def test_a_shop_that_is_not_approved_cannot_publish(client: Client, status: str) -> None:
    mine = shop(status=status)

    body = call(client, PRODUCT_PUBLISH, {"id": gid("Product", mine.product.pk)}, user=mine.owner)

    [error] = payload(body, "productPublish")["errors"]
    assert error["code"] == "VENDOR_NOT_APPROVED"
    assert "not approved" in error["message"]
    mine.product.refresh_from_db()
    assert mine.product.status == ProductStatus.DRAFT


def test_the_not_approved_message_is_in_thai_for_a_thai_request(client: Client) -> None:
    mine = shop(status=VendorStatus.SUSPENDED)

    body = call(
        client,
        PRODUCT_PUBLISH,
        {"id": gid("Product", mine.product.pk)},
        user=mine.owner,
        language="th",
    )

    [error] = payload(body, "productPublish")["errors"]
    assert error["code"] == "VENDOR_NOT_APPROVED"
    assert "ร้าน" in error["message"]


def test_deleting_a_product_never_ordered_removes_it_with_its_variants(client: Client) -> None:
    mine = shop()

    body = call(client, PRODUCT_DELETE, {"id": gid("Product", mine.product.pk)}, user=mine.staff)

    result = payload(body, "productDelete")
    assert result["errors"] == []
    assert result["archived"] is False
    assert result["product"]["id"] == gid("Product", mine.product.pk)
    assert not Product.objects.filter(pk=mine.product.pk).exists()
    assert not ProductVariant.objects.filter(pk=mine.variant.pk).exists()


def test_deleting_an_ordered_product_archives_it_and_keeps_the_order_lines(client: Client) -> None:
    seller = stall()
    order = place(seller)
    product = seller.variant.product

    body = call(client, PRODUCT_DELETE, {"id": gid("Product", product.pk)}, user=seller.owner.user)

    result = payload(body, "productDelete")
    assert result["errors"] == []
    assert (result["archived"], result["product"]["status"]) == (True, "ARCHIVED")
    product.refresh_from_db()
    assert product.status == ProductStatus.ARCHIVED
    assert OrderLine.objects.filter(vendor_order__order=order, variant=seller.variant).exists()


def test_an_ordered_variant_is_kept_and_its_product_is_then_archived_not_deleted(
    client: Client,
) -> None:
    seller = stall()
    order = place(seller)
    vendor_order_ship(
        vendor_order=order.vendor_orders.get(), carrier="Kerry", tracking_number="K1", by=None
    )
    product = seller.variant.product
    user = seller.owner.user

    kept = call(client, VARIANT_DELETE, {"id": gid("ProductVariant", seller.variant.pk)}, user=user)
    removed = call(client, PRODUCT_DELETE, {"id": gid("Product", product.pk)}, user=user)

    [error] = payload(kept, "productVariantDelete")["errors"]
    assert (error["field"], error["code"]) == ("id", "VARIANT_ORDERED")
    assert "set its stock to 0" in error["message"]
    assert payload(removed, "productDelete")["archived"] is True
    assert Product.objects.get(pk=product.pk).status == ProductStatus.ARCHIVED
    assert OrderLine.objects.get(vendor_order__order=order).variant_id == seller.variant.pk


def test_archiving_a_product(client: Client) -> None:
    mine = shop()

    body = call(client, PRODUCT_ARCHIVE, {"id": gid("Product", mine.product.pk)}, user=mine.staff)

    assert payload(body, "productArchive")["product"]["status"] == "ARCHIVED"


def test_a_staff_member_adds_a_variant(client: Client) -> None:
    mine = shop()

    body = call(
        client,
        VARIANT_CREATE,
        {
            "input": {
                "product": gid("Product", mine.product.pk),
                "sku": "SILK-RED-2M",
                "name": "แดง 2 เมตร",
                "price": "2450.50",
                "compareAtPrice": "2900",
                "weightGrams": 450,
            }
        },
        user=mine.staff,
    )

    result = payload(body, "productVariantCreate")
    assert result["errors"] == []
    assert result["productVariant"]["sku"] == "SILK-RED-2M"
    assert result["productVariant"]["pricing"]["price"]["gross"]["amount"] == 2450.5
    assert result["productVariant"]["compareAtPrice"]["amount"] == 2900.0
    variant = ProductVariant.objects.get(sku="SILK-RED-2M")
    assert (variant.product_id, variant.price, variant.weight_grams) == (
        mine.product.pk,
        Decimal("2450.50"),
        450,
    )


def test_a_taken_sku_is_refused_with_the_field_named(client: Client) -> None:
    mine = shop()

    body = call(
        client,
        VARIANT_CREATE,
        {
            "input": {
                "product": gid("Product", mine.product.pk),
                "sku": mine.variant.sku,
                "price": "10",
            }
        },
        user=mine.owner,
    )

    [error] = payload(body, "productVariantCreate")["errors"]
    assert (error["field"], error["code"]) == ("sku", "SKU_TAKEN")
    assert ProductVariant.objects.filter(product=mine.product).count() == 1


def test_updating_a_variant_and_removing_its_compare_at_price(client: Client) -> None:
    mine = shop()
    mine.variant.compare_at_price = Decimal("3000.00")
    mine.variant.save()

    body = call(
        client,
        VARIANT_UPDATE,
        {
            "id": gid("ProductVariant", mine.variant.pk),
            "input": {"price": "1999", "compareAtPrice": None},
        },
        user=mine.staff,
    )

    result = payload(body, "productVariantUpdate")
    assert result["errors"] == []
    assert result["productVariant"]["pricing"]["price"]["gross"]["amount"] == 1999.0
    assert result["productVariant"]["compareAtPrice"] is None
    mine.variant.refresh_from_db()
    assert (mine.variant.price, mine.variant.compare_at_price) == (Decimal("1999.00"), None)


def test_a_negative_price_is_refused_and_the_variant_keeps_its_price(client: Client) -> None:
    mine = shop()

    body = call(
        client,
        VARIANT_UPDATE,
        {"id": gid("ProductVariant", mine.variant.pk), "input": {"price": "-5"}},
        user=mine.owner,
    )

    [error] = payload(body, "productVariantUpdate")["errors"]
    assert (error["field"], error["code"]) == ("price", "PRICE_NEGATIVE")
    mine.variant.refresh_from_db()
    assert mine.variant.price == Decimal("1850.00")


def test_deleting_a_variant(client: Client) -> None:
    mine = shop()

    body = call(
        client, VARIANT_DELETE, {"id": gid("ProductVariant", mine.variant.pk)}, user=mine.staff
    )

    result = payload(body, "productVariantDelete")
    assert result["errors"] == []
    assert result["productVariant"]["sku"] == mine.variant.sku
    assert not ProductVariant.objects.filter(pk=mine.variant.pk).exists()


def test_setting_stock_at_the_shops_default_location(client: Client) -> None:
    mine = shop()

    body = call(
        client,
        STOCKS_UPDATE,
        {"variantId": gid("ProductVariant", mine.variant.pk), "stocks": [{"quantity": 12}]},
        user=mine.staff,
    )

    result = payload(body, "productVariantStocksUpdate")
    assert result["errors"] == []
    assert result["productVariant"]["quantityAvailable"] == 12
    [stock] = result["stocks"]
    assert (stock["quantity"], stock["quantityAllocated"]) == (12, 0)
    assert stock["location"]["id"] == gid("StockLocation", mine.stock.location_id)
    mine.stock.refresh_from_db()
    assert mine.stock.quantity == 12


def test_a_shops_first_stock_count_creates_its_location_at_the_shop_address(client: Client) -> None:
    mine = shop()
    Stock.objects.filter(variant__product__vendor=mine.vendor).delete()
    StockLocation.objects.filter(vendor=mine.vendor).delete()

    body = call(
        client,
        STOCKS_UPDATE,
        {"variantId": gid("ProductVariant", mine.variant.pk), "stocks": [{"quantity": 4}]},
        user=mine.owner,
    )

    result = payload(body, "productVariantStocksUpdate")
    assert result["errors"] == []
    [stock] = result["stocks"]
    assert (stock["quantity"], stock["location"]["isDefault"]) == (4, True)
    location = StockLocation.objects.get(vendor=mine.vendor)
    assert (location.subdistrict_id, location.postal_code) == (
        mine.vendor.subdistrict_id,
        mine.vendor.postal_code,
    )


def test_another_shops_location_is_not_found_and_no_stock_changes(client: Client) -> None:
    mine, theirs = shop(), shop()

    body = call(
        client,
        STOCKS_UPDATE,
        {
            "variantId": gid("ProductVariant", mine.variant.pk),
            "stocks": [{"quantity": 1, "location": gid("StockLocation", theirs.stock.location_id)}],
        },
        user=mine.owner,
    )

    [error] = payload(body, "productVariantStocksUpdate")["errors"]
    assert (error["field"], error["code"]) == ("location", "NOT_FOUND")
    assert set(Stock.objects.values_list("quantity", flat=True)) == {5}


def test_stock_below_what_orders_reserved_is_refused(client: Client) -> None:
    seller = stall(quantity=10)
    place(seller, quantity=3)

    body = call(
        client,
        STOCKS_UPDATE,
        {"variantId": gid("ProductVariant", seller.variant.pk), "stocks": [{"quantity": 2}]},
        user=seller.owner.user,
    )

    [error] = payload(body, "productVariantStocksUpdate")["errors"]
    assert error["code"] == "STOCK_BELOW_ALLOCATED"
    seller.stock.refresh_from_db()
    assert (seller.stock.quantity, seller.stock.quantity_allocated) == (10, 3)


def test_stock_at_several_locations_is_set_all_or_none(client: Client) -> None:
    mine = shop()
    store = StockLocationFactory.create(vendor=mine.vendor, name="store", is_default=False)
    StockFactory.create(variant=mine.variant, location=store, quantity=6, quantity_allocated=4)
    counts: dict[str, Any] = {
        "variantId": gid("ProductVariant", mine.variant.pk),
        "stocks": [
            {"quantity": 9, "location": gid("StockLocation", mine.stock.location_id)},
            {"quantity": 3, "location": gid("StockLocation", store.pk)},
        ],
    }

    refused = payload(
        call(client, STOCKS_UPDATE, counts, user=mine.owner), "productVariantStocksUpdate"
    )
    unchanged = dict(Stock.objects.values_list("location_id", "quantity"))
    counts["stocks"][1]["quantity"] = 7
    done = payload(
        call(client, STOCKS_UPDATE, counts, user=mine.owner), "productVariantStocksUpdate"
    )

    assert [e["code"] for e in refused["errors"]] == ["STOCK_BELOW_ALLOCATED"]
    assert unchanged == {mine.stock.location_id: 5, store.pk: 6}
    assert done["errors"] == []
    assert [(s["location"]["name"], s["quantity"]) for s in done["stocks"]] == [
        (mine.stock.location.name, 9),
        ("store", 7),
    ]


def test_changing_a_photos_alt_text(client: Client) -> None:
    mine = shop()

    body = call(
        client,
        MEDIA_UPDATE,
        {"id": gid("ProductMedia", mine.media.pk), "input": {"alt": "ผ้าไหมสีคราม"}},
        user=mine.staff,
        language="th",
    )

    result = payload(body, "productMediaUpdate")
    assert (result["errors"], result["media"]["alt"]) == ([], "ผ้าไหมสีคราม")
    mine.media.refresh_from_db()
    assert (mine.media.alt_th, mine.media.alt_en) == ("ผ้าไหมสีคราม", "Red silk brocade")


def test_deleting_a_photo(client: Client) -> None:
    mine = shop()

    body = call(client, MEDIA_DELETE, {"id": gid("ProductMedia", mine.media.pk)}, user=mine.staff)

    assert payload(body, "productMediaDelete")["errors"] == []
    assert not mine.product.media.exists()


def test_reordering_photos(client: Client) -> None:
    from tests.factories.catalog import ProductMediaFactory

    mine = shop()
    second = ProductMediaFactory.create(product=mine.product, alt_en="Second")

    body = call(
        client,
        MEDIA_REORDER,
        {
            "productId": gid("Product", mine.product.pk),
            "mediaIds": [gid("ProductMedia", second.pk), gid("ProductMedia", mine.media.pk)],
        },
        user=mine.staff,
    )

    result = payload(body, "productMediaReorder")
    assert result["errors"] == []
    assert [m["alt"] for m in result["media"]] == ["Second", "Red silk brocade"]
    assert list(mine.product.media.values_list("pk", flat=True)) == [second.pk, mine.media.pk]


def test_reordering_with_another_shops_photo_is_refused(client: Client) -> None:
    mine, theirs = shop(), shop()

    body = call(
        client,
        MEDIA_REORDER,
        {
            "productId": gid("Product", mine.product.pk),
            "mediaIds": [gid("ProductMedia", theirs.media.pk)],
        },
        user=mine.owner,
    )

    [error] = payload(body, "productMediaReorder")["errors"]
    assert (error["field"], error["code"]) == ("mediaIds", "MEDIA_NOT_OF_PRODUCT")


def test_every_catalogue_and_stock_error_code_has_an_api_code() -> None:
    api_values = {code.value for code in ProductErrorCodeEnum}
    assert {code.value for code in CatalogErrorCode} <= api_values
    assert {code.value for code in InventoryErrorCode} <= api_values


def test_an_operator_who_is_not_a_member_gets_not_found(client: Client) -> None:
    theirs = shop()
    operator = UserFactory.create(is_staff=True)
    before = snapshot(theirs.product)

    body = call(client, PRODUCT_PUBLISH, {"id": gid("Product", theirs.product.pk)}, user=operator)

    assert payload(body, "productPublish")["errors"][0]["code"] == "NOT_FOUND"
    assert snapshot(theirs.product) == before
