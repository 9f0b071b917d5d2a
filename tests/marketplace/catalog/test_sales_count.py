"""`Product.sales_count` follows the sales facts: paid (and cash-on-delivery) orders raise it,
refunds and cancellations lower it, and search sees the new count."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from marketplace.analytics import services as analytics
from marketplace.analytics.tasks import sales_facts_record_paid_task
from marketplace.catalog.models import Product
from marketplace.catalog.services import product_sales_count_refresh, product_sales_counts_repair
from marketplace.orders.models import Order, PaymentStatus
from marketplace.orders.services import (
    order_payment_status_set,
    vendor_order_cancel,
    vendor_order_refund,
    vendor_order_ship,
)
from payments.manual import cod_payment_collect
from payments.models import Gateway
from payments.services import payment_initialize
from search import availability, indexing
from search.client import elasticsearch_client
from tests.factories.checkout import VendorStall, stall
from tests.marketplace.analytics import builders
from tests.marketplace.orders.test_fulfilment import place
from tests.search.conftest import search_index  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


def sold(item: VendorStall | Product) -> int:
    product = item.variant.product if isinstance(item, VendorStall) else item
    return Product.objects.values_list("sales_count", flat=True).get(pk=product.pk)


def pay(order: Order, capture: Any) -> None:
    with capture(execute=True):
        order_payment_status_set(order=order, status=PaymentStatus.PAID)


def test_paying_an_order_counts_its_units_for_its_products_only(
    django_capture_on_commit_callbacks: Any,
) -> None:
    silk, pottery, untouched = stall(), stall(), stall()
    Product.objects.filter(pk=untouched.variant.product_id).update(sales_count=7)
    order = place(silk, pottery, quantity=2, paid=False)
    assert (sold(silk), sold(pottery)) == (0, 0)  # placed is not sold

    pay(order, django_capture_on_commit_callbacks)

    assert (sold(silk), sold(pottery)) == (2, 2)
    assert sold(untouched) == 7  # not in the order: left alone, even if it drifted

    pay(place(silk, quantity=3, paid=False), django_capture_on_commit_callbacks)
    assert (sold(silk), sold(pottery)) == (5, 2)


def test_cash_on_delivery_counts_once_the_cash_is_collected(
    django_capture_on_commit_callbacks: Any,
) -> None:
    silk = stall()
    order = place(silk, quantity=2, paid=False)
    payment_initialize(order=order, gateway=Gateway.CASH_ON_DELIVERY)
    parcel = order.vendor_orders.get()
    vendor_order_ship(vendor_order=parcel, carrier="Kerry", tracking_number="KX1", by=None)

    with django_capture_on_commit_callbacks(execute=True):
        cod_payment_collect(vendor_order=parcel, by=silk.owner.user)

    assert sold(silk) == 2


def test_a_full_refund_gives_the_units_back_and_a_partial_one_does_not(
    django_capture_on_commit_callbacks: Any,
) -> None:
    silk, pottery = stall(price="1000.00"), stall(price="300.00")
    order = place(silk, pottery, quantity=2, paid=False)
    pay(order, django_capture_on_commit_callbacks)
    silk_part = order.vendor_orders.get(vendor=silk.vendor)

    with django_capture_on_commit_callbacks(execute=True):
        vendor_order_refund(
            vendor_order=silk_part, amount=Decimal("500.00"), restock=False, by=None, reference="r1"
        )
    assert sold(silk) == 2  # the shopper kept the goods: a discount, not a return

    with django_capture_on_commit_callbacks(execute=True):
        vendor_order_refund(
            vendor_order=silk_part, amount=Decimal("1550.00"), restock=True, by=None, reference="r2"
        )
    assert (sold(silk), sold(pottery)) == (0, 2)


def test_cancelling_a_paid_parcel_takes_its_units_off(
    django_capture_on_commit_callbacks: Any,
) -> None:
    silk, pottery = stall(), stall()
    order = place(silk, pottery, quantity=2, paid=False)
    pay(order, django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        vendor_order_cancel(
            vendor_order=order.vendor_orders.get(vendor=pottery.vendor), reason="แตก", by=None
        )

    assert (sold(silk), sold(pottery)) == (2, 0)


def test_running_the_refresh_or_the_paid_task_twice_changes_nothing(
    django_capture_on_commit_callbacks: Any,
) -> None:
    silk = stall()
    order = place(silk, quantity=4, paid=False)
    pay(order, django_capture_on_commit_callbacks)
    assert sold(silk) == 4

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        sales_facts_record_paid_task(order_id=order.pk)  # a retried task
        changed = product_sales_count_refresh(product_ids=[silk.variant.product_id] * 2)

    assert changed == 0
    assert sold(silk) == 4
    # Only the catalogue task was queued again; no index task, nothing changed.
    assert len(callbacks) == 1


def test_a_changed_count_queues_the_index_task_after_the_commit(
    django_capture_on_commit_callbacks: Any,
) -> None:
    silk = stall()
    order = place(silk, quantity=2, paid=False)
    order_payment_status_set(order=order, status=PaymentStatus.PAID)
    analytics.sales_facts_record_paid(order=order)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        changed = product_sales_count_refresh(product_ids=[silk.variant.product_id])

    assert changed == 1 and sold(silk) == 2
    assert len(callbacks) == 1  # search.tasks.products_index, run once committed


@pytest.mark.services
def test_the_search_document_carries_the_new_count(
    search_index: str,  # noqa: F811 - fixture
    django_capture_on_commit_callbacks: Any,
) -> None:
    availability.reset()
    silk = stall()
    indexing.rebuild()
    client = elasticsearch_client()
    product_id = silk.variant.product_id
    assert client.get(index=search_index, id=str(product_id))["_source"]["popularity"] == 0

    pay(place(silk, quantity=3, paid=False), django_capture_on_commit_callbacks)
    client.indices.refresh(index=search_index)

    assert client.get(index=search_index, id=str(product_id))["_source"]["popularity"] == 3


def _products_with_sales(count: int) -> list[int]:
    town = builders.municipality(f"town-{count}")
    shop = builders.vendor(town)
    variants = [builders.product(shop) for _ in range(count)]
    order = builders.order(*(builders.Line(variant, quantity=2) for variant in variants))
    analytics.sales_facts_record_paid(order=order)
    return [variant.product_id for variant in variants]


@pytest.mark.parametrize("count", [3, 30])
def test_refresh_takes_the_same_queries_for_3_or_30_products(
    count: int, django_assert_max_num_queries: Any
) -> None:
    product_ids = _products_with_sales(count)

    with django_assert_max_num_queries(5):  # savepoint, lock, sum, bulk update, release
        changed = product_sales_count_refresh(product_ids=product_ids)

    assert changed == count
    assert set(
        Product.objects.filter(pk__in=product_ids).values_list("sales_count", flat=True)
    ) == {2}


def test_repair_corrects_counts_that_drifted_and_then_finds_nothing() -> None:
    product_ids = _products_with_sales(3)
    never_sold = stall()
    Product.objects.filter(pk=never_sold.variant.product_id).update(sales_count=12)

    out = StringIO()
    call_command("search_index", "--sales-counts", stdout=out)

    assert "units sold corrected for 4 products" in out.getvalue()
    assert [sold(Product(pk=pk)) for pk in product_ids] == [2, 2, 2]
    assert sold(never_sold) == 0
    assert product_sales_counts_repair() == 0
