"""Bulk listing from a spreadsheet: a vendor's product sheet (CSV or XLSX) read, checked row by
row, then applied in bulk.

One row is one variant, identified by its SKU: a SKU the shop already has is updated, a new one
is added. Rows with the same Thai product name are variants of one product (a new SKU joins the
shop's product of that name when there is one). Nothing is written while any row has a problem,
unless the upload asked for "only the valid rows". The rules:

- `sheet_read` refuses what is not a CSV/XLSX product sheet (`ImportFileError`: not a sheet,
  wrong headers, no rows, too many rows) before anything is stored;
- `rows_validate` checks every row (missing name, unknown category, bad price, duplicate SKU, a
  SKU of another shop, …) with a constant number of queries, whatever the file's length;
- `product_import_run` applies the valid rows in chunks of `CHUNK_ROWS`, each chunk one
  transaction of bulk writes, and records progress on the `ProductImport`. Running it twice is
  safe: the second run finds the SKUs and updates them. A status other than draft goes through
  the status services (`product_publish` …), so their rules hold; a refusal is reported on the row
  and the product stays a draft.
"""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import partial
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.models import User
from marketplace.catalog.models import (
    Attribute,
    AttributeValue,
    Category,
    ImportStatus,
    Product,
    ProductImport,
    ProductStatus,
    ProductType,
    ProductVariant,
)
from marketplace.catalog.richtext import sanitize_rich_text
from marketplace.catalog.services import (
    attribute_create,
    attribute_value_create,
    product_archive,
    product_publish,
    product_type_create,
    product_unpublish,
)
from marketplace.core.errors import DomainError
from marketplace.core.money import quantize
from marketplace.inventory.services import location_default_for_vendor, stock_set_bulk
from marketplace.vendors.models import Vendor
from search.tasks import products_index

# Files longer than this are imported by a Celery task, with progress on the page.
ASYNC_ROWS = 200
CHUNK_ROWS = 500
MAX_ROWS = 20_000
MAX_FILE_BYTES = 10 * 1024 * 1024
# Problems kept in a report; the count of rows with problems is always exact.
MAX_REPORT_PROBLEMS = 1000

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


# --- errors -------------------------------------------------------------------------------------


class ImportErrorCode(Enum):
    NOT_A_SHEET = "not_a_sheet"
    FILE_TOO_LARGE = "file_too_large"
    WRONG_HEADERS = "wrong_headers"
    EMPTY = "empty"
    TOO_MANY_ROWS = "too_many_rows"


class ImportFileError(DomainError):
    """The uploaded file is not a product sheet we can read; nothing was stored."""


# Problems of one row: code → message (params are filled in when the report is shown).
PROBLEMS: dict[str, str | Promise] = {
    "required": _("This is needed; please fill it in."),
    "too_long": _("Too long: at most %(max)s characters."),
    "unknown_category": _(
        "There is no category “%(value)s”. Use a category name from the list, or its code."
    ),
    "bad_price": _("“%(value)s” is not a price. Write a number such as 1850 or 1850.50."),
    "negative_price": _("A price cannot be below zero."),
    "bad_number": _("“%(value)s” is not a whole number of 0 or more."),
    "duplicate_sku": _("The SKU “%(value)s” is already used in row %(first)s of this file."),
    "sku_of_other_shop": _("The SKU “%(value)s” is used by another shop. Choose another SKU."),
    "bad_status": _("Write one of: %(choices)s."),
    "no_such_choice": _("This kind of product has no %(column)s choice; leave it empty."),
    "stock_below_reserved": _("%(reserved)s are reserved for orders; stock cannot be lower."),
    "not_published": _("Saved as a draft, not put on sale: %(reason)s"),
}


def problem_message(problem: dict[str, Any]) -> str:
    template = PROBLEMS.get(problem.get("code", ""), _("This value is not valid."))
    params = dict(problem.get("params") or {})
    if "column" in params:
        params["column"] = column_label(params["column"])
    return str(template) % params if params else str(template)


# --- reading a file -----------------------------------------------------------------------------


