"""Calling the vendor mutations as a shop's member, over HTTP with a bearer token."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.test import Client
from graphql_relay import to_global_id

from marketplace.accounts.jwt import access_token_create
from marketplace.accounts.models import User
from marketplace.catalog.models import Product, ProductMedia, ProductVariant
from marketplace.inventory.models import Stock
from marketplace.vendors.models import MembershipRole, Vendor
from tests.factories.accounts import UserFactory
from tests.factories.catalog import ProductFactory, ProductMediaFactory, ProductVariantFactory
from tests.factories.inventory import StockFactory
from tests.factories.vendors import VendorFactory, VendorMembershipFactory


def call(
    client: Client,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    user: User | None = None,
    language: str = "en",
) -> dict[str, Any]:
    headers = {"accept-language": language}
    if user is not None:
        headers["authorization"] = f"Bearer {access_token_create(user)}"
    response = client.post(
        "/graphql/",
        data=json.dumps({"query": query, "variables": variables or {}}),
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 200, response.content[:500]
    body: dict[str, Any] = response.json()
    return body


def payload(body: dict[str, Any], name: str) -> dict[str, Any]:
    assert "errors" not in body, body["errors"]
    result: dict[str, Any] = body["data"][name]
    return result


def gid(type_name: str, pk: int) -> str:
    return to_global_id(type_name, str(pk))


@dataclass
class Shop:
    vendor: Vendor
    owner: User
    staff: User
    product: Product
    variant: ProductVariant
    stock: Stock
    media: ProductMedia


def shop(*, status: str | None = None) -> Shop:
    """A shop with an owner, a staff member and a draft product with a variant, stock and a
    photo."""
    vendor = VendorFactory.create(**({"status": status} if status else {}))
    owner = UserFactory.create()
    staff = UserFactory.create()
    VendorMembershipFactory.create(vendor=vendor, user=owner, role=MembershipRole.OWNER)
    VendorMembershipFactory.create(vendor=vendor, user=staff, role=MembershipRole.STAFF)
    product = ProductFactory.create(vendor=vendor, status="draft")
    variant = ProductVariantFactory.create(product=product)
    stock = StockFactory.create(variant=variant, quantity=5)
    media = ProductMediaFactory.create(product=product)
    return Shop(vendor, owner, staff, product, variant, stock, media)


def snapshot(product: Product) -> tuple[list[Any], ...]:
    """Every row of the product, its variants, stock and photos, to prove nothing changed."""
    return (
        list(Product.objects.filter(pk=product.pk).values()),
        list(ProductVariant.objects.filter(product_id=product.pk).order_by("pk").values()),
        list(Stock.objects.filter(variant__product_id=product.pk).order_by("pk").values()),
        list(ProductMedia.objects.filter(product_id=product.pk).order_by("pk").values()),
        sorted(Product.objects.filter(vendor_id=product.vendor_id).values_list("pk", flat=True)),
    )
