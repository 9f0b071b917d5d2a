"""What shoppers may see: published products of approved vendors, approved vendors,
published collections. Every storefront read starts from these querysets."""

from __future__ import annotations

from django.db.models import (
    QuerySet,
)

from marketplace.catalog.models import (
    Category,
    Collection,
    Product,
    ProductStatus,
    ProductVariant,
)
from marketplace.vendors.models import Vendor, VendorStatus

# PostgreSQL's ICU collations (created by initdb on ICU builds). Thai: dictionary order, leading
# vowels such as เ แ โ skipped when comparing, Thai script before Latin. The root collation used


# --- Visibility -----------------------------------------------------------------------------------


def shopper_visible_vendors() -> QuerySet[Vendor]:
    return Vendor.objects.filter(status=VendorStatus.APPROVED)


def shopper_visible_products() -> QuerySet[Product]:
    return Product.objects.filter(
        status=ProductStatus.PUBLISHED, vendor__status=VendorStatus.APPROVED
    )


def shopper_visible_collections() -> QuerySet[Collection]:
    return Collection.objects.filter(is_published=True)


def shopper_visible_variants() -> QuerySet[ProductVariant]:
    return ProductVariant.objects.filter(
        product__status=ProductStatus.PUBLISHED, product__vendor__status=VendorStatus.APPROVED
    )


def product_get_visible(
    *, product_id: int | None = None, slug: str | None = None
) -> Product | None:
    products = shopper_visible_products()
    if product_id is not None:
        products = products.filter(id=product_id)
    if slug is not None:
        products = products.filter(slug=slug)
    return products.first()


def variant_get_visible(
    *, variant_id: int | None = None, sku: str | None = None
) -> ProductVariant | None:
    variants = shopper_visible_variants()
    if variant_id is not None:
        variants = variants.filter(id=variant_id)
    if sku is not None:
        variants = variants.filter(sku=sku)
    return variants.first()


def vendor_get_visible(*, vendor_id: int | None = None, slug: str | None = None) -> Vendor | None:
    vendors = shopper_visible_vendors()
    if vendor_id is not None:
        vendors = vendors.filter(id=vendor_id)
    if slug is not None:
        vendors = vendors.filter(slug=slug)
    return vendors.first()


def collection_get_visible(
    *, collection_id: int | None = None, slug: str | None = None
) -> Collection | None:
    collections = shopper_visible_collections()
    if collection_id is not None:
        collections = collections.filter(id=collection_id)
    if slug is not None:
        collections = collections.filter(slug=slug)
    return collections.first()


def category_get(*, category_id: int | None = None, slug: str | None = None) -> Category | None:
    categories = Category.objects.all()
    if category_id is not None:
        categories = categories.filter(id=category_id)
    if slug is not None:
        categories = categories.filter(slug=slug)
    return categories.first()


def category_list(*, level: int | None = None) -> QuerySet[Category]:
    categories = Category.objects.all()
    if level is not None:
        categories = categories.filter(level=level)
    return categories
