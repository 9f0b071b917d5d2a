"""After the order: confirmation, parcels with carrier and tracking, guest lookup, query counts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marketplace.orders.models import Order
from marketplace.orders.services import vendor_order_process, vendor_order_ship
from payments.models import Gateway
from tests.factories.accounts import UserFactory
from tests.factories.checkout import stall
from tests.factories.municipalities import nai_mueang
from tests.payments.fixtures import placed_order
from tests.storefront.shop import ready_to_pay

pytestmark = pytest.mark.django_db

EN = {"Accept-Language": "en"}


@pytest.fixture(autouse=True)
def places() -> None:
    nai_mueang()


def shipped_order(*, parcels: int = 2) -> Order:
    order = placed_order(*[stall() for _ in range(parcels)])
    from payments.services import payment_initialize

    payment_initialize(order=order, gateway=Gateway.CASH_ON_DELIVERY)
    first = order.vendor_orders.order_by("id").first()
    assert first is not None
    vendor_order_process(vendor_order=first, by=None)
    vendor_order_ship(
        vendor_order=first, carrier="Thailand Post", tracking_number="EB123456789TH", by=None
    )
    return order


def test_guest_finds_an_order_by_number_and_email_and_sees_each_parcel(client: Client) -> None:
    order = shipped_order()

    response = client.post(
        reverse("storefront:order_tracking"),
        {"number": order.number.lower(), "email": "MALEE@example.com"},
    )

    detail = reverse("storefront:order_detail", kwargs={"number": order.number})
    assert response["Location"] == detail
    html = client.get(detail, headers=EN).content.decode()
    assert "Parcel 1:" in html and "Parcel 2:" in html
    assert "Thailand Post" in html and "EB123456789TH" in html
    assert "Shipped" in html and "Waiting for the maker" in html


def test_a_wrong_email_finds_nothing_and_says_so(client: Client) -> None:
    order = shipped_order()
    response = client.post(
        reverse("storefront:order_tracking"),
        {"number": order.number, "email": "someone@example.com"},
        headers=EN,
    )
    assert response.status_code == 400
    assert "We found no order with this number and e-mail." in response.content.decode()
    detail = reverse("storefront:order_detail", kwargs={"number": order.number})
    assert client.get(detail).status_code == 404


@pytest.mark.parametrize("data", [{}, {"number": "KAD-1", "email": "nope"}])
def test_tracking_form_errors_are_shown_next_to_the_fields(client: Client, data: dict) -> None:
    response = client.post(reverse("storefront:order_tracking"), data)
    assert response.status_code == 400
    assert 'id="id_email_error"' in response.content.decode()


def test_signed_in_shopper_sees_their_orders_and_not_others(client: Client) -> None:
    shopper = UserFactory.create()
    mine = shipped_order()
    Order.objects.filter(pk=mine.pk).update(user=shopper)
    theirs = shipped_order()
    client.force_login(shopper)

    listing = client.get(reverse("storefront:account_orders")).content.decode()

    assert mine.number in listing and theirs.number not in listing
    own = reverse("storefront:order_detail", kwargs={"number": mine.number})
    other = reverse("storefront:order_detail", kwargs={"number": theirs.number})
    assert client.get(own).status_code == 200
    assert client.get(other).status_code == 404


def test_confirmation_after_placing_thanks_the_shopper_in_thai(client: Client) -> None:
    ready_to_pay(client, stall())
    response = client.post(
        reverse("storefront:checkout_payment"),
        {"method": Gateway.CASH_ON_DELIVERY.value, "total": "550.00"},
    )
    html = client.get(response["Location"]).content.decode()
    assert '<html lang="th">' in html
    assert "฿550.00" in html


def _orders_page_queries(orders: int) -> int:
    shopper = UserFactory.create()
    for _ in range(orders):
        order = placed_order(stall(), stall())
        Order.objects.filter(pk=order.pk).update(user=shopper)
    client = Client()
    client.force_login(shopper)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("storefront:account_orders"))
    assert response.content.decode().count('class="panel" aria-labelledby="order-') == orders
    return len(queries)


def test_orders_page_query_count_does_not_grow_with_orders() -> None:
    assert _orders_page_queries(2) == _orders_page_queries(8)


def _order_page_queries(parcels: int) -> int:
    order = placed_order(*[stall() for _ in range(parcels)])
    client = Client()
    client.post(
        reverse("storefront:order_tracking"), {"number": order.number, "email": order.email}
    )
    url = reverse("storefront:order_detail", kwargs={"number": order.number})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.content.decode().count("Parcel ") >= 0
    return len(queries)


def test_order_page_query_count_does_not_grow_with_parcels() -> None:
    assert _order_page_queries(1) == _order_page_queries(5)
