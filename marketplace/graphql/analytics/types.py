"""Types of the officers' sales report (Kad's extension; Saleor has no such query)."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.analytics.selectors import SalesRow, SalesSummary
from marketplace.analytics.templatetags.analytics_dates import report_month
from marketplace.graphql.core.commerce_types import Money
from marketplace.graphql.municipalities.types import MunicipalityType


class SalesReportGroupBy(graphene.Enum):
    MONTH = "month"
    CATEGORY = "category"
    DISTRICT = "district"
    VENDOR_KIND = "vendor_kind"
    VENDOR = "vendor"
    PRODUCT = "product"

    @property
    def description(self) -> str:
        return {
            "MONTH": "One row per month of the period, months without sales included.",
            "CATEGORY": "By the top category of the product tree.",
            "DISTRICT": "By the vendor's district.",
            "VENDOR_KIND": "Individual artisan, community enterprise or OTOP group.",
            "VENDOR": "The ten best-selling vendors.",
            "PRODUCT": "The ten best-selling products.",
        }.get(self.name, "")


class SalesPeriodInput(graphene.InputObjectType):
    start = graphene.Date(required=True, description="First day (Asia/Bangkok), included.")
    end = graphene.Date(required=True, description="Last day (Asia/Bangkok), included.")


class SalesPeriod(graphene.ObjectType):
    start = graphene.Date(required=True)
    end = graphene.Date(required=True)


class SalesTotals(graphene.ObjectType):
    gmv = graphene.Field(Money, required=True, description="Net of refunds and cancellations.")
    orders = graphene.Int(required=True)
    average_order_value = graphene.Field(Money, required=True)
    active_vendors = graphene.Int(required=True, description="Vendors with a sale.")
    new_vendors = graphene.Int(required=True, description="Vendors approved in the period.")
    shoppers = graphene.Int(required=True, description="Distinct shoppers (counted, never named).")
    repeat_shopper_share = graphene.Float(
        description="Percent of the period's shoppers with more than one paid order; null "
        "without shoppers."
    )

    @staticmethod
    def resolve_gmv(root: SalesSummary, info: graphene.ResolveInfo) -> dict[str, Any]:
        return Money.of(root.gmv)

    @staticmethod
    def resolve_average_order_value(
        root: SalesSummary, info: graphene.ResolveInfo
    ) -> dict[str, Any]:
        return Money.of(root.average_order_value)


class SalesReportRow(graphene.ObjectType):
    key = graphene.String(
        required=True, description="A stable key: YYYY-MM, a code, an id or a vendor kind."
    )
    label = graphene.String(required=True, description="In the request's language.")
    gmv = graphene.Field(Money, required=True)
    quantity = graphene.Int(required=True, description="Units net of refunds.")
    orders = graphene.Int(description="Paid orders, where the grouping counts them.")

    @staticmethod
    def resolve_gmv(root: SalesRow, info: graphene.ResolveInfo) -> dict[str, Any]:
        return Money.of(root.gmv)

    @staticmethod
    def resolve_label(root: SalesRow, info: graphene.ResolveInfo) -> str:
        return report_month(root.month) if root.month else root.label


class SalesReport(graphene.ObjectType):
    municipality = graphene.Field(MunicipalityType, required=True)
    period = graphene.Field(SalesPeriod, required=True)
    totals = graphene.Field(SalesTotals, required=True)
    rows = graphene.List(graphene.NonNull(SalesReportRow), required=True)
