"""Writes to the catalogue: categories, product types, attributes, products, variants, collections.

Every function runs in one transaction, validates (the rules below plus `full_clean` and the
database constraints) and raises `CatalogError` with a stable code and, where it fits, the field.
Images live in `marketplace.catalog.images`.

Slugs are made from the English name when there is one, else from the Thai name (Thai is kept
whole in slugs), and made unique with a numeric suffix ("pha-mai", "pha-mai-2"). A slug given
explicitly must be free, or the write is refused with `SLUG_TAKEN`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from functools import partial
from typing import Any, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Max
from django.db.models.functions import Concat, Length, Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.errors import CatalogError, CatalogErrorCode
from marketplace.catalog.fields import thai_slugify, validate_thai_slug
from marketplace.catalog.models import (
    Attribute,
    AttributeInputType,
    AttributeValue,
    Category,
    Collection,
    Product,
    ProductStatus,
    ProductType,
    ProductVariant,
)
from marketplace.catalog.richtext import sanitize_rich_text
from marketplace.core.money import quantize
from marketplace.inventory.selectors import variant_quantity_allocated
from marketplace.vendors.models import Vendor
from search.tasks import products_index

M = TypeVar("M", bound=models.Model)

# Room left after a generated slug's base for a "-NNNN" suffix.
_SLUG_SUFFIX_ROOM = 6
_CATEGORY_PATH_MAX = Category._meta.get_field("path").max_length or 255
_SKU_MAX = ProductVariant._meta.get_field("sku").max_length or 64


# --- shared helpers -----------------------------------------------------------------------------


def _full_clean(instance: models.Model, *, exclude: Sequence[str] = ()) -> None:
    """`full_clean`, with the first problem turned into a `CatalogError` naming its field."""
    try:
        instance.full_clean(exclude=list(exclude))
    except ValidationError as error:
        field, errors = next(iter(error.error_dict.items()))
        first = errors[0]
        code = {
            "required": CatalogErrorCode.REQUIRED,
            "blank": CatalogErrorCode.REQUIRED,
            "null": CatalogErrorCode.REQUIRED,
        }.get(first.code or "", CatalogErrorCode.INVALID)
        if first.code == "unique" and field == "slug":
            code = CatalogErrorCode.SLUG_TAKEN
        elif first.code == "unique" and field == "sku":
            code = CatalogErrorCode.SKU_TAKEN
        raise CatalogError(
            code,
            first.message,
            field=None if field == NON_FIELD_ERRORS else field,
            params=dict(first.params or {}),
        ) from error


def _save(instance: models.Model, *, unique_field: str, code: CatalogErrorCode) -> None:
    """Save; a unique violation that slipped past the checks (a concurrent write) is a domain
    error, not a 500."""
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as error:
        constraint = getattr(getattr(error.__cause__, "diag", None), "constraint_name", "") or ""
        if unique_field in constraint:
            raise CatalogError(
                code, _("This value is already taken; try again."), field=unique_field
            ) from error
        raise


def _text(value: str | None) -> str:
    return (value or "").strip()


def _unique_slug(
    queryset: models.QuerySet[M],
    *,
    explicit: str | None,
    names: Iterable[str],
    max_length: int,
    fallback: str,
) -> str:
    """A slug free in `queryset`: the explicit one (refused when taken) or one made from names."""
    if explicit is not None and explicit.strip():
        slug = unicodedata.normalize("NFC", explicit.strip())
        try:
            validate_thai_slug(slug)
        except ValidationError as error:
            raise CatalogError(
                CatalogErrorCode.SLUG_INVALID,
                _("Use letters (Thai or English), digits and hyphens only."),
                field="slug",
            ) from error
        if len(slug) > max_length:
            raise CatalogError(
                CatalogErrorCode.SLUG_INVALID,
                _("A slug has at most %(max)s characters."),
                field="slug",
                params={"max": max_length},
            )
        if queryset.filter(slug=slug).exists():
            raise CatalogError(
                CatalogErrorCode.SLUG_TAKEN,
                _("The slug “%(slug)s” is already used."),
                field="slug",
                params={"slug": slug},
            )
        return slug
    base = next((s for s in (thai_slugify(n) for n in names if n) if s), "") or fallback
    base = base[: max_length - _SLUG_SUFFIX_ROOM].strip("-") or fallback
    taken = set(queryset.filter(slug__startswith=base).values_list("slug", flat=True))
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def _check_attribute_values(
    values: Sequence[AttributeValue], *, allowed: Iterable[Attribute], field: str
) -> None:
    """Each value's attribute is among `allowed`; a dropdown attribute has at most one value."""
    attributes = {attribute.pk: attribute for attribute in allowed}
    seen: set[int] = set()
    for value in values:
        attribute = attributes.get(value.attribute_id)
        if attribute is None:
            raise CatalogError(
                CatalogErrorCode.ATTRIBUTE_NOT_IN_PRODUCT_TYPE,
                _("“%(value)s” is not a value of this product type's attributes."),
                field=field,
                params={"value": value.name_th},
            )
        if attribute.input_type == AttributeInputType.DROPDOWN and attribute.pk in seen:
            raise CatalogError(
                CatalogErrorCode.ATTRIBUTE_SINGLE_VALUE,
                _("Choose only one value for “%(attribute)s”."),
                field=field,
                params={"attribute": attribute.name_th},
            )
        seen.add(attribute.pk)


