"""A variant that was ordered stays: orders, refunds and reports keep their link to it, and a
product with an ordered variant is archived by `product_delete`, never deleted."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from marketplace.catalog.errors import CatalogError, CatalogErrorCode
from marketplace.catalog.models import Product, ProductStatus, ProductVariant
from marketplace.catalog.services import product_delete, variant_delete
from marketplace.inventory.models import Stock
from marketplace.orders.models import OrderLine
from marketplace.orders.services import vendor_order_cancel, vendor_order_ship
from tests.factories.catalog import ProductVariantFactory
from tests.factories.checkout import VendorStall, stall
from tests.marketplace.orders.test_fulfilment import place

pytestmark = pytest.mark.django_db


def shipped_stall() -> VendorStall:
    """A stall whose variant was bought and shipped (nothing reserved any more), with a second,
    never ordered variant."""
    seller = stall(quantity=10)
    part = place(seller, quantity=2).vendor_orders.get()
    vendor_order_ship(vendor_order=part, carrier="ไปรษณีย์ไทย", tracking_number="EX1TH", by=None)
    ProductVariantFactory.create(product=seller.variant.product)
    return seller


def test_a_shipped_variant_cannot_be_deleted_and_the_artisan_is_told_what_to_do() -> None:
    seller = shipped_stall()
    assert Stock.objects.get(pk=seller.stock.pk).quantity_allocated == 0

    with pytest.raises(CatalogError) as caught:
        variant_delete(variant=seller.variant)

    assert (caught.value.code, caught.value.field) == (CatalogErrorCode.VARIANT_ORDERED, "variant")
    assert "ordered" in caught.value.message
    assert "stock to 0" in caught.value.message and "archive" in caught.value.message
    assert ProductVariant.objects.filter(pk=seller.variant.pk).exists()
    assert OrderLine.objects.get().variant_id == seller.variant.pk


def test_a_variant_of_a_cancelled_order_is_kept_too() -> None:
    seller = stall(quantity=10)
    ProductVariantFactory.create(product=seller.variant.product)
    part = place(seller, quantity=1).vendor_orders.get()
    vendor_order_cancel(vendor_order=part, reason="ลูกค้าขอยกเลิก", by=None)

    with pytest.raises(CatalogError):
        variant_delete(variant=seller.variant)

    assert OrderLine.objects.get().variant_id == seller.variant.pk


def test_an_ordered_variant_still_reserved_is_refused_as_ordered() -> None:
    seller = stall(quantity=10)
    ProductVariantFactory.create(product=seller.variant.product)
    place(seller, quantity=1)

    with pytest.raises(CatalogError) as caught:
        variant_delete(variant=seller.variant)

    assert caught.value.code == CatalogErrorCode.VARIANT_ORDERED
    assert "ordered" in caught.value.message


def test_after_a_refused_variant_delete_deleting_the_product_archives_it() -> None:
    seller = shipped_stall()
    product = seller.variant.product
    with pytest.raises(CatalogError):
        variant_delete(variant=seller.variant)

    removal = product_delete(product=product)

    assert removal.archived is True
    assert Product.objects.get(pk=product.pk).status == ProductStatus.ARCHIVED
    assert OrderLine.objects.get().variant_id == seller.variant.pk


def test_the_never_ordered_sibling_of_an_ordered_variant_can_be_deleted() -> None:
    seller = shipped_stall()
    sibling = seller.variant.product.variants.exclude(pk=seller.variant.pk).get()

    variant_delete(variant=sibling)

    assert list(seller.variant.product.variants.all()) == [seller.variant]


def test_the_portal_keeps_an_ordered_variant_and_shows_why(client: Client) -> None:
    seller = shipped_stall()
    client.force_login(seller.owner.user)

    response = client.post(
        reverse("vendor_portal:variant_delete", args=[seller.variant.pk]),
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert "stock to 0" in response.content.decode()
    assert ProductVariant.objects.filter(pk=seller.variant.pk).exists()
