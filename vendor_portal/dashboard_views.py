"""The artisan's dashboard at /vendor/: recent sales as a chart, what sells, what to do now."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from marketplace.analytics.charts import column_chart
from marketplace.analytics.vendor_selectors import (
    DASHBOARD_PERIODS,
    VendorDashboard,
    vendor_dashboard,
)
from marketplace.core.templatetags.kad import baht, kad_date
from vendor_portal.access import PortalRequest, vendor_member_required


def _chart(board: VendorDashboard) -> SafeString:
    title = _("Sales in the last %(days)s days") % {"days": board.days}
    best = max(board.sales, key=lambda point: point.gross, default=None)
    summary = _("Total %(total)s from %(start)s to %(end)s.") % {
        "total": baht(board.totals.gross),
        "start": kad_date(board.start),
        "end": kad_date(board.end),
    }
    if best is not None and best.gross > 0:
        summary += " " + _("Best day: %(day)s, %(amount)s.") % {
            "day": kad_date(best.day),
            "amount": baht(best.gross),
        }
    return column_chart(
        # Drawn phone-sized, so its text stays readable; the day of the month is label enough
        # under the bars (the period is stated above the chart, the table has the full dates).
        [(str(point.day.day), point.gross) for point in board.sales],
        title=title,
        desc=summary,
        width=360,
        height=200,
    )


@vendor_member_required
def dashboard(request: PortalRequest) -> HttpResponse:
    try:
        days = int(request.GET.get("days", DASHBOARD_PERIODS[0]))
    except ValueError:
        days = DASHBOARD_PERIODS[0]
    board = vendor_dashboard(vendor_id=request.vendor.pk, today=timezone.localdate(), days=days)
    return render(
        request,
        "vendor_portal/dashboard/index.html",
        {
            "board": board,
            "chart": _chart(board),
            "periods": DASHBOARD_PERIODS,
            "vendor": request.vendor,
        },
    )
