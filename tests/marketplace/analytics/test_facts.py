"""Sales facts follow payments, refunds and cancellations, and add up to the orders exactly."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Sum

from marketplace.analytics import services
from marketplace.analytics.errors import AnalyticsError, AnalyticsErrorCode
from marketplace.analytics.facts import shopper_hash, spread
from marketplace.analytics.models import (
    FactKind,
    SalesAdjustment,
    SalesDaily,
    SalesFact,
    SalesMonthly,
)
from marketplace.celery import app
from marketplace.orders.models import OrderEvent, PaymentStatus, VendorOrder, VendorOrderStatus
from tests.factories.catalog import CategoryFactory
from tests.marketplace.analytics import builders
from tests.marketplace.analytics.builders import Line

pytestmark = pytest.mark.django_db


def _sums(**filters: object) -> tuple[Decimal, Decimal, int]:
    totals = SalesFact.objects.filter(**filters).aggregate(
        g=Sum("gross"), c=Sum("commission"), q=Sum("quantity")
    )
    return (totals["g"] or Decimal(0), totals["c"] or Decimal(0), totals["q"] or 0)


@pytest.fixture
def two_vendor_order():
    town = builders.municipality("lamphun")
    silk, pottery = builders.vendor(town), builders.vendor(town)
    scarf = builders.product(silk, price="1850.00")
    shawl = builders.product(silk, price="333.33")
    bowl = builders.product(pottery, price="320.00")
    return builders.order(Line(scarf, 2), Line(shawl, 1), Line(bowl, 3))


def test_spread_adds_up_to_the_satang_with_the_remainder_on_the_largest_part() -> None:
    assert spread(Decimal("0.10"), [Decimal(1), Decimal(1), Decimal(1)]) == [
        Decimal("0.04"),
        Decimal("0.03"),
        Decimal("0.03"),
    ]
    assert spread(Decimal("100.00"), [Decimal("1"), Decimal("2")]) == [
        Decimal("33.33"),
        Decimal("66.67"),
    ]
    assert sum(spread(Decimal("85.71"), [Decimal("100"), Decimal("200")])) == Decimal("85.71")


def test_a_paid_order_gives_one_fact_per_line_that_adds_up_to_each_vendor_order(
    two_vendor_order,
) -> None:
    written = services.sales_facts_record_paid(order=two_vendor_order)

    assert written == 3
    for vendor_order in two_vendor_order.vendor_orders.all():
        assert _sums(vendor_order_id=vendor_order.pk) == (
            vendor_order.subtotal,
            vendor_order.commission,
            sum(line.quantity for line in vendor_order.lines.all()),
        )
    fact = SalesFact.objects.filter(order_id=two_vendor_order.pk).first()
    assert fact is not None and fact.shopper_hash == shopper_hash("Malee@Example.com ")
    assert "malee" not in fact.shopper_hash


def test_recording_a_payment_twice_writes_nothing_more(two_vendor_order) -> None:
    services.sales_facts_record_paid(order=two_vendor_order)
    before = _sums()

    again = services.sales_facts_record_paid(order=two_vendor_order)

    assert again == 3
    assert _sums() == before
    assert SalesFact.objects.count() == 3


def test_a_partial_refund_is_spread_over_the_lines_in_proportion_and_sums_stay_exact(
    two_vendor_order,
) -> None:
    services.sales_facts_record_paid(order=two_vendor_order)
    silk = two_vendor_order.vendor_orders.order_by("id").first()
    assert silk is not None  # 1850 x 2 + 333.33 = 4033.33, delivery 50

    adjustment = services.sales_facts_record_refund(
        vendor_order=silk, amount=Decimal("500.00"), reference="re_1"
    )

    # goods share: 4033.33 x 500 / 4083.33 = 493.88; commission 403.33 x 500 / 4083.33 = 49.39
    assert adjustment.gross == Decimal("-493.88")
    assert adjustment.commission == Decimal("-49.39")
    parts = sorted(adjustment.facts.values_list("gross", flat=True))
    assert parts == [Decimal("-453.06"), Decimal("-40.82")]
    assert all(f.quantity == 0 for f in adjustment.facts.all())
    assert _sums(vendor_order_id=silk.pk)[:2] == (
        silk.subtotal - Decimal("493.88"),
        silk.commission - Decimal("49.39"),
    )


def test_partial_refunds_adding_up_to_the_whole_parcel_take_everything_back(
    two_vendor_order,
) -> None:
    services.sales_facts_record_paid(order=two_vendor_order)
    silk = two_vendor_order.vendor_orders.order_by("id").first()
    assert silk is not None
    total = silk.subtotal + silk.shipping_price
    for number, amount in enumerate(
        [Decimal("0.01"), Decimal("1000.00"), Decimal("333.33"), total - Decimal("1333.34")]
    ):
        services.sales_facts_record_refund(
            vendor_order=silk, amount=amount, reference=f"re_{number}"
        )

    assert _sums(vendor_order_id=silk.pk) == (Decimal(0), Decimal(0), 0)
    other = two_vendor_order.vendor_orders.order_by("id").last()
    assert other is not None
    assert _sums(vendor_order_id=other.pk)[0] == other.subtotal


def test_a_refund_is_recorded_once_per_reference(two_vendor_order) -> None:
    services.sales_facts_record_paid(order=two_vendor_order)
    silk = two_vendor_order.vendor_orders.order_by("id").first()
    assert silk is not None
    first = services.sales_facts_record_refund(
        vendor_order=silk, amount=Decimal("100.00"), reference="re_1"
    )
    again = services.sales_facts_record_refund(
        vendor_order=silk, amount=Decimal("100.00"), reference="re_1"
    )

    assert again.pk == first.pk
    assert SalesAdjustment.objects.count() == 1
    with pytest.raises(AnalyticsError) as refused:
        services.sales_facts_record_refund(
            vendor_order=silk, amount=Decimal("200.00"), reference="re_1"
        )
    assert refused.value.code is AnalyticsErrorCode.REFERENCE_REUSED
    with pytest.raises(AnalyticsError) as blank:
        services.sales_facts_record_refund(vendor_order=silk, amount=Decimal(1), reference=" ")
    assert blank.value.code is AnalyticsErrorCode.REFERENCE_REQUIRED


def test_a_cancelled_parcel_is_taken_back_and_a_later_refund_takes_nothing_more(
    two_vendor_order,
) -> None:
    services.sales_facts_record_paid(order=two_vendor_order)
    pottery = two_vendor_order.vendor_orders.order_by("id").last()
    assert pottery is not None

    services.sales_facts_record_cancelled(vendor_order=pottery)
    services.sales_facts_record_cancelled(vendor_order=pottery)
    services.sales_facts_record_refund(
        vendor_order=pottery, amount=pottery.subtotal + pottery.shipping_price, reference="re_9"
    )

    assert _sums(vendor_order_id=pottery.pk) == (Decimal(0), Decimal(0), 0)
    assert SalesFact.objects.filter(kind=FactKind.CANCELLATION).count() == 1


def test_a_refund_that_arrives_before_the_payment_facts_is_not_lost(two_vendor_order) -> None:
    silk = two_vendor_order.vendor_orders.order_by("id").first()
    assert silk is not None
    total = silk.subtotal + silk.shipping_price

    services.sales_facts_record_refund(vendor_order=silk, amount=total, reference="re_early")
    services.sales_facts_record_paid(order=two_vendor_order)

    assert _sums(vendor_order_id=silk.pk) == (Decimal(0), Decimal(0), 0)
    assert SalesFact.objects.filter(kind=FactKind.SALE).count() == 3


def test_a_refund_of_an_unpaid_order_takes_nothing_off(two_vendor_order) -> None:
    two_vendor_order.payment_status = PaymentStatus.PENDING
    two_vendor_order.save(update_fields=["payment_status"])
    silk = two_vendor_order.vendor_orders.order_by("id").first()
    assert silk is not None

    adjustment = services.sales_facts_record_refund(
        vendor_order=silk, amount=Decimal("10.00"), reference="re_x"
    )

    assert adjustment.gross == 0 and not SalesFact.objects.exists()


def test_a_parcel_cancelled_before_payment_is_not_a_sale(two_vendor_order) -> None:
    pottery = two_vendor_order.vendor_orders.order_by("id").last()
    assert pottery is not None
    VendorOrder.objects.filter(pk=pottery.pk).update(status=VendorOrderStatus.CANCELLED)

    services.sales_facts_record_paid(order=two_vendor_order)

    assert not SalesFact.objects.filter(vendor_order_id=pottery.pk).exists()
    assert SalesFact.objects.count() == 2


def test_rollups_follow_the_facts_after_commit(
    two_vendor_order, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.sales_facts_record_paid(order=two_vendor_order)
    silk = two_vendor_order.vendor_orders.order_by("id").first()
    assert silk is not None
    with django_capture_on_commit_callbacks(execute=True):
        services.sales_facts_record_refund(
            vendor_order=silk, amount=Decimal("500.00"), reference="re_1"
        )

    facts_gross = _sums()[0]
    assert SalesDaily.objects.aggregate(s=Sum("gross"))["s"] == facts_gross
    assert SalesMonthly.objects.aggregate(s=Sum("gross"))["s"] == facts_gross
    # Three products in three categories: three cells, each of one vendor and one order.
    assert list(SalesDaily.objects.values_list("vendors", "orders")) == [(1, 1)] * 3


def test_category_facts_use_the_top_of_the_category_tree() -> None:
    town = builders.municipality("lamphun")
    textiles = CategoryFactory.create()
    silk = CategoryFactory.create(parent=textiles)
    brocade = CategoryFactory.create(parent=silk)
    variant = builders.product(builders.vendor(town), category=brocade)
    services.sales_facts_record_paid(order=builders.order(Line(variant)))

    assert SalesFact.objects.get().category_id == textiles.pk


def test_rebuild_gives_the_same_sums_from_order_events(two_vendor_order) -> None:
    paid_at = datetime(2025, 3, 10, 3, 0, tzinfo=UTC)
    silk, pottery = list(two_vendor_order.vendor_orders.order_by("id"))
    OrderEvent.objects.create(
        order=two_vendor_order, type=OrderEvent.Type.PAYMENT, parameters={"payment_status": "paid"}
    )
    refund = OrderEvent.objects.create(
        order=two_vendor_order,
        vendor_order=silk,
        type=OrderEvent.Type.REFUNDED,
        parameters={"amount": "500.00", "reference": "re_1", "full": False},
    )
    cancel = OrderEvent.objects.create(
        order=two_vendor_order, vendor_order=pottery, type=OrderEvent.Type.CANCELLED
    )
    OrderEvent.objects.filter(type=OrderEvent.Type.PAYMENT).update(created_at=paid_at)
    OrderEvent.objects.filter(pk=refund.pk).update(created_at=paid_at + timedelta(days=3))
    OrderEvent.objects.filter(pk=cancel.pk).update(created_at=paid_at + timedelta(days=40))
    VendorOrder.objects.filter(pk=pottery.pk).update(status=VendorOrderStatus.CANCELLED)
    two_vendor_order.payment_status = PaymentStatus.PARTIALLY_REFUNDED
    two_vendor_order.save(update_fields=["payment_status"])
    # An order never paid is left out.
    builders.order(Line(builders.product(silk.vendor)), payment_status=PaymentStatus.PENDING)

    call_command("analytics_rebuild", stdout=None)

    assert _sums(vendor_order_id=silk.pk)[0] == silk.subtotal - Decimal("493.88")
    assert _sums(vendor_order_id=pottery.pk) == (Decimal(0), Decimal(0), 0)
    sale = SalesFact.objects.filter(kind=FactKind.SALE).first()
    assert sale is not None and sale.day.isoformat() == "2025-03-10"
    assert SalesFact.objects.get(kind=FactKind.CANCELLATION).day.isoformat() == "2025-04-19"
    assert SalesMonthly.objects.aggregate(s=Sum("gross"))["s"] == _sums()[0]
    assert set(SalesMonthly.objects.values_list("month", flat=True)) == {
        datetime(2025, 3, 1).date(),  # noqa: DTZ001
        datetime(2025, 4, 1).date(),  # noqa: DTZ001
    }


def test_rebuild_ranks_a_shoppers_orders_by_payment_time() -> None:
    town = builders.municipality("lamphun")
    variant = builders.product(builders.vendor(town))
    later, earlier = builders.order(Line(variant)), builders.order(Line(variant))
    for order, day in ((later, 20), (earlier, 5)):
        event = OrderEvent.objects.create(
            order=order, type=OrderEvent.Type.PAYMENT, parameters={"payment_status": "paid"}
        )
        OrderEvent.objects.filter(pk=event.pk).update(created_at=datetime(2025, 3, day, tzinfo=UTC))

    call_command("analytics_rebuild", stdout=None)

    ranks = dict(SalesFact.objects.values_list("order_id", "shopper_order"))
    assert ranks == {earlier.pk: 1, later.pk: 2}


def test_facts_keep_no_shopper_personal_data(two_vendor_order) -> None:
    services.sales_facts_record_paid(order=two_vendor_order)
    for row in SalesFact.objects.values():
        assert not any("@" in str(value) or "malee" in str(value) for value in row.values())


def test_fact_tasks_run_on_the_reports_queue() -> None:
    for name in (
        "marketplace.analytics.tasks.sales_facts_record_paid_task",
        "marketplace.analytics.tasks.sales_facts_record_refund_task",
        "marketplace.analytics.tasks.sales_facts_record_cancelled_task",
        "marketplace.analytics.tasks.feed_deliver_task",
    ):
        route = app.amqp.router.route({}, name, args=(), kwargs={})
        assert route["queue"].name == "reports"


def test_the_paid_task_takes_an_order_id(two_vendor_order) -> None:
    from marketplace.analytics.tasks import sales_facts_record_paid_task

    assert sales_facts_record_paid_task.delay(order_id=two_vendor_order.pk).get() == 3
    assert sales_facts_record_paid_task.delay(order_id=10**12).get() == 0
