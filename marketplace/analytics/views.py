"""The officers' report pages and downloads, and the public open-data files."""

from __future__ import annotations

import json
import re

from django.contrib.admin.views.decorators import staff_member_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from marketplace.analytics import charts, exports, opendata, selectors
from marketplace.analytics.errors import AnalyticsError, AnalyticsErrorCode
from marketplace.analytics.forms import ReportFilterForm
from marketplace.analytics.reports import SalesReport, sales_report
from marketplace.analytics.selectors import Period
from marketplace.analytics.templatetags.analytics_dates import report_month
from marketplace.municipalities.models import Municipality


class _Refused(Exception):
    def __init__(self, response: HttpResponse) -> None:
        self.response = response


def _scope(request: HttpRequest) -> tuple[Municipality, Period, ReportFilterForm]:
    """The municipality and period asked for, if the user may see them. An officer asking for
    another municipality gets a 404, exactly as for one that does not exist."""
    default = selectors.period_default(today=timezone.localdate())
    form = ReportFilterForm(request.GET or None, default=default)
    period = form.cleaned_data["period"] if form.is_valid() else default
    slug = request.GET.get("municipality") or None
    try:
        municipality = selectors.municipality_for_user(user=request.user, slug=slug)
    except AnalyticsError as error:
        if error.code is AnalyticsErrorCode.FORBIDDEN:
            raise _Refused(
                render(request, "analytics/forbidden.html", {"message": error.message}, status=403)
            ) from error
        raise Http404(error.message) from error
    return municipality, period, form


def _charts(report: SalesReport) -> dict[str, str]:
    return {
        "trend": charts.column_chart(
            [(report_month(row.month), row.gmv) for row in report.months if row.month],
            title=_("GMV by month"),
        ),
        "categories": charts.bar_chart(
            [(row.label, row.gmv) for row in report.categories], title=_("GMV by category")
        ),
        "districts": charts.bar_chart(
            [(row.label, row.gmv) for row in report.districts], title=_("GMV by district")
        ),
        "vendor_kinds": charts.bar_chart(
            [(row.label, row.gmv) for row in report.vendor_kinds], title=_("GMV by vendor kind")
        ),
    }


@staff_member_required
@require_GET
def report(request: HttpRequest) -> HttpResponse:
    try:
        municipality, period, form = _scope(request)
    except _Refused as refused:
        return refused.response
    result = sales_report(municipality=municipality, period=period)
    query = f"municipality={municipality.slug}&start={period.start}&end={period.end}"
    return render(
        request,
        "analytics/report.html",
        {
            "report": result,
            "form": form,
            "municipalities": list(selectors.municipalities_for_user(user=request.user)),
            "charts": _charts(result),
            "query": query,
        },
    )


@staff_member_required
@require_GET
def export(request: HttpRequest, extension: str) -> HttpResponse:
    try:
        municipality, period, _form = _scope(request)
    except _Refused as refused:
        return refused.response
    if extension == "csv":
        body = exports.sales_csv(municipality=municipality, period=period)
        content_type = exports.CSV_CONTENT_TYPE
    else:
        body = exports.sales_xlsx(report=sales_report(municipality=municipality, period=period))
        content_type = exports.XLSX_CONTENT_TYPE
    response = HttpResponse(body, content_type=content_type)
    name = exports.filename(municipality, period, extension)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- open data (public) -------------------------------------------------------------------------

_FILES = {
    "datapackage.json": "application/json",
    opendata.CSV_NAME: "text/csv; charset=utf-8",
}
_SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")


@require_GET
def open_data_index(request: HttpRequest) -> HttpResponse:
    return render(request, "analytics/open_data.html", {"releases": opendata.latest_releases()})


@require_GET
def open_data_catalog(request: HttpRequest) -> HttpResponse:
    base_url = request.build_absolute_uri("/").rstrip("/")
    body = json.dumps(opendata.catalog_jsonld(base_url=base_url), ensure_ascii=False, indent=2)
    return HttpResponse(body, content_type="application/ld+json; charset=utf-8")


@require_GET
def open_data_file(request: HttpRequest, slug: str, name: str) -> FileResponse:
    if name not in _FILES or not _SLUG.match(slug):
        raise Http404
    path = f"{opendata.ROOT}/{slug}/{name}"
    if not default_storage.exists(path):
        raise Http404
    response = FileResponse(default_storage.open(path), content_type=_FILES[name])
    response["Access-Control-Allow-Origin"] = "*"
    return response
