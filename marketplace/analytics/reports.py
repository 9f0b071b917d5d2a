"""The municipal sales report: every figure of the page, the exports and the GraphQL query,
read through the selectors for one municipality and period."""

from __future__ import annotations

from dataclasses import dataclass

from marketplace.analytics import selectors
from marketplace.analytics.selectors import Dimension, Period, SalesRow, SalesSummary
from marketplace.municipalities.models import Municipality


@dataclass(frozen=True)
class SalesReport:
    municipality: Municipality
    period: Period
    summary: SalesSummary
    months: list[SalesRow]
    categories: list[SalesRow]
    districts: list[SalesRow]
    vendor_kinds: list[SalesRow]
    top_products: list[SalesRow]
    top_vendors: list[SalesRow]


def sales_report(*, municipality: Municipality, period: Period) -> SalesReport:
    """10 queries, whatever the number of facts."""
    mid = municipality.pk
    return SalesReport(
        municipality=municipality,
        period=period,
        summary=selectors.sales_summary(municipality_id=mid, period=period),
        months=selectors.sales_by_month(municipality_id=mid, period=period),
        categories=selectors.sales_by(
            municipality_id=mid, period=period, dimension=Dimension.CATEGORY
        ),
        districts=selectors.sales_by(
            municipality_id=mid, period=period, dimension=Dimension.DISTRICT
        ),
        vendor_kinds=selectors.sales_by(
            municipality_id=mid, period=period, dimension=Dimension.VENDOR_KIND
        ),
        top_products=selectors.sales_top(
            municipality_id=mid, period=period, dimension=Dimension.PRODUCT
        ),
        top_vendors=selectors.sales_top(
            municipality_id=mid, period=period, dimension=Dimension.VENDOR
        ),
    )
