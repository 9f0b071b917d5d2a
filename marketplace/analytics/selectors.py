"""Reads of the analytics domain: who may see which municipality, and the report's figures.

Every figure is for one municipality and a period of days (Asia/Bangkok, both ends included).
Amounts are net of refunds and cancellations recorded in the period. Nothing here returns a
shopper's personal data: shoppers are counted through a keyed hash of their e-mail only.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import Enum
from typing import Any

from django.db.models import Count, Max, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.models import User
from marketplace.analytics.errors import AnalyticsError, AnalyticsErrorCode
from marketplace.analytics.facts import BANGKOK
from marketplace.analytics.models import FactKind, SalesDaily, SalesFact, SalesMonthly
from marketplace.core.money import quantize
from marketplace.municipalities.models import Municipality
from marketplace.vendors.models import Vendor, VendorKind

MAX_PERIOD_DAYS = 3660
TOP_LIMIT = 10


def _english() -> bool:
    return (get_language() or "th").lower().startswith("en")


@dataclass(frozen=True)
class Period:
    """Days from `start` to `end`, both included."""

    start: date
    end: date

    def months(self) -> list[date]:
        months = []
        month = self.start.replace(day=1)
        while month <= self.end:
            months.append(month)
            month = (month + timedelta(days=32)).replace(day=1)
        return months

    def bounds(self) -> tuple[datetime, datetime]:
        """The period as aware datetimes [from, to) in Asia/Bangkok."""
        return (
            datetime.combine(self.start, time.min, tzinfo=BANGKOK),
            datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=BANGKOK),
        )


def period_default(*, today: date) -> Period:
    """The last twelve months: from the first day of the month eleven months back to today."""
    month = today.replace(day=1)
    for _i in range(11):
        month = (month - timedelta(days=1)).replace(day=1)
    return Period(start=month, end=today)


def period_check(*, start: date, end: date) -> Period:
    """A period as given, or AnalyticsError INVALID_PERIOD when it runs backwards or is longer
    than ten years."""
    if end < start:
        raise AnalyticsError(
            AnalyticsErrorCode.INVALID_PERIOD,
            _("The end of the period is before its start."),
            field="end",
        )
    if (end - start).days > MAX_PERIOD_DAYS:
        raise AnalyticsError(
            AnalyticsErrorCode.INVALID_PERIOD,
            _("Choose a period of at most ten years."),
            field="start",
        )
    return Period(start=start, end=end)


def month_period(month: date) -> Period:
    last = calendar.monthrange(month.year, month.month)[1]
    return Period(start=month.replace(day=1), end=month.replace(day=last))


# --- who sees what ------------------------------------------------------------------------------


def municipalities_for_user(*, user: User | Any) -> QuerySet[Municipality]:
    """Operators (superusers) see every municipality; an officer (a staff user with a seat)
    sees the municipalities of their seats; anyone else sees none."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return Municipality.objects.none()
    if user.is_superuser:
        return Municipality.objects.order_by("name_th", "id")
    if not user.is_staff:
        return Municipality.objects.none()
    return Municipality.objects.filter(officers__user=user).order_by("name_th", "id").distinct()


def municipality_for_user(*, user: User | Any, slug: str | None) -> Municipality:
    """The municipality `slug` if the user may see it (no slug: their first one).

    Raises AnalyticsError NOT_FOUND both for a municipality that does not exist and for one the
    user may not see, so that an officer cannot even learn which others exist; FORBIDDEN when
    the user may see none at all.
    """
    allowed = municipalities_for_user(user=user)
    found = allowed.filter(slug=slug).first() if slug else allowed.first()
    if found is not None:
        return found
    if slug:
        raise AnalyticsError(
            AnalyticsErrorCode.NOT_FOUND,
            _("There is no municipality “%(slug)s” among yours."),
            field="municipality",
            params={"slug": slug},
        )
    raise AnalyticsError(
        AnalyticsErrorCode.FORBIDDEN,
        _("Your account is not an officer of any municipality."),
        field="municipality",
    )


# --- figures ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SalesSummary:
    gmv: Decimal
    commission: Decimal
    orders: int
    average_order_value: Decimal
    active_vendors: int
    new_vendors: int
    shoppers: int
    repeat_shoppers: int

    @property
    def repeat_shopper_share(self) -> Decimal | None:
        """Percent of the period's shoppers with more than one paid order so far."""
        if not self.shoppers:
            return None
        return quantize(Decimal(100) * self.repeat_shoppers / self.shoppers)


def _facts(municipality_id: int, period: Period) -> QuerySet[SalesFact]:
    return SalesFact.objects.filter(
        municipality_id=municipality_id, day__gte=period.start, day__lte=period.end
    )


