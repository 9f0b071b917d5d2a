"""Bulk import of product sheets: reading, row checks, all-or-nothing, updates by SKU, the task."""

from __future__ import annotations

import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.utils import translation

from marketplace.catalog.imports import (
    ImportErrorCode,
    ImportFileError,
    general_product_type,
    problem_message,
    product_import_start,
    product_import_valid_rows,
    sheet_read,
)
from marketplace.catalog.models import (
    ImportStatus,
    Product,
    ProductImport,
    ProductStatus,
    ProductVariant,
)
from marketplace.inventory.models import Stock, StockLocation
from marketplace.vendors.models import VendorStatus
from tests.factories.catalog import ProductVariantFactory
from tests.factories.inventory import StockFactory
from tests.factories.portal import Shop, csv_bytes, sheet_row, shop, textiles, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def artisan() -> Shop:
    textiles()
    return shop()


def start(artisan: Shop, data: bytes, *, only_valid_rows: bool = False) -> ProductImport:
    return product_import_start(
        vendor=artisan.vendor,
        user=artisan.owner,
        file_name="products.csv",
        data=data,
        only_valid_rows=only_valid_rows,
    )


def twenty_rows_two_broken() -> list[dict[str, str]]:
    rows = [sheet_row(n) for n in range(1, 21)]
    rows[3]["price"] = "1,8OO baht"  # spreadsheet row 5
    rows[10]["category"] = "เครื่องบิน"  # spreadsheet row 12
    return rows


def test_a_file_with_two_broken_rows_is_refused_naming_each_row_and_column(artisan: Shop) -> None:
    job = start(artisan, csv_bytes(twenty_rows_two_broken()))

    assert job.status == ImportStatus.INVALID
    assert job.invalid_rows == 2
    assert [(p["row"], p["column"], p["code"]) for p in job.report] == [
        (5, "price", "bad_price"),
        (12, "category", "unknown_category"),
    ]
    assert not Product.objects.filter(vendor=artisan.vendor).exists()


def test_the_report_reads_in_thai(artisan: Shop) -> None:
    job = start(artisan, csv_bytes(twenty_rows_two_broken()))
    with translation.override("th"):
        message = problem_message(job.report[1])
    assert "เครื่องบิน" in message
    assert "There is no category" not in message


def test_after_the_fix_all_twenty_rows_are_imported(artisan: Shop) -> None:
    start(artisan, csv_bytes(twenty_rows_two_broken()))
    job = start(artisan, csv_bytes([sheet_row(n) for n in range(1, 21)]))

    assert job.status == ImportStatus.DONE
    assert (job.created_count, job.updated_count, job.invalid_rows) == (20, 0, 0)
    assert ProductVariant.objects.filter(product__vendor=artisan.vendor).count() == 20
    variant = ProductVariant.objects.get(sku="SILK-00004")
    assert variant.price == Decimal("1850.00")
    assert variant.name == "2 เมตร / แดง"
    assert {v.name_th for v in variant.attribute_values.all()} == {"2 เมตร", "แดง"}
    assert variant.product.status == ProductStatus.DRAFT
    assert variant.product.category.slug == "textiles"


def test_only_the_valid_rows_are_imported_when_asked(artisan: Shop) -> None:
    job = start(artisan, csv_bytes(twenty_rows_two_broken()), only_valid_rows=True)

    assert job.status == ImportStatus.DONE
    assert (job.created_count, job.invalid_rows) == (18, 2)
    assert {p["row"] for p in job.report} == {5, 12}
    assert not ProductVariant.objects.filter(sku__in=["SILK-00004", "SILK-00011"]).exists()


def test_a_refused_upload_can_import_its_valid_rows_without_a_new_upload(artisan: Shop) -> None:
    job = start(artisan, csv_bytes(twenty_rows_two_broken()))
    job = product_import_valid_rows(job=job)
    assert job.status == ImportStatus.DONE
    assert ProductVariant.objects.filter(product__vendor=artisan.vendor).count() == 18


