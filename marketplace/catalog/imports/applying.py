"""Applying checked rows: products and variants written in bulk, one transaction per chunk."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from marketplace.catalog.imports.choices import (
    choice_values,
    general_product_type,
    variant_name,
)
from marketplace.catalog.imports.columns import COLOUR_SLUG, COLUMN_LABELS, SIZE_SLUG, normal
from marketplace.catalog.imports.validation import Row, row_problem
from marketplace.catalog.models import AttributeValue, Product, ProductStatus, ProductVariant
from marketplace.catalog.richtext import sanitize_rich_text
from marketplace.catalog.services import product_archive, product_publish, product_unpublish
from marketplace.catalog.services.variants import product_prices_refresh
from marketplace.core.errors import DomainError
from marketplace.inventory.services import location_default_for_vendor, stock_set_bulk
from marketplace.vendors.models import Vendor
from search.tasks import products_index


@dataclass
class Applied:
    created: int = 0
    updated: int = 0
    problems: list[dict[str, Any]] = field(default_factory=list)


def _new_slugs(products: Sequence[Product]) -> None:
    from marketplace.catalog.fields import thai_slugify

    taken_by_base: dict[str, set[str]] = {}
    for product in products:
        base = (
            next(
                (
                    s
                    for s in (thai_slugify(n) for n in (product.name_en, product.name_th) if n)
                    if s
                ),
                "product",
            )[:150].strip("-")
            or "product"
        )
        if base not in taken_by_base:
            taken_by_base[base] = set(
                Product.objects.filter(slug__startswith=base).values_list("slug", flat=True)
            )
        taken = taken_by_base[base]
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        taken.add(slug)
        product.slug = slug


def rows_apply(
    *,
    vendor: Vendor,
    rows: Sequence[Row],
    products_by_name: dict[str, int],
    present: frozenset[str] = frozenset(COLUMN_LABELS),
) -> Applied:
    """Write one chunk of valid rows in one transaction of bulk queries.

    `products_by_name` (normalised Thai name → product id) is shared by the chunks of one import,
    so that variants of one product stay together across chunks. Optional columns missing from
    the file (`present`) leave what the shop has as it is."""
    applied = Applied()
    location = location_default_for_vendor(vendor=vendor) if "stock" in present else None
    values = choice_values(sizes=[r.size for r in rows], colours=[r.colour for r in rows])
    general = general_product_type() if any(r.variant is None for r in rows) else None
    texts = [k for k in ("name_en", "description") if k in present]
    with transaction.atomic():
        new_products: dict[str, Product] = {}
        for row in rows:
            key = normal(row.name_th)
            if row.variant is None and key not in products_by_name and key not in new_products:
                new_products[key] = Product(
                    vendor=vendor,
                    product_type=general,
                    category=row.category,
                    name_th=row.name_th,
                    name_en=row.name_en,
                    description_th=sanitize_rich_text(row.description),
                    status=ProductStatus.DRAFT,
                )
        _new_slugs(list(new_products.values()))
        Product.objects.bulk_create(new_products.values())
        products_by_name.update({key: p.pk for key, p in new_products.items()})

        def product_id(row: Row) -> int:
            return row.variant.product_id if row.variant else products_by_name[normal(row.name_th)]

        ids = {product_id(row) for row in rows}
        products = Product.objects.select_for_update().in_bulk(sorted(ids))
        changed: dict[int, Product] = {}
        for row in rows:
            product = products[product_id(row)]
            if product.pk in changed or product.pk in {p.pk for p in new_products.values()}:
                continue
            wanted: dict[str, Any] = {"name_th": row.name_th, "category_id": row.category.pk}
            if "name_en" in texts:
                wanted["name_en"] = row.name_en
            if "description" in texts:
                wanted["description_th"] = sanitize_rich_text(row.description)
            if any(getattr(product, k) != v for k, v in wanted.items()):
                for name, value in wanted.items():
                    setattr(product, name, value)
                product.updated_at = timezone.now()
                changed[product.pk] = product
        Product.objects.bulk_update(
            changed.values(), ["name_th", "name_en", "category", "description_th", "updated_at"]
        )

        # Variants: new ones last in their product's order.
        last_sort = dict(
            ProductVariant.objects.filter(product_id__in=ids)
            .values("product_id")
            .annotate(last=Max("sort_order"))
            .values_list("product_id", "last")
        )
        new_variants: list[ProductVariant] = []
        updated_variants: list[ProductVariant] = []
        choices = "size" in present or "colour" in present
        for row in rows:
            variant = row.variant
            if variant is None:
                pid = product_id(row)
                previous = last_sort.get(pid)
                last_sort[pid] = 0 if previous is None else previous + 1
                variant = ProductVariant(product_id=pid, sku=row.sku, sort_order=last_sort[pid])
                new_variants.append(variant)
                row.variant = variant
            else:
                updated_variants.append(variant)
            variant.price = row.price
            if choices:
                variant.name = variant_name(row.size, row.colour)
            if row.weight_grams is not None:
                variant.weight_grams = row.weight_grams
        ProductVariant.objects.bulk_create(new_variants)
        ProductVariant.objects.bulk_update(updated_variants, ["price", "name", "weight_grams"])
        product_prices_refresh(product_ids=sorted(ids))
        applied.created, applied.updated = len(new_variants), len(updated_variants)
        if choices:
            _set_choice_values(rows, values)
        if location is not None:
            # Re-indexed with the chunk's products below.
            stock_set_bulk(
                location=location,
                quantities={
                    r.variant.pk: r.stock for r in rows if r.variant and r.stock is not None
                },
                reindex=False,
            )
        applied.problems = _apply_statuses(rows, products, product_id)
        transaction.on_commit(partial(products_index.delay, sorted(ids)))
    return applied


def _set_choice_values(rows: Sequence[Row], values: dict[tuple[str, str], AttributeValue]) -> None:
    through = ProductVariant.attribute_values.through
    variant_ids = [r.variant.pk for r in rows if r.variant is not None]
    through.objects.filter(
        productvariant_id__in=variant_ids,
        attributevalue__attribute__slug__in=[SIZE_SLUG, COLOUR_SLUG],
    ).delete()
    links = []
    for row in rows:
        if row.variant is None:
            continue
        for slug, text in ((SIZE_SLUG, row.size), (COLOUR_SLUG, row.colour)):
            if text:
                value = values[(slug, normal(text))]
                links.append(through(productvariant_id=row.variant.pk, attributevalue_id=value.pk))
    through.objects.bulk_create(links, ignore_conflicts=True)


def _apply_statuses(
    rows: Sequence[Row], products: dict[int, Product], product_id: Any
) -> list[dict[str, Any]]:
    """Status changes go through the status services, one product at a time (their rules: an
    approved shop, a priced variant …); a refusal is a note on the row, the rest stays saved."""
    problems: list[dict[str, Any]] = []
    done: set[int] = set()
    for row in rows:
        pid = product_id(row)
        product = products[pid]
        if row.status is None or pid in done or row.status == product.status:
            continue
        done.add(pid)
        try:
            if row.status == ProductStatus.PUBLISHED:
                if product.status == ProductStatus.ARCHIVED:
                    product_unpublish(product=product)
                product_publish(product=product)
            elif row.status == ProductStatus.ARCHIVED:
                product_archive(product=product)
            else:
                product_unpublish(product=product)
        except DomainError as error:
            problems.append(
                row_problem(row.number, "status", "not_published", reason=error.message)
            )
    return problems