def _lock(instance: M) -> M:
    """The row of `instance`, re-read and locked until the end of the transaction."""
    return type(instance)._default_manager.select_for_update().get(pk=instance.pk)


# --- categories ---------------------------------------------------------------------------------


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
        parent = _lock(parent) if parent is not None else None
        category = Category(
            parent=parent,
            name_th=_text(name_th),
            name_en=_text(name_en),
            description_th=sanitize_rich_text(description_th),
            description_en=sanitize_rich_text(description_en),
            sort_order=sort_order,
            level=parent.level + 1 if parent is not None else 0,
        )
        category.slug = _unique_slug(
            Category.objects.all(),
            explicit=slug,
            names=[category.name_en, category.name_th],
            max_length=100,
            fallback="category",
        )
        _full_clean(category, exclude=["path"])
        _save(category, unique_field="slug", code=CatalogErrorCode.SLUG_TAKEN)
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
        category = _lock(category)
        if name_th is not None:
            category.name_th = _text(name_th)
        if name_en is not None:
            category.name_en = _text(name_en)
        if description_th is not None:
            category.description_th = sanitize_rich_text(description_th)
        if description_en is not None:
            category.description_en = sanitize_rich_text(description_en)
        if sort_order is not None:
            category.sort_order = sort_order
        if slug is not None and slug != category.slug:
            category.slug = _unique_slug(
                Category.objects.exclude(pk=category.pk),
                explicit=slug,
                names=(),
                max_length=100,
                fallback="category",
            )
        _full_clean(category)
        _save(category, unique_field="slug", code=CatalogErrorCode.SLUG_TAKEN)
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


# --- product types and attributes ---------------------------------------------------------------


def attribute_create(
    *,
    name_th: str,
    name_en: str = "",
    slug: str | None = None,
    input_type: str = AttributeInputType.DROPDOWN,
    filterable: bool = True,
) -> Attribute:
    """Create an attribute (material, technique, colour…) that product types can use."""
    with transaction.atomic():
        attribute = Attribute(
            name_th=_text(name_th),
            name_en=_text(name_en),
            input_type=input_type,
            filterable=filterable,
        )
        attribute.slug = _unique_slug(
            Attribute.objects.all(),
            explicit=slug,
            names=[attribute.name_en, attribute.name_th],
            max_length=64,
            fallback="attribute",
        )
        _full_clean(attribute)
        _save(attribute, unique_field="slug", code=CatalogErrorCode.SLUG_TAKEN)
        return attribute


def attribute_value_create(
    *,
    attribute: Attribute,
    name_th: str,
    name_en: str = "",
    slug: str | None = None,
    sort_order: int | None = None,
) -> AttributeValue:
    """Add a value to an attribute; the slug is unique within the attribute. Without a
    `sort_order` the value goes last."""
    with transaction.atomic():
        attribute = _lock(attribute)
        if sort_order is None:
            last = attribute.values.aggregate(last=Max("sort_order"))["last"]
            sort_order = 0 if last is None else last + 1
        value = AttributeValue(
            attribute=attribute,
            name_th=_text(name_th),
            name_en=_text(name_en),
            sort_order=sort_order,
        )
        value.slug = _unique_slug(
            attribute.values.all(),
            explicit=slug,
            names=[value.name_en, value.name_th],
            max_length=100,
            fallback="value",
        )
        _full_clean(value)
        _save(value, unique_field="slug", code=CatalogErrorCode.SLUG_TAKEN)
        return value


