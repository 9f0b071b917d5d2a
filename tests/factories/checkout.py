"""Builders for carts: a small two-vendor shop and a shopper's Thai address."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from marketplace.catalog.models import ProductVariant
from marketplace.inventory.models import Stock
from marketplace.shipping.models import DeliveryKind, DeliveryMethod
from marketplace.vendors.models import Vendor, VendorMembership
from tests.factories.accounts import UserFactory
from tests.factories.catalog import ProductVariantFactory
from tests.factories.inventory import StockFactory
from tests.factories.shipping import DeliveryMethodFactory
from tests.factories.vendors import VendorFactory, VendorMembershipFactory

# ในเมือง, เมืองลำพูน, ลำพูน 51000 — real geothai codes.
LAMPHUN_ADDRESS: dict[str, str | None] = {
    "first_name": "มาลี",
    "last_name": "ศรีสุข",
    "phone": "081-234-5678",
    "street_address_1": "99/1 ถนนอินทยงยศ",
    "street_address_2": "",
    "province_code": "51",
    "district_code": "5101",
    "subdistrict_code": "510101",
    "postal_code": "51000",
    "country": "TH",
}


@dataclass
class VendorStall:
    vendor: Vendor
    variant: ProductVariant
    stock: Stock
    post: DeliveryMethod
    pickup: DeliveryMethod
    owner: VendorMembership


def stall(*, price: str = "500.00", quantity: int = 10, weight: int = 300) -> VendorStall:
    """An approved vendor with one published product in stock and two delivery methods."""
    vendor = VendorFactory.create()
    variant = ProductVariantFactory.create(
        product__vendor=vendor, price=Decimal(price), weight_grams=weight
    )
    stock = StockFactory.create(variant=variant, quantity=quantity)
    post = DeliveryMethodFactory.create(vendor=vendor, price=Decimal("50.00"))
    pickup = DeliveryMethodFactory.create(
        vendor=vendor, kind=DeliveryKind.PICKUP, price=Decimal(0), name_th="รับเองที่ร้าน"
    )
    owner = VendorMembershipFactory.create(vendor=vendor, user=UserFactory.create())
    return VendorStall(vendor, variant, stock, post, pickup, owner)
