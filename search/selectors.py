"""The search interface: the only functions the rest of Kad calls to search products.

Two backends answer the same questions: Elasticsearch (search.backends.elastic) when
`ELASTICSEARCH_URL` is set and it answers, else PostgreSQL (search.backends.postgres). A failing
Elasticsearch (down, timing out, index missing) makes the request fall back to PostgreSQL with a
warning in the log; Elasticsearch is asked again after `SEARCH_RETRY_SECONDS`
(search.availability), so search comes back by itself. Callers never see the difference except
in `SearchResult.backend`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from django.db.models import Case, FloatField, QuerySet, Value, When
from elastic_transport import TransportError
from elasticsearch import ApiError

from marketplace.catalog.models import Product
from marketplace.core import metrics
from search import availability
from search.backends import elastic, postgres
from search.types import SearchFilters, SearchRequest, SearchResult, Suggestion

logger = logging.getLogger("search")

T = TypeVar("T")

# How many of Elasticsearch's best matches a filtered, keyset-paginated product list (GraphQL
# `products(search:)`) considers: enough for 25 pages of 20; deeper pages use `product_search`.
RANKED_CANDIDATES = 500
AUTOCOMPLETE_LIMIT = 8


def _describe(error: Exception) -> str:
    return f"{type(error).__name__}: {str(error)[:200]}"


def _answer(from_elasticsearch: Callable[[], T], from_postgres: Callable[[], T]) -> T:
    if availability.elasticsearch_usable():
        try:
            answer = from_elasticsearch()
        except (ApiError, TransportError, ConnectionError, TimeoutError) as error:
            availability.mark_down(_describe(error))
            metrics.search_fallback(reason="error")
        else:
            availability.mark_up()
            return answer
    elif availability.elasticsearch_configured():
        metrics.search_fallback(reason="elasticsearch_down")
    return from_postgres()


def active_backend() -> str:
    """The backend the next search will try first."""
    return elastic.BACKEND if availability.elasticsearch_usable() else postgres.BACKEND


def product_search(request: SearchRequest) -> SearchResult:
    """One page of products matching `request` (text, filters, sort), with facets, highlights and
    the cursor of the next page. An empty text lists the filtered products.

    Raises `SearchError(INVALID_CURSOR)` for a cursor of another search or backend.
    """
    return _answer(lambda: elastic.search(request), lambda: postgres.search(request))


def product_autocomplete(prefix: str, *, limit: int = AUTOCOMPLETE_LIMIT) -> list[Suggestion]:
    """Products whose Thai, English or romanised name (or a word of it) starts with `prefix`."""
    if not prefix.strip():
        return []
    limit = max(1, min(limit, 20))
    return _answer(
        lambda: elastic.autocomplete(prefix, limit=limit),
        lambda: postgres.autocomplete(prefix, limit=limit),
    )


def products_matching(
    products: QuerySet[Product], text: str, *, filters: SearchFilters | None = None
) -> QuerySet[Product]:
    """`products` narrowed to those matching `text`, annotated with `search_rank` (a float,
    higher is better) for ordering and keyset pagination.

    With Elasticsearch, its best `RANKED_CANDIDATES` matches (under `filters`, when given) are
    kept; with PostgreSQL the condition stays in SQL, so the list remains one query.
    """
    if not text.strip():
        return products.annotate(search_rank=Value(0.0, output_field=FloatField()))

    def from_elasticsearch() -> QuerySet[Product]:
        result = elastic.search(
            SearchRequest(
                text=text,
                filters=filters or SearchFilters(),
                size=RANKED_CANDIDATES,
                facets=False,
                highlight=False,
            )
        )
        ids = result.product_ids
        if not ids:
            return products.none().annotate(search_rank=Value(0.0, output_field=FloatField()))
        rank = Case(
            *(
                When(pk=pk, then=Value(float(len(ids) - position)))
                for position, pk in enumerate(ids)
            ),
            default=Value(0.0),
            output_field=FloatField(),
        )
        return products.filter(pk__in=ids).annotate(search_rank=rank)

    def from_postgres() -> QuerySet[Product]:
        return postgres.matching(products, text, rank_name="search_rank")

    return _answer(from_elasticsearch, from_postgres)
