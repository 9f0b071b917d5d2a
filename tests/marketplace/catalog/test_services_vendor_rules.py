"""Rules the vendor portal and the vendor API share: only an approved shop publishes; a product
is deleted only when it was never ordered (archived otherwise)."""

from __future__ import annotations

from pathlib import Path

import pytest

from marketplace.catalog.errors import CatalogError, CatalogErrorCode
from marketplace.catalog.images import media_add
from marketplace.catalog.models import Product, ProductMedia, ProductStatus, ProductVariant
from marketplace.catalog.services import product_delete, product_publish
from marketplace.inventory.models import Stock
from marketplace.vendors.models import VendorStatus
from tests.factories.catalog import ProductFactory, ProductVariantFactory
from tests.factories.checkout import stall
from tests.factories.inventory import StockFactory
from tests.marketplace.catalog.test_images import encoded, upload
from tests.marketplace.orders.test_fulfilment import place

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("status", [VendorStatus.PENDING, VendorStatus.SUSPENDED])
def test_a_shop_that_is_not_approved_cannot_publish(status: str) -> None:
    product = ProductFactory.create(vendor__status=status, status=ProductStatus.DRAFT)
    ProductVariantFactory.create(product=product)

    with pytest.raises(CatalogError) as refused:
        product_publish(product=product)

    assert refused.value.code == CatalogErrorCode.VENDOR_NOT_APPROVED
    assert refused.value.field == "status"
    assert "not approved" in refused.value.message
    product.refresh_from_db()
    assert (product.status, product.published_at) == (ProductStatus.DRAFT, None)


def test_the_shops_current_status_counts_not_the_callers_copy() -> None:
    product = ProductFactory.create(status=ProductStatus.DRAFT)
    ProductVariantFactory.create(product=product)
    stale = Product.objects.select_related("vendor").get(pk=product.pk)
    type(product.vendor).objects.filter(pk=product.vendor_id).update(status=VendorStatus.SUSPENDED)

    with pytest.raises(CatalogError) as refused:
        product_publish(product=stale)

    assert refused.value.code == CatalogErrorCode.VENDOR_NOT_APPROVED


def test_an_approved_shop_publishes() -> None:
    product = ProductFactory.create(status=ProductStatus.DRAFT)
    ProductVariantFactory.create(product=product)

    assert product_publish(product=product).status == ProductStatus.PUBLISHED


def test_a_product_never_ordered_is_deleted_with_its_variants_stock_and_photo_files(
    django_capture_on_commit_callbacks, media_root: Path
) -> None:
    product = ProductFactory.create(status=ProductStatus.DRAFT)
    variant = ProductVariantFactory.create(product=product)
    StockFactory.create(variant=variant)
    with django_capture_on_commit_callbacks(execute=True):
        media = media_add(product=product, upload=upload(encoded("JPEG")))
    stored = Path(media.image.path)
    assert stored.exists()

    with django_capture_on_commit_callbacks(execute=True):
        removal = product_delete(product=product)

    assert removal.archived is False
    assert removal.product.pk == product.pk
    assert not Product.objects.filter(pk=product.pk).exists()
    assert not ProductVariant.objects.filter(pk=variant.pk).exists()
    assert not Stock.objects.filter(variant_id=variant.pk).exists()
    assert not ProductMedia.objects.filter(pk=media.pk).exists()
    assert not stored.exists()


def test_an_ordered_product_is_archived_instead_and_its_orders_keep_it() -> None:
    seller = stall()
    order = place(seller)
    product = seller.variant.product

    removal = product_delete(product=product)

    assert removal.archived is True
    product.refresh_from_db()
    assert product.status == ProductStatus.ARCHIVED
    line = order.vendor_orders.get().lines.get()
    assert line.variant_id == seller.variant.pk
