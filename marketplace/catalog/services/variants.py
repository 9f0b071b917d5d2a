"""Writes to product variants: SKU, price, compare-at price, attributes."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from functools import partial

from django.db import transaction
from django.db.models import Max, Min, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.errors import CatalogError, CatalogErrorCode
from marketplace.catalog.models import AttributeValue, Product, ProductStatus, ProductVariant
from marketplace.catalog.services.shared import (
    UNSET,
    check_attribute_values,
    clean_text,
    full_clean,
    lock,
    save_or_raise,
)
from marketplace.core.money import quantize
from marketplace.inventory.models import Stock
from marketplace.inventory.selectors import variant_quantity_allocated
from search.tasks import products_index


def _price(value: Decimal | int | str, *, field: str) -> Decimal:
    try:
        price = quantize(value)
    except (InvalidOperation, ValueError, TypeError):
        price = Decimal("NaN")
    if not price.is_finite():
        raise CatalogError(
            CatalogErrorCode.INVALID, _("Enter a price in baht, e.g. 1850.00."), field=field
        )
    if price < 0:
        raise CatalogError(
            CatalogErrorCode.PRICE_NEGATIVE, _("A price cannot be negative."), field=field
        )
    return price


def _optional_price(value: Decimal | int | str | None, *, field: str) -> Decimal | None:
    if value is None or value == "":
        return None
    return _price(value, field=field)


def _check_compare_at_price(price: Decimal, compare_at_price: Decimal | None) -> None:
    if compare_at_price is not None and compare_at_price <= price:
        raise CatalogError(
            CatalogErrorCode.COMPARE_AT_PRICE_NOT_ABOVE_PRICE,
            _("The compare-at price must be higher than the price."),
            field="compare_at_price",
        )


def _check_sku_free(sku: str, *, exclude_pk: int | None = None) -> None:
    others = ProductVariant.objects.filter(sku=sku)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    if others.exists():
        raise CatalogError(
            CatalogErrorCode.SKU_TAKEN,
            _("The SKU “%(sku)s” is already used by another product variant."),
            field="sku",
            params={"sku": sku},
        )


def product_prices_refresh(*, product_ids: Sequence[int]) -> None:
    """Store each product's cheapest and dearest variant price (`min_price` / `max_price`,
    None without variants) in one UPDATE. Called inside the transaction of every write that
    changes variants or prices (the variant services, the bulk import), so the stored prices
    never disagree with the variants once it commits."""
    if not product_ids:
        return
    variants = (
        ProductVariant.objects.filter(product_id=OuterRef("pk")).order_by().values("product_id")
    )
    Product.objects.filter(pk__in=list(product_ids)).update(
        min_price=Subquery(variants.annotate(low=Min("price")).values("low")[:1]),
        max_price=Subquery(variants.annotate(high=Max("price")).values("high")[:1]),
    )


def variant_create(
    *,
    product: Product,
    sku: str,
    price: Decimal | int | str,
    name: str = "",
    compare_at_price: Decimal | int | str | None = None,
    weight_grams: int = 0,
    attribute_values: Sequence[AttributeValue] = (),
    sort_order: int | None = None,
) -> ProductVariant:
    """Add a variant to a product.

    Refuses: a SKU already used anywhere (`SKU_TAKEN`), a negative price (`PRICE_NEGATIVE`), a
    compare-at price not above the price (`COMPARE_AT_PRICE_NOT_ABOVE_PRICE`), attribute values
    outside the type's variant attributes, and a second variant of a product whose type has no
    variants (`PRODUCT_TYPE_HAS_NO_VARIANTS`). The product row is locked so that two requests
    cannot both add "the only" variant.
    """
    with transaction.atomic():
        product = lock(product)
        product_type = product.product_type
        if not product_type.has_variants and product.variants.exists():
            raise CatalogError(
                CatalogErrorCode.PRODUCT_TYPE_HAS_NO_VARIANTS,
                _("Products of this type have a single variant."),
                field="product",
            )
        sku = clean_text(sku)
        if not sku:
            raise CatalogError(CatalogErrorCode.REQUIRED, _("Enter a SKU."), field="sku")
        _check_sku_free(sku)
        amount = _price(price, field="price")
        compare_at = _optional_price(compare_at_price, field="compare_at_price")
        _check_compare_at_price(amount, compare_at)
        check_attribute_values(
            attribute_values,
            allowed=product_type.variant_attributes.all(),
            field="attribute_values",
        )
        if sort_order is None:
            last = product.variants.aggregate(last=Max("sort_order"))["last"]
            sort_order = 0 if last is None else last + 1
        variant = ProductVariant(
            product=product,
            sku=sku,
            name=clean_text(name),
            price=amount,
            compare_at_price=compare_at,
            weight_grams=weight_grams,
            sort_order=sort_order,
        )
        full_clean(variant)
        save_or_raise(variant, unique_field="sku", code=CatalogErrorCode.SKU_TAKEN)
        variant.attribute_values.set(attribute_values)
        product_prices_refresh(product_ids=[variant.product_id])
        transaction.on_commit(partial(products_index.delay, [variant.product_id]))
        return variant


def variant_update(
    *,
    variant: ProductVariant,
    sku: str | None = None,
    price: Decimal | int | str | None = None,
    name: str | None = None,
    compare_at_price: Decimal | int | str | None = UNSET,
    weight_grams: int | None = None,
    attribute_values: Sequence[AttributeValue] | None = None,
    sort_order: int | None = None,
) -> ProductVariant:
    """Change a variant; arguments not given stay as they are (`compare_at_price=None` removes
    the compare-at price). Same rules as `variant_create`."""
    with transaction.atomic():
        variant = lock(variant)
        if sku is not None and clean_text(sku) != variant.sku:
            variant.sku = clean_text(sku)
            if not variant.sku:
                raise CatalogError(CatalogErrorCode.REQUIRED, _("Enter a SKU."), field="sku")
            _check_sku_free(variant.sku, exclude_pk=variant.pk)
        if price is not None:
            variant.price = _price(price, field="price")
        if compare_at_price is not UNSET:
            variant.compare_at_price = _optional_price(compare_at_price, field="compare_at_price")
        _check_compare_at_price(variant.price, variant.compare_at_price)
        if name is not None:
            variant.name = clean_text(name)
        if weight_grams is not None:
            variant.weight_grams = weight_grams
        if sort_order is not None:
            variant.sort_order = sort_order
        if attribute_values is not None:
            check_attribute_values(
                attribute_values,
                allowed=variant.product.product_type.variant_attributes.all(),
                field="attribute_values",
            )
        full_clean(variant)
        save_or_raise(variant, unique_field="sku", code=CatalogErrorCode.SKU_TAKEN)
        if attribute_values is not None:
            variant.attribute_values.set(attribute_values)
        product_prices_refresh(product_ids=[variant.product_id])
        transaction.on_commit(partial(products_index.delay, [variant.product_id]))
        return variant


def variant_delete(*, variant: ProductVariant) -> None:
    """Delete a variant and its (empty) stock rows.

    Refuses a variant that is on any order line (`VARIANT_ORDERED` on `variant`): order lines
    keep a link to it
    for fulfilment, refunds, reports and `product_delete`'s rule that an ordered product is
    archived, never deleted. The message tells the artisan what to do instead: set its stock to
    0, or archive the product. Also refuses while units of it are allocated to orders
    (`VARIANT_HAS_ALLOCATED_STOCK`) and the last variant of a published product
    (`LAST_VARIANT_OF_PUBLISHED_PRODUCT`: unpublish first).

    Locks the product, the variant and then its stock rows: a checkout adds order lines while it
    holds those stock rows, so one that is completing is waited for and its lines are seen.
    """
    with transaction.atomic():
        product = lock(variant.product)
        variant = lock(variant)
        list(Stock.objects.select_for_update().filter(variant_id=variant.pk).order_by("pk"))
        if variant.order_lines.exists():
            raise CatalogError(
                CatalogErrorCode.VARIANT_ORDERED,
                _(
                    "This variant has been ordered, so it is kept for the orders' records and "
                    "cannot be deleted. To stop selling it, set its stock to 0; to stop selling "
                    "the whole product, archive it."
                ),
                field="variant",
            )
        if variant_quantity_allocated(variant_id=variant.pk) > 0:
            raise CatalogError(
                CatalogErrorCode.VARIANT_HAS_ALLOCATED_STOCK,
                _("Units of this variant are reserved for orders; it cannot be deleted now."),
                field="variant",
            )
        if (
            product.status == ProductStatus.PUBLISHED
            and not product.variants.exclude(pk=variant.pk).exists()
        ):
            raise CatalogError(
                CatalogErrorCode.LAST_VARIANT_OF_PUBLISHED_PRODUCT,
                _("A published product needs at least one variant; unpublish it first."),
                field="variant",
            )
        transaction.on_commit(partial(products_index.delay, [product.pk]))
        variant.delete()
        product_prices_refresh(product_ids=[product.pk])
