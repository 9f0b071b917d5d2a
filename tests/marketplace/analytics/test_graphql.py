"""salesReport(municipality, period, groupBy) through the real /graphql/ endpoint."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from django.test import Client

from marketplace.accounts.jwt import access_token_create
from marketplace.analytics import services
from marketplace.vendors.models import VendorKind
from tests.factories.accounts import OperatorFactory, UserFactory
from tests.factories.catalog import CategoryFactory
from tests.marketplace.analytics import builders
from tests.marketplace.analytics.builders import Line

pytestmark = pytest.mark.django_db

MARCH = datetime(2025, 3, 10, 5, 0, tzinfo=UTC)

REPORT = """
query Report($municipality: String, $groupBy: SalesReportGroupBy) {
  salesReport(municipality: $municipality, period: {start: "2025-01-01", end: "2025-06-30"},
              groupBy: $groupBy) {
    municipality { slug }
    period { start end }
    totals { gmv { amount currency } orders averageOrderValue { amount } activeVendors
             newVendors shoppers repeatShopperShare }
    rows { key label gmv { amount } quantity orders }
  }
}
"""


@pytest.fixture
def towns(django_capture_on_commit_callbacks):
    lamphun, chiang_mai = builders.municipality("lamphun"), builders.municipality("chiangmai")
    textiles = CategoryFactory.create(name_th="ผ้าทอ", name_en="Textiles")
    silk = builders.product(
        builders.vendor(lamphun, kind=VendorKind.OTOP_GROUP), category=textiles, price="1200.00"
    )
    other = builders.product(builders.vendor(chiang_mai), price="9999.00")
    with django_capture_on_commit_callbacks(execute=True):
        for variant in (silk, silk, other):
            services.sales_facts_record_paid(order=builders.order(Line(variant)), occurred_at=MARCH)
    return lamphun, chiang_mai


def _ask(user: Any, variables: dict[str, Any], language: str = "en") -> dict[str, Any]:
    headers = {"Accept-Language": language}
    if user is not None:
        headers["Authorization"] = f"Bearer {access_token_create(user)}"
    response = Client().post(
        "/graphql/",
        {"query": REPORT, "variables": variables},
        content_type="application/json",
        headers=headers,
    )
    payload: dict[str, Any] = response.json()
    return payload


def test_an_officer_gets_their_municipality_by_month(towns) -> None:
    lamphun, _other = towns
    payload = _ask(builders.officer(lamphun), {"groupBy": "MONTH"})

    assert "errors" not in payload, payload
    report = payload["data"]["salesReport"]
    assert report["municipality"]["slug"] == "lamphun"
    assert report["period"] == {"start": "2025-01-01", "end": "2025-06-30"}
    assert report["totals"]["gmv"] == {"amount": 2400.0, "currency": "THB"}
    assert report["totals"]["orders"] == 2
    assert report["totals"]["repeatShopperShare"] == 100.0  # one shopper, two orders
    assert [row["key"] for row in report["rows"]] == [f"2025-0{m}" for m in range(1, 7)]
    march = report["rows"][2]
    assert (march["label"], march["gmv"]["amount"], march["orders"]) == ("Mar 2025", 2400.0, 2)


def test_group_by_category_and_vendor_kind_in_thai(towns) -> None:
    lamphun, _other = towns
    officer = builders.officer(lamphun)

    by_category = _ask(officer, {"groupBy": "CATEGORY"}, "th")["data"]["salesReport"]["rows"]
    by_kind = _ask(officer, {"groupBy": "VENDOR_KIND"}, "th")["data"]["salesReport"]["rows"]
    months = _ask(officer, {"groupBy": "MONTH"}, "th")["data"]["salesReport"]["rows"]

    assert [(r["label"], r["gmv"]["amount"]) for r in by_category] == [("ผ้าทอ", 2400.0)]
    assert [r["key"] for r in by_kind] == ["otop_group"]
    assert months[2]["label"] == "มี.ค. 2568"


def test_an_officer_cannot_read_another_municipality(towns) -> None:
    lamphun, chiang_mai = towns
    payload = _ask(builders.officer(lamphun), {"municipality": chiang_mai.slug})

    assert payload["data"]["salesReport"] is None
    assert payload["errors"][0]["extensions"]["code"] == "INVALID"
    assert "9999" not in str(payload) and "9,999" not in str(payload)


def test_an_operator_reads_any_municipality(towns) -> None:
    _lamphun, chiang_mai = towns
    payload = _ask(OperatorFactory.create(), {"municipality": chiang_mai.slug})

    assert payload["data"]["salesReport"]["totals"]["gmv"]["amount"] == 9999.0


def test_shoppers_and_anonymous_callers_are_refused(towns) -> None:
    for user in (None, UserFactory.create()):
        payload = _ask(user, {})
        assert payload["data"]["salesReport"] is None
        assert payload["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"


def test_sales_report_queries_are_bounded(towns, django_assert_max_num_queries) -> None:
    lamphun, _other = towns
    officer = builders.officer(lamphun)
    with django_assert_max_num_queries(8):
        payload = _ask(officer, {"groupBy": "VENDOR"})
    assert payload["data"]["salesReport"]["rows"][0]["orders"] == 2
