"""Writes to collections: curated lists of products."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from marketplace.catalog.errors import CatalogErrorCode
from marketplace.catalog.models import Collection, Product
from marketplace.catalog.richtext import sanitize_rich_text
from marketplace.catalog.services.shared import (
    clean_text,
    full_clean,
    lock,
    save_or_raise,
    unique_slug,
)


def collection_create(
    *,
    name_th: str,
    name_en: str = "",
    slug: str | None = None,
    description_th: str = "",
    description_en: str = "",
    is_published: bool = False,
    is_featured: bool = False,
    sort_order: int = 0,
    products: Sequence[Product] = (),
) -> Collection:
    """Create a collection (a curated list of products, e.g. "New Year gifts")."""
    with transaction.atomic():
        collection = Collection(
            name_th=clean_text(name_th),
            name_en=clean_text(name_en),
            description_th=sanitize_rich_text(description_th),
            description_en=sanitize_rich_text(description_en),
            is_published=is_published,
            is_featured=is_featured,
            sort_order=sort_order,
        )
        collection.slug = unique_slug(
            Collection.objects.all(),
            explicit=slug,
            names=[collection.name_en, collection.name_th],
            max_length=100,
            fallback="collection",
        )
        full_clean(collection)
        save_or_raise(collection, unique_field="slug", code=CatalogErrorCode.SLUG_TAKEN)
        collection.products.set(products)
        return collection


def collection_update(
    *,
    collection: Collection,
    name_th: str | None = None,
    name_en: str | None = None,
    slug: str | None = None,
    description_th: str | None = None,
    description_en: str | None = None,
    is_published: bool | None = None,
    is_featured: bool | None = None,
    sort_order: int | None = None,
) -> Collection:
    """Change a collection; arguments left None stay as they are."""
    with transaction.atomic():
        collection = lock(collection)
        if name_th is not None:
            collection.name_th = clean_text(name_th)
        if name_en is not None:
            collection.name_en = clean_text(name_en)
        if description_th is not None:
            collection.description_th = sanitize_rich_text(description_th)
        if description_en is not None:
            collection.description_en = sanitize_rich_text(description_en)
        if is_published is not None:
            collection.is_published = is_published
        if is_featured is not None:
            collection.is_featured = is_featured
        if sort_order is not None:
            collection.sort_order = sort_order
        if slug is not None and slug != collection.slug:
            collection.slug = unique_slug(
                Collection.objects.exclude(pk=collection.pk),
                explicit=slug,
                names=(),
                max_length=100,
                fallback="collection",
            )
        full_clean(collection)
        save_or_raise(collection, unique_field="slug", code=CatalogErrorCode.SLUG_TAKEN)
        return collection


def collection_add_products(*, collection: Collection, products: Sequence[Product]) -> Collection:
    """Add products to a collection; products already in it stay once."""
    with transaction.atomic():
        collection = lock(collection)
        collection.products.add(*products)
        return collection


def collection_remove_products(
    *, collection: Collection, products: Sequence[Product]
) -> Collection:
    """Remove products from a collection; products not in it are ignored."""
    with transaction.atomic():
        collection = lock(collection)
        collection.products.remove(*products)
        return collection