def product_type_create(
    *,
    name_th: str,
    name_en: str = "",
    slug: str | None = None,
    has_variants: bool = True,
    product_attributes: Sequence[Attribute] = (),
    variant_attributes: Sequence[Attribute] = (),
) -> ProductType:
    """Create a product type with the attributes its products and its variants are described by."""
    with transaction.atomic():
        product_type = ProductType(
            name_th=_text(name_th), name_en=_text(name_en), has_variants=has_variants
        )
        product_type.slug = _unique_slug(
            ProductType.objects.all(),
            explicit=slug,
            names=[product_type.name_en, product_type.name_th],
            max_length=100,
            fallback="product-type",
        )
        _full_clean(product_type)
        _save(product_type, unique_field="slug", code=CatalogErrorCode.SLUG_TAKEN)
        product_type.product_attributes.set(product_attributes)
        product_type.variant_attributes.set(variant_attributes)
        return product_type


# --- products -----------------------------------------------------------------------------------


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
        _check_attribute_values(
            attribute_values,
            allowed=product_type.product_attributes.all(),
            field="attribute_values",
        )
        product = Product(
            vendor=vendor,
            product_type=product_type,
            category=category,
            name_th=_text(name_th),
            name_en=_text(name_en),
            description_th=sanitize_rich_text(description_th),
            description_en=sanitize_rich_text(description_en),
            status=ProductStatus.DRAFT,
            maker=_text(maker),
            materials=_text(materials),
            lead_time_days=lead_time_days,
            made_to_order=made_to_order,
        )
        product.slug = _unique_slug(
            Product.objects.all(),
            explicit=slug,
            names=[product.name_en, product.name_th],
            max_length=160,
            fallback="product",
        )
        _full_clean(product)
        _save(product, unique_field="slug", code=CatalogErrorCode.SLUG_TAKEN)
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
        product = _lock(product)
        for field, value in (
            ("name_th", name_th),
            ("name_en", name_en),
            ("maker", maker),
            ("materials", materials),
        ):
            if value is not None:
                setattr(product, field, _text(value))
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
            product.slug = _unique_slug(
                Product.objects.exclude(pk=product.pk),
                explicit=slug,
                names=(),
                max_length=160,
                fallback="product",
            )
        if attribute_values is not None:
            _check_attribute_values(
                attribute_values,
                allowed=product.product_type.product_attributes.all(),
                field="attribute_values",
            )
        _full_clean(product)
        _save(product, unique_field="slug", code=CatalogErrorCode.SLUG_TAKEN)
        if attribute_values is not None:
            product.attribute_values.set(attribute_values)
        transaction.on_commit(partial(products_index.delay, [product.pk]))
        return product


def product_publish(*, product: Product) -> Product:
    """Make a product visible to shoppers (once its vendor is approved).

    Needs at least one variant (every variant has a price) — `PRODUCT_WITHOUT_PRICED_VARIANT`;
    an archived product is refused (`PRODUCT_ARCHIVED`: unpublish restores it to draft first).
    Publishing a published product changes nothing.
    """
    with transaction.atomic():
        product = _lock(product)
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
        product = _lock(product)
        if product.status != ProductStatus.DRAFT:
            product.status = ProductStatus.DRAFT
            product.save(update_fields=["status", "updated_at"])
        transaction.on_commit(partial(products_index.delay, [product.pk]))
        return product


def product_archive(*, product: Product) -> Product:
    """Retire a product: hidden from shoppers and from the vendor's working lists; past orders
    keep their snapshot. Archiving an archived product changes nothing."""
    with transaction.atomic():
        product = _lock(product)
        if product.status != ProductStatus.ARCHIVED:
            product.status = ProductStatus.ARCHIVED
            product.save(update_fields=["status", "updated_at"])
        transaction.on_commit(partial(products_index.delay, [product.pk]))
        return product


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
            _full_clean(copied)
            _save(copied, unique_field="sku", code=CatalogErrorCode.SKU_TAKEN)
            copied.attribute_values.set(list(variant.attribute_values.all()))
        return copy