@dataclass
class Sheet:
    file_format: str  # "csv" or "xlsx"
    columns: list[str | None]  # the key of each column of the file (None: not ours, ignored)
    rows: list[tuple[int, dict[str, str]]]  # (row number as the spreadsheet shows it, values)


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def _header_names() -> dict[str, str]:
    """Every accepted spelling of each column's name → its key (keys, Thai and English)."""
    names: dict[str, str] = {}
    for column in COLUMNS:
        names[_normal(column.key)] = column.key
        for language in ("th", "en"):
            with translation.override(language):
                names[_normal(str(column.label))] = column.key
    return names


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _csv_rows(data: bytes) -> list[list[str]]:
    if b"\x00" in data:
        raise _not_a_sheet()
    for encoding in ("utf-8-sig", "cp874"):  # cp874: Thai Windows, what older Excel writes
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise _not_a_sheet()
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return [[_cell(v) for v in row] for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as error:
        raise _not_a_sheet() from error


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise _not_a_sheet() from error
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append([_cell(v) for v in row])
            if len(rows) > MAX_ROWS + 1:
                break
        return rows
    finally:
        workbook.close()


def _not_a_sheet() -> ImportFileError:
    return ImportFileError(
        ImportErrorCode.NOT_A_SHEET,
        _("This file is not a CSV or Excel (XLSX) sheet. Download the template and fill it in."),
        field="file",
    )


def sheet_read(data: bytes) -> Sheet:
    """Read a product sheet; raises `ImportFileError` for a file that cannot be one."""
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(
            ImportErrorCode.FILE_TOO_LARGE,
            _("The file is larger than %(megabytes)s MB."),
            field="file",
            params={"megabytes": MAX_FILE_BYTES // (1024 * 1024)},
        )
    file_format = "xlsx" if data[:4] == b"PK\x03\x04" else "csv"
    raw = _xlsx_rows(data) if file_format == "xlsx" else _csv_rows(data)
    if not any(any(row) for row in raw):
        raise ImportFileError(ImportErrorCode.EMPTY, _("The file is empty."), field="file")
    names = _header_names()
    columns = [names.get(_normal(name)) if name else None for name in raw[0]]
    missing = [c for c in COLUMNS if c.required and c.key not in columns]
    if missing:
        raise ImportFileError(
            ImportErrorCode.WRONG_HEADERS,
            _(
                "The first row must hold the column names of the template. Missing: %(columns)s."
                " Download the template and copy your rows into it."
            ),
            field="file",
            params={"columns": ", ".join(str(c.label) for c in missing)},
        )
    if len(raw) - 1 > MAX_ROWS:
        raise ImportFileError(
            ImportErrorCode.TOO_MANY_ROWS,
            _("A file can hold at most %(max)s rows; split it into smaller files."),
            field="file",
            params={"max": MAX_ROWS},
        )
    # Numbered as the spreadsheet shows them (the header is row 1); blank rows are skipped.
    rows: list[tuple[int, dict[str, str]]] = []
    for number, values in enumerate(raw[1:], start=2):
        row = {key: values[i] if i < len(values) else "" for i, key in enumerate(columns) if key}
        if any(row.values()):
            rows.append((number, row))
    if not rows:
        raise ImportFileError(
            ImportErrorCode.EMPTY,
            _("The file has the column names but no products below them."),
            field="file",
        )
    return Sheet(file_format=file_format, columns=columns, rows=rows)


# --- checking rows ------------------------------------------------------------------------------


@dataclass
class Row:
    number: int
    name_th: str
    name_en: str
    category: Category
    description: str
    sku: str
    size: str
    colour: str
    price: Decimal
    stock: int | None
    weight_grams: int | None
    status: str | None
    variant: ProductVariant | None = None  # the shop's variant with this SKU, when there is one


@dataclass
class Checked:
    rows: list[Row] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)
    invalid_rows: int = 0


def _problem(number: int, column: str, code: str, /, **params: Any) -> dict[str, Any]:
    return {"row": number, "column": column, "code": code, "params": params}


def _categories() -> dict[str, Category]:
    by_name: dict[str, Category] = {}
    for category in Category.objects.all():
        for name in (category.name_en, category.name_th, category.slug):
            if name:
                by_name[_normal(name)] = category
    return by_name


def _statuses() -> dict[str, str]:
    names: dict[str, str] = {}
    for value, label in ProductStatus.choices:
        names[_normal(value)] = value
        for language in ("th", "en"):
            with translation.override(language):
                names[_normal(str(label))] = value
    return names


def _price(text: str, number: int, problems: list[dict[str, Any]]) -> Decimal:
    if not text:
        problems.append(_problem(number, "price", "required"))
        return Decimal(0)
    try:
        price = quantize(text.replace(",", "").replace("฿", "").strip())
    except (InvalidOperation, ValueError):
        price = Decimal("NaN")
    if not price.is_finite():
        problems.append(_problem(number, "price", "bad_price", value=text))
    elif price < 0:
        problems.append(_problem(number, "price", "negative_price"))
    elif price >= Decimal("1e10"):
        problems.append(_problem(number, "price", "bad_price", value=text))
    return price


def _count(text: str, column: str, number: int, problems: list[dict[str, Any]]) -> int | None:
    if not text:
        return None
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:
        value = Decimal(-1)
    if not value.is_finite() or value < 0 or value != value.to_integral() or value > 10**9:
        problems.append(_problem(number, column, "bad_number", value=text))
        return None
    return int(value)


_MAX_LENGTHS = {"name_th": 250, "name_en": 250, "sku": 64, "size": 100, "colour": 100}


def rows_validate(*, vendor: Vendor, sheet: Sheet) -> Checked:
    """Check every row; a constant number of queries whatever the number of rows."""
    categories = _categories()
    statuses = _statuses()
    skus = {values.get("sku", "").strip() for _n, values in sheet.rows} - {""}
    existing = {
        v.sku: v for v in ProductVariant.objects.filter(sku__in=skus).select_related("product")
    }
    variant_attributes = _variant_attribute_slugs(
        {v.product.product_type_id for v in existing.values()}
    )
    allocated = _allocated_at_location(vendor, [v.pk for v in existing.values()])
    checked = Checked()
    first_row_of_sku: dict[str, int] = {}
    for number, values in sheet.rows:
        problems: list[dict[str, Any]] = []
        text = {key: values.get(key, "").strip() for key in COLUMN_LABELS}
        for key in ("name_th", "sku"):
            if not text[key]:
                problems.append(_problem(number, key, "required"))
        for key, limit in _MAX_LENGTHS.items():
            if len(text[key]) > limit:
                problems.append(_problem(number, key, "too_long", max=limit))
        category = categories.get(_normal(text["category"])) if text["category"] else None
        if not text["category"]:
            problems.append(_problem(number, "category", "required"))
        elif category is None:
            problems.append(
                _problem(number, "category", "unknown_category", value=text["category"])
            )
        price = _price(text["price"], number, problems)
        stock = _count(text["stock"], "stock", number, problems)
        weight = _count(text["weight_grams"], "weight_grams", number, problems)
        status = statuses.get(_normal(text["status"])) if text["status"] else None
        if text["status"] and status is None:
            choices = ", ".join(str(label) for _v, label in ProductStatus.choices)
            problems.append(_problem(number, "status", "bad_status", choices=choices))
        sku = text["sku"]
        variant = existing.get(sku)
        if sku in first_row_of_sku:
            problems.append(
                _problem(number, "sku", "duplicate_sku", value=sku, first=first_row_of_sku[sku])
            )
        elif sku:
            first_row_of_sku[sku] = number
        if variant is not None and variant.product.vendor_id != vendor.pk:
            problems.append(_problem(number, "sku", "sku_of_other_shop", value=sku))
            variant = None
        if variant is not None:
            allowed = variant_attributes.get(variant.product.product_type_id, set())
            for key, slug in (("size", SIZE_SLUG), ("colour", COLOUR_SLUG)):
                if text[key] and slug not in allowed:
                    problems.append(_problem(number, key, "no_such_choice", column=key))
            reserved = allocated.get(variant.pk, 0)
            if stock is not None and stock < reserved:
                problems.append(
                    _problem(number, "stock", "stock_below_reserved", reserved=reserved)
                )
        if problems:
            checked.invalid_rows += 1
            room = MAX_REPORT_PROBLEMS - len(checked.problems)
            checked.problems.extend(problems[: max(room, 0)])
            continue
        if category is None:  # always set when there is no problem; narrows the type
            continue
        checked.rows.append(
            Row(
                number=number,
                name_th=text["name_th"],
                name_en=text["name_en"],
                category=category,
                description=text["description"],
                sku=sku,
                size=text["size"],
                colour=text["colour"],
                price=price,
                stock=stock,
                weight_grams=weight,
                status=status,
                variant=variant,
            )
        )
    return checked


def _variant_attribute_slugs(type_ids: set[int]) -> dict[int, set[str]]:
    slugs: dict[int, set[str]] = {}
    rows = ProductType.variant_attributes.through.objects.filter(
        producttype_id__in=type_ids
    ).values_list("producttype_id", "attribute__slug")
    for type_id, slug in rows:
        slugs.setdefault(type_id, set()).add(slug)
    return slugs


def _allocated_at_location(vendor: Vendor, variant_ids: list[int]) -> dict[int, int]:
    from marketplace.inventory.models import Stock

    rows = Stock.objects.filter(
        variant_id__in=variant_ids, location__vendor=vendor, location__is_default=True
    ).values_list("variant_id", "quantity_allocated")
    return dict(rows)


# --- size and colour ----------------------------------------------------------------------------


def _attribute(slug: str, name_th: str, name_en: str) -> Attribute:
    found = Attribute.objects.filter(slug=slug).first()
    return found or attribute_create(name_th=name_th, name_en=name_en, slug=slug)


def general_product_type() -> ProductType:
    """The product type for listings made in the portal or by import when no other fits: sold in
    variants by size and colour. Made once, when first needed."""
    found = ProductType.objects.filter(slug=GENERAL_TYPE_SLUG).first()
    if found is not None:
        return found
    return product_type_create(
        name_th="สินค้าทั่วไป",
        name_en="General",
        slug=GENERAL_TYPE_SLUG,
        variant_attributes=[
            _attribute(SIZE_SLUG, "ขนาด", "Size"),
            _attribute(COLOUR_SLUG, "สี", "Colour"),
        ],
    )


def choice_values(
    *, sizes: Iterable[str], colours: Iterable[str]
) -> dict[tuple[str, str], AttributeValue]:
    """The attribute values for these sizes and colours, keyed by (attribute slug, normalised
    text); a value not known yet is added to the attribute. Two queries when all are known."""
    wanted = {(SIZE_SLUG, t) for t in sizes if t} | {(COLOUR_SLUG, t) for t in colours if t}
    if not wanted:
        return {}
    attributes = {
        SIZE_SLUG: _attribute(SIZE_SLUG, "ขนาด", "Size")
        if any(s == SIZE_SLUG for s, _t in wanted)
        else None,
        COLOUR_SLUG: _attribute(COLOUR_SLUG, "สี", "Colour")
        if any(s == COLOUR_SLUG for s, _t in wanted)
        else None,
    }
    known: dict[tuple[str, str], AttributeValue] = {}
    values = AttributeValue.objects.filter(
        attribute__slug__in=[s for s, a in attributes.items() if a]
    ).select_related("attribute")
    for value in values:
        for name in (value.slug, value.name_en, value.name_th):
            if name:
                known.setdefault((value.attribute.slug, _normal(name)), value)
    found: dict[tuple[str, str], AttributeValue] = {}
    for slug, text in sorted(wanted):
        key = (slug, _normal(text))
        if key not in known:
            attribute = attributes[slug]
            if attribute is None:
                continue
            known[key] = attribute_value_create(attribute=attribute, name_th=text)
        found[key] = known[key]
    return found


def variant_name(size: str, colour: str) -> str:
    return " / ".join(part for part in (size.strip(), colour.strip()) if part)


# --- applying -----------------------------------------------------------------------------------


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
            key = _normal(row.name_th)
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
            return row.variant.product_id if row.variant else products_by_name[_normal(row.name_th)]

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
                value = values[(slug, _normal(text))]
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
            problems.append(_problem(row.number, "status", "not_published", reason=error.message))
    return problems


# --- the import job -----------------------------------------------------------------------------


def product_import_start(
    *, vendor: Vendor, user: User | None, file_name: str, data: bytes, only_valid_rows: bool
) -> ProductImport:
    """Record an upload and import it: at once for a small file, by a task for a large one.

    Raises `ImportFileError` (nothing stored) for a file that is not a product sheet."""
    sheet = sheet_read(data)
    job = ProductImport(
        vendor=vendor,
        created_by=user,
        file_name=file_name[:255],
        file_format=sheet.file_format,
        only_valid_rows=only_valid_rows,
        total_rows=len(sheet.rows),
    )
    job.file.save(
        f"{timezone.now():%Y%m%d%H%M%S}.{sheet.file_format}", ContentFile(data), save=False
    )
    job.save()
    return _run_or_queue(job, sheet)


def product_import_valid_rows(*, job: ProductImport) -> ProductImport:
    """Import the valid rows of an upload that was refused for its invalid rows."""
    with transaction.atomic():
        job = ProductImport.objects.select_for_update().get(pk=job.pk)
        if job.status != ImportStatus.INVALID:
            return job
        job.only_valid_rows = True
        job.status = ImportStatus.QUEUED
        job.save(update_fields=["only_valid_rows", "status"])
    return _run_or_queue(job, None)


def _run_or_queue(job: ProductImport, sheet: Sheet | None) -> ProductImport:
    if job.total_rows > ASYNC_ROWS:
        from marketplace.catalog.tasks import product_import_run_task

        transaction.on_commit(partial(product_import_run_task.delay, job.pk))
        return job
    return product_import_run(import_id=job.pk, sheet=sheet)


def product_import_run(*, import_id: int, sheet: Sheet | None = None) -> ProductImport:
    """Check and apply an upload, recording status, counts, report and progress.

    Idempotent: a finished import is left alone; an interrupted one runs again (rows already
    written are found by SKU and updated)."""
    job = ProductImport.objects.select_related("vendor").get(pk=import_id)
    if job.is_finished:
        return job
    _save(job, status=ImportStatus.RUNNING, processed_rows=0)
    try:
        if sheet is None:
            with job.file.open("rb") as stored:
                sheet = sheet_read(stored.read())
        checked = rows_validate(vendor=job.vendor, sheet=sheet)
        report = checked.problems
        if checked.invalid_rows and not job.only_valid_rows:
            return _save(
                job,
                status=ImportStatus.INVALID,
                invalid_rows=checked.invalid_rows,
                report=report,
                finished_at=timezone.now(),
            )
        products_by_name = dict(_products_by_name(job.vendor, checked.rows))
        created = updated = 0
        processed = checked.invalid_rows
        for start in range(0, len(checked.rows), CHUNK_ROWS):
            chunk = checked.rows[start : start + CHUNK_ROWS]
            applied = rows_apply(
                vendor=job.vendor,
                rows=chunk,
                products_by_name=products_by_name,
                present=frozenset(k for k in sheet.columns if k),
            )
            created, updated = created + applied.created, updated + applied.updated
            report = report + applied.problems
            processed += len(chunk)
            _save(job, processed_rows=processed, created_count=created, updated_count=updated)
        return _save(
            job,
            status=ImportStatus.DONE,
            invalid_rows=checked.invalid_rows,
            processed_rows=job.total_rows,
            report=report[:MAX_REPORT_PROBLEMS],
            finished_at=timezone.now(),
        )
    except DomainError as error:
        return _save(
            job, status=ImportStatus.FAILED, error=error.message, finished_at=timezone.now()
        )


def _save(job: ProductImport, **changes: Any) -> ProductImport:
    for name, value in changes.items():
        setattr(job, name, value)
    ProductImport.objects.filter(pk=job.pk).update(**changes)
    return job


def _products_by_name(vendor: Vendor, rows: Sequence[Row]) -> Iterable[tuple[str, int]]:
    """The shop's products a new SKU may join, by normalised Thai name (the newest wins)."""
    names = {row.name_th for row in rows if row.variant is None}
    found = (
        Product.objects.filter(vendor=vendor, name_th__in=names)
        .order_by("created_at", "pk")
        .values_list("name_th", "pk")
    )
    return ((_normal(name), pk) for name, pk in found)
