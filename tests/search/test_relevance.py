"""Relevance of search over the demo catalogue: 48 queries with the products expected on top.

Each query comes with a judgement (which products are relevant), written from the demo data in
marketplace/core/demo_data/. The test reports precision@5 (relevant products among the first
five, out of five, or out of the number of relevant products when fewer exist) and the mean
reciprocal rank of the first relevant product (within the first ten), per script and overall,
and fails below the thresholds justified in `THRESHOLDS`.
"""

from __future__ import annotations

import statistics
import sys
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from marketplace.catalog.models import Product
from search.backends import postgres
from search.selectors import product_search
from search.types import SearchRequest
from tests.search.conftest import Catalogue

pytestmark = [pytest.mark.services, pytest.mark.django_db]

Judge = Callable[[Product], bool]


def category(*slugs: str) -> Judge:
    return lambda p: p.category.slug in slugs


def name(*fragments: str) -> Judge:
    """The Thai or English name contains every fragment (case-insensitive)."""
    return lambda p: all(
        f.lower() in p.name_th.lower() or f.lower() in p.name_en.lower() for f in fragments
    )


def both(first: Judge, second: Judge) -> Judge:
    return lambda p: first(p) and second(p)


def either(first: Judge, second: Judge) -> Judge:
    return lambda p: first(p) or second(p)


@dataclass(frozen=True)
class Case:
    query: str
    kind: str  # thai, english, romanised, misspelt, mixed
    relevant: Judge


LONGAN = category("dried-longan", "longan-honey", "longan-treats")
CASES = [
    Case("ผ้าไหมยกดอก", "thai", category("silk-brocade")),
    Case("ผ้าไหม", "thai", category("silk-brocade")),
    Case("ผ้าฝ้ายทอมือ", "thai", category("handwoven-cotton")),
    Case("ผ้าซิ่น", "thai", name("ผ้าซิ่น")),
    Case("ผ้าพันคอ", "thai", name("ผ้าพันคอ")),
    Case("ลำไยอบแห้ง", "thai", either(category("dried-longan"), name("ลำไยอบแห้ง"))),
    Case("น้ำผึ้งดอกลำไย", "thai", category("longan-honey")),
    Case("เครื่องปั้นดินเผา", "thai", category("pottery")),
    Case("แจกัน", "thai", name("แจกัน")),
    Case("ช้างไม้แกะสลัก", "thai", name("ช้างไม้")),
    Case("ตะกร้า", "thai", name("ตะกร้า")),
    Case("กระติบข้าวเหนียว", "thai", name("กระติบ")),
    Case("ยาหม่อง", "thai", name("ยาหม่อง")),
    Case("ลูกประคบ", "thai", name("ลูกประคบ")),
    Case("ชาลำไย", "thai", name("ชาลำไย")),
    Case("ไม้สัก", "thai", name("ไม้สัก")),
    Case("ลายดอกพิกุล", "thai", name("พิกุล")),
    Case("โคมไฟ", "thai", name("โคมไฟ")),
    Case("สบู่ขมิ้นชัน", "thai", name("สบู่")),
    Case("silk brocade", "english", category("silk-brocade")),
    Case("lamphun silk", "english", category("silk-brocade")),
    Case("cotton scarf", "english", both(category("handwoven-cotton"), name("scarf"))),
    Case("dried longan", "english", either(category("dried-longan"), name("dried longan"))),
    Case("longan honey", "english", category("longan-honey")),
    Case("teak elephant", "english", name("teak", "elephant")),
    Case("bamboo basket", "english", both(category("bamboo-basketry"), name("basket"))),
    Case("coffee mug", "english", name("mug")),
    Case("herbal balm", "english", name("balm")),
    Case("tea set", "english", name("tea set")),
    Case("vase", "english", name("vase")),
    Case("mulberry tea", "english", name("mulberry")),
    Case("pha mai", "romanised", category("silk-brocade")),
    Case("pha fai", "romanised", category("handwoven-cotton")),
    Case("lamyai", "romanised", LONGAN),
    Case("yok dok", "romanised", category("silk-brocade")),
    Case("ya mong", "romanised", name("ยาหม่อง")),
    Case("kratip", "romanised", name("กระติบ")),
    Case("nam phueng", "romanised", name("น้ำผึ้ง")),
    Case("ผ้าไหมลำภูน", "misspelt", category("silk-brocade")),
    Case("ลำใย", "misspelt", LONGAN),
    Case("brocaed", "misspelt", category("silk-brocade")),
    Case("longn honey", "misspelt", category("longan-honey")),
    Case("elefant", "misspelt", name("elephant")),
    Case("bambo basket", "misspelt", both(category("bamboo-basketry"), name("basket"))),
    Case("ผ้าไหม scarf", "mixed", both(category("silk-brocade"), name("scarf"))),
    Case("ลำไย 500g", "mixed", LONGAN),
    Case("teak ช้าง", "mixed", name("teak", "elephant")),
    Case("ผ้าฝ้าย indigo", "mixed", both(category("handwoven-cotton"), name("indigo"))),
]

