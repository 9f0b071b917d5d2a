"""Places are read-only in the admin; municipalities are written through the services."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from marketplace.municipalities.models import Municipality
from tests.factories.accounts import OperatorFactory
from tests.factories.otp import otp_force_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator_client(client: Client) -> Client:
    otp_force_login(client, OperatorFactory.create())
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def results(response: Any) -> list[str]:
    return [str(obj.pk) for obj in response.context["cl"].result_list]


def test_subdistricts_are_searchable_by_name_and_by_postal_code(operator_client: Client) -> None:
    url = reverse("admin:municipalities_subdistrict_changelist")
    assert "510602" in results(operator_client.get(url, {"q": "ป่าซาง"}))
    by_postal_code = results(operator_client.get(url, {"q": "51120"}))
    assert "510602" in by_postal_code
    assert "510101" not in by_postal_code


def test_districts_are_searchable_and_filterable_by_province(operator_client: Client) -> None:
    url = reverse("admin:municipalities_district_changelist")
    assert results(operator_client.get(url, {"q": "Pa Sang"})) == ["5106"]
    assert len(results(operator_client.get(url, {"province__code__exact": "51"}))) == 8


def test_places_cannot_be_added_changed_or_deleted(operator_client: Client) -> None:
    for model in ("province", "district", "subdistrict"):
        add = operator_client.get(reverse(f"admin:municipalities_{model}_add"))
        assert add.status_code == 403
    change = operator_client.get(reverse("admin:municipalities_district_change", args=["5106"]))
    assert change.status_code == 200
    assert b'name="name_th"' not in change.content  # shown, not editable
    response = operator_client.post(
        reverse("admin:municipalities_district_delete", args=["5106"]), {"post": "yes"}
    )
    assert response.status_code == 403


def test_operator_adds_a_municipality(operator_client: Client) -> None:
    response = operator_client.post(
        reverse("admin:municipalities_municipality_add"),
        {
            "slug": "pasang",
            "name_th": "เทศบาลตำบลป่าซาง",
            "name_en": "Pa Sang Subdistrict Municipality",
            "province": "51",
            "is_active": "on",
            "default_commission_rate": "9.00",
        },
    )
    assert response.status_code == 302
    stored = Municipality.objects.get(slug="pasang")
    assert (stored.province_id, str(stored.default_commission_rate)) == ("51", "9.00")


def test_commission_rate_above_100_is_shown_next_to_the_field(operator_client: Client) -> None:
    response = operator_client.post(
        reverse("admin:municipalities_municipality_add"),
        {
            "slug": "pasang",
            "name_th": "เทศบาลตำบลป่าซาง",
            "name_en": "Pa Sang",
            "province": "51",
            "default_commission_rate": "150",
        },
    )
    assert response.status_code == 200
    assert "default_commission_rate" in response.context["adminform"].form.errors
    assert not Municipality.objects.exists()
