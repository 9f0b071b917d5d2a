"""The officers' report page and downloads: figures, scoping, Thai dates, query counts."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import translation
from openpyxl import load_workbook

from marketplace.analytics import selectors, services
from marketplace.analytics.selectors import Period
from marketplace.analytics.templatetags.analytics_dates import report_date
from marketplace.vendors.models import VendorKind
from tests.factories.accounts import OperatorFactory, UserFactory
from tests.factories.catalog import CategoryFactory
from tests.factories.otp import otp_force_login
from tests.marketplace.analytics import builders
from tests.marketplace.analytics.builders import Line

pytestmark = pytest.mark.django_db

MARCH = datetime(2025, 3, 10, 5, 0, tzinfo=UTC)
PERIOD = "start=2025-01-01&end=2025-12-31"


@pytest.fixture
def towns(django_capture_on_commit_callbacks):
    """Lamphun sells 3,000 THB of silk to two shoppers (one of them twice); Chiang Mai sells
    7,777 THB."""
    lamphun, chiang_mai = builders.municipality("lamphun"), builders.municipality("chiangmai")
    textiles = CategoryFactory.create(name_th="ผ้าทอ", name_en="Textiles")
    weaver = builders.vendor(lamphun, kind=VendorKind.INDIVIDUAL)
    silk = builders.product(weaver, category=textiles, price="1000.00")
    other = builders.product(builders.vendor(chiang_mai), price="7777.00")
    with django_capture_on_commit_callbacks(execute=True):
        for email, variant in (
            ("a@example.com", silk),
            ("a@example.com", silk),
            ("b@example.com", silk),
            ("c@example.com", other),
        ):
            services.sales_facts_record_paid(
                order=builders.order(Line(variant), email=email), occurred_at=MARCH
            )
    return lamphun, chiang_mai


def _client(user: object) -> Client:
    client = Client()
    otp_force_login(client, user)  # type: ignore[arg-type]
    return client


def test_summary_counts_orders_vendors_and_repeat_shoppers(towns) -> None:
    lamphun, _other = towns
    summary = selectors.sales_summary(
        municipality_id=lamphun.pk,
        period=Period(start=MARCH.date().replace(day=1), end=MARCH.date()),
    )

    assert summary.gmv == Decimal("3000.00")
    assert summary.orders == 3
    assert summary.average_order_value == Decimal("1000.00")
    assert summary.active_vendors == 1
    assert (summary.shoppers, summary.repeat_shoppers) == (2, 1)
    assert summary.repeat_shopper_share == Decimal("50.00")


def test_a_shopper_who_bought_before_the_period_counts_as_a_repeat_shopper(
    django_capture_on_commit_callbacks,
) -> None:
    town = builders.municipality("lamphun")
    variant = builders.product(builders.vendor(town))
    for email, month in (("a@example.com", 2), ("a@example.com", 3), ("b@example.com", 3)):
        services.sales_facts_record_paid(
            order=builders.order(Line(variant), email=email), occurred_at=MARCH.replace(month=month)
        )
    march = Period(start=MARCH.date().replace(day=1), end=MARCH.date())
    february = Period(start=MARCH.date().replace(month=2, day=1), end=MARCH.date().replace(month=2))

    in_march = selectors.sales_summary(municipality_id=town.pk, period=march)
    in_february = selectors.sales_summary(municipality_id=town.pk, period=february)

    assert (in_march.shoppers, in_march.repeat_shoppers) == (2, 1)
    assert (in_february.shoppers, in_february.repeat_shoppers) == (1, 0)


def test_an_officer_sees_their_municipality_with_charts_and_tables(towns) -> None:
    lamphun, _other = towns
    response = _client(builders.officer(lamphun)).get(
        f"/reports/?{PERIOD}", HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "3,000.00" in page
    assert "7,777" not in page
    assert page.count("<svg") == 4
    assert "Textiles" in page
    assert "Individual artisan" in page
    assert "a@example.com" not in page


def test_an_officer_cannot_see_another_municipality_on_the_page_or_in_exports(towns) -> None:
    lamphun, chiang_mai = towns
    client = _client(builders.officer(lamphun))

    for path in ("/reports/", "/reports/export.csv", "/reports/export.xlsx"):
        response = client.get(f"{path}?municipality={chiang_mai.slug}&{PERIOD}")
        assert response.status_code == 404, path
        assert b"7777" not in response.content and b"7,777" not in response.content
    nowhere = client.get(f"/reports/?municipality=no-such-town&{PERIOD}")
    assert nowhere.status_code == 404


def test_an_operator_may_pick_any_municipality(towns) -> None:
    _lamphun, chiang_mai = towns
    response = _client(OperatorFactory.create()).get(
        f"/reports/?municipality={chiang_mai.slug}&{PERIOD}", HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 200
    assert "7,777.00" in response.content.decode()


def test_the_report_needs_a_staff_sign_in_and_an_officer_seat(towns) -> None:
    anonymous = Client().get("/reports/")
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/admin/login/")
    shopper = _client(UserFactory.create()).get("/reports/")
    assert shopper.status_code == 302
    staff_without_seat = _client(UserFactory.create(is_staff=True)).get("/reports/")
    assert staff_without_seat.status_code == 403


def test_thai_pages_show_buddhist_era_dates(towns) -> None:
    lamphun, _other = towns
    page = (
        _client(builders.officer(lamphun))
        .get(f"/reports/?{PERIOD}", HTTP_ACCEPT_LANGUAGE="th")
        .content.decode()
    )

    assert "1 ม.ค. 2568" in page
    assert "มี.ค. 2568" in page
    with translation.override("en"):
        assert report_date(MARCH.date()) == "March 10, 2025"


def test_a_backwards_period_is_refused_next_to_the_field(towns) -> None:
    lamphun, _other = towns
    response = _client(builders.officer(lamphun)).get(
        "/reports/?start=2025-12-01&end=2025-01-01", HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 200
    assert "The end of the period is before its start." in response.content.decode()


def test_csv_export_has_the_cells_of_the_officers_municipality_only(towns) -> None:
    lamphun, _other = towns
    response = _client(builders.officer(lamphun)).get(
        f"/reports/export.csv?{PERIOD}", HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "kad-sales-lamphun-20250101-20251231.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Month", "District code", "District"]
    assert rows[1:] == [
        ["2025-03", "5101", "Mueang Lamphun", "Textiles", "Individual artisan", "3000.00",
         "300.00", "3", "3", "1"]
    ]  # fmt: skip


def test_xlsx_export_has_a_sheet_per_table(towns) -> None:
    lamphun, _other = towns
    response = _client(builders.officer(lamphun)).get(
        f"/reports/export.xlsx?{PERIOD}", HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    assert workbook.sheetnames[0] == "Summary"
    assert "Details" in workbook.sheetnames
    summary = {row[0]: row[1] for row in workbook["Summary"].iter_rows(values_only=True)}
    assert summary["GMV (THB)"] == 3000
    assert summary["Repeat shoppers (%)"] == 50


def test_report_page_queries_do_not_grow_with_sales(
    towns, django_assert_max_num_queries, django_capture_on_commit_callbacks
) -> None:
    lamphun, _other = towns
    client = _client(builders.officer(lamphun))
    client.get(f"/reports/?{PERIOD}")  # warm the session
    # 12: the session's two-factor device is one query per request (django-otp's middleware).
    with django_assert_max_num_queries(12):
        assert client.get(f"/reports/?{PERIOD}").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        for _i in range(5):
            shop = builders.vendor(lamphun)
            services.sales_facts_record_paid(
                order=builders.order(Line(builders.product(shop)), email=f"{_i}@example.com"),
                occurred_at=MARCH,
            )
    with django_assert_max_num_queries(12):
        response = client.get(f"/reports/?{PERIOD}")
    assert response.status_code == 200
    assert response.context["report"].summary.active_vendors == 6


def test_exports_queries_are_bounded(towns, django_assert_max_num_queries) -> None:
    lamphun, _other = towns
    client = _client(builders.officer(lamphun))
    client.get(f"/reports/?{PERIOD}")
    # One of each is the session's two-factor device (django-otp's middleware).
    with django_assert_max_num_queries(7):
        client.get(f"/reports/export.csv?{PERIOD}")
    with django_assert_max_num_queries(15):
        client.get(f"/reports/export.xlsx?{PERIOD}")


def test_operators_manage_officer_seats_and_see_feed_deliveries_in_the_admin(towns) -> None:
    lamphun, _other = towns
    builders.officer(lamphun)
    client = _client(OperatorFactory.create())

    for path in (
        "/admin/municipalities/municipalofficer/",
        "/admin/municipalities/municipalofficer/add/",
        "/admin/analytics/feeddelivery/",
        "/admin/analytics/opendatarelease/",
    ):
        assert client.get(path).status_code == 200, path
