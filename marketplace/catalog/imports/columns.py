"""The product sheet's vocabulary: its columns (keys and labels in both languages), the
attribute slugs sizes and colours are kept under, and how names are compared."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

GENERAL_TYPE_SLUG = "general"
SIZE_SLUG = "size"
COLOUR_SLUG = "colour"


@dataclass(frozen=True)
class Column:
    key: str
    label: str | Promise
    required: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("name_th", _("Product name (Thai)"), required=True),
    Column("name_en", _("Product name (English)")),
    Column("category", _("Category"), required=True),
    Column("description", _("Description")),
    Column("sku", _("Variant SKU"), required=True),
    Column("size", _("Size")),
    Column("colour", _("Colour")),
    Column("price", _("Price (baht)"), required=True),
    Column("stock", _("Stock")),
    Column("weight_grams", _("Weight (grams)")),
    Column("status", _("Status")),
)
COLUMN_LABELS = {column.key: column.label for column in COLUMNS}


def column_label(key: str) -> str:
    return str(COLUMN_LABELS.get(key, key))


def header_labels() -> list[str]:
    """The header row in the current language."""
    return [str(column.label) for column in COLUMNS]


def normal(text: str) -> str:
    """`text` as names are compared: Unicode NFC, spaces collapsed, case folded."""
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()