def sales_summary(*, municipality_id: int, period: Period) -> SalesSummary:
    """GMV (net of refunds), orders paid, average order value, vendors with a sale, vendors
    approved in the period, and shoppers with how many of them are repeat shoppers (more than
    one paid order from this municipality's vendors up to the end of the period). 2 queries."""
    sale = Q(kind=FactKind.SALE)
    totals = _facts(municipality_id, period).aggregate(
        gmv=Sum("gross"),
        commission=Sum("commission"),
        orders=Count("order_id", distinct=True, filter=sale),
        vendors=Count("vendor_id", distinct=True, filter=sale),
        shoppers=Count("shopper_hash", distinct=True, filter=sale),
        # A shopper with an order of rank 2+ in the period had another one before it.
        repeat=Count("shopper_hash", distinct=True, filter=sale & Q(shopper_order__gte=2)),
    )
    since, until = period.bounds()
    new_vendors = Vendor.objects.filter(
        municipality_id=municipality_id, approved_at__gte=since, approved_at__lt=until
    ).count()
    gmv = totals["gmv"] or Decimal("0.00")
    orders = totals["orders"] or 0
    return SalesSummary(
        gmv=gmv,
        commission=totals["commission"] or Decimal("0.00"),
        orders=orders,
        average_order_value=quantize(gmv / orders) if orders else Decimal("0.00"),
        active_vendors=totals["vendors"] or 0,
        new_vendors=new_vendors,
        shoppers=totals["shoppers"] or 0,
        repeat_shoppers=totals["repeat"] or 0,
    )


@dataclass(frozen=True)
class SalesRow:
    """One row of a breakdown: `key` is stable (a code, an id, a month), `label` is for people."""

    key: str
    label_th: str
    label_en: str
    gmv: Decimal
    quantity: int
    orders: int | None = None
    commission: Decimal | None = None
    month: date | None = None

    @property
    def label(self) -> str:
        return (self.label_en or self.label_th) if _english() else self.label_th


class Dimension(Enum):
    MONTH = "month"
    CATEGORY = "category"
    DISTRICT = "district"
    VENDOR_KIND = "vendor_kind"
    VENDOR = "vendor"
    PRODUCT = "product"


def sales_by_month(*, municipality_id: int, period: Period) -> list[SalesRow]:
    """GMV, orders and units per month of the period, months without sales included. 1 query."""
    found = {
        row["month"]: row
        for row in _facts(municipality_id, period)
        .annotate(month=TruncMonth("day"))
        .values("month")
        .annotate(
            gmv=Sum("gross"),
            quantity=Sum("quantity"),
            commission=Sum("commission"),
            orders=Count("order_id", distinct=True, filter=Q(kind=FactKind.SALE)),
        )
        .order_by("month")
    }
    rows = []
    for month in period.months():
        row = found.get(month, {})
        rows.append(
            SalesRow(
                key=month.strftime("%Y-%m"),
                label_th=month.isoformat(),
                label_en=month.isoformat(),
                gmv=row.get("gmv") or Decimal("0.00"),
                quantity=row.get("quantity") or 0,
                orders=row.get("orders") or 0,
                commission=row.get("commission") or Decimal("0.00"),
                month=month,
            )
        )
    return rows


_ROLLUP_DIMENSIONS = {
    Dimension.CATEGORY: ("category_id", "category__name_th", "category__name_en"),
    Dimension.DISTRICT: ("district_id", "district__name_th", "district__name_en"),
    Dimension.VENDOR_KIND: ("vendor_kind", None, None),
}


def sales_by(*, municipality_id: int, period: Period, dimension: Dimension) -> list[SalesRow]:
    """GMV and units by category (the top of the tree), district or vendor kind from the daily
    rollups, or by vendor or product from the facts (the top ten), largest first. 1 query."""
    if dimension is Dimension.MONTH:
        return sales_by_month(municipality_id=municipality_id, period=period)
    if dimension in (Dimension.VENDOR, Dimension.PRODUCT):
        return sales_top(municipality_id=municipality_id, period=period, dimension=dimension)
    key, name_th, name_en = _ROLLUP_DIMENSIONS[dimension]
    names = [n for n in (name_th, name_en) if n]
    rows = (
        SalesDaily.objects.filter(
            municipality_id=municipality_id, day__gte=period.start, day__lte=period.end
        )
        .values(key, *names)
        .annotate(gmv=Sum("gross"), quantity=Sum("quantity"), commission=Sum("commission"))
        .order_by("-gmv", key)
    )
    result = []
    for row in rows:
        if dimension is Dimension.VENDOR_KIND:
            kind = row[key]
            label = str(VendorKind(kind).label) if kind in VendorKind.values else kind
            label_th = label_en = label
        elif row[key] is None:
            label_th = label_en = str(_("Uncategorised"))
        else:
            label_th, label_en = row[name_th or ""], row[name_en or ""]
        result.append(
            SalesRow(
                key=str(row[key] if row[key] is not None else ""),
                label_th=label_th,
                label_en=label_en or label_th,
                gmv=row["gmv"],
                quantity=row["quantity"],
                commission=row["commission"],
            )
        )
    return result


