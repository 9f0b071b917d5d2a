"""Credits for delivered orders, debits for refunds, and the balance a vendor sees."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.db import connection

from marketplace.orders.services import vendor_order_deliver
from payments.ledger.errors import LedgerError, LedgerErrorCode
from payments.ledger.models import EntryKind, LedgerEntry
from payments.ledger.selectors import vendor_balance, vendor_balances, vendor_ledger_entries
from payments.ledger.services import ledger_credit_delivered, ledger_debit_refund
from tests.factories.checkout import stall
from tests.payments.ledger.helpers import deliver, delivered, place

pytestmark = pytest.mark.django_db


def test_delivering_a_vendor_order_credits_subtotal_plus_shipping_minus_commission() -> None:
    silk, pottery = stall(price="1850.00"), stall(price="320.00")
    delivered(silk, pottery, quantity=2)

    # 2 x 1,850 + 50 delivery - 10 % of 3,700
    assert vendor_balance(vendor=silk.vendor).balance == Decimal("3380.00")
    assert vendor_balance(vendor=pottery.vendor).balance == Decimal("626.00")  # 640 + 50 - 64
    (credit,) = vendor_ledger_entries(vendor=silk.vendor)
    assert (credit.kind, credit.gross, credit.commission) == (
        EntryKind.CREDIT,
        Decimal("3750.00"),
        Decimal("370.00"),
    )


def test_an_undelivered_order_credits_nothing_and_cannot_be_credited() -> None:
    silk = stall()
    order = place(silk)
    assert vendor_balance(vendor=silk.vendor).balance == Decimal("0.00")
    with pytest.raises(LedgerError) as refused:
        ledger_credit_delivered(vendor_order=order.vendor_orders.get())
    assert refused.value.code == LedgerErrorCode.NOT_DELIVERED


def test_a_vendor_order_is_credited_once_however_often_it_is_asked() -> None:
    silk = stall()
    order = delivered(silk)
    part = order.vendor_orders.get()
    again = ledger_credit_delivered(vendor_order=part)
    assert LedgerEntry.objects.filter(vendor_order=part).count() == 1
    assert again.kind == EntryKind.CREDIT
    assert vendor_balance(vendor=silk.vendor).balance == Decimal("500.00")  # 500 + 50 - 50


def test_a_refund_debits_the_vendor_and_hands_back_the_commission_on_it() -> None:
    silk = stall(price="1000.00")  # vendor order total 1,050; commission 100
    part = delivered(silk).vendor_orders.get()

    ledger_debit_refund(vendor_order=part, amount=Decimal("525.00"), reference="re_half")

    # credited 950; half the order refunded gives back half the commission (50)
    assert vendor_balance(vendor=silk.vendor).balance == Decimal("475.00")
    ledger_debit_refund(vendor_order=part, amount=Decimal("525.00"), reference="re_rest")
    assert vendor_balance(vendor=silk.vendor).balance == Decimal("0.00")


def test_partial_refunds_round_so_the_whole_commission_comes_back_to_the_satang() -> None:
    silk = stall(price="33.33")
    silk.vendor.commission_rate = Decimal("7.77")
    silk.vendor.save()
    part = delivered(silk, quantity=1).vendor_orders.get()  # 83.33 in all, commission 2.59
    for n in range(3):
        ledger_debit_refund(vendor_order=part, amount=Decimal("27.77"), reference=f"re_{n}")
    ledger_debit_refund(vendor_order=part, amount=Decimal("0.02"), reference="re_last")
    entries = LedgerEntry.objects.filter(vendor_order=part)
    assert sum(e.commission for e in entries) == Decimal("0.00")
    assert vendor_balance(vendor=silk.vendor).balance == Decimal("0.00")


def test_the_same_refund_reference_debits_once() -> None:
    silk = stall()
    part = delivered(silk).vendor_orders.get()
    first = ledger_debit_refund(vendor_order=part, amount=Decimal("100.00"), reference="re_1")
    second = ledger_debit_refund(vendor_order=part, amount=Decimal("100.00"), reference="re_1")
    assert first.pk == second.pk
    assert LedgerEntry.objects.filter(kind=EntryKind.REFUND).count() == 1


def test_a_reference_reused_for_another_amount_is_refused() -> None:
    part = delivered(stall()).vendor_orders.get()
    ledger_debit_refund(vendor_order=part, amount=Decimal("100.00"), reference="re_1")
    with pytest.raises(LedgerError) as refused:
        ledger_debit_refund(vendor_order=part, amount=Decimal("90.00"), reference="re_1")
    assert refused.value.code == LedgerErrorCode.REFERENCE_REUSED


@pytest.mark.parametrize(
    ("amount", "code"),
    [
        ("0", LedgerErrorCode.INVALID_AMOUNT),
        ("-5", LedgerErrorCode.INVALID_AMOUNT),
        ("550.01", LedgerErrorCode.REFUND_EXCEEDS_TOTAL),
    ],
)
def test_refunds_outside_the_order_total_are_refused(amount: str, code: LedgerErrorCode) -> None:
    part = delivered(stall()).vendor_orders.get()  # 550 in all
    with pytest.raises(LedgerError) as refused:
        ledger_debit_refund(vendor_order=part, amount=Decimal(amount), reference="re_x")
    assert refused.value.code == code
    assert refused.value.field == "amount"


def test_a_refund_before_delivery_waits_and_is_netted_when_the_parcel_is_delivered() -> None:
    silk = stall(price="1000.00")
    part = place(silk).vendor_orders.get()
    ledger_debit_refund(vendor_order=part, amount=Decimal("210.00"), reference="re_early")
    assert vendor_balance(vendor=silk.vendor).balance == Decimal("0.00")

    deliver(part)
    # 950 credited - (210 - 20 commission back)
    assert vendor_balance(vendor=silk.vendor).balance == Decimal("760.00")


def test_a_refunded_parcel_that_is_never_delivered_costs_the_vendor_nothing() -> None:
    silk = stall()
    part = place(silk).vendor_orders.get()
    ledger_debit_refund(vendor_order=part, amount=Decimal("550.00"), reference="re_all")
    assert vendor_balance(vendor=silk.vendor).balance == Decimal("0.00")
    assert [e.posted_at for e in vendor_ledger_entries(vendor=silk.vendor)] == [None]


@pytest.mark.django_db(transaction=True)
def test_two_deliveries_of_the_same_parcel_at_once_credit_it_once() -> None:
    silk = stall()
    part = place(silk).vendor_orders.get()
    from marketplace.orders.services import vendor_order_ship

    vendor_order_ship(vendor_order=part, carrier="Kerry", tracking_number="K1", by=None)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def deliver_once() -> None:
        barrier.wait()
        try:
            vendor_order_deliver(vendor_order=part, by=None)
            outcomes.append("delivered")
        except Exception as exc:  # the loser is told the parcel is already delivered
            outcomes.append(type(exc).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver_once) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["OrderError", "delivered"]
    assert LedgerEntry.objects.filter(vendor_order=part, kind=EntryKind.CREDIT).count() == 1


def test_every_vendors_balance_is_read_in_one_query(django_assert_max_num_queries) -> None:
    stalls = [stall() for _ in range(3)]
    for s in stalls:
        delivered(s)
    with django_assert_max_num_queries(1):
        balances = vendor_balances()
    assert {b.vendor_id for b in balances} == {s.vendor.pk for s in stalls}
    assert all(b.balance == Decimal("500.00") and b.on_hold == b.balance for b in balances)


def test_a_vendors_ledger_is_read_in_one_query(django_assert_max_num_queries) -> None:
    silk = stall()
    for n in range(3):
        part = delivered(silk).vendor_orders.get()
        ledger_debit_refund(vendor_order=part, amount=Decimal("10.00"), reference=f"re_{n}")
    with django_assert_max_num_queries(1):
        rows = [
            (e.kind, e.vendor_order.number if e.vendor_order else "")
            for e in vendor_ledger_entries(vendor=silk.vendor)
        ]
    assert len(rows) == 6
