"""Every listing page looks objects up through the member's own shop: another shop's product,
variant, photo or import is not found, and nothing of it changes."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from marketplace.catalog.imports import product_import_start
from marketplace.catalog.models import Product, ProductMedia, ProductStatus, ProductVariant
from marketplace.inventory.models import Stock
from tests.factories.catalog import ProductMediaFactory, ProductVariantFactory
from tests.factories.inventory import StockFactory
from tests.factories.portal import csv_bytes, sheet_row, shop, textiles

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def theirs() -> dict[str, Any]:
    """Shop B's product with a variant, stock, two photos and an import."""
    textiles()
    b = shop()
    variant = ProductVariantFactory.create(
        product__vendor=b.vendor, product__status=ProductStatus.DRAFT, price=Decimal("500")
    )
    stock = StockFactory.create(variant=variant, quantity=7)
    media = ProductMediaFactory.create(product=variant.product, alt_th="ของ B", sort_order=1)
    ProductMediaFactory.create(product=variant.product, sort_order=0)
    job = product_import_start(
        vendor=b.vendor,
        user=b.owner,
        file_name="b.csv",
        data=csv_bytes([sheet_row(1, price="x")]),
        only_valid_rows=False,
    )
    return {
        "product": variant.product,
        "variant": variant,
        "stock": stock,
        "media": media,
        "job": job,
    }


def state() -> list[Any]:
    return [
        list(Product.objects.order_by("pk").values_list("pk", "name_th", "status")),
        list(ProductVariant.objects.order_by("pk").values_list("pk", "sku", "price")),
        list(Stock.objects.order_by("pk").values_list("pk", "quantity")),
        list(ProductMedia.objects.order_by("pk").values_list("pk", "alt_th", "sort_order")),
    ]


REQUESTS = [
    ("get", "product_edit", "product", {}),
    ("post", "product_edit", "product", {"name_th": "ของ A", "category": "1"}),
    ("post", "product_duplicate", "product", {}),
    ("post", "product_status", "product", {"action": "publish"}),
    ("post", "product_status", "product", {"action": "archive"}),
    ("post", "variant_create", "product", {"new-price": "1", "new-stock": "1"}),
    ("post", "product_media_add", "product", {}),
    ("post", "variant_update", "variant", {"price": "1", "stock": "0"}),
    ("post", "variant_delete", "variant", {}),
    ("post", "product_media_move", "media", {"direction": "up"}),
    ("post", "product_media_alt", "media", {"alt_th": "ของ A"}),
    ("post", "product_media_delete", "media", {}),
    ("get", "import_job", "job", {}),
    ("post", "import_job", "job", {}),
]


@pytest.mark.parametrize(("method", "name", "target", "data"), REQUESTS)
def test_a_member_of_another_shop_gets_not_found_and_nothing_changes(
    client: Client,
    theirs: dict[str, Any],
    method: str,
    name: str,
    target: str,
    data: dict[str, str],
) -> None:
    a = shop()
    client.force_login(a.owner)
    if name == "variant_update":
        prefix = f"v{theirs['variant'].pk}"
        data = {f"{prefix}-{key}": value for key, value in data.items()}
    before = state()
    response = getattr(client, method)(
        reverse(f"vendor_portal:{name}", args=[theirs[target].pk]), data
    )
    assert response.status_code == 404
    assert state() == before
    assert not Product.objects.filter(vendor=a.vendor).exists()


def test_another_shops_products_are_not_in_the_list_or_the_export(
    client: Client, theirs: dict[str, Any]
) -> None:
    a = shop()
    client.force_login(a.owner)
    listing = client.get(reverse("vendor_portal:product_list"))
    assert theirs["product"] not in listing.context["page"].object_list
    export = client.get(reverse("vendor_portal:export", args=["csv"]))
    assert theirs["variant"].sku not in export.content.decode("utf-8-sig")


def test_signed_out_visitors_are_sent_to_sign_in(client: Client) -> None:
    for name in ("product_list", "product_create", "import"):
        response = client.get(reverse(f"vendor_portal:{name}"))
        assert response.status_code == 302