def sales_top(
    *, municipality_id: int, period: Period, dimension: Dimension, limit: int = TOP_LIMIT
) -> list[SalesRow]:
    """The best-selling vendors or products of the period by GMV net of refunds. 1 query."""
    facts = _facts(municipality_id, period)
    orders = Count("order_id", distinct=True, filter=Q(kind=FactKind.SALE))
    if dimension is Dimension.VENDOR:
        vendor_rows = (
            facts.values("vendor_id", "vendor__name_th", "vendor__name_en")
            .annotate(gmv=Sum("gross"), quantity=Sum("quantity"), orders=orders)
            .order_by("-gmv", "vendor_id")[:limit]
        )
        return [
            SalesRow(
                key=str(row["vendor_id"]),
                label_th=row["vendor__name_th"],
                label_en=row["vendor__name_en"] or row["vendor__name_th"],
                gmv=row["gmv"],
                quantity=row["quantity"],
                orders=row["orders"],
            )
            for row in vendor_rows
        ]
    product_rows = (
        facts.values("product_id")
        .annotate(
            name_th=Max("product_name"),
            name_en=Max("product__name_en"),
            gmv=Sum("gross"),
            quantity=Sum("quantity"),
            orders=orders,
        )
        .order_by("-gmv", "product_id")[:limit]
    )
    return [
        SalesRow(
            key=str(row["product_id"] or ""),
            label_th=row["name_th"],
            label_en=row["name_en"] or row["name_th"],
            gmv=row["gmv"],
            quantity=row["quantity"],
            orders=row["orders"],
        )
        for row in product_rows
    ]


@dataclass(frozen=True)
class SalesCell:
    """Sales of one month x district x category x vendor kind."""

    month: date
    district_code: str
    district_th: str
    district_en: str
    category_slug: str
    category_th: str
    category_en: str
    vendor_kind: str
    gmv: Decimal
    commission: Decimal
    quantity: int
    orders: int
    vendors: int

    @property
    def district(self) -> str:
        return (self.district_en or self.district_th) if _english() else self.district_th

    @property
    def category(self) -> str:
        return (self.category_en or self.category_th) if _english() else self.category_th

    @property
    def vendor_kind_label(self) -> str:
        return (
            str(VendorKind(self.vendor_kind).label)
            if self.vendor_kind in VendorKind.values
            else self.vendor_kind
        )


_CELL_FIELDS = (
    "district_id",
    "district__name_th",
    "district__name_en",
    "category__slug",
    "category__name_th",
    "category__name_en",
    "vendor_kind",
)


def _cell(month: date, row: dict[str, Any]) -> SalesCell:
    uncategorised = str(_("Uncategorised"))
    return SalesCell(
        month=month,
        district_code=row["district_id"],
        district_th=row["district__name_th"],
        district_en=row["district__name_en"],
        category_slug=row["category__slug"] or "",
        category_th=row["category__name_th"] or uncategorised,
        category_en=row["category__name_en"] or row["category__name_th"] or uncategorised,
        vendor_kind=row["vendor_kind"],
        gmv=row["gmv"],
        commission=row["commission"],
        quantity=row["quantity"],
        orders=row["orders"],
        vendors=row["vendors"],
    )


def sales_cells(*, municipality_id: int, period: Period) -> list[SalesCell]:
    """The period's sales by month x district x category x vendor kind, from the facts (exact
    distinct counts for a period that cuts months). For the officers' exports. 1 query."""
    rows = (
        _facts(municipality_id, period)
        .annotate(month=TruncMonth("day"))
        .values("month", *_CELL_FIELDS)
        .annotate(
            gmv=Sum("gross"),
            commission=Sum("commission"),
            quantity=Sum("quantity"),
            orders=Count("order_id", distinct=True, filter=Q(kind=FactKind.SALE)),
            vendors=Count("vendor_id", distinct=True),
        )
        .order_by("month", "district_id", "category__slug", "vendor_kind")
    )
    return [_cell(row["month"], row) for row in rows]


def monthly_cells(*, municipality_id: int, before: date) -> list[SalesCell]:
    """Every complete month's cells before `before` from the monthly rollups (what open data
    publishes, before suppression). 1 query."""
    rows = (
        SalesMonthly.objects.filter(municipality_id=municipality_id, month__lt=before)
        .values("month", *_CELL_FIELDS, "gross", "commission", "quantity", "orders", "vendors")
        .order_by("month", "district_id", "category__slug", "vendor_kind")
    )
    return [_cell(row["month"], {**row, "gmv": row["gross"]}) for row in rows]
