"""A vendor's whole catalogue as a product sheet (CSV or XLSX), in the columns the import reads,
so that an exported file imported again changes nothing. Also the empty templates.

One row per variant; stock is the quantity at the shop's default location (what the import
sets); the category is written as its code (slug), which the import accepts like its name.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence

from django.db.models import IntegerField, OuterRef, Prefetch, Subquery
from django.utils.translation import gettext as _

from marketplace.catalog.imports import COLOUR_SLUG, COLUMNS, SIZE_SLUG, header_labels
from marketplace.catalog.models import AttributeValue, Category, ProductStatus, ProductVariant
from marketplace.inventory.models import Stock
from marketplace.vendors.models import Vendor

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _status_label(value: str) -> str:
    return str(ProductStatus(value).label)


def catalogue_rows(*, vendor: Vendor) -> Iterator[list[str]]:
    """The vendor's variants as sheet rows (archived products too), in a constant number of
    queries: one for the variants, one for their size and colour."""
    stock = Stock.objects.filter(
        variant_id=OuterRef("pk"), location__vendor_id=vendor.pk, location__is_default=True
    ).values("quantity")[:1]
    variants = (
        ProductVariant.objects.filter(product__vendor=vendor)
        .select_related("product", "product__category")
        .prefetch_related(
            Prefetch(
                "attribute_values",
                queryset=AttributeValue.objects.filter(
                    attribute__slug__in=[SIZE_SLUG, COLOUR_SLUG]
                ).select_related("attribute"),
                to_attr="choices",
            )
        )
        .annotate(stock_quantity=Subquery(stock, output_field=IntegerField()))
        .order_by("product__created_at", "product_id", "sort_order", "pk")
    )
    for variant in variants.iterator(chunk_size=2000):
        product = variant.product
        chosen: list[AttributeValue] = getattr(variant, "choices", [])
        choices = {value.attribute.slug: value.name_th for value in chosen}
        stock_quantity: int | None = getattr(variant, "stock_quantity", None)
        cells = {
            "name_th": product.name_th,
            "name_en": product.name_en,
            "category": product.category.slug,
            "description": product.description_th,
            "sku": variant.sku,
            "size": choices.get(SIZE_SLUG, ""),
            "colour": choices.get(COLOUR_SLUG, ""),
            "price": f"{variant.price:.2f}",
            "stock": "" if stock_quantity is None else str(stock_quantity),
            "weight_grams": str(variant.weight_grams),
            "status": _status_label(product.status),
        }
        yield [cells[column.key] for column in COLUMNS]


def template_rows() -> list[list[str]]:
    """The header and one example row, in the current language."""
    category = Category.objects.order_by("path", "sort_order").first()
    example = {
        # Example data, not interface text: the Thai name column holds Thai in any language.
        "name_th": "ผ้าไหมยกดอกลำพูน ลายดอกพิกุล",
        "name_en": "Lamphun silk brocade, Phikun pattern",
        "category": category.name_th if category else _("Textiles"),
        "description": _("Hand-woven from pure silk."),
        "sku": "SILK-001",
        "size": _("2 metres"),
        "colour": _("Red"),
        "price": "1850.00",
        "stock": "5",
        "weight_grams": "400",
        "status": _status_label(ProductStatus.DRAFT),
    }
    return [header_labels(), [example[column.key] for column in COLUMNS]]


def _csv(rows: Iterator[list[str]] | Sequence[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(row)
    # With a byte-order mark, Excel opens the file as UTF-8 and shows Thai correctly.
    return buffer.getvalue().encode("utf-8-sig")


def _xlsx(rows: Iterator[list[str]] | Sequence[list[str]], *, title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    bold = Font(bold=True)
    for number, row in enumerate(rows):
        if number == 0:
            from openpyxl.cell import WriteOnlyCell

            cells = []
            for value in row:
                cell = WriteOnlyCell(sheet, value=value)
                cell.font = bold
                cells.append(cell)
            sheet.append(cells)
        else:
            # Text cells: a SKU such as "001" keeps its zeros; the import reads numbers back.
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def catalogue_export(*, vendor: Vendor, file_format: str) -> bytes:
    """The whole catalogue of `vendor` as a CSV or XLSX file (header row first)."""

    def rows() -> Iterator[list[str]]:
        yield header_labels()
        yield from catalogue_rows(vendor=vendor)

    if file_format == "xlsx":
        return _xlsx(rows(), title=_("Products"))
    return _csv(rows())


def template_export(*, file_format: str) -> bytes:
    """The empty template: header and one example row."""
    if file_format == "xlsx":
        return _xlsx(template_rows(), title=_("Products"))
    return _csv(template_rows())