def test_reimporting_a_sku_updates_it_instead_of_adding_another(artisan: Shop) -> None:
    start(artisan, csv_bytes([sheet_row(1), sheet_row(2)]))
    job = start(
        artisan,
        csv_bytes([sheet_row(1, price="2100", stock="9", name_en="New name"), sheet_row(2)]),
    )

    assert (job.created_count, job.updated_count) == (0, 2)
    assert ProductVariant.objects.filter(product__vendor=artisan.vendor).count() == 2
    variant = ProductVariant.objects.select_related("product").get(sku="SILK-00001")
    assert variant.price == Decimal("2100.00")
    assert variant.product.name_en == "New name"
    assert Stock.objects.get(variant=variant).quantity == 9


def test_rows_with_the_same_thai_name_are_variants_of_one_product(artisan: Shop) -> None:
    rows = [
        sheet_row(1, name_th="ผ้าซิ่น", size="1 เมตร"),
        sheet_row(2, name_th="ผ้าซิ่น", size="2 เมตร"),
    ]
    start(artisan, csv_bytes(rows))
    product = Product.objects.get(vendor=artisan.vendor)
    assert [v.sku for v in product.variants.order_by("sort_order")] == ["SILK-00001", "SILK-00002"]

    start(artisan, csv_bytes([sheet_row(3, name_th="ผ้าซิ่น", size="3 เมตร")]))
    assert product.variants.count() == 3


def test_stock_goes_to_a_default_location_made_at_the_shop_address(artisan: Shop) -> None:
    start(artisan, csv_bytes([sheet_row(1, stock="7")]))
    location = StockLocation.objects.get(vendor=artisan.vendor)
    assert location.is_default
    assert location.subdistrict_id == artisan.vendor.subdistrict_id
    assert Stock.objects.get(location=location).quantity == 7


def test_a_duplicate_sku_in_the_file_names_the_first_row(artisan: Shop) -> None:
    job = start(artisan, csv_bytes([sheet_row(1), sheet_row(2, sku="SILK-00001")]))
    assert job.report == [
        {
            "row": 3,
            "column": "sku",
            "code": "duplicate_sku",
            "params": {"value": "SILK-00001", "first": 2},
        }
    ]


def test_a_sku_of_another_shop_is_refused_and_that_shop_keeps_its_variant(artisan: Shop) -> None:
    theirs = ProductVariantFactory.create(sku="SILK-00001", price=Decimal("99.00"))
    job = start(artisan, csv_bytes([sheet_row(1, price="1")]))
    assert [p["code"] for p in job.report] == ["sku_of_other_shop"]
    theirs.refresh_from_db()
    assert theirs.price == Decimal("99.00")


def test_missing_name_bad_numbers_and_unknown_status_are_each_reported(artisan: Shop) -> None:
    row = sheet_row(1, name_th="", stock="2.5", weight_grams="-3", price="-10", status="ขายแล้ว")
    job = start(artisan, csv_bytes([row]))
    assert sorted((p["column"], p["code"]) for p in job.report) == [
        ("name_th", "required"),
        ("price", "negative_price"),
        ("status", "bad_status"),
        ("stock", "bad_number"),
        ("weight_grams", "bad_number"),
    ]


def test_stock_below_the_units_reserved_for_orders_is_refused(artisan: Shop) -> None:
    start(artisan, csv_bytes([sheet_row(1)]))
    stock = Stock.objects.get(variant__sku="SILK-00001")
    Stock.objects.filter(pk=stock.pk).update(quantity=5, quantity_allocated=3)
    job = start(artisan, csv_bytes([sheet_row(1, stock="2")]))
    assert [p["code"] for p in job.report] == ["stock_below_reserved"]
    stock.refresh_from_db()
    assert stock.quantity == 5


def test_status_published_goes_through_publishing(artisan: Shop) -> None:
    job = start(artisan, csv_bytes([sheet_row(1, status="เผยแพร่แล้ว")]))
    assert job.report == []
    assert Product.objects.get(vendor=artisan.vendor).status == ProductStatus.PUBLISHED


