"""The Elasticsearch backend against the real Elasticsearch, over the demo catalogue."""

from __future__ import annotations

import logging
import socket
import statistics
import threading
import time
from decimal import Decimal

import pytest
from django.test import override_settings

from marketplace.catalog import selectors as catalog
from marketplace.catalog.models import Category, Product
from marketplace.vendors.models import Vendor
from search import indexing, thai
from search.backends import elastic
from search.client import elasticsearch_client
from search.errors import SearchError
from search.selectors import product_autocomplete, product_search
from search.types import SearchFilters, SearchRequest, SearchSort
from tests.search.conftest import Catalogue

pytestmark = [pytest.mark.services, pytest.mark.django_db]


def all_ids(request: SearchRequest) -> list[int]:
    """Every hit of a search, walking the pages with the cursors."""
    ids: list[int] = []
    after = None
    while True:
        page = product_search(
            SearchRequest(
                text=request.text,
                filters=request.filters,
                sort=request.sort,
                size=50,
                after=after,
                facets=False,
            )
        )
        assert page.backend == "elasticsearch"
        ids.extend(page.product_ids)
        if page.next_cursor is None:
            return ids
        after = page.next_cursor


def visible_ids(**filters: object) -> set[int]:
    return set(
        catalog.product_list(catalog.ProductFilter(**filters)).values_list("pk", flat=True)  # type: ignore[arg-type]
    )


def test_rebuild_indexes_every_visible_product_behind_the_alias(
    demo_catalogue: Catalogue,
) -> None:
    visible = visible_ids()

    assert demo_catalogue.products == len(visible) > 200
    assert set(all_ids(SearchRequest())) == visible
    client = elasticsearch_client()
    assert list(client.indices.get_alias(name=demo_catalogue.alias).body) == [demo_catalogue.index]


def test_a_thai_query_finds_the_products_of_the_craft(demo_catalogue: Catalogue) -> None:
    result = product_search(SearchRequest(text="ผ้าไหมยกดอก", size=20))

    silk = Category.objects.get(slug="silk-brocade")
    silk_ids = set(
        Product.objects.filter(pk__in=visible_ids(), category=silk).values_list("pk", flat=True)
    )
    # Every silk product is found; the best 20 are all silk (others match by their shop's name).
    assert silk_ids <= set(all_ids(SearchRequest(text="ผ้าไหมยกดอก")))
    assert set(result.product_ids) <= silk_ids


def test_filters_match_the_database(demo_catalogue: Catalogue) -> None:
    textiles = Category.objects.get(slug="textiles")
    vendor = Vendor.objects.get(slug="srinuan-silk-brocade")
    cases = [
        (SearchFilters(category_ids=(textiles.pk,)), visible_ids(category_ids=(textiles.pk,))),
        (SearchFilters(vendor_ids=(vendor.pk,)), visible_ids(vendor_ids=(vendor.pk,))),
        (SearchFilters(district_codes=("5106",)), visible_ids(district_codes=("5106",))),
        (
            SearchFilters(municipality_id=vendor.municipality_id),
            visible_ids(municipality_id=vendor.municipality_id),
        ),
        (
            SearchFilters(attributes=(("material", ("silk", "cotton")),)),
            visible_ids(attributes=(catalog.AttributeFilter("material", ("silk", "cotton")),)),
        ),
        (
            SearchFilters(attributes=(("colour", ("celadon",)), ("material", ("clay",)))),
            visible_ids(
                attributes=(
                    catalog.AttributeFilter("colour", ("celadon",)),
                    catalog.AttributeFilter("material", ("clay",)),
                )
            ),
        ),
        (
            SearchFilters(price_gte=Decimal("500"), price_lte=Decimal("1000")),
            visible_ids(price_gte=Decimal("500"), price_lte=Decimal("1000")),
        ),
        (
            SearchFilters(in_stock=True),
            visible_ids(stock_availability=catalog.StockAvailability.IN_STOCK),
        ),
        (
            SearchFilters(in_stock=False),
            visible_ids(stock_availability=catalog.StockAvailability.OUT_OF_STOCK),
        ),
        (
            SearchFilters(certifications=("gi",)),
            visible_ids()
            & set(
                Product.objects.filter(vendor__geographical_indication=True).values_list(
                    "pk", flat=True
                )
            ),
        ),
    ]
    for filters, expected in cases:
        assert expected, filters  # a filter that matches nothing would prove little
        assert set(all_ids(SearchRequest(filters=filters))) == expected, filters


