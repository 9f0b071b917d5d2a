"""Writes of the analytics domain: sales facts from payment and refund events, and rollups.

Entry points for the payments domain (each also a Celery task in `tasks.py`, taking ids):

- `sales_facts_record_paid(order=…)` once the order is paid: one positive fact per line of
  every vendor order that is not cancelled. Idempotent per order line.
- `sales_facts_record_refund(vendor_order=…, amount=…, reference=…)` once money went back:
  negative facts on the vendor order's lines. Idempotent per `reference`.
- `sales_facts_record_cancelled(vendor_order=…)` when a paid vendor order is cancelled: takes
  back whatever is left of its facts. Idempotent per vendor order.

How a refund is split: the refunded share of the vendor order's goods and of its commission is
computed on the running total of its refunds (`subtotal * refunded / (subtotal + shipping)`, half
up to the satang), the same rule as the payout ledger's commission, so that partial refunds
adding up to the whole vendor order take back exactly its gross and commission. Each refund's
share is spread over the lines in proportion to what is left of their gross (the remainder of the
rounding on the largest line), never more than is left. A line whose gross reaches zero gives
back its units too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.analytics.errors import AnalyticsError, AnalyticsErrorCode
from marketplace.analytics.facts import category_root_id, local_day, shopper_hash, spread
from marketplace.analytics.models import FactKind, SalesAdjustment, SalesFact
from marketplace.core.money import quantize
from marketplace.orders.models import (
    Order,
    OrderLine,
    PaymentStatus,
    VendorOrder,
    VendorOrderStatus,
)

# Orders whose lines are sales: paid, even if some of the money went back since.
PAID_STATES = (PaymentStatus.PAID, PaymentStatus.PARTIALLY_REFUNDED, PaymentStatus.REFUNDED)


@dataclass(frozen=True)
class RollupKey:
    municipality_id: int
    day: date


def _queue_rollups(keys: Iterable[RollupKey]) -> None:
    by_municipality: dict[int, set[str]] = {}
    for key in keys:
        by_municipality.setdefault(key.municipality_id, set()).add(key.day.isoformat())
    for municipality_id, days in sorted(by_municipality.items()):
        transaction.on_commit(_rollup_refresher(municipality_id, sorted(days)))


def _rollup_refresher(municipality_id: int, days: list[str]) -> Callable[[], object]:
    from marketplace.analytics.tasks import sales_rollups_refresh_task

    def queue() -> object:
        return sales_rollups_refresh_task.delay(municipality_id=municipality_id, days=days)

    return queue


def _sale_facts(
    order: Order, vendor_orders: list[VendorOrder], moment: datetime
) -> list[SalesFact]:
    day = local_day(moment)
    shopper = shopper_hash(order.email)
    ranks: dict[int, int] = {}
    facts = []
    for vendor_order in vendor_orders:
        vendor = vendor_order.vendor
        if vendor.municipality_id not in ranks:
            ranks[vendor.municipality_id] = 1 + (
                SalesFact.objects.filter(
                    municipality_id=vendor.municipality_id,
                    shopper_hash=shopper,
                    kind=FactKind.SALE,
                )
                .exclude(order_id=order.pk)
                .values("order_id")
                .distinct()
                .count()
            )
        lines: list[OrderLine] = sorted(vendor_order.lines.all(), key=lambda line: line.pk)
        commissions = spread(vendor_order.commission, [line.total for line in lines])
        for line, commission in zip(lines, commissions, strict=True):
            product = line.variant.product if line.variant is not None else None
            category_id = (
                category_root_id(product.category_id, product.category.path)
                if product is not None
                else None
            )
            facts.append(
                SalesFact(
                    kind=FactKind.SALE,
                    occurred_at=moment,
                    day=day,
                    municipality_id=vendor.municipality_id,
                    district_id=vendor.district_id,
                    vendor_id=vendor.pk,
                    vendor_kind=vendor.kind,
                    category_id=category_id,
                    product_id=product.pk if product is not None else None,
                    product_name=line.product_name,
                    order_id=order.pk,
                    vendor_order_id=vendor_order.pk,
                    order_line_id=line.pk,
                    shopper_hash=shopper,
                    shopper_order=ranks[vendor.municipality_id],
                    quantity=line.quantity,
                    gross=line.total,
                    commission=commission,
                )
            )
    return facts


def _paid_vendor_orders(order_id: int, *, include_cancelled: bool) -> list[VendorOrder]:
    queryset = VendorOrder.objects.filter(order_id=order_id)
    if not include_cancelled:
        queryset = queryset.exclude(status=VendorOrderStatus.CANCELLED)
    return list(
        queryset.select_related("vendor")
        .prefetch_related("lines__variant__product__category")
        .order_by("id")
    )


def _record_sales(
    order: Order, vendor_orders: list[VendorOrder], moment: datetime
) -> set[RollupKey]:
    facts = _sale_facts(order, vendor_orders, moment)
    before = SalesFact.objects.filter(order_id=order.pk, kind=FactKind.SALE).count()
    # The partial unique index on order_line_id (sales) makes a second recording a no-op, even
    # from two workers at once.
    SalesFact.objects.bulk_create(facts, ignore_conflicts=True)
    after = SalesFact.objects.filter(order_id=order.pk, kind=FactKind.SALE).count()
    return {RollupKey(f.municipality_id, f.day) for f in facts} if after > before else set()


@transaction.atomic
def sales_facts_record_paid(*, order: Order, occurred_at: datetime | None = None) -> int:
    """Record one sale fact per line of the order's vendor orders that are not cancelled (a
    parcel cancelled before payment was not paid for), dated `occurred_at` (default: now).

    Idempotent: lines that already have their sale fact are left alone (a unique index decides,
    so two concurrent calls cannot double a sale). Returns how many sale facts the order has.
    Queues the rollups of the touched days after commit.
    """
    moment = occurred_at or timezone.now()
    order = Order.objects.get(pk=order.pk)
    keys = _record_sales(order, _paid_vendor_orders(order.pk, include_cancelled=False), moment)
    _queue_rollups(keys)
    return SalesFact.objects.filter(order_id=order.pk, kind=FactKind.SALE).count()


@dataclass
class _LineLeft:
    fact: SalesFact  # the line's sale fact: the dimensions the adjustment copies
    gross: Decimal
    commission: Decimal
    quantity: int


def _lines_left(vendor_order_id: int) -> list[_LineLeft]:
    sales = {
        fact.order_line_id: fact
        for fact in SalesFact.objects.filter(vendor_order_id=vendor_order_id, kind=FactKind.SALE)
    }
    sums = {
        row["order_line_id"]: row
        for row in SalesFact.objects.filter(vendor_order_id=vendor_order_id)
        .values("order_line_id")
        .annotate(gross=Sum("gross"), commission=Sum("commission"), quantity=Sum("quantity"))
    }
    return [
        _LineLeft(
            fact=sales[line_id],
            gross=sums[line_id]["gross"],
            commission=sums[line_id]["commission"],
            quantity=sums[line_id]["quantity"],
        )
        for line_id in sorted(sales)
    ]


def _take_back(
    *,
    adjustment: SalesAdjustment,
    lines: list[_LineLeft],
    gross: Decimal,
    commission: Decimal,
    moment: datetime,
) -> list[SalesFact]:
    """Negative facts taking `gross` and `commission` off the lines, in proportion to what is
    left of each line's gross and never more than that."""
    gross = min(gross, sum((line.gross for line in lines), Decimal(0)))
    commission = min(commission, sum((line.commission for line in lines), Decimal(0)))
    weights = [max(line.gross, Decimal(0)) for line in lines]
    gross_parts = _capped(spread(gross, weights), [line.gross for line in lines])
    commission_parts = _capped(spread(commission, weights), [line.commission for line in lines])
    day = local_day(moment)
    facts = []
    for line, gross_part, commission_part in zip(lines, gross_parts, commission_parts, strict=True):
        if gross_part == 0 and commission_part == 0:
            continue
        units = line.quantity if gross_part == line.gross else 0
        sale = line.fact
        facts.append(
            SalesFact(
                kind=adjustment.kind,
                occurred_at=moment,
                day=day,
                municipality_id=sale.municipality_id,
                district_id=sale.district_id,
                vendor_id=sale.vendor_id,
                vendor_kind=sale.vendor_kind,
                category_id=sale.category_id,
                product_id=sale.product_id,
                product_name=sale.product_name,
                order_id=sale.order_id,
                vendor_order_id=sale.vendor_order_id,
                order_line_id=sale.order_line_id,
                adjustment=adjustment,
                shopper_hash=sale.shopper_hash,
                shopper_order=sale.shopper_order,
                quantity=-units,
                gross=-gross_part,
                commission=-commission_part,
            )
        )
    SalesFact.objects.bulk_create(facts)
    adjustment.gross = sum((f.gross for f in facts), Decimal(0))
    adjustment.commission = sum((f.commission for f in facts), Decimal(0))
    adjustment.save(update_fields=["gross", "commission"])
    return facts


