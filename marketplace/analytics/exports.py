"""CSV and XLSX downloads of a municipality's report. No shopper data: only sums and counts."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook

from marketplace.analytics import selectors
from marketplace.analytics.reports import SalesReport
from marketplace.analytics.selectors import Period, SalesRow
from marketplace.analytics.templatetags.analytics_dates import report_date, report_month
from marketplace.municipalities.models import Municipality

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def filename(municipality: Municipality, period: Period, extension: str) -> str:
    return f"kad-sales-{municipality.slug}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.{extension}"


def _cell_header() -> list[str]:
    return [
        _("Month"),
        _("District code"),
        _("District"),
        _("Category"),
        _("Vendor kind"),
        _("GMV (THB)"),
        _("Commission (THB)"),
        _("Units"),
        _("Orders"),
        _("Vendors"),
    ]


def _cell_rows(municipality: Municipality, period: Period) -> Iterable[list[Any]]:
    for cell in selectors.sales_cells(municipality_id=municipality.pk, period=period):
        yield [
            cell.month.strftime("%Y-%m"),
            cell.district_code,
            cell.district,
            cell.category,
            cell.vendor_kind_label,
            cell.gmv,
            cell.commission,
            cell.quantity,
            cell.orders,
            cell.vendors,
        ]


def sales_csv(*, municipality: Municipality, period: Period) -> bytes:
    """Month x district x category x vendor kind; UTF-8 with a BOM so that Excel shows Thai."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(_cell_header())
    for row in _cell_rows(municipality, period):
        writer.writerow([f"{v:.2f}" if isinstance(v, Decimal) else v for v in row])
    return "\ufeff".encode() + buffer.getvalue().encode()


def _rows_sheet(workbook: Workbook, title: str, rows: Sequence[SalesRow], *, months: bool) -> None:
    sheet = workbook.create_sheet(title[:31])
    sheet.append([_("Month") if months else _("Name"), _("GMV (THB)"), _("Units"), _("Orders")])
    for row in rows:
        label = report_month(row.month) if months and row.month else row.label
        sheet.append([label, row.gmv, row.quantity, row.orders])


def sales_xlsx(*, report: SalesReport) -> bytes:
    """The report's figures, one sheet per table, and the detailed cells."""
    workbook = Workbook(write_only=True)
    summary = report.summary
    sheet = workbook.create_sheet(_("Summary"))
    share = summary.repeat_shopper_share
    for label, value in (
        (_("Municipality"), report.municipality.name_th),
        (_("From"), report_date(report.period.start)),
        (_("To"), report_date(report.period.end)),
        (_("GMV (THB)"), summary.gmv),
        (_("Orders"), summary.orders),
        (_("Average order value (THB)"), summary.average_order_value),
        (_("Active vendors"), summary.active_vendors),
        (_("New vendors"), summary.new_vendors),
        (_("Shoppers"), summary.shoppers),
        (_("Repeat shoppers (%)"), share if share is not None else ""),
    ):
        sheet.append([label, value])
    _rows_sheet(workbook, _("By month"), report.months, months=True)
    _rows_sheet(workbook, _("By category"), report.categories, months=False)
    _rows_sheet(workbook, _("By district"), report.districts, months=False)
    _rows_sheet(workbook, _("By vendor kind"), report.vendor_kinds, months=False)
    _rows_sheet(workbook, _("Top products"), report.top_products, months=False)
    _rows_sheet(workbook, _("Top vendors"), report.top_vendors, months=False)
    cells = workbook.create_sheet(_("Details"))
    cells.append(_cell_header())
    for row in _cell_rows(report.municipality, report.period):
        cells.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