def test_facets_count_what_the_filters_would_return(demo_catalogue: Catalogue) -> None:
    result = product_search(SearchRequest(text="ลำไย"))
    assert result.facets is not None

    for bucket in result.facets.categories[:3]:
        narrowed = product_search(
            SearchRequest(text="ลำไย", filters=SearchFilters(category_ids=(int(bucket.key),)))
        )
        assert narrowed.total == bucket.count
    assert sum(b.count for b in result.facets.price_ranges) == result.total
    assert sum(b.count for b in result.facets.in_stock) == result.total
    assert "material" in result.facets.attributes
    stocked = {b.key: b.count for b in result.facets.in_stock}.get("true", 0)
    only_stocked = product_search(SearchRequest(text="ลำไย", filters=SearchFilters(in_stock=True)))
    assert only_stocked.total == stocked


@pytest.mark.parametrize(
    ("sort", "key", "descending"),
    [
        (SearchSort.PRICE_ASC, "price", False),
        (SearchSort.PRICE_DESC, "price", True),
        (SearchSort.NEWEST, "published_at", True),
    ],
)
def test_sorting(demo_catalogue: Catalogue, sort: SearchSort, key: str, descending: bool) -> None:
    ids = all_ids(SearchRequest(text="ไม้", sort=sort))
    assert len(ids) > 10
    products = {p.pk: p for p in Product.objects.filter(pk__in=ids)}
    if key == "price":
        values = [float(min(v.price for v in products[pk].variants.all())) for pk in ids]
    else:
        values = [products[pk].published_at.timestamp() for pk in ids]  # type: ignore[union-attr]
    assert values == sorted(values, reverse=descending)


def test_popular_products_rank_first_among_equals_and_sort_by_popularity(
    demo_catalogue: Catalogue,
) -> None:
    ids = product_search(SearchRequest(text="ยาหม่องไพล", size=10)).product_ids
    last = ids[-1]
    Product.objects.filter(pk=last).update(sales_count=900)
    indexing.products_index([last], refresh=True)

    assert product_search(SearchRequest(text="ยาหม่องไพล", size=10)).product_ids[0] == last
    by_popularity = product_search(SearchRequest(text="ไพล", sort=SearchSort.POPULARITY))
    assert by_popularity.product_ids[0] == last


def test_products_in_stock_rank_above_the_same_product_out_of_stock(
    demo_catalogue: Catalogue,
) -> None:
    ids = product_search(SearchRequest(text="ผ้าไหมยกดอก", size=100)).product_ids
    stocked = visible_ids(stock_availability=catalog.StockAvailability.IN_STOCK)
    flags = [pk in stocked for pk in ids]

    assert False in flags  # the demo has sold-out silk
    assert all(flags[: flags.index(False)]) and flags.index(False) >= 10


def test_search_after_pages_cover_every_hit_once(demo_catalogue: Catalogue) -> None:
    first = product_search(SearchRequest(text="ลำไย", size=7, facets=False))
    ids = all_ids(SearchRequest(text="ลำไย"))

    assert len(ids) == len(set(ids)) == first.total > 7
    with pytest.raises(SearchError):
        product_search(SearchRequest(text="ผ้า", size=7, after=first.next_cursor))


def test_highlights_mark_the_matched_words_in_the_text_as_written(
    demo_catalogue: Catalogue,
) -> None:
    hit = product_search(SearchRequest(text="ลำไยอบแห้ง", size=1)).hits[0]

    assert "<mark>ลำไยอบแห้ง</mark>" in hit.highlights["name_th"]
    assert thai.BOUNDARY not in hit.highlights["name_th"]
    english = product_search(SearchRequest(text="dried longan", size=1)).hits[0]
    assert "<mark>" in english.highlights["name_en"]


