"""Property: the ledger accounts for every satang the shopper paid, and a run empties it.

For any order (any vendors, prices, delivery prices, commission rates) placed through the
checkout and delivered through the order services, and any refunds of its vendor orders:
vendor credits (net of refund debits) + Kad's commissions + refunds = the order total, to the
satang; and after a payout run every paid vendor's balance is zero.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db.models import Sum
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marketplace.checkout.complete import checkout_complete
from marketplace.checkout.services import (
    LineInput,
    checkout_create,
    checkout_delivery_method_update,
    checkout_shipping_address_update,
)
from marketplace.orders.models import PaymentStatus
from marketplace.orders.services import order_payment_status_set
from payments.ledger.models import EntryKind, LedgerEntry
from payments.ledger.selectors import vendor_balance
from payments.ledger.services import ledger_debit_refund, payout_run_create
from tests.factories.checkout import LAMPHUN_ADDRESS, stall
from tests.payments.ledger.factories import VendorPayoutAccountFactory
from tests.payments.ledger.helpers import deliver

money = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2)
shipping = st.decimals(min_value=Decimal("0.00"), max_value=Decimal("999.99"), places=2)
rate = st.decimals(min_value=Decimal("0.00"), max_value=Decimal("100.00"), places=2)
# Each refund takes a share of what is left of the vendor order (1 = all of it).
share = st.decimals(min_value=Decimal("0.001"), max_value=Decimal("1"), places=3)
vendor_part = st.tuples(money, st.integers(1, 5), shipping, rate, st.lists(share, max_size=3))


def _cent(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(parts=st.lists(vendor_part, min_size=1, max_size=3))
def test_credits_commissions_and_refunds_add_up_to_the_order_total_and_payouts_empty_it(
    parts: list[tuple[Decimal, int, Decimal, Decimal, list[Decimal]]],
) -> None:
    stalls = []
    for price, _quantity, delivery, commission_rate, _refunds in parts:
        s = stall(price=str(price))
        s.vendor.commission_rate = commission_rate
        s.vendor.save()
        s.post.price = delivery
        s.post.save()
        VendorPayoutAccountFactory.create(vendor=s.vendor)
        stalls.append(s)
    checkout = checkout_create(
        email="malee@example.com",
        lines=[LineInput(s.variant.id, q) for s, (_, q, *_rest) in zip(stalls, parts, strict=True)],
    )
    checkout_shipping_address_update(checkout=checkout, address=LAMPHUN_ADDRESS)
    for s in stalls:
        checkout_delivery_method_update(
            checkout=checkout, vendor_id=s.vendor.id, delivery_method_id=s.post.id
        )
    order = order_payment_status_set(
        order=checkout_complete(token=checkout.token), status=PaymentStatus.PAID
    )

    refunded = Decimal(0)
    for n, (s, (price, quantity, delivery, commission_rate, shares)) in enumerate(
        zip(stalls, parts, strict=True)
    ):
        vendor_order = deliver(order.vendor_orders.get(vendor=s.vendor))
        total = _cent(price * quantity) + delivery
        expected_commission = _cent(price * quantity * commission_rate / 100)
        credit = LedgerEntry.objects.get(vendor_order=vendor_order, kind=EntryKind.CREDIT)
        assert (credit.gross, credit.commission) == (total, expected_commission)
        left = total
        for k, part in enumerate(shares):
            amount = min(left, max(Decimal("0.01"), _cent(left * part)))
            if amount <= 0:
                break
            ledger_debit_refund(
                vendor_order=vendor_order, amount=amount, reference=f"{order.number}-{n}-{k}"
            )
            left -= amount
            refunded += amount
        if left == 0:  # a fully refunded parcel: the vendor and Kad both end with nothing
            assert vendor_balance(vendor=s.vendor).balance == Decimal("0.00")

    entries = LedgerEntry.objects.filter(vendor_order__order=order)
    sums = entries.aggregate(vendors=Sum("amount"), commissions=Sum("commission"))
    refunds = -(entries.filter(kind=EntryKind.REFUND).aggregate(r=Sum("gross"))["r"] or 0)
    assert refunds == refunded
    assert sums["vendors"] + sums["commissions"] + refunds == order.total
    assert all(vendor_balance(vendor=s.vendor).balance >= 0 for s in stalls)

    run = payout_run_create(by=None, as_of=timezone.now() + timedelta(days=30))
    paid = set(run.payouts.values_list("vendor_id", flat=True)) if run else set()
    owed = {s.vendor.pk for s in stalls if vendor_balance(vendor=s.vendor).balance != 0}
    assert not owed, "every vendor with money due was paid"
    for vendor_id in paid:
        assert LedgerEntry.objects.filter(vendor_id=vendor_id).aggregate(b=Sum("amount"))["b"] == 0