def _capped(parts: list[Decimal], limits: list[Decimal]) -> list[Decimal]:
    """Move any part above its line's limit (a rounding satang) onto lines with room left."""
    parts = list(parts)
    excess = Decimal(0)
    for i, (part, limit) in enumerate(zip(parts, limits, strict=True)):
        if part > limit:
            excess += part - max(limit, Decimal(0))
            parts[i] = max(limit, Decimal(0))
    for i in sorted(range(len(parts)), key=lambda i: -limits[i]):
        if excess <= 0:
            break
        room = limits[i] - parts[i]
        moved = min(room, excess)
        if moved > 0:
            parts[i] += moved
            excess -= moved
    return parts


def _existing_adjustment(
    *, reference: str, vendor_order_id: int, amount: Decimal | None
) -> SalesAdjustment | None:
    existing = SalesAdjustment.objects.filter(reference=reference).first()
    if existing is not None and (
        existing.vendor_order_id != vendor_order_id or existing.amount != amount
    ):
        raise AnalyticsError(
            AnalyticsErrorCode.REFERENCE_REUSED,
            _("This reference was already recorded for another refund."),
            field="reference",
        )
    return existing


def _record_refund(
    *, vendor_order_id: int, amount: Decimal, reference: str, moment: datetime
) -> tuple[SalesAdjustment, set[RollupKey]]:
    reference = reference.strip()
    if not reference:
        raise AnalyticsError(
            AnalyticsErrorCode.REFERENCE_REQUIRED,
            _("A refund needs its reference."),
            field="reference",
        )
    amount = quantize(amount)
    if amount <= 0:
        raise AnalyticsError(
            AnalyticsErrorCode.INVALID_AMOUNT, _("A refund must be more than zero."), field="amount"
        )
    locked = VendorOrder.objects.select_for_update().get(pk=vendor_order_id)
    existing = _existing_adjustment(reference=reference, vendor_order_id=locked.pk, amount=amount)
    if existing is not None:
        return existing, set()
    total = locked.subtotal + locked.shipping_price
    before = min(
        SalesAdjustment.objects.filter(vendor_order_id=locked.pk, kind=FactKind.REFUND).aggregate(
            amount=Sum("amount")
        )["amount"]
        or Decimal(0),
        total,
    )
    after = min(before + amount, total)

    def share(of: Decimal, refunded: Decimal) -> Decimal:
        return quantize(of * refunded / total) if total > 0 else Decimal(0)

    adjustment = SalesAdjustment.objects.create(
        kind=FactKind.REFUND,
        reference=reference,
        vendor_order_id=locked.pk,
        amount=amount,
        gross=Decimal(0),
        commission=Decimal(0),
        occurred_at=moment,
    )
    facts = _take_back(
        adjustment=adjustment,
        lines=_lines_left(locked.pk),
        gross=share(locked.subtotal, after) - share(locked.subtotal, before),
        commission=share(locked.commission, after) - share(locked.commission, before),
        moment=moment,
    )
    return adjustment, {RollupKey(f.municipality_id, f.day) for f in facts}


