"""Writes to the category tree."""

from __future__ import annotations

from django.db import models, transaction
from django.db.models import Max
from django.db.models.functions import Concat, Length, Substr
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.errors import CatalogError, CatalogErrorCode
from marketplace.catalog.models import Category
from marketplace.catalog.richtext import sanitize_rich_text
from marketplace.catalog.services.shared import (
    clean_text,
    full_clean,
    lock,
    save_or_raise,
    unique_slug,
)

_CATEGORY_PATH_MAX = Category._meta.get_field("path").max_length or 255


def _category_path_check(path: str) -> None:
    if len(path) > _CATEGORY_PATH_MAX:
        raise CatalogError(
            CatalogErrorCode.CATEGORY_TOO_DEEP,
            _("The category tree is too deep here."),
            field="parent",
        )


def category_create(
    *,
    name_th: str,
    name_en: str = "",
    parent: Category | None = None,
    slug: str | None = None,
    description_th: str = "",
    description_en: str = "",
    sort_order: int = 0,
) -> Category:
    """Create a category under `parent` (a root when None).

    `path` lists the ids from the root down to the node itself ("1/4/9/"), `level` counts the
    ancestors (0 for a root); the parent row is locked so a concurrent move cannot leave the new
    child with a stale path.
    """
    with transaction.atomic():
        parent = lock(parent) if parent is not None else None
        category = Category(
            parent=parent,
            name_th=clean_text(name_th),
            name_en=clean_text(name_en),
            description_th=sanitize_rich_text(description_th),
            description_en=sanitize_rich_text(description_en),
            sort_order=sort_order,
            level=parent.level + 1 if parent is not None else 0,
        )
        category.slug = unique_slug(
            Category.objects.all(),
            explicit=slug,
            names=[category.name_en, category.name_th],
            max_length=100,
            fallback="category",
        )
        full_clean(category, exclude=["path"])
        save_or_raise(category, unique_field="slug", code=CatalogErrorCode.SLUG_TAKEN)
        category.path = f"{parent.path if parent is not None else ''}{category.pk}/"
        _category_path_check(category.path)
        category.save(update_fields=["path"])
        return category


def category_update(
    *,
    category: Category,
    name_th: str | None = None,
    name_en: str | None = None,
    slug: str | None = None,
    description_th: str | None = None,
    description_en: str | None = None,
    sort_order: int | None = None,
) -> Category:
    """Change a category's names, slug, descriptions or order; arguments left None stay as they
    are. Moving it in the tree is `category_move`."""
    with transaction.atomic():
        category = lock(category)
        if name_th is not None:
            category.name_th = clean_text(name_th)
        if name_en is not None:
            category.name_en = clean_text(name_en)
        if description_th is not None:
            category.description_th = sanitize_rich_text(description_th)
        if description_en is not None:
            category.description_en = sanitize_rich_text(description_en)
        if sort_order is not None:
            category.sort_order = sort_order
        if slug is not None and slug != category.slug:
            category.slug = unique_slug(
                Category.objects.exclude(pk=category.pk),
                explicit=slug,
                names=(),
                max_length=100,
                fallback="category",
            )
        full_clean(category)
        save_or_raise(category, unique_field="slug", code=CatalogErrorCode.SLUG_TAKEN)
        return category


def category_move(*, category: Category, parent: Category | None) -> Category:
    """Put `category` (with its whole subtree) under `parent`, or make it a root when None.

    Rewrites `path` and `level` of the node and every descendant in one UPDATE. Refuses a move
    under the node itself or one of its descendants (`CATEGORY_CYCLE`). Both rows are locked in
    id order; the UPDATE locks the subtree.
    """
    with transaction.atomic():
        ids = sorted(pk for pk in (category.pk, parent.pk if parent else None) if pk is not None)
        locked = {c.pk: c for c in Category.objects.select_for_update().filter(pk__in=ids)}
        category = locked[category.pk]
        new_parent = locked[parent.pk] if parent is not None else None
        if new_parent is not None and new_parent.path.startswith(category.path):
            raise CatalogError(
                CatalogErrorCode.CATEGORY_CYCLE,
                _("A category cannot be moved under itself or one of its subcategories."),
                field="parent",
            )
        old_path = category.path
        new_path = f"{new_parent.path if new_parent else ''}{category.pk}/"
        if new_path == old_path:
            return category
        subtree = Category.objects.filter(path__startswith=old_path)
        longest = subtree.aggregate(longest=Max(Length("path")))["longest"] or len(old_path)
        _category_path_check("x" * (longest - len(old_path) + len(new_path)))
        level_change = (new_parent.level + 1 if new_parent else 0) - category.level
        subtree.update(
            path=Concat(
                models.Value(new_path),
                Substr("path", len(old_path) + 1),
                output_field=models.CharField(),
            ),
            level=models.F("level") + level_change,
        )
        Category.objects.filter(pk=category.pk).update(parent=new_parent)
        category.refresh_from_db()
        return category
