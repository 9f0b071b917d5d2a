"""The import job: an upload recorded as a `ProductImport`, checked, then applied in chunks (at
once for a small file, by a Celery task with progress for a large one)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import partial
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from marketplace.accounts.models import User
from marketplace.catalog.imports.applying import rows_apply
from marketplace.catalog.imports.columns import normal
from marketplace.catalog.imports.reading import Sheet, sheet_read
from marketplace.catalog.imports.validation import MAX_REPORT_PROBLEMS, Row, rows_validate
from marketplace.catalog.models import ImportStatus, Product, ProductImport
from marketplace.core.errors import DomainError
from marketplace.vendors.models import Vendor

# Files longer than this are imported by a Celery task, with progress on the page.
ASYNC_ROWS = 200
CHUNK_ROWS = 500


def product_import_start(
    *, vendor: Vendor, user: User | None, file_name: str, data: bytes, only_valid_rows: bool
) -> ProductImport:
    """Record an upload and import it: at once for a small file, by a task for a large one.

    Raises `ImportFileError` (nothing stored) for a file that is not a product sheet."""
    sheet = sheet_read(data)
    job = ProductImport(
        vendor=vendor,
        created_by=user,
        file_name=file_name[:255],
        file_format=sheet.file_format,
        only_valid_rows=only_valid_rows,
        total_rows=len(sheet.rows),
    )
    job.file.save(
        f"{timezone.now():%Y%m%d%H%M%S}.{sheet.file_format}", ContentFile(data), save=False
    )
    job.save()
    return _run_or_queue(job, sheet)


def product_import_valid_rows(*, job: ProductImport) -> ProductImport:
    """Import the valid rows of an upload that was refused for its invalid rows."""
    with transaction.atomic():
        job = ProductImport.objects.select_for_update().get(pk=job.pk)
        if job.status != ImportStatus.INVALID:
            return job
        job.only_valid_rows = True
        job.status = ImportStatus.QUEUED
        job.save(update_fields=["only_valid_rows", "status"])
    return _run_or_queue(job, None)


def _run_or_queue(job: ProductImport, sheet: Sheet | None) -> ProductImport:
    if job.total_rows > ASYNC_ROWS:
        from marketplace.catalog.tasks import product_import_run_task

        transaction.on_commit(partial(product_import_run_task.delay, job.pk))
        return job
    return product_import_run(import_id=job.pk, sheet=sheet)


def product_import_run(*, import_id: int, sheet: Sheet | None = None) -> ProductImport:
    """Check and apply an upload, recording status, counts, report and progress.

    Idempotent: a finished import is left alone; an interrupted one runs again (rows already
    written are found by SKU and updated)."""
    job = ProductImport.objects.select_related("vendor").get(pk=import_id)
    if job.is_finished:
        return job
    _save(job, status=ImportStatus.RUNNING, processed_rows=0)
    try:
        if sheet is None:
            with job.file.open("rb") as stored:
                sheet = sheet_read(stored.read())
        checked = rows_validate(vendor=job.vendor, sheet=sheet)
        report = checked.problems
        if checked.invalid_rows and not job.only_valid_rows:
            return _save(
                job,
                status=ImportStatus.INVALID,
                invalid_rows=checked.invalid_rows,
                report=report,
                finished_at=timezone.now(),
            )
        products_by_name = dict(_products_by_name(job.vendor, checked.rows))
        created = updated = 0
        processed = checked.invalid_rows
        for start in range(0, len(checked.rows), CHUNK_ROWS):
            chunk = checked.rows[start : start + CHUNK_ROWS]
            applied = rows_apply(
                vendor=job.vendor,
                rows=chunk,
                products_by_name=products_by_name,
                present=frozenset(k for k in sheet.columns if k),
            )
            created, updated = created + applied.created, updated + applied.updated
            report = report + applied.problems
            processed += len(chunk)
            _save(job, processed_rows=processed, created_count=created, updated_count=updated)
        return _save(
            job,
            status=ImportStatus.DONE,
            invalid_rows=checked.invalid_rows,
            processed_rows=job.total_rows,
            report=report[:MAX_REPORT_PROBLEMS],
            finished_at=timezone.now(),
        )
    except DomainError as error:
        return _save(
            job, status=ImportStatus.FAILED, error=error.message, finished_at=timezone.now()
        )


def _save(job: ProductImport, **changes: Any) -> ProductImport:
    for name, value in changes.items():
        setattr(job, name, value)
    ProductImport.objects.filter(pk=job.pk).update(**changes)
    return job


def _products_by_name(vendor: Vendor, rows: Sequence[Row]) -> Iterable[tuple[str, int]]:
    """The shop's products a new SKU may join, by normalised Thai name (the newest wins)."""
    names = {row.name_th for row in rows if row.variant is None}
    found = (
        Product.objects.filter(vendor=vendor, name_th__in=names)
        .order_by("created_at", "pk")
        .values_list("name_th", "pk")
    )
    return ((normal(name), pk) for name, pk in found)
