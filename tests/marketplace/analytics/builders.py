"""Orders built straight in the database for the analytics tests (checkout is tested elsewhere;
one test goes through checkout_complete to tie the two together)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from marketplace.catalog.models import Category, ProductVariant
from marketplace.core.money import percent_of
from marketplace.municipalities.models import District, Municipality, MunicipalOfficer
from marketplace.orders.models import Order, OrderLine, PaymentStatus, VendorOrder
from marketplace.vendors.models import Vendor, VendorKind
from tests.factories.accounts import UserFactory
from tests.factories.catalog import CategoryFactory, ProductVariantFactory
from tests.factories.municipalities import MunicipalityFactory, lamphun
from tests.factories.vendors import VendorFactory

_numbers = itertools.count(1)


def municipality(slug: str) -> Municipality:
    return MunicipalityFactory.create(
        slug=slug, name_th=f"เทศบาล {slug}", name_en=f"{slug.title()} Municipality"
    )


def vendor(
    town: Municipality,
    *,
    kind: str = VendorKind.COMMUNITY_ENTERPRISE,
    district: District | None = None,
) -> Vendor:
    extra = {"district": district} if district is not None else {}
    return VendorFactory.create(municipality=town, kind=kind, **extra)


def product(
    shop: Vendor, *, category: Category | None = None, price: str = "100.00"
) -> ProductVariant:
    return ProductVariantFactory.create(
        product__vendor=shop,
        product__category=category or CategoryFactory.create(),
        price=Decimal(price),
    )


@dataclass(frozen=True)
class Line:
    variant: ProductVariant
    quantity: int = 1


def order(
    *lines: Line,
    email: str = "malee@example.com",
    shipping: str = "50.00",
    payment_status: str = PaymentStatus.PAID,
    created_at: datetime | None = None,
) -> Order:
    """An order with one vendor order per vendor of `lines`, each with `shipping` delivery."""
    by_vendor: dict[int, list[Line]] = {}
    for line in lines:
        by_vendor.setdefault(line.variant.product.vendor_id, []).append(line)
    subtotal = sum((line.variant.price * line.quantity for line in lines), Decimal(0))
    shipping_total = Decimal(shipping) * len(by_vendor)
    number = next(_numbers)
    made = Order.objects.create(
        number=f"KAD-T-{number:06d}",
        email=email,
        payment_status=payment_status,
        subtotal=subtotal,
        shipping_total=shipping_total,
        total=subtotal + shipping_total,
        shipping_address={},
        billing_address={},
    )
    if created_at is not None:
        Order.objects.filter(pk=made.pk).update(created_at=created_at)
    for index, (vendor_id, vendor_lines) in enumerate(by_vendor.items()):
        shop = Vendor.objects.get(pk=vendor_id)
        vendor_subtotal = sum((ln.variant.price * ln.quantity for ln in vendor_lines), Decimal(0))
        vendor_order = VendorOrder.objects.create(
            order=made,
            vendor=shop,
            number=f"KAD-T-{number:06d}-{index + 1}",
            subtotal=vendor_subtotal,
            shipping_price=Decimal(shipping),
            commission_rate=shop.commission_rate,
            commission=percent_of(vendor_subtotal, shop.commission_rate),
            delivery_method_name="ไปรษณีย์",
        )
        for ln in vendor_lines:
            OrderLine.objects.create(
                vendor_order=vendor_order,
                variant=ln.variant,
                product_name=ln.variant.product.name_th,
                sku=ln.variant.sku,
                unit_price=ln.variant.price,
                quantity=ln.quantity,
                total=ln.variant.price * ln.quantity,
            )
    return made


def officer(town: Municipality) -> object:
    user = UserFactory.create(is_staff=True)
    MunicipalOfficer.objects.create(user=user, municipality=town)
    return user


__all__ = ["Line", "lamphun", "municipality", "officer", "order", "product", "vendor"]
