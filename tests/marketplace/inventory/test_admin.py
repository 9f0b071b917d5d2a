"""Operators see stock in the admin and correct it only through the inventory services."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from marketplace.inventory.models import Stock, StockLocation
from tests.factories.accounts import UserFactory
from tests.factories.catalog import ProductVariantFactory
from tests.factories.inventory import StockFactory, StockLocationFactory
from tests.factories.municipalities import nai_mueang
from tests.factories.otp import otp_force_login
from tests.factories.vendors import VendorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client: Client) -> Client:
    otp_force_login(client, UserFactory.create(is_staff=True, is_superuser=True))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def change_url(stock: Stock) -> str:
    return reverse("admin:inventory_stock_change", args=[stock.pk])


def test_quantities_are_read_only_on_the_stock_page(superuser_client: Client) -> None:
    stock = StockFactory.create(quantity=10)
    response = superuser_client.get(change_url(stock))
    form = response.context["adminform"].form
    assert list(form.fields) == ["adjustment"]
    # Posting a quantity directly changes nothing.
    superuser_client.post(change_url(stock), {"quantity": "999", "adjustment": ""})
    stock.refresh_from_db()
    assert stock.quantity == 10


def test_an_adjustment_adds_units(superuser_client: Client) -> None:
    stock = StockFactory.create(quantity=10)
    response = superuser_client.post(change_url(stock), {"adjustment": "5"})
    assert response.status_code == 302
    stock.refresh_from_db()
    assert stock.quantity == 15


def test_an_adjustment_below_the_allocated_units_is_refused_with_the_reason(
    superuser_client: Client,
) -> None:
    stock = StockFactory.create(quantity=10, quantity_allocated=8)
    response = superuser_client.post(change_url(stock), {"adjustment": "-5"})
    assert response.status_code == 200
    assert "you can remove at most 2" in response.content.decode()
    stock.refresh_from_db()
    assert stock.quantity == 10


def test_adding_stock_at_another_vendors_location_is_refused(superuser_client: Client) -> None:
    variant = ProductVariantFactory.create()
    elsewhere = StockLocationFactory.create()
    response = superuser_client.post(
        reverse("admin:inventory_stock_add"),
        {"variant": variant.pk, "location": elsewhere.pk, "quantity": "4"},
    )
    assert response.status_code == 200
    assert "This location belongs to another vendor." in response.content.decode()
    assert not Stock.objects.exists()


def test_adding_stock_sets_the_quantity(superuser_client: Client) -> None:
    variant = ProductVariantFactory.create()
    location = StockLocationFactory.create(vendor=variant.product.vendor)
    response = superuser_client.post(
        reverse("admin:inventory_stock_add"),
        {"variant": variant.pk, "location": location.pk, "quantity": "4"},
    )
    assert response.status_code == 302
    assert Stock.objects.get().quantity == 4


def test_stock_rows_cannot_be_deleted_by_hand(superuser_client: Client) -> None:
    stock = StockFactory.create()
    response = superuser_client.get(reverse("admin:inventory_stock_delete", args=[stock.pk]))
    assert response.status_code == 403


def test_the_stock_list_runs_a_bounded_number_of_queries(
    superuser_client: Client, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    StockFactory.create_batch(25)
    with django_assert_max_num_queries(15):
        response = superuser_client.get(reverse("admin:inventory_stock_changelist"))
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 25


def location_form(**overrides: Any) -> dict[str, Any]:
    subdistrict = nai_mueang()
    data = {
        "vendor": VendorFactory.create().pk,
        "name": "โรงทอ",
        "address": "12 หมู่ 3",
        "district": subdistrict.district_id,
        "subdistrict": subdistrict.pk,
        "postal_code": "51000",
        "is_default": "on",
    }
    data.update(overrides)
    return data


def test_adding_a_location_validates_its_places(superuser_client: Client) -> None:
    url = reverse("admin:inventory_stocklocation_add")
    response = superuser_client.post(url, location_form(postal_code="10200"))
    assert response.status_code == 200
    assert not StockLocation.objects.exists()

    response = superuser_client.post(url, location_form())
    assert response.status_code == 302
    assert StockLocation.objects.get().postal_code == "51000"


def test_every_inventory_admin_list_opens(superuser_client: Client) -> None:
    StockFactory.create()
    for model in ("stocklocation", "stock"):
        assert (
            superuser_client.get(reverse(f"admin:inventory_{model}_changelist")).status_code == 200
        )
        assert superuser_client.get(reverse(f"admin:inventory_{model}_add")).status_code == 200
