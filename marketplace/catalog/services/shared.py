"""What every catalogue write shares: validation turned into `CatalogError`, saves that survive
a concurrent unique write, slugs, attribute checks and row locks."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.errors import CatalogError, CatalogErrorCode
from marketplace.catalog.fields import thai_slugify, validate_thai_slug
from marketplace.catalog.models import Attribute, AttributeInputType, AttributeValue

M = TypeVar("M", bound=models.Model)

# Room left after a generated slug's base for a "-NNNN" suffix.
_SLUG_SUFFIX_ROOM = 6

# Marks an argument that was not given, where None has a meaning of its own.
UNSET: Any = object()


def full_clean(instance: models.Model, *, exclude: Sequence[str] = ()) -> None:
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


def save_or_raise(instance: models.Model, *, unique_field: str, code: CatalogErrorCode) -> None:
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


def clean_text(value: str | None) -> str:
    return (value or "").strip()


def unique_slug(
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


def check_attribute_values(
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


def lock(instance: M) -> M:
    """The row of `instance`, re-read and locked until the end of the transaction."""
    return type(instance)._default_manager.select_for_update().get(pk=instance.pk)