# Thresholds. Elasticsearch is what shoppers use, so its bar is high: in this catalogue the
# relevant products of a query are plentiful (a category holds 15-60), so anything but relevant
# products in the first five is a visible miss, and a phone shows only 3-4 results, so the
# first relevant one must nearly always be first (MRR). When this set was written the backend
# reached P@5 0.979 and MRR 0.983 (one miss: "longn honey"); one query failing outright costs
# 0.021, so the bars below allow about two more failed queries and no more: a change that
# makes search worse fails, a tweak that moves one result does not.
# The PostgreSQL fallback only keeps search alive during an outage: no fuzzy Latin beyond
# trigrams on the English name, no field boosts, every word required. It reached P@5 0.950 and
# MRR 0.944; its bar allows about three more failed queries.
THRESHOLDS = {
    "elasticsearch": {"precision_at_5": 0.93, "mrr": 0.95},
    "postgresql": {"precision_at_5": 0.88, "mrr": 0.88},
}


@dataclass(frozen=True)
class Score:
    precision_at_5: float
    reciprocal_rank: float


def score(ranked: list[int], relevant_ids: set[int]) -> Score:
    top = ranked[:5]
    found = sum(1 for pk in top if pk in relevant_ids)
    precision = found / min(5, len(relevant_ids))
    rank = next((i + 1 for i, pk in enumerate(ranked[:10]) if pk in relevant_ids), None)
    return Score(precision, 1 / rank if rank else 0.0)


def evaluate(search: Callable[[str], list[int]]) -> dict[str, dict[str, float]]:
    products = list(Product.objects.filter(pk__in=search_visible_ids()).select_related("category"))
    rows: list[tuple[Case, Score]] = []
    for case in CASES:
        relevant = {p.pk for p in products if case.relevant(p)}
        assert relevant, f"no demo product is relevant to {case.query!r}: fix the judgement"
        rows.append((case, score(search(case.query), relevant)))
    report: dict[str, dict[str, float]] = {}
    for kind in ("all", "thai", "english", "romanised", "misspelt", "mixed"):
        chosen = [s for c, s in rows if kind in ("all", c.kind)]
        report[kind] = {
            "queries": len(chosen),
            "precision_at_5": round(statistics.fmean(s.precision_at_5 for s in chosen), 3),
            "mrr": round(statistics.fmean(s.reciprocal_rank for s in chosen), 3),
        }
    misses = [
        f"{c.query!r}: P@5={s.precision_at_5:.2f} RR={s.reciprocal_rank:.2f}"
        for c, s in rows
        if s.precision_at_5 < 1
    ]
    print("\nrelevance", report, "\nbelow P@5=1:", *misses, sep="\n  ", file=sys.stderr)
    return report


def search_visible_ids() -> list[int]:
    from marketplace.catalog.selectors import shopper_visible_products

    return list(shopper_visible_products().values_list("pk", flat=True))


def test_the_query_set_is_large_and_varied() -> None:
    kinds = {case.kind for case in CASES}
    assert len(CASES) >= 40
    assert kinds == {"thai", "english", "romanised", "misspelt", "mixed"}


def test_elasticsearch_relevance(demo_catalogue: Catalogue) -> None:
    def search(text: str) -> list[int]:
        result = product_search(SearchRequest(text=text, size=10, facets=False))
        assert result.backend == "elasticsearch"
        return result.product_ids

    report = evaluate(search)["all"]

    assert report["precision_at_5"] >= THRESHOLDS["elasticsearch"]["precision_at_5"], report
    assert report["mrr"] >= THRESHOLDS["elasticsearch"]["mrr"], report


def test_postgresql_relevance(demo_catalogue: Catalogue) -> None:
    def search(text: str) -> list[int]:
        return postgres.search(SearchRequest(text=text, size=10, facets=False)).product_ids

    report = evaluate(search)["all"]

    assert report["precision_at_5"] >= THRESHOLDS["postgresql"]["precision_at_5"], report
    assert report["mrr"] >= THRESHOLDS["postgresql"]["mrr"], report
