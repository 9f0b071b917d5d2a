"""Reads for the people who run a shop: the vendor portal and the vendor GraphQL mutations.

Every lookup is scoped to a vendor (or to the vendors a user is an active member of), so that
a member of shop A asking for shop B's product, variant or photo gets None — shown as
not-found — and never learns that it exists.
"""

from __future__ import annotations

from django.db.models import Q

from marketplace.accounts.models import User
from marketplace.catalog.models import Product, ProductMedia, ProductVariant
from marketplace.vendors.models import Vendor


def _member_vendors(user: User) -> Q:
    """Vendors `user` is an active member of (a filter over a `vendor` relation)."""
    return Q(vendor__memberships__user=user, vendor__memberships__user__is_active=True)


def vendor_product_get(*, vendor: Vendor, product_id: int) -> Product | None:
    return (
        Product.objects.filter(vendor=vendor, pk=product_id)
        .select_related("vendor", "category", "product_type")
        .first()
    )


def vendor_variant_get(*, vendor: Vendor, variant_id: int) -> ProductVariant | None:
    return (
        ProductVariant.objects.filter(product__vendor=vendor, pk=variant_id)
        .select_related("product", "product__vendor")
        .first()
    )


def vendor_media_get(*, vendor: Vendor, media_id: int) -> ProductMedia | None:
    return (
        ProductMedia.objects.filter(product__vendor=vendor, pk=media_id)
        .select_related("product", "product__vendor")
        .first()
    )


def member_product_get(*, user: User, product_id: int) -> Product | None:
    """The product if `user` is an active member of its vendor (GraphQL: no 'current shop')."""
    if not user.is_active:
        return None
    return (
        Product.objects.filter(_member_vendors(user), pk=product_id)
        .select_related("vendor", "category", "product_type")
        .distinct()
        .first()
    )


def member_variant_get(*, user: User, variant_id: int) -> ProductVariant | None:
    if not user.is_active:
        return None
    return (
        ProductVariant.objects.filter(
            product__vendor__memberships__user=user,
            product__vendor__memberships__user__is_active=True,
            pk=variant_id,
        )
        .select_related("product", "product__vendor")
        .distinct()
        .first()
    )


def member_media_get(*, user: User, media_id: int) -> ProductMedia | None:
    if not user.is_active:
        return None
    return (
        ProductMedia.objects.filter(
            product__vendor__memberships__user=user,
            product__vendor__memberships__user__is_active=True,
            pk=media_id,
        )
        .select_related("product", "product__vendor")
        .distinct()
        .first()
    )
