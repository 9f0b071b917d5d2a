"""Writing the search index: single products on change, full rebuilds, the consistency check.

The live index is reached through an alias (`<prefix>_products`); physical indexes are named
`<alias>-<UTC time>`. A rebuild creates a new physical index, fills it with bulk requests, and
swaps the alias in one `_aliases` call, so queries see the old index until the new one is
complete. While a rebuild runs, changes are written to every physical index of the alias (old
and new), so none is lost by the swap.

Each write also stores the analysed text in `Product.search_text` / `search_vector` for the
PostgreSQL backend, whether or not Elasticsearch is configured.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db import connection
from elasticsearch import Elasticsearch, NotFoundError
from elasticsearch import TransportError as ElasticsearchTransportError
from elasticsearch.helpers import bulk, scan
from tqdm import tqdm

from marketplace.catalog.models import Product
from search import availability
from search.client import elasticsearch_client
from search.documents import (
    ProductDocument,
    build_documents,
    index_body,
    search_text,
    shopper_visible,
    visible_fingerprints,
)

logger = logging.getLogger("search")

BATCH_SIZE = 500


def alias_name() -> str:
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}_products"


def physical_indexes(client: Elasticsearch) -> list[str]:
    """Every physical index of the alias: the live one, and one being built."""
    found = client.indices.get(
        index=f"{alias_name()}-*", allow_no_indices=True, ignore_unavailable=True
    )
    return sorted(found.body)


def live_indexes(client: Elasticsearch) -> list[str]:
    try:
        return sorted(client.indices.get_alias(name=alias_name()).body)
    except NotFoundError:
        return []


# --- PostgreSQL columns -------------------------------------------------------------------------


def _store_search_text(documents: dict[int, ProductDocument | None]) -> None:
    """One UPDATE for the batch: the text and its `simple` tsvector (built by PostgreSQL)."""
    if not documents:
        return
    ids = list(documents)
    texts = [search_text(doc) if doc is not None else "" for doc in documents.values()]
    table = Product._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE {table} SET search_text = v.text, search_vector = to_tsvector('simple', v.text)
            FROM (SELECT unnest(%s::bigint[]) AS id, unnest(%s::text[]) AS text) AS v
            WHERE {table}.id = v.id
            """,  # noqa: S608 - the table name is Django's, the values are parameters
            [ids, texts],
        )


# --- Elasticsearch writes -----------------------------------------------------------------------


def _actions(
    documents: dict[int, ProductDocument | None], indexes: Sequence[str]
) -> Iterator[dict[str, Any]]:
    for product_id, document in documents.items():
        for index in indexes:
            if document is None:
                yield {"_op_type": "delete", "_index": index, "_id": str(product_id)}
            else:
                action = document.to_dict(include_meta=False)
                yield {"_op_type": "index", "_index": index, "_id": str(product_id), **action}


def _bulk(client: Elasticsearch, actions: Iterator[dict[str, Any]], *, refresh: bool) -> int:
    written, errors = bulk(
        client,
        actions,
        chunk_size=BATCH_SIZE,
        raise_on_error=False,
        refresh="wait_for" if refresh else False,
    )
    failures = [
        error
        for error in errors  # type: ignore[union-attr]
        if not (isinstance(error, dict) and error.get("delete", {}).get("status") == 404)
    ]
    if failures:
        logger.error("search: %d bulk items failed, first: %s", len(failures), failures[0])
    return int(written)


@dataclass(frozen=True)
class IndexResult:
    indexed: int
    removed: int
    elasticsearch: bool  # whether the index was written (configured, present and answering)


def products_index(product_ids: Sequence[int], *, refresh: bool = False) -> IndexResult:
    """Bring the index (and the PostgreSQL search columns) up to date for these products.

    Visible products are (re)written, the others removed. Safe to run twice. Elasticsearch
    errors are logged, not raised: the periodic consistency check repairs what was missed. An
    index that does not exist yet is not created here (that is `rebuild`'s job).
    """
    ids = sorted(set(product_ids))
    documents = build_documents(ids)
    _store_search_text(documents)
    indexed = sum(1 for doc in documents.values() if doc is not None)
    removed = len(documents) - indexed
    if not availability.elasticsearch_configured() or not ids:
        return IndexResult(indexed, removed, elasticsearch=False)
    try:
        client = elasticsearch_client()
        indexes = physical_indexes(client)
        if not indexes:
            logger.info("search: no index %s yet; run `search_index --rebuild`", alias_name())
            return IndexResult(indexed, removed, elasticsearch=False)
        _bulk(client, _actions(documents, indexes), refresh=refresh)
    except (ElasticsearchTransportError, ConnectionError) as error:
        logger.warning("search: could not index products %s: %s", ids[:20], error)
        return IndexResult(indexed, removed, elasticsearch=False)
    return IndexResult(indexed, removed, elasticsearch=True)