@transaction.atomic
def sales_facts_record_refund(
    *,
    vendor_order: VendorOrder,
    amount: Decimal,
    reference: str,
    occurred_at: datetime | None = None,
) -> SalesAdjustment:
    """Take a refund of `amount` THB of one vendor order off its sales facts, dated
    `occurred_at` (default: now). See the module's docstring for how it is split.

    Idempotent per `reference` (the refund's id): a second call returns the first adjustment.
    Locks the vendor order so that two refunds of it are split one after the other. A vendor
    order with no sale facts (never paid) gets an adjustment that takes nothing off.
    Raises AnalyticsError: REFERENCE_REQUIRED, INVALID_AMOUNT (not above zero), REFERENCE_REUSED
    (the reference was recorded for another vendor order or amount).

    Tasks may run out of order: when the refund comes before the payment's facts of a paid
    order, the sales are recorded first (dated now), so the refund is never lost.
    """
    keys = _sales_before_adjustment(vendor_order.pk)
    adjustment, refund_keys = _record_refund(
        vendor_order_id=vendor_order.pk,
        amount=amount,
        reference=reference,
        moment=occurred_at or timezone.now(),
    )
    _queue_rollups(keys | refund_keys)
    return adjustment


def _sales_before_adjustment(vendor_order_id: int) -> set[RollupKey]:
    if SalesFact.objects.filter(vendor_order_id=vendor_order_id, kind=FactKind.SALE).exists():
        return set()
    order = Order.objects.filter(vendor_orders__id=vendor_order_id).first()
    if order is None or order.payment_status not in PAID_STATES:
        return set()
    vendor_orders = _paid_vendor_orders(order.pk, include_cancelled=False)
    return _record_sales(order, vendor_orders, timezone.now())


