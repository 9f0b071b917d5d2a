from __future__ import annotations

import pytest
from django.test import Client

from marketplace.orders.models import VendorOrderStatus
from tests.factories.accounts import UserFactory
from tests.factories.checkout import stall
from tests.factories.otp import otp_force_login
from tests.marketplace.orders.test_fulfilment import place

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator_client(client: Client) -> Client:
    otp_force_login(client, UserFactory.create(is_staff=True, is_superuser=True))
    return client


def test_operator_sees_orders_and_their_parcels(operator_client: Client) -> None:
    order = place(stall(), stall())
    listing = operator_client.get("/admin/orders/order/")
    assert order.number in listing.content.decode()
    detail = operator_client.get(f"/admin/orders/order/{order.pk}/change/")
    assert detail.status_code == 200
    assert f"{order.number}-2" in detail.content.decode()


def test_marking_delivered_out_of_order_shows_the_rule_instead_of_failing(
    operator_client: Client,
) -> None:
    order = place(stall())
    part = order.vendor_orders.get()
    response = operator_client.post(
        "/admin/orders/vendororder/",
        {"action": "mark_delivered", "_selected_action": [part.pk]},
        follow=True,
        headers={"accept-language": "en"},
    )
    assert response.status_code == 200
    assert "cannot become" in response.content.decode()
    part.refresh_from_db()
    assert part.status == VendorOrderStatus.UNFULFILLED

    operator_client.post(
        "/admin/orders/vendororder/",
        {"action": "mark_processing", "_selected_action": [part.pk]},
    )
    part.refresh_from_db()
    assert part.status == VendorOrderStatus.PROCESSING