def test_a_suspended_shop_imports_drafts_and_is_told_why_nothing_went_on_sale() -> None:
    textiles()
    suspended = shop(status=VendorStatus.SUSPENDED)
    job = start(suspended, csv_bytes([sheet_row(1, status="published")]))
    assert job.status == ImportStatus.DONE
    assert [(p["row"], p["code"]) for p in job.report] == [(2, "not_published")]
    assert Product.objects.get(vendor=suspended.vendor).status == ProductStatus.DRAFT


def test_an_xlsx_sheet_imports_like_a_csv(artisan: Shop) -> None:
    broken = xlsx_bytes(twenty_rows_two_broken())
    job = start(artisan, broken)
    assert job.file_format == "xlsx"
    assert [(p["row"], p["column"]) for p in job.report] == [(5, "price"), (12, "category")]

    job = start(artisan, xlsx_bytes([sheet_row(n) for n in range(1, 21)]))
    assert (job.status, job.created_count) == (ImportStatus.DONE, 20)


def test_the_thai_column_names_of_the_template_are_read(artisan: Shop) -> None:
    with translation.override("th"):
        from marketplace.catalog.imports import header_labels

        labels = header_labels()
    data = csv_bytes([dict(zip(labels, sheet_row(1).values(), strict=True))], keys=labels)
    job = start(artisan, data)
    assert (job.status, job.created_count) == (ImportStatus.DONE, 1)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ImportErrorCode.NOT_A_SHEET),
        (b"PK\x03\x04not really a zip", ImportErrorCode.NOT_A_SHEET),
        (b"", ImportErrorCode.EMPTY),
        (b"sku,name_th,category,price\n", ImportErrorCode.EMPTY),
        ("ชื่อ,ราคา\nผ้า,100\n".encode(), ImportErrorCode.WRONG_HEADERS),
    ],
)
def test_a_file_that_is_not_a_product_sheet_is_refused_and_nothing_is_stored(
    artisan: Shop, data: bytes, code: ImportErrorCode
) -> None:
    with pytest.raises(ImportFileError) as refused:
        start(artisan, data)
    assert refused.value.code == code
    assert refused.value.field == "file"
    assert not ProductImport.objects.exists()


def test_wrong_headers_name_the_missing_columns() -> None:
    with translation.override("en"), pytest.raises(ImportFileError) as refused:
        sheet_read(b"name,cost\nsilk,100\n")
    assert "Variant SKU" in refused.value.message and "Price (baht)" in refused.value.message


def test_a_thai_windows_csv_is_read() -> None:
    sheet = sheet_read(csv_bytes([sheet_row(1)]).decode().encode("cp874"))
    assert sheet.rows[0][1]["name_th"] == "ผ้าไหมยกดอก ลายที่ 1"


def test_ten_thousand_rows_import_through_the_task_in_bulk(
    artisan: Shop, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    # 2,500 products of 4 variants each, and a few SKUs the shop already has.
    existing = ProductVariantFactory.create(
        sku="SILK-00001",
        product__vendor=artisan.vendor,
        product__name_th="ผ้าไหมยกดอก ลายที่ 0",
        product__product_type=general_product_type(),
    )
    StockFactory.create(variant=existing, quantity=1)
    rows = [
        sheet_row(n, name_th=f"ผ้าไหมยกดอก ลายที่ {n // 4}", size=f"{n % 4 + 1} เมตร")
        for n in range(1, 10_001)
    ]
    began = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        job = start(artisan, csv_bytes(rows))
        assert job.status == ImportStatus.QUEUED  # the task does the work
    elapsed = time.monotonic() - began

    job.refresh_from_db()
    assert job.status == ImportStatus.DONE, job.report[:3]
    assert (job.created_count, job.updated_count, job.processed_rows) == (9999, 1, 10_000)
    assert job.progress_percent == 100
    assert ProductVariant.objects.filter(product__vendor=artisan.vendor).count() == 10_000
    assert Product.objects.filter(vendor=artisan.vendor).count() == 2501
    assert (
        Stock.objects.filter(variant__product__vendor=artisan.vendor, quantity=5).count() == 10_000
    )
    assert elapsed < 60, f"10,000 rows took {elapsed:.0f} s"
