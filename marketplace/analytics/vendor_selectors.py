"""Reads for one vendor's dashboard: its sales from the sales facts, and what needs doing now.

Every read filters on one vendor first and aggregates in SQL, so the cost follows the vendor's
own rows, not the whole table of order lines. Days are Asia/Bangkok days, as in the facts.
Amounts are net of refunds and cancellations recorded in the period, like the officers' reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum

from marketplace.analytics.models import FactKind, SalesFact
from marketplace.catalog.models import ProductVariant
from marketplace.inventory.selectors import vendor_low_stock_variants
from marketplace.orders.models import PaymentStatus, VendorOrder, VendorOrderStatus
from payments.models import Gateway, Payment

DASHBOARD_PERIODS = (30, 90)
TOP_PRODUCTS = 5
LIST_LIMIT = 10
_ZERO = Decimal("0.00")


@dataclass(frozen=True)
class DaySales:
    day: date
    gross: Decimal
    quantity: int


@dataclass(frozen=True)
class SalesTotals:
    gross: Decimal
    commission: Decimal
    orders: int
    quantity: int

    @property
    def earnings(self) -> Decimal:
        """What the vendor keeps of the period's sales: gross less Kad's commission."""
        return self.gross - self.commission


@dataclass(frozen=True)
class ProductSales:
    product_id: int | None
    name: str
    gross: Decimal
    quantity: int


def _facts(vendor_id: int, start: date, end: date) -> QuerySet[SalesFact]:
    return SalesFact.objects.filter(vendor_id=vendor_id, day__gte=start, day__lte=end)


def vendor_sales_by_day(*, vendor_id: int, start: date, end: date) -> list[DaySales]:
    """One row per day from `start` to `end` (both included), zero on days without sales.
    One query."""
    rows = {
        row["day"]: row
        for row in _facts(vendor_id, start, end)
        .values("day")
        .annotate(gross=Sum("gross", default=_ZERO), quantity=Sum("quantity", default=0))
        .order_by()
    }
    days = []
    day = start
    while day <= end:
        row = rows.get(day)
        days.append(
            DaySales(day, row["gross"], int(row["quantity"])) if row else DaySales(day, _ZERO, 0)
        )
        day += timedelta(days=1)
    return days


def vendor_sales_totals(*, vendor_id: int, start: date, end: date) -> SalesTotals:
    """Net sales, commission, paid orders and units in the period. One query."""
    totals = _facts(vendor_id, start, end).aggregate(
        gross=Sum("gross", default=_ZERO),
        commission=Sum("commission", default=_ZERO),
        orders=Count("vendor_order_id", distinct=True, filter=Q(kind=FactKind.SALE)),
        quantity=Sum("quantity", default=0),
    )
    return SalesTotals(
        gross=totals["gross"],
        commission=totals["commission"],
        orders=int(totals["orders"]),
        quantity=int(totals["quantity"]),
    )


def vendor_top_products(
    *, vendor_id: int, start: date, end: date, limit: int = TOP_PRODUCTS
) -> list[ProductSales]:
    """The vendor's best-selling products in the period by net sales, best first. One query.

    Grouped by product and the name it was sold under (a deleted product keeps its name)."""
    rows = (
        _facts(vendor_id, start, end)
        .values("product_id", "product_name")
        .annotate(gross=Sum("gross", default=_ZERO), quantity=Sum("quantity", default=0))
        .filter(gross__gt=0)
        .order_by("-gross", "product_name")[:limit]
    )
    return [
        ProductSales(row["product_id"], row["product_name"], row["gross"], int(row["quantity"]))
        for row in rows
    ]


def vendor_orders_waiting(*, vendor_id: int) -> QuerySet[VendorOrder]:
    """The vendor's parcels to prepare or ship, oldest first: not shipped yet, and paid (or
    paid in cash on delivery). Index-friendly: vendor and status first."""
    cash_on_delivery = Payment.objects.filter(
        order_id=OuterRef("order_id"), is_active=True, gateway=Gateway.CASH_ON_DELIVERY
    )
    return (
        VendorOrder.objects.filter(
            vendor_id=vendor_id,
            status__in=[VendorOrderStatus.UNFULFILLED, VendorOrderStatus.PROCESSING],
        )
        .filter(
            Q(order__payment_status__in=[PaymentStatus.PAID, PaymentStatus.PARTIALLY_REFUNDED])
            | Exists(cash_on_delivery)
        )
        .select_related("order")
        .order_by("created_at", "id")
    )


@dataclass(frozen=True)
class VendorDashboard:
    days: int
    start: date
    end: date
    sales: list[DaySales]
    totals: SalesTotals
    top_products: list[ProductSales]
    low_stock: list[ProductVariant]
    orders_waiting: list[VendorOrder]
    orders_waiting_count: int


def vendor_dashboard(*, vendor_id: int, today: date, days: int = 30) -> VendorDashboard:
    """Everything the dashboard shows for the last `days` days up to `today` (30 or 90).
    Six queries, whatever the number of orders, products or days."""
    if days not in DASHBOARD_PERIODS:
        days = DASHBOARD_PERIODS[0]
    start = today - timedelta(days=days - 1)
    waiting = vendor_orders_waiting(vendor_id=vendor_id)
    return VendorDashboard(
        days=days,
        start=start,
        end=today,
        sales=vendor_sales_by_day(vendor_id=vendor_id, start=start, end=today),
        totals=vendor_sales_totals(vendor_id=vendor_id, start=start, end=today),
        top_products=vendor_top_products(vendor_id=vendor_id, start=start, end=today),
        low_stock=list(
            vendor_low_stock_variants(
                vendor_id=vendor_id, threshold=settings.KAD_LOW_STOCK_THRESHOLD
            )[:LIST_LIMIT]
        ),
        orders_waiting=list(waiting[:LIST_LIMIT]),
        orders_waiting_count=waiting.count(),
    )
