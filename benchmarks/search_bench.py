"""Search benchmarks: bulk indexing throughput, latency through the search interface and the
ratio to the same query sent raw to Elasticsearch, and the PostgreSQL backend's latency.

Called by benchmarks.runner after seeding each catalogue size; uses an index prefix of its own
(`kadbench`), deleted at the end.
"""

from __future__ import annotations

import functools
import statistics
from typing import Any

from benchmarks.runner import summary, timed

QUERIES = (
    "ผ้าไหมยกดอก",
    "ลำไยอบแห้ง",
    "เครื่องปั้นดินเผา",
    "ผ้าฝ้ายทอมือ ครามธรรมชาติ",
    "ผ้าไหมลำภูน",
    "lamphun silk",
    "dried longan",
    "pha mai",
    "teak elephant",
    "bambo basket",
)
PREFIXES = ("ผ้าไห", "ลำไ", "ช้าง", "lamph", "silk", "bamb")


def measure_search(*, runs: int, warmup: int, progress: bool) -> dict[str, Any]:
    from django.conf import settings
    from django.test import override_settings

    from search import availability, indexing, thai
    from search.backends import elastic, postgres
    from search.client import elasticsearch_client
    from search.selectors import product_autocomplete, product_search
    from search.types import SearchRequest

    if not settings.ELASTICSEARCH_URL:
        return {"error": "ELASTICSEARCH_URL is not set"}
    thai.warm_up()
    report: dict[str, Any] = {}
    with override_settings(ELASTICSEARCH_INDEX_PREFIX="kadbench"):
        availability.reset()
        try:
            rebuilt = indexing.rebuild(progress=progress)
            report["bulk_index"] = {
                "documents": rebuilt.documents,
                "seconds": round(rebuilt.seconds, 1),
                "documents_per_second": round(rebuilt.documents / rebuilt.seconds, 1),
            }
            client = elasticsearch_client(request_timeout=30)
            interface: list[float] = []
            raw: list[float] = []
            raw_took: list[float] = []
            pg: list[float] = []
            per_query = max(1, runs // len(QUERIES))
            for text in QUERIES:
                request = SearchRequest(text=text, size=20)

                def through_interface(request: SearchRequest = request) -> None:
                    assert product_search(request).backend == "elasticsearch"

                body = elastic.build_search(request, thai.analyse_query(text)).to_dict()

                def raw_query(body: dict[str, Any] = body) -> None:
                    raw_took.append(
                        float(client.search(index=indexing.alias_name(), body=body).body["took"])
                    )

                interface += timed(through_interface, runs=per_query, warmup=warmup)
                raw += timed(raw_query, runs=per_query, warmup=warmup)
                pg += timed(
                    functools.partial(postgres.search, request),
                    runs=max(1, per_query // 3),
                    warmup=1,
                )
            suggest = []
            for prefix in PREFIXES:
                suggest += timed(
                    functools.partial(product_autocomplete, prefix),
                    runs=per_query,
                    warmup=warmup,
                )
            report["search_interface"] = summary(interface)
            report["search_raw_elasticsearch"] = summary(raw)
            report["search_raw_elasticsearch"]["took_p50_ms"] = statistics.median(raw_took)
            report["interface_to_raw_p50_ratio"] = round(
                report["search_interface"]["p50_ms"] / report["search_raw_elasticsearch"]["p50_ms"],
                2,
            )
            report["search_postgresql"] = summary(pg)
            report["autocomplete_interface"] = summary(suggest)
            report["queries"] = list(QUERIES)
            report["note"] = (
                "interface = Thai analysis + query building + Elasticsearch (facets, highlights, "
                "20 hits) in-process; raw = the same JSON body sent with the client; postgresql "
                "= the fallback backend with facets"
            )
        finally:
            indexing.delete_all()
    return report