@pytest.mark.parametrize(
    ("prefix", "expected"), [("ผ้าไห", "ผ้าไหม"), ("ลำไยอ", "ลำไยอบ"), ("ยกด", "ยกดอก")]
)
def test_autocomplete_completes_thai_prefixes(
    demo_catalogue: Catalogue, prefix: str, expected: str
) -> None:
    names = [s.name_th for s in product_autocomplete(prefix)]

    assert names and all(expected in name for name in names)
    assert len(names) == len(set(names))


@pytest.mark.parametrize(("prefix", "expected"), [("lamph", "Lamphun"), ("carved te", "teak")])
def test_autocomplete_completes_latin_prefixes(
    demo_catalogue: Catalogue, prefix: str, expected: str
) -> None:
    names = [s.name_en for s in product_autocomplete(prefix)]

    assert names and all(expected in name for name in names)


def test_autocomplete_answers_within_50_ms(demo_catalogue: Catalogue) -> None:
    for prefix in ("ผ", "lam"):
        product_autocomplete(prefix)  # warm
    timings = []
    for prefix in ("ผ้าไห", "ลำไ", "lamph", "silk", "ช้าง", "hon", "กระต", "bamb") * 3:
        started = time.perf_counter()
        product_autocomplete(prefix)
        timings.append((time.perf_counter() - started) * 1000)

    assert statistics.median(timings) < 50, timings
    assert sorted(timings)[int(len(timings) * 0.9)] < 50, timings


def test_alias_swap_under_concurrent_queries_never_fails_or_comes_back_empty(
    demo_catalogue: Catalogue,
) -> None:
    failures: list[str] = []
    totals: list[int] = []
    stop = threading.Event()
    prefix = indexing.alias_name().removesuffix("_products")

    def shopper() -> None:
        with override_settings(ELASTICSEARCH_INDEX_PREFIX=prefix):
            while not stop.is_set():
                try:
                    totals.append(elastic.search(SearchRequest(text="ผ้าไหม", facets=False)).total)
                except Exception as error:  # any failure is what this test looks for
                    failures.append(repr(error))

    threads = [threading.Thread(target=shopper) for _ in range(4)]
    for thread in threads:
        thread.start()
    try:
        first = indexing.rebuild()
        second = indexing.rebuild()
    finally:
        stop.set()
        for thread in threads:
            thread.join()

    assert failures == []
    assert len(totals) > 20 and min(totals) > 0
    assert second.removed_indexes == [first.index]
    client = elasticsearch_client()
    assert list(client.indices.get_alias(name=demo_catalogue.alias).body) == [second.index]


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_search_falls_back_to_postgresql_when_elasticsearch_stops_answering_and_comes_back(
    demo_catalogue: Catalogue, caplog: pytest.LogCaptureFixture
) -> None:
    assert product_search(SearchRequest(text="ลำไย")).backend == "elasticsearch"
    dead = f"http://127.0.0.1:{_closed_port()}"

    with (
        override_settings(ELASTICSEARCH_URL=dead, SEARCH_RETRY_SECONDS=60),
        caplog.at_level(logging.WARNING, logger="search"),
    ):
        down = product_search(SearchRequest(text="ลำไย"))
        again = product_search(SearchRequest(text="ลำไย"))
        suggestions = product_autocomplete("ลำไ")

    assert down.backend == again.backend == "postgresql"
    assert down.total > 0 and down.product_ids
    assert suggestions
    warnings = [r for r in caplog.records if "PostgreSQL" in r.getMessage()]
    assert len(warnings) == 1  # one warning when it goes, not one per request
    with override_settings(SEARCH_RETRY_SECONDS=0):
        assert product_search(SearchRequest(text="ลำไย")).backend == "elasticsearch"
