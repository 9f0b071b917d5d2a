"""Export of a shop's catalogue and the empty templates, in the columns the import reads."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.utils import translation
from openpyxl import load_workbook

from marketplace.catalog.exports import catalogue_export, template_export
from marketplace.catalog.imports import product_import_start, sheet_read
from marketplace.catalog.models import ImportStatus, Product, ProductVariant
from tests.factories.catalog import ProductVariantFactory
from tests.factories.portal import Shop, csv_bytes, sheet_row, shop, textiles

pytestmark = pytest.mark.django_db


@pytest.fixture
def artisan() -> Shop:
    textiles()
    return shop()


def reimport(artisan: Shop, data: bytes) -> Any:
    return product_import_start(
        vendor=artisan.vendor, user=None, file_name="x", data=data, only_valid_rows=False
    )


def snapshot(artisan: Shop) -> list[tuple[Any, ...]]:
    return list(
        ProductVariant.objects.filter(product__vendor=artisan.vendor)
        .order_by("sku")
        .values_list(
            "sku",
            "price",
            "name",
            "weight_grams",
            "product__name_th",
            "product__name_en",
            "product__description_th",
            "product__category_id",
            "product__status",
            "stocks__quantity",
        )
    )


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_an_exported_catalogue_imported_again_changes_nothing(
    artisan: Shop, file_format: str
) -> None:
    rows = [
        sheet_row(1),
        sheet_row(2, name_th="ผ้าไหมยกดอก ลายที่ 1", size="1 เมตร"),
        sheet_row(3, colour="", status="published"),
    ]
    reimport(artisan, csv_bytes(rows))
    before = snapshot(artisan)

    with translation.override("th"):
        exported = catalogue_export(vendor=artisan.vendor, file_format=file_format)
    job = reimport(artisan, exported)

    assert (job.status, job.created_count, job.updated_count) == (ImportStatus.DONE, 0, 3)
    assert snapshot(artisan) == before
    assert Product.objects.filter(vendor=artisan.vendor).count() == 2


def test_the_csv_export_opens_in_excel_with_thai_headers(artisan: Shop) -> None:
    reimport(artisan, csv_bytes([sheet_row(1)]))
    with translation.override("th"):
        data = catalogue_export(vendor=artisan.vendor, file_format="csv")
    assert data.startswith(b"\xef\xbb\xbf")
    header, row = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(header) == 11
    assert row[4] == "SILK-00001" and row[7] == "1850.00" and row[8] == "5"


def test_the_export_lists_only_this_shop(artisan: Shop) -> None:
    ProductVariantFactory.create(sku="THEIRS-1")
    reimport(artisan, csv_bytes([sheet_row(1)]))
    data = catalogue_export(vendor=artisan.vendor, file_format="csv").decode("utf-8-sig")
    assert "SILK-00001" in data and "THEIRS-1" not in data


def test_the_export_takes_the_same_queries_for_3_or_30_variants(
    artisan: Shop, django_assert_max_num_queries: Any
) -> None:
    reimport(artisan, csv_bytes([sheet_row(n) for n in range(1, 4)]))
    with django_assert_max_num_queries(3):
        catalogue_export(vendor=artisan.vendor, file_format="csv")
    reimport(artisan, csv_bytes([sheet_row(n) for n in range(4, 31)]))
    with django_assert_max_num_queries(3):
        catalogue_export(vendor=artisan.vendor, file_format="csv")


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_template_has_the_headers_and_an_example_row_that_imports(
    artisan: Shop, file_format: str
) -> None:
    data = template_export(file_format=file_format)
    sheet = sheet_read(data)
    assert len(sheet.rows) == 1
    if file_format == "xlsx":
        workbook = load_workbook(io.BytesIO(data))
        assert workbook.active is not None and workbook.active.max_row == 2
    job = reimport(artisan, data)
    assert (job.status, job.created_count) == (ImportStatus.DONE, 1)
