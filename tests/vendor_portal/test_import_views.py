"""The import and export pages: templates, upload with its report, valid rows only, progress."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from marketplace.catalog.imports import sheet_read
from marketplace.catalog.models import ImportStatus, ProductImport, ProductVariant
from tests.factories.portal import Shop, csv_bytes, sheet_row, shop, textiles, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def artisan(client: Client) -> Shop:
    textiles()
    made = shop()
    client.force_login(made.staff)
    return made


def upload(client: Client, data: bytes, name: str = "products.csv", **extra: str) -> Any:
    return client.post(
        reverse("vendor_portal:import"),
        {"file": SimpleUploadedFile(name, data), **extra},
        follow=True,
    )


def broken_rows() -> list[dict[str, str]]:
    rows = [sheet_row(n) for n in range(1, 21)]
    rows[3]["price"] = "abc"
    rows[10]["category"] = "ไม่มีหมวดนี้"
    return rows


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_templates_download_and_read_back(
    client: Client, artisan: Shop, file_format: str
) -> None:
    response = client.get(reverse("vendor_portal:import_template", args=[file_format]))
    assert response.status_code == 200
    assert f'.{file_format}"' in response["Content-Disposition"]
    assert len(sheet_read(response.content).rows) == 1


def test_a_file_with_broken_rows_shows_the_report_and_imports_nothing(
    client: Client, artisan: Shop
) -> None:
    response = upload(client, csv_bytes(broken_rows()))
    problems = response.context["problems"]
    assert [(p["row"], p["column"]) for p in problems] == [(5, "price"), (12, "category")]
    page = response.content.decode()
    assert "ไม่มีหมวดนี้" in page and "<table" in page
    assert not ProductVariant.objects.exists()


def test_the_valid_rows_of_a_refused_upload_can_be_imported(client: Client, artisan: Shop) -> None:
    upload(client, csv_bytes(broken_rows()))
    job = ProductImport.objects.get()
    client.post(reverse("vendor_portal:import_job", args=[job.pk]))
    job.refresh_from_db()
    assert (job.status, job.created_count) == (ImportStatus.DONE, 18)


def test_ticking_only_valid_rows_imports_them_at_once(client: Client, artisan: Shop) -> None:
    upload(client, csv_bytes(broken_rows()), only_valid_rows="on")
    assert ProductVariant.objects.count() == 18


def test_the_fixed_file_imports_everything(client: Client, artisan: Shop) -> None:
    upload(client, csv_bytes(broken_rows()))
    response = upload(client, xlsx_bytes([sheet_row(n) for n in range(1, 21)]), name="fixed.xlsx")
    assert response.context["job"].status == ImportStatus.DONE
    assert ProductVariant.objects.filter(product__vendor=artisan.vendor).count() == 20


@pytest.mark.parametrize(
    "data", [b"\x89PNG\r\n\x1a\n\x00\x00", b"", b"a,b\n1,2\n"], ids=["image", "empty", "headers"]
)
def test_a_file_that_is_not_a_sheet_gets_a_message_next_to_the_file_field(
    client: Client, artisan: Shop, data: bytes
) -> None:
    response = client.post(
        reverse("vendor_portal:import"), {"file": SimpleUploadedFile("x.csv", data)}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["file"]
    assert not ProductImport.objects.exists()


def test_a_large_file_runs_as_a_task_and_its_page_polls_until_done(
    client: Client, artisan: Shop, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    rows = [sheet_row(n) for n in range(1, 251)]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = upload(client, csv_bytes(rows))
    job = response.context["job"]
    assert job.status == ImportStatus.QUEUED
    page = response.content.decode()
    assert 'hx-trigger="every 2s"' in page and "<progress" in page

    for callback in callbacks:
        callback()
    poll = client.get(reverse("vendor_portal:import_job", args=[job.pk]), HTTP_HX_REQUEST="true")
    body = poll.content.decode()
    assert body.lstrip().startswith('<div id="import-job"') and "hx-trigger" not in body
    assert ProductVariant.objects.count() == 250


def test_the_export_downloads_the_whole_catalogue(client: Client, artisan: Shop) -> None:
    upload(client, csv_bytes([sheet_row(1), sheet_row(2)]))
    response = client.get(reverse("vendor_portal:export", args=["xlsx"]))
    assert response.status_code == 200
    assert [row["sku"] for _n, row in sheet_read(response.content).rows] == [
        "SILK-00001",
        "SILK-00002",
    ]
    assert client.get(reverse("vendor_portal:export", args=["pdf"])).status_code == 404