# --- variants -----------------------------------------------------------------------------------


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
        product = _lock(product)
        product_type = product.product_type
        if not product_type.has_variants and product.variants.exists():
            raise CatalogError(
                CatalogErrorCode.PRODUCT_TYPE_HAS_NO_VARIANTS,
                _("Products of this type have a single variant."),
                field="product",
            )
        sku = _text(sku)
        if not sku:
            raise CatalogError(CatalogErrorCode.REQUIRED, _("Enter a SKU."), field="sku")
        _check_sku_free(sku)
        amount = _price(price, field="price")
        compare_at = _optional_price(compare_at_price, field="compare_at_price")
        _check_compare_at_price(amount, compare_at)
        _check_attribute_values(
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
            name=_text(name),
            price=amount,
            compare_at_price=compare_at,
            weight_grams=weight_grams,
            sort_order=sort_order,
        )
        _full_clean(variant)
        _save(variant, unique_field="sku", code=CatalogErrorCode.SKU_TAKEN)
        variant.attribute_values.set(attribute_values)
        transaction.on_commit(partial(products_index.delay, [variant.product_id]))
        return variant


_UNSET: Any = object()


def variant_update(
    *,
    variant: ProductVariant,
    sku: str | None = None,
    price: Decimal | int | str | None = None,
    name: str | None = None,
    compare_at_price: Decimal | int | str | None = _UNSET,
    weight_grams: int | None = None,
    attribute_values: Sequence[AttributeValue] | None = None,
    sort_order: int | None = None,
) -> ProductVariant:
    """Change a variant; arguments not given stay as they are (`compare_at_price=None` removes
    the compare-at price). Same rules as `variant_create`."""
    with transaction.atomic():
        variant = _lock(variant)
        if sku is not None and _text(sku) != variant.sku:
            variant.sku = _text(sku)
            if not variant.sku:
                raise CatalogError(CatalogErrorCode.REQUIRED, _("Enter a SKU."), field="sku")
            _check_sku_free(variant.sku, exclude_pk=variant.pk)
        if price is not None:
            variant.price = _price(price, field="price")
        if compare_at_price is not _UNSET:
            variant.compare_at_price = _optional_price(compare_at_price, field="compare_at_price")
        _check_compare_at_price(variant.price, variant.compare_at_price)
        if name is not None:
            variant.name = _text(name)
        if weight_grams is not None:
            variant.weight_grams = weight_grams
        if sort_order is not None:
            variant.sort_order = sort_order
        if attribute_values is not None:
            _check_attribute_values(
                attribute_values,
                allowed=variant.product.product_type.variant_attributes.all(),
                field="attribute_values",
            )
        _full_clean(variant)
        _save(variant, unique_field="sku", code=CatalogErrorCode.SKU_TAKEN)
        if attribute_values is not None:
            variant.attribute_values.set(attribute_values)
        transaction.on_commit(partial(products_index.delay, [variant.product_id]))
        return variant


def variant_delete(*, variant: ProductVariant) -> None:
    """Delete a variant and its (unallocated) stock rows.

    Refuses while units of it are allocated to orders (`VARIANT_HAS_ALLOCATED_STOCK`) and when it
    is the last variant of a published product (`LAST_VARIANT_OF_PUBLISHED_PRODUCT`: unpublish
    first).
    """
    with transaction.atomic():
        product = _lock(variant.product)
        variant = _lock(variant)
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


# --- collections --------------------------------------------------------------------------------


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
            name_th=_text(name_th),
            name_en=_text(name_en),
            description_th=sanitize_rich_text(description_th),
            description_en=sanitize_rich_text(description_en),
            is_published=is_published,
            is_featured=is_featured,
            sort_order=sort_order,
        )
        collection.slug = _unique_slug(
            Collection.objects.all(),
            explicit=slug,
            names=[collection.name_en, collection.name_th],
            max_length=100,
            fallback="collection",
        )
        _full_clean(collection)
        _save(collection, unique_field="slug", code=CatalogErrorCode.SLUG_TAKEN)
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
        collection = _lock(collection)
        if name_th is not None:
            collection.name_th = _text(name_th)
        if name_en is not None:
            collection.name_en = _text(name_en)
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
            collection.slug = _unique_slug(
                Collection.objects.exclude(pk=collection.pk),
                explicit=slug,
                names=(),
                max_length=100,
                fallback="collection",
            )
        _full_clean(collection)
        _save(collection, unique_field="slug", code=CatalogErrorCode.SLUG_TAKEN)
        return collection


def collection_add_products(*, collection: Collection, products: Sequence[Product]) -> Collection:
    """Add products to a collection; products already in it stay once."""
    with transaction.atomic():
        collection = _lock(collection)
        collection.products.add(*products)
        return collection


def collection_remove_products(
    *, collection: Collection, products: Sequence[Product]
) -> Collection:
    """Remove products from a collection; products not in it are ignored."""
    with transaction.atomic():
        collection = _lock(collection)
        collection.products.remove(*products)
        return collection
