from __future__ import annotations

from datetime import date
from typing import Any

import graphene
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.analytics import selectors
from marketplace.analytics.errors import AnalyticsError
from marketplace.analytics.selectors import Dimension
from marketplace.graphql.analytics.types import SalesPeriodInput, SalesReport, SalesReportGroupBy
from marketplace.graphql.core.context import PermissionDenied, api_user
from marketplace.graphql.core.errors import ApiErrorCode, ApiInputError


class AnalyticsQueries(graphene.ObjectType):
    sales_report = graphene.Field(
        SalesReport,
        municipality=graphene.String(
            description="The municipality's slug; an officer's only municipality when omitted."
        ),
        period=SalesPeriodInput(description="Default: the last twelve months."),
        group_by=SalesReportGroupBy(default_value="month"),
        description="Sales of a municipality for its officers and operators (Kad's extension). "
        "Needs a staff user's token; an officer sees only their own municipality.",
    )

    @staticmethod
    def resolve_sales_report(
        root: Any,
        info: graphene.ResolveInfo,
        municipality: str | None = None,
        period: dict[str, date] | None = None,
        group_by: Any = "month",
    ) -> dict[str, Any]:
        user = api_user(info)
        if user is None or not user.is_staff:
            raise PermissionDenied(_("Sign in as a municipal officer to see sales reports."))
        try:
            found = selectors.municipality_for_user(user=user, slug=municipality)
            checked = (
                selectors.period_check(start=period["start"], end=period["end"])
                if period
                else selectors.period_default(today=timezone.localdate())
            )
        except AnalyticsError as error:
            raise ApiInputError(
                ApiErrorCode.INVALID, error.message, field=error.field or "municipality"
            ) from error
        dimension = Dimension(getattr(group_by, "value", group_by))
        return {
            "municipality": found,
            "period": checked,
            "totals": selectors.sales_summary(municipality_id=found.pk, period=checked),
            "rows": selectors.sales_by(
                municipality_id=found.pk, period=checked, dimension=dimension
            ),
        }
