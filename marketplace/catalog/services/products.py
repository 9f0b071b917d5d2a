"""Writes to products: create, update, publish, unpublish, archive, delete, duplicate."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.errors import CatalogError, CatalogErrorCode
from marketplace.catalog.images import media_delete
from marketplace.catalog.models import (
    AttributeValue,
    Category,
    Product,
    ProductStatus,
    ProductType,
    ProductVariant,
)
from marketplace.catalog.richtext import sanitize_rich_text
from marketplace.catalog.services.shared import (
    check_attribute_values,
    clean_text,
    full_clean,
    lock,
    save_or_raise,
    unique_slug,
)
from marketplace.vendors.models import Vendor, VendorStatus
from search.tasks import products_index

_SKU_MAX = ProductVariant._meta.get_field("sku").max_length or 64


def product_create(
    *,
    vendor: Vendor,
    product_type: ProductType,
    category: Category,
    name_th: str,
    name_en: str = "",
    description_th: str = "",
    description_en: str = "",
    slug: str | None = None,
    attribute_values: Sequence[AttributeValue] = (),
    maker: str = "",
    materials: str = "",
    lead_time_days: int = 0,
    made_to_order: bool = False,
) -> Product:
    """Create a draft product of `vendor`.

    Descriptions are sanitised (`richtext.sanitize_rich_text`); the attribute values must belong
    to the product type's product attributes (`ATTRIBUTE_NOT_IN_PRODUCT_TYPE`), one value per
    dropdown attribute (`ATTRIBUTE_SINGLE_VALUE`).
    """
    with transaction.atomic():
        check_attribute_values(
            attribute_values,
            allowed=product_type.product_attributes.all(),
            field="attribute_values",
        )
        product = Product(
            vendor=vendor,
            product_type=product_type,
            category=category,
            name_th=clean_text(name_th),
            name_en=clean_text(name_en),
            description_th=sanitize_rich_text(description_th),
            description_en=sanitize_rich_text(description_en),
            status=ProductStatus.DRAFT,
            maker=clean_text(maker),
            materials=clean_text(materials),
            lead_time_days=lead_time_days,
            made_to_order=made_to_order,
        )
        product.slug = unique_slug(
            Product.objects.all(),
            explicit=slug,
            names=[product.name_en, product.name_th],
            max_length=160,
            fallback="product",
        )
        full_clean(product)
        save_or_raise(product, unique_field="slug", code=CatalogErrorCode.SLUG_TAKEN)
        product.attribute_values.set(attribute_values)
        return product


def product_update(
    *,
    product: Product,
    name_th: str | None = None,
    name_en: str | None = None,
    description_th: str | None = None,
    description_en: str | None = None,
    slug: str | None = None,
    category: Category | None = None,
    attribute_values: Sequence[AttributeValue] | None = None,
    maker: str | None = None,
    materials: str | None = None,
    lead_time_days: int | None = None,
    made_to_order: bool | None = None,
) -> Product:
    """Change a product; arguments left None stay as they are. The slug changes only when one is
    given, so links shared by shoppers keep working when a name is corrected."""
    with transaction.atomic():
        product = lock(product)
        for field, value in (
            ("name_th", name_th),
            ("name_en", name_en),
            ("maker", maker),
            ("materials", materials),
        ):
            if value is not None:
                setattr(product, field, clean_text(value))
        if description_th is not None:
            product.description_th = sanitize_rich_text(description_th)
        if description_en is not None:
            product.description_en = sanitize_rich_text(description_en)
        if category is not None:
            product.category = category
        if lead_time_days is not None:
            product.lead_time_days = lead_time_days
        if made_to_order is not None:
            product.made_to_order = made_to_order
        if slug is not None and slug != product.slug:
            product.slug = unique_slug(
                Product.objects.exclude(pk=product.pk),
                explicit=slug,
                names=(),
                max_length=160,
                fallback="product",
            )
        if attribute_values is not None:
            check_attribute_values(
                attribute_values,
                allowed=product.product_type.product_attributes.all(),
                field="attribute_values",
            )
        full_clean(product)
        save_or_raise(product, unique_field="slug", code=CatalogErrorCode.SLUG_TAKEN)
        if attribute_values is not None:
            product.attribute_values.set(attribute_values)
        transaction.on_commit(partial(products_index.delay, [product.pk]))
        return product


def product_publish(*, product: Product) -> Product:
    """Make a product visible to shoppers.

    Refuses: a shop that is not approved — pending, suspended or rejected —
    (`VENDOR_NOT_APPROVED`); an archived product (`PRODUCT_ARCHIVED`: unpublish restores it to
    draft first); a product without a variant (every variant has a price) —
    `PRODUCT_WITHOUT_PRICED_VARIANT`. Publishing a published product changes nothing.
    """
    with transaction.atomic():
        product = lock(product)
        # Read now, not from the caller's (possibly stale) object. A suspension that commits
        # right after is harmless: shoppers see a product only while its shop is approved.
        vendor_status = (
            Vendor.objects.filter(pk=product.vendor_id).values_list("status", flat=True).get()
        )
        if vendor_status != VendorStatus.APPROVED:
            raise CatalogError(
                CatalogErrorCode.VENDOR_NOT_APPROVED,
                _(
                    "Your shop is not approved at the moment, so its products cannot be put on "
                    "sale. You can keep working on them as drafts."
                ),
                field="status",
            )
        if product.status == ProductStatus.ARCHIVED:
            raise CatalogError(
                CatalogErrorCode.PRODUCT_ARCHIVED,
                _("An archived product cannot be published; restore it to draft first."),
                field="status",
            )
        if product.status == ProductStatus.PUBLISHED:
            return product
        if not product.variants.filter(price__isnull=False).exists():
            raise CatalogError(
                CatalogErrorCode.PRODUCT_WITHOUT_PRICED_VARIANT,
                _("Add at least one variant with a price before publishing."),
                field="variants",
            )
        transaction.on_commit(partial(products_index.delay, [product.pk]))
        product.status = ProductStatus.PUBLISHED
        product.published_at = timezone.now()
        product.save(update_fields=["status", "published_at", "updated_at"])
        return product


def product_unpublish(*, product: Product) -> Product:
    """Hide a product from shoppers: it goes back to draft. This is also how an archived product
    is restored. A draft stays a draft."""
    with transaction.atomic():
        product = lock(product)
        if product.status != ProductStatus.DRAFT:
            product.status = ProductStatus.DRAFT
            product.save(update_fields=["status", "updated_at"])
        transaction.on_commit(partial(products_index.delay, [product.pk]))
        return product


def product_archive(*, product: Product) -> Product:
    """Retire a product: hidden from shoppers and from the vendor's working lists; past orders
    keep their snapshot. Archiving an archived product changes nothing."""
    with transaction.atomic():
        product = lock(product)
        if product.status != ProductStatus.ARCHIVED:
            product.status = ProductStatus.ARCHIVED
            product.save(update_fields=["status", "updated_at"])
        transaction.on_commit(partial(products_index.delay, [product.pk]))
        return product


@dataclass(frozen=True)
class ProductRemoval:
    """What `product_delete` did: `archived` when the product was kept because it was ordered;
    otherwise `product` is the deleted product as it was (its `pk` kept for the answer)."""

    product: Product
    archived: bool


def product_delete(*, product: Product) -> ProductRemoval:
    """Remove a product from the shop.

    A product that is on any order line is archived instead (`product_archive`): orders, refunds
    and reports keep pointing at it, and the vendor can restore it later. An ordered variant is
    never deleted on its own (`variant_delete` refuses), so every ordered product keeps the order
    lines this check looks for. A product never ordered
    is deleted with its variants, stock rows and photos (the photo files are deleted by a task
    once the deletion commits) and leaves the search index.
    """
    with transaction.atomic():
        product = lock(product)
        if ProductVariant.objects.filter(product=product, order_lines__isnull=False).exists():
            return ProductRemoval(product=product_archive(product=product), archived=True)
        for media in product.media.all():
            media_delete(media=media)
        product_id = product.pk
        transaction.on_commit(partial(products_index.delay, [product_id]))
        product.delete()
        product.pk = product_id
        return ProductRemoval(product=product, archived=False)


def _unique_sku(base: str, *, taken: set[str]) -> str:
    """`base` with a "-COPY", "-COPY2"… suffix that no variant uses, within the SKU length."""
    for number in range(1, 10_000):
        suffix = "-COPY" if number == 1 else f"-COPY{number}"
        candidate = f"{base[: _SKU_MAX - len(suffix)]}{suffix}"
        if candidate not in taken:
            return candidate
    raise CatalogError(CatalogErrorCode.SKU_TAKEN, _("No free SKU is left for the copy."))


def product_duplicate(*, product: Product) -> Product:
    """Copy a product as a new draft with its attribute values and its variants.

    The copy gets a new slug and each variant a new SKU ("SKU-COPY", "SKU-COPY2"…). Stock, media,
    collections and sales are not copied: the vendor adds photos and stock to the new listing.
    """
    with transaction.atomic():
        source = Product.objects.prefetch_related(
            "attribute_values", "variants__attribute_values"
        ).get(pk=product.pk)
        copy = product_create(
            vendor=source.vendor,
            product_type=source.product_type,
            category=source.category,
            name_th=source.name_th,
            name_en=source.name_en,
            description_th=source.description_th,
            description_en=source.description_en,
            attribute_values=list(source.attribute_values.all()),
            maker=source.maker,
            materials=source.materials,
            lead_time_days=source.lead_time_days,
            made_to_order=source.made_to_order,
        )
        for variant in source.variants.all():
            # Every candidate starts with this prefix (the longest suffix is "-COPY9999").
            prefix = variant.sku[: _SKU_MAX - 9]
            taken = set(
                ProductVariant.objects.filter(sku__startswith=prefix).values_list("sku", flat=True)
            )
            copied = ProductVariant(
                product=copy,
                sku=_unique_sku(variant.sku, taken=taken),
                name=variant.name,
                price=variant.price,
                compare_at_price=variant.compare_at_price,
                weight_grams=variant.weight_grams,
                sort_order=variant.sort_order,
            )
            full_clean(copied)
            save_or_raise(copied, unique_field="sku", code=CatalogErrorCode.SKU_TAKEN)
            copied.attribute_values.set(list(variant.attribute_values.all()))
        return copy
