"""Index work on the `indexing` queue (routed by marketplace.celery: `search.tasks.*`).

Tasks take ids and reload; running one twice writes the same documents. They do not raise on
Elasticsearch trouble (search.indexing logs it): the periodic consistency task repairs it.
"""

from __future__ import annotations

from typing import Any

from celery import shared_task
from celery.signals import worker_process_init

from marketplace.celery import IdempotentTask
from search import indexing


@worker_process_init.connect
def _load_thai_dictionaries(**_kwargs: Any) -> None:
    """Each worker process loads the dictionaries (~2 s) before its first indexing task."""
    from search import thai

    thai.warm_up()


@shared_task(base=IdempotentTask, name="search.tasks.products_index")
def products_index(product_ids: list[int]) -> dict[str, int]:
    """Re-index these products (or remove them when shoppers may no longer see them)."""
    result = indexing.products_index(product_ids)
    return {"indexed": result.indexed, "removed": result.removed}


@shared_task(base=IdempotentTask, name="search.tasks.index_consistency_repair")
def index_consistency_repair() -> dict[str, int]:
    """Compare the database with the index and repair the differences (Celery beat, hourly)."""
    from search import availability

    if not availability.elasticsearch_configured():
        return {"checked": 0, "repaired": 0}
    result = indexing.consistency_repair()
    return {"checked": result.checked, "repaired": result.repaired}


@shared_task(base=IdempotentTask, name="search.tasks.variants_index")
def variants_index(variant_ids: list[int]) -> dict[str, int]:
    """Re-index the products of these variants (a price changed, a variant went)."""
    from marketplace.catalog.models import ProductVariant

    product_ids = ProductVariant.objects.filter(pk__in=variant_ids).values_list(
        "product_id", flat=True
    )
    result = indexing.products_index(sorted(set(product_ids)))
    return {"indexed": result.indexed, "removed": result.removed}


@shared_task(base=IdempotentTask, name="search.tasks.stocks_index")
def stocks_index(stock_ids: list[int]) -> dict[str, int]:
    """Re-index the products of these stock rows (in stock or not, units available)."""
    from marketplace.inventory.models import Stock

    product_ids = Stock.objects.filter(pk__in=stock_ids).values_list(
        "variant__product_id", flat=True
    )
    result = indexing.products_index(sorted(set(product_ids)))
    return {"indexed": result.indexed, "removed": result.removed}
