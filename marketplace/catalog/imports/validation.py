"""Checking the rows of a product sheet, and the report an artisan reads: each problem is a
row number, a column and a code, with a translated message (`problem_message`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.imports.columns import (
    COLOUR_SLUG,
    COLUMN_LABELS,
    SIZE_SLUG,
    column_label,
    normal,
)
from marketplace.catalog.imports.reading import Sheet
from marketplace.catalog.models import Category, ProductStatus, ProductType, ProductVariant
from marketplace.core.money import quantize
from marketplace.inventory.models import Stock
from marketplace.vendors.models import Vendor

# Problems kept in a report; the count of rows with problems is always exact.
MAX_REPORT_PROBLEMS = 1000

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


def row_problem(number: int, column: str, code: str, /, **params: Any) -> dict[str, Any]:
    return {"row": number, "column": column, "code": code, "params": params}


def _categories() -> dict[str, Category]:
    by_name: dict[str, Category] = {}
    for category in Category.objects.all():
        for name in (category.name_en, category.name_th, category.slug):
            if name:
                by_name[normal(name)] = category
    return by_name


def _statuses() -> dict[str, str]:
    names: dict[str, str] = {}
    for value, label in ProductStatus.choices:
        names[normal(value)] = value
        for language in ("th", "en"):
            with translation.override(language):
                names[normal(str(label))] = value
    return names


def _price(text: str, number: int, problems: list[dict[str, Any]]) -> Decimal:
    if not text:
        problems.append(row_problem(number, "price", "required"))
        return Decimal(0)
    try:
        price = quantize(text.replace(",", "").replace("฿", "").strip())
    except (InvalidOperation, ValueError):
        price = Decimal("NaN")
    if not price.is_finite():
        problems.append(row_problem(number, "price", "bad_price", value=text))
    elif price < 0:
        problems.append(row_problem(number, "price", "negative_price"))
    elif price >= Decimal("1e10"):
        problems.append(row_problem(number, "price", "bad_price", value=text))
    return price


def _count(text: str, column: str, number: int, problems: list[dict[str, Any]]) -> int | None:
    if not text:
        return None
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:
        value = Decimal(-1)
    if not value.is_finite() or value < 0 or value != value.to_integral() or value > 10**9:
        problems.append(row_problem(number, column, "bad_number", value=text))
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
                problems.append(row_problem(number, key, "required"))
        for key, limit in _MAX_LENGTHS.items():
            if len(text[key]) > limit:
                problems.append(row_problem(number, key, "too_long", max=limit))
        category = categories.get(normal(text["category"])) if text["category"] else None
        if not text["category"]:
            problems.append(row_problem(number, "category", "required"))
        elif category is None:
            problems.append(
                row_problem(number, "category", "unknown_category", value=text["category"])
            )
        price = _price(text["price"], number, problems)
        stock = _count(text["stock"], "stock", number, problems)
        weight = _count(text["weight_grams"], "weight_grams", number, problems)
        status = statuses.get(normal(text["status"])) if text["status"] else None
        if text["status"] and status is None:
            choices = ", ".join(str(label) for _v, label in ProductStatus.choices)
            problems.append(row_problem(number, "status", "bad_status", choices=choices))
        sku = text["sku"]
        variant = existing.get(sku)
        if sku in first_row_of_sku:
            problems.append(
                row_problem(number, "sku", "duplicate_sku", value=sku, first=first_row_of_sku[sku])
            )
        elif sku:
            first_row_of_sku[sku] = number
        if variant is not None and variant.product.vendor_id != vendor.pk:
            problems.append(row_problem(number, "sku", "sku_of_other_shop", value=sku))
            variant = None
        if variant is not None:
            allowed = variant_attributes.get(variant.product.product_type_id, set())
            for key, slug in (("size", SIZE_SLUG), ("colour", COLOUR_SLUG)):
                if text[key] and slug not in allowed:
                    problems.append(row_problem(number, key, "no_such_choice", column=key))
            reserved = allocated.get(variant.pk, 0)
            if stock is not None and stock < reserved:
                problems.append(
                    row_problem(number, "stock", "stock_below_reserved", reserved=reserved)
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
    """Units reserved for orders per variant at the shop's default location (where the import
    counts stock), so that a count below them is a row problem rather than a failed chunk."""
    rows = Stock.objects.filter(
        variant_id__in=variant_ids, location__vendor=vendor, location__is_default=True
    ).values_list("variant_id", "quantity_allocated")
    return dict(rows)
