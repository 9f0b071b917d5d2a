"""Catalogue work that runs after a commit: photo renditions, file clean-up, units sold.

Tasks take ids, reload, call the domain function and are safe to run twice (`IdempotentTask`
retries them on connection errors, e.g. a storage service that is briefly away).
"""

from __future__ import annotations

from celery import shared_task

from marketplace.catalog import images
from marketplace.celery import IdempotentTask


@shared_task(base=IdempotentTask, name="marketplace.catalog.tasks.media_make_renditions")
def media_make_renditions(media_id: int) -> str:
    """Make the 320/640/1280 px WebP and JPEG renditions of a product photo."""
    return images.media_renditions_make(media_id=media_id)


@shared_task(base=IdempotentTask, name="marketplace.catalog.tasks.media_delete_files")
def media_delete_files(names: list[str]) -> None:
    """Delete the stored files of a deleted product photo."""
    images.delete_files(names)


@shared_task(base=IdempotentTask, name="marketplace.catalog.tasks.product_import_run_task")
def product_import_run_task(import_id: int) -> str:
    """Check and apply a large product-sheet upload, recording progress on the import."""
    from marketplace.catalog.imports import product_import_run

    return str(product_import_run(import_id=import_id).status)


@shared_task(base=IdempotentTask, name="marketplace.catalog.tasks.product_sales_count_refresh_task")
def product_sales_count_refresh_task(product_ids: list[int]) -> int:
    """Recount the units sold of these products from their sales facts (queued by the analytics
    tasks once facts were recorded); returns how many counts changed."""
    from marketplace.catalog.services import product_sales_count_refresh

    return product_sales_count_refresh(product_ids=product_ids)


@shared_task(base=IdempotentTask, name="marketplace.catalog.tasks.product_sales_counts_repair_task")
def product_sales_counts_repair_task() -> int:
    """Correct every sales count that drifted from the facts (for a periodic schedule)."""
    from marketplace.catalog.services import product_sales_counts_repair

    return product_sales_counts_repair()
