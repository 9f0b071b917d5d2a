"""Indexing: hooks in the catalogue and stock services, the consistency repair, the command,
and the PostgreSQL backend with the fallback when Elasticsearch is not configured."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.test import override_settings

from marketplace.catalog import services as catalog_services
from marketplace.catalog.models import Product, ProductStatus
from marketplace.inventory import services as inventory_services
from search import indexing
from search.backends import postgres
from search.client import elasticsearch_client
from search.selectors import product_autocomplete, product_search, products_matching
from search.types import SearchFilters, SearchRequest, SearchSort
from tests.factories.catalog import ProductVariantFactory
from tests.factories.inventory import StockFactory

pytestmark = [pytest.mark.django_db]


def _product(
    name_th: str, name_en: str, price: str = "500.00", stock: int = 3, **product: Any
) -> Product:
    variant = ProductVariantFactory.create(
        product__name_th=name_th,
        product__name_en=name_en,
        price=Decimal(price),
        **{f"product__{key}": value for key, value in product.items()},
    )
    StockFactory.create(variant=variant, quantity=stock)
    return variant.product


def _ids(**request: Any) -> list[int]:
    return product_search(SearchRequest(**request)).product_ids


def _refresh() -> None:
    elasticsearch_client().indices.refresh(index=indexing.alias_name())


@pytest.mark.services
def test_publish_update_unpublish_and_stock_changes_reach_the_index(
    search_index: str, django_capture_on_commit_callbacks: Any
) -> None:
    indexing.rebuild()
    product = _product("ลำไยอบแห้ง", "Dried longan")
    Product.objects.filter(pk=product.pk).update(status=ProductStatus.DRAFT)
    product.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        catalog_services.product_publish(product=product)
    _refresh()
    assert _ids(text="ลำไย") == [product.pk]

    with django_capture_on_commit_callbacks(execute=True):
        catalog_services.product_update(product=product, name_en="Golden dried longan")
    _refresh()
    assert _ids(text="golden") == [product.pk]

    stock = product.variants.get().stocks.get()
    with django_capture_on_commit_callbacks(execute=True):
        inventory_services.stock_set(variant=stock.variant, location=stock.location, quantity=0)
    _refresh()
    assert _ids(text="ลำไย", filters=SearchFilters(in_stock=False)) == [product.pk]

    with django_capture_on_commit_callbacks(execute=True):
        catalog_services.variant_update(variant=stock.variant, price="90.00")
    _refresh()
    assert _ids(filters=SearchFilters(price_lte=Decimal("100"))) == [product.pk]

    with django_capture_on_commit_callbacks(execute=True):
        catalog_services.product_unpublish(product=product)
    _refresh()
    assert _ids(text="ลำไย") == []


def test_the_index_task_is_queued_only_after_commit(
    django_capture_on_commit_callbacks: Any,
) -> None:
    product = _product("ลำไยอบแห้ง", "Dried longan")
    Product.objects.filter(pk=product.pk).update(status=ProductStatus.DRAFT)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        catalog_services.product_publish(product=product)

    assert len(callbacks) == 1
    product.refresh_from_db()
    assert product.search_text == ""  # nothing written before the commit
    callbacks[0]()
    product.refresh_from_db()
    assert "ลำไย" in product.search_text.split()


@pytest.mark.services
def test_consistency_repair_fixes_what_lost_tasks_missed(search_index: str) -> None:
    kept = _product("แจกันดินเผา", "Clay vase")
    stale = _product("ช้างไม้แกะสลัก", "Carved elephant")
    missing = _product("ตะกร้าไม้ไผ่", "Bamboo basket")
    hidden = _product("ยาหม่องไพล", "Plai balm")
    indexing.rebuild()
    # Changes whose index tasks were lost:
    Product.objects.filter(pk=missing.pk).update(status=ProductStatus.DRAFT)
    indexing.products_index([missing.pk], refresh=True)
    Product.objects.filter(pk=missing.pk).update(status=ProductStatus.PUBLISHED)
    Product.objects.filter(pk=stale.pk).update(sales_count=50, name_en="Teak elephant")
    Product.objects.filter(pk=hidden.pk).update(status=ProductStatus.ARCHIVED)

    result = indexing.consistency_repair()
    _refresh()

    assert (result.missing, result.stale, result.extra) == (1, 1, 1)
    assert set(_ids()) == {kept.pk, stale.pk, missing.pk}
    assert _ids(text="teak") == [stale.pk]
    assert indexing.consistency_repair().repaired == 0


@pytest.mark.services
def test_search_index_command_rebuilds_and_checks(
    search_index: str, capsys: pytest.CaptureFixture[str]
) -> None:
    product = _product("ผ้าไหมยกดอก", "Silk brocade")

    call_command("search_index", "--rebuild", "--no-progress")
    call_command("search_index", "--check")

    out = capsys.readouterr().out
    assert "indexed 1 products" in out and "0 missing, 0 stale, 0 extra" in out
    assert _ids(text="ผ้าไหม") == [product.pk]


@override_settings(ELASTICSEARCH_URL="")
def test_without_elasticsearch_search_uses_postgresql_with_thai_words() -> None:
    silk = _product("ผ้าไหมยกดอกลำพูน ลายดอกพิกุล", "Lamphun silk brocade", price="2500.00")
    longan = _product(
        "ลำไยอบแห้งสีทอง",
        "Golden dried longan",
        price="120.00",
        stock=0,
        materials="ลำไย",
        description_th="<p>หวานหอม</p>",
        category__name_th="ลำไยอบแห้ง",
        category__name_en="Dried longan",
        vendor__name_th="สวนลำไยแม่ทา",
        vendor__name_en="Mae Tha Longan Orchard",
    )
    indexing.products_index([silk.pk, longan.pk])

    result = product_search(SearchRequest(text="ยกดอก"))
    assert result.backend == "postgresql"
    assert result.product_ids == [silk.pk]
    assert "<mark>" in result.hits[0].highlights["name_th"]
    assert _ids(text="pha mai") == [silk.pk]  # romanised
    assert _ids(text="ลำใย") == [longan.pk]  # misspelt
    assert _ids(text="longn") == [longan.pk]  # trigram
    assert _ids(sort=SearchSort.PRICE_ASC) == [longan.pk, silk.pk]
    assert _ids(filters=SearchFilters(in_stock=True)) == [silk.pk]
    facets = product_search(SearchRequest()).facets
    assert facets is not None
    assert {b.key: b.count for b in facets.in_stock} == {"true": 1, "false": 1}
    assert sum(b.count for b in facets.price_ranges) == 2
    assert [s.product_id for s in product_autocomplete("ลำไ")] == [longan.pk]


@override_settings(ELASTICSEARCH_URL="")
def test_postgresql_pages_follow_their_cursor() -> None:
    products = [_product(f"ลำไยอบแห้ง {i}", f"Dried longan {i}") for i in range(5)]
    indexing.products_index([p.pk for p in products])

    first = product_search(SearchRequest(text="ลำไย", size=3))
    second = product_search(SearchRequest(text="ลำไย", size=3, after=first.next_cursor))

    assert second.next_cursor is None
    assert sorted(first.product_ids + second.product_ids) == sorted(p.pk for p in products)


@override_settings(ELASTICSEARCH_URL="")
def test_a_postgresql_search_listing_is_one_query(django_assert_num_queries: Any) -> None:
    for index in range(4):
        _product(f"ผ้าไหมยกดอก {index}", f"Silk {index}")

    with django_assert_num_queries(1):
        assert len(list(products_matching(Product.objects.all(), "ผ้าไหม"))) == 4
    with django_assert_num_queries(2):  # the matches in order, the names of the page
        postgres.search(SearchRequest(text="ผ้าไหม", facets=False))