def _visible_ids() -> Iterator[list[int]]:
    last = 0
    products = shopper_visible(Product.objects.all()).order_by("pk")
    while True:
        ids = list(products.filter(pk__gt=last).values_list("pk", flat=True)[:BATCH_SIZE])
        if not ids:
            return
        yield ids
        last = ids[-1]


@dataclass(frozen=True)
class RebuildResult:
    index: str
    alias: str
    documents: int
    seconds: float
    removed_indexes: list[str]


def rebuild(*, progress: bool = False) -> RebuildResult:
    """Write every visible product into a new index and swap the alias to it atomically.

    Searches keep using the old index until the swap; old indexes are deleted after it.
    """
    started = time.perf_counter()
    client = elasticsearch_client(request_timeout=60)
    alias = alias_name()
    stamp = datetime.now(tz=UTC).strftime("%Y%m%d%H%M%S%f")
    index = f"{alias}-{stamp}"
    body = index_body()
    body["settings"]["refresh_interval"] = "-1"  # faster bulk loading; set back before the swap
    client.indices.create(index=index, settings=body["settings"], mappings=body["mappings"])
    total = shopper_visible(Product.objects.all()).count()
    bar = tqdm(total=total, desc=f"indexing {index}", unit="products", disable=not progress)
    written = 0
    try:
        for ids in _visible_ids():
            documents = build_documents(ids)
            _store_search_text(documents)
            written += _bulk(client, _actions(documents, [index]), refresh=False)
            bar.update(len(ids))
    except BaseException:
        bar.close()
        client.indices.delete(index=index, ignore_unavailable=True)
        raise
    bar.close()
    client.indices.put_settings(index=index, settings={"refresh_interval": "1s"})
    client.indices.refresh(index=index)
    old = live_indexes(client)
    actions: list[dict[str, Any]] = [{"remove": {"index": name, "alias": alias}} for name in old]
    actions.append({"add": {"index": index, "alias": alias}})
    client.indices.update_aliases(actions=actions)
    # Builds that died half-way are removed too; only the new index stays.
    stale = [name for name in physical_indexes(client) if name != index]
    for name in stale:
        client.indices.delete(index=name, ignore_unavailable=True)
    availability.reset()
    if progress:
        print(f"alias {alias} -> {index}", file=sys.stderr)
    return RebuildResult(
        index=index,
        alias=alias,
        documents=written,
        seconds=time.perf_counter() - started,
        removed_indexes=stale,
    )


def delete_all() -> None:
    """Remove the alias and every physical index of it (tests, and starting over)."""
    client = elasticsearch_client()
    for name in physical_indexes(client):
        client.indices.delete(index=name, ignore_unavailable=True)


@dataclass(frozen=True)
class ConsistencyResult:
    checked: int
    missing: int
    stale: int
    extra: int

    @property
    def repaired(self) -> int:
        return self.missing + self.stale + self.extra


def consistency_repair() -> ConsistencyResult:
    """Compare the database with the index and re-index what differs.

    A document is stale when its fingerprint (updated times, prices, stock, sales) differs from
    the database's; products missing from the index are added; documents of products shoppers
    may no longer see are removed. This repairs what a lost index task missed.
    """
    client = elasticsearch_client(request_timeout=60)
    if not live_indexes(client):
        return ConsistencyResult(0, 0, 0, 0)
    in_index: dict[int, str] = {
        int(hit["_id"]): hit["_source"].get("fingerprint", "")
        for hit in scan(client, index=alias_name(), _source=["fingerprint"], size=2000)
    }
    missing: list[int] = []
    stale: list[int] = []
    checked = 0
    for product_id, expected in visible_fingerprints():
        checked += 1
        found = in_index.pop(product_id, None)
        if found is None:
            missing.append(product_id)
        elif found != expected:
            stale.append(product_id)
    extra = list(in_index)
    repair = missing + stale + extra
    for start in range(0, len(repair), BATCH_SIZE):
        products_index(repair[start : start + BATCH_SIZE])
    if repair:
        logger.warning(
            "search: consistency check repaired %d missing, %d stale, %d extra documents",
            len(missing),
            len(stale),
            len(extra),
        )
    return ConsistencyResult(checked, len(missing), len(stale), len(extra))