def _record_cancelled(
    *, vendor_order_id: int, moment: datetime
) -> tuple[SalesAdjustment, set[RollupKey]]:
    locked = VendorOrder.objects.select_for_update().get(pk=vendor_order_id)
    reference = f"cancelled:{locked.pk}"
    existing = _existing_adjustment(reference=reference, vendor_order_id=locked.pk, amount=None)
    if existing is not None:
        return existing, set()
    lines = _lines_left(locked.pk)
    adjustment = SalesAdjustment.objects.create(
        kind=FactKind.CANCELLATION,
        reference=reference,
        vendor_order_id=locked.pk,
        amount=None,
        gross=Decimal(0),
        commission=Decimal(0),
        occurred_at=moment,
    )
    facts = _take_back(
        adjustment=adjustment,
        lines=lines,
        gross=sum((line.gross for line in lines), Decimal(0)),
        commission=sum((line.commission for line in lines), Decimal(0)),
        moment=moment,
    )
    return adjustment, {RollupKey(f.municipality_id, f.day) for f in facts}


@transaction.atomic
def sales_facts_record_cancelled(
    *, vendor_order: VendorOrder, occurred_at: datetime | None = None
) -> SalesAdjustment:
    """Take back everything left of a cancelled vendor order's facts (gross, commission and
    units), dated `occurred_at` (default: now). A refund of the same parcel recorded later takes
    nothing more off, whichever comes first. Idempotent per vendor order."""
    keys = _sales_before_adjustment(vendor_order.pk)
    adjustment, cancel_keys = _record_cancelled(
        vendor_order_id=vendor_order.pk, moment=occurred_at or timezone.now()
    )
    _queue_rollups(keys | cancel_keys)
    return adjustment


# --- rollups ------------------------------------------------------------------------------------

_ROLLUP_COLUMNS = (
    "municipality_id, district_id, category_id, vendor_kind, gross, commission, quantity, "
    "orders, vendors"
)
_ROLLUP_SUMS = (
    "municipality_id, district_id, category_id, vendor_kind, SUM(gross), SUM(commission), "
    "SUM(quantity), COUNT(DISTINCT order_id) FILTER (WHERE kind = 'sale'), "
    "COUNT(DISTINCT vendor_id)"
)


def _lock_municipality(municipality_id: int) -> None:
    # Two refreshes of one municipality would delete and insert the same cells; take turns.
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [8_010_001, municipality_id])


@transaction.atomic
def sales_rollups_refresh(*, municipality_id: int, days: Iterable[date]) -> None:
    """Recompute the daily rollups of the given days and the monthly rollups of their months
    for one municipality, from the facts. Safe to run any number of times."""
    day_list = sorted(set(days))
    if not day_list:
        return
    months = sorted({d.replace(day=1) for d in day_list})
    _lock_municipality(municipality_id)
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM analytics_salesdaily WHERE municipality_id = %s AND day = ANY(%s)",
            [municipality_id, day_list],
        )
        cursor.execute(
            f"INSERT INTO analytics_salesdaily (day, {_ROLLUP_COLUMNS}) "  # noqa: S608
            f"SELECT day, {_ROLLUP_SUMS} FROM analytics_salesfact "
            "WHERE municipality_id = %s AND day = ANY(%s) GROUP BY 1, 2, 3, 4, 5",
            [municipality_id, day_list],
        )
        cursor.execute(
            "DELETE FROM analytics_salesmonthly WHERE municipality_id = %s AND month = ANY(%s)",
            [municipality_id, months],
        )
        cursor.execute(
            f"INSERT INTO analytics_salesmonthly (month, {_ROLLUP_COLUMNS}) "  # noqa: S608
            f"SELECT date_trunc('month', day)::date, {_ROLLUP_SUMS} FROM analytics_salesfact "
            "WHERE municipality_id = %s AND date_trunc('month', day)::date = ANY(%s) "
            "GROUP BY 1, 2, 3, 4, 5",
            [municipality_id, months],
        )


@transaction.atomic
def sales_rollups_rebuild() -> None:
    """Recompute every rollup from the facts (after a rebuild or a bulk load)."""
    with connection.cursor() as cursor:
        cursor.execute("LOCK TABLE analytics_salesdaily, analytics_salesmonthly IN EXCLUSIVE MODE")
        cursor.execute("DELETE FROM analytics_salesdaily")
        cursor.execute(
            f"INSERT INTO analytics_salesdaily (day, {_ROLLUP_COLUMNS}) "  # noqa: S608
            f"SELECT day, {_ROLLUP_SUMS} FROM analytics_salesfact GROUP BY 1, 2, 3, 4, 5"
        )
        cursor.execute("DELETE FROM analytics_salesmonthly")
        cursor.execute(
            f"INSERT INTO analytics_salesmonthly (month, {_ROLLUP_COLUMNS}) "  # noqa: S608
            f"SELECT date_trunc('month', day)::date, {_ROLLUP_SUMS} FROM analytics_salesfact "
            "GROUP BY 1, 2, 3, 4, 5"
        )


@transaction.atomic
def sales_shopper_orders_renumber() -> None:
    """Rank every shopper's orders again by the time they were paid (after a rebuild or a bulk
    load; recording facts one by one ranks them as they come)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE analytics_salesfact AS f SET shopper_order = r.rank FROM ("
            " SELECT municipality_id, shopper_hash, order_id, dense_rank() OVER ("
            "  PARTITION BY municipality_id, shopper_hash ORDER BY paid_at, order_id) AS rank"
            " FROM (SELECT municipality_id, shopper_hash, order_id, MIN(occurred_at) AS paid_at"
            "  FROM analytics_salesfact WHERE kind = 'sale' GROUP BY 1, 2, 3) AS orders"
            ") AS r WHERE f.municipality_id = r.municipality_id"
            " AND f.shopper_hash = r.shopper_hash AND f.order_id = r.order_id"
            " AND f.shopper_order <> r.rank"
        )
