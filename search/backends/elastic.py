"""The Elasticsearch backend: queries built with elasticsearch.dsl over the analysed fields."""

from __future__ import annotations

from typing import Any

from elasticsearch.dsl import A, Q, Search
from elasticsearch.dsl.query import Query

from search import thai
from search.client import elasticsearch_client
from search.indexing import alias_name
from search.types import (
    MAX_PAGE_SIZE,
    PRICE_RANGES,
    FacetBucket,
    Facets,
    PriceBucket,
    SearchFilters,
    SearchHit,
    SearchRequest,
    SearchResult,
    SearchSort,
    Suggestion,
    decode_cursor,
    encode_cursor,
)

BACKEND = "elasticsearch"
# Requests from a shopper's page must not hang when Elasticsearch is in trouble: past this, the
# interface falls back to PostgreSQL.
REQUEST_TIMEOUT = 2.0

# Field boosts: the name counts most, then the facts (category, attributes, place), then the
# description; the finer Thai words and the romanisation a little less than the words
# themselves, so an exact word beats a part of a word.
THAI_FIELDS = (
    "name_th^6",
    "name_th_parts^3",
    "facts_th^2",
    "description_th^1",
    "description_th_parts^0.5",
)
THAI_PART_FIELDS = ("name_th_parts^3", "facts_th^2", "description_th_parts^0.5")
LATIN_FIELDS = ("name_en^5", "facts_en^2", "description_en^1")
ROMANISED_FIELDS = ("name_romanised^4", "facts_th^1")
# No typo allowed in words of up to three letters ("mai" must not match "ma"), one up to six,
# two from seven on.
LATIN_FUZZINESS = "AUTO:4,7"
HIGHLIGHT_FIELDS = ("name_th", "name_en", "description_th", "description_en")

_SORTS: dict[SearchSort, list[Any]] = {
    SearchSort.RELEVANCE: [{"_score": "desc"}, {"popularity": "desc"}, {"id": "desc"}],
    SearchSort.PRICE_ASC: [{"price_min": {"order": "asc", "missing": "_last"}}, {"id": "asc"}],
    SearchSort.PRICE_DESC: [{"price_min": {"order": "desc", "missing": "_last"}}, {"id": "desc"}],
    SearchSort.NEWEST: [{"created": "desc"}, {"id": "desc"}],
    SearchSort.POPULARITY: [{"popularity": "desc"}, {"_score": "desc"}, {"id": "desc"}],
}


def text_query(analysed: thai.AnalysedQuery) -> Query | None:
    """Any of: the Thai words across the Thai fields, the Latin words across the English and
    romanised fields (with fuzziness), the Thai sound codes. None for an empty query."""
    clauses: list[Query] = []
    if analysed.thai_words:
        # Each Thai word must be found, as itself or as all the words inside it (a shop may have
        # written ผ้าไหม ยกดอก where the shopper typed ผ้าไหมยกดอก); one word in four may be
        # missing in a long query.
        per_word = []
        for word in analysed.thai_words:
            alternatives = [Q("multi_match", query=word, fields=list(THAI_FIELDS))]
            inner = thai.word_parts(word)
            if inner:
                alternatives.append(
                    Q(
                        "multi_match",
                        query=" ".join(inner),
                        fields=list(THAI_PART_FIELDS),
                        type="cross_fields",
                        operator="and",
                        boost=0.8,
                    )
                )
            per_word.append(Q("bool", should=alternatives, minimum_should_match=1))
        clauses.append(Q("bool", should=per_word, minimum_should_match="2<75%", boost=2.0))
    if analysed.latin_words:
        latin = " ".join(analysed.latin_words)
        clauses.append(
            Q(
                "multi_match",
                query=latin,
                fields=list(LATIN_FIELDS),
                type="best_fields",
                operator="and",
                fuzziness=LATIN_FUZZINESS,
                prefix_length=1,
                boost=1.5,
            )
        )
        clauses.append(
            Q(
                "multi_match",
                query=latin,
                fields=list(LATIN_FIELDS),
                type="cross_fields",
                operator="and",
            )
        )
        if len(analysed.latin_words) > 1:
            # Words in the shopper's order, close together ("longan honey" is honey, not
            # "honey-dried longan").
            clauses.append(Q("match_phrase", name_en={"query": latin, "slop": 2, "boost": 3.0}))
        clauses.append(
            Q(
                "multi_match",
                query=" ".join(analysed.latin_words + analysed.latin_joined),
                fields=list(ROMANISED_FIELDS),
                type="most_fields",
                fuzziness=LATIN_FUZZINESS,
                prefix_length=1,
                minimum_should_match="2<60%",
            )
        )
    if not clauses:
        return None
    return Q("bool", should=clauses, minimum_should_match=1)


def filter_queries(filters: SearchFilters) -> list[Query]:
    found: list[Query] = []
    if filters.category_ids:
        found.append(Q("terms", category_ids=[str(i) for i in filters.category_ids]))
    if filters.vendor_ids:
        found.append(Q("terms", vendor_id=[str(i) for i in filters.vendor_ids]))
    if filters.municipality_id is not None:
        found.append(Q("term", municipality_id=str(filters.municipality_id)))
    if filters.district_codes:
        found.append(Q("terms", district_code=list(filters.district_codes)))
    for slug, values in filters.attributes:
        if values:
            found.append(Q("terms", attributes=[f"{slug}:{value}" for value in values]))
        else:
            found.append(Q("prefix", attributes=f"{slug}:"))
    if filters.certifications:
        found.append(Q("terms", certifications=list(filters.certifications)))
    if filters.price_gte is not None or filters.price_lte is not None:
        # Some variant's price is in the range: the ranges [min, max] and [gte, lte] overlap.
        if filters.price_gte is not None:
            found.append(Q("range", price_max={"gte": float(filters.price_gte)}))
        if filters.price_lte is not None:
            found.append(Q("range", price_min={"lte": float(filters.price_lte)}))
    if filters.in_stock is not None:
        found.append(Q("term", in_stock=filters.in_stock))
    return found


def build_search(request: SearchRequest, analysed: thai.AnalysedQuery) -> Search:
    search = Search(index=alias_name())
    matching = text_query(analysed) or Q("match_all")
    # Favour products in stock and those that sell (no scripts: filter weights and
    # field_value_factor, which the integ-test distribution supports).
    scored = Q(
        "function_score",
        query=Q("bool", must=[matching], filter=filter_queries(request.filters)),
        functions=[
            {"filter": {"term": {"in_stock": True}}, "weight": 1.5},
            {
                "field_value_factor": {
                    "field": "popularity",
                    "modifier": "log2p",
                    "factor": 0.5,
                    "missing": 0,
                }
            },
        ],
        score_mode="multiply",
        boost_mode="multiply",
    )
    size = max(0, min(request.size, MAX_PAGE_SIZE))
    search = (
        search.query(scored).sort(*_SORTS[request.sort]).extra(size=size, track_total_hits=True)
    )
    search = search.source(False)
    after = decode_cursor(BACKEND, request)
    if after is not None:
        search = search.extra(search_after=after)
    if request.highlight and not analysed.empty:
        search = search.highlight_options(
            pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html"
        )
        for name in HIGHLIGHT_FIELDS:
            fragments = 0 if name.startswith("name") else 2
            search = search.highlight(name, number_of_fragments=fragments, fragment_size=120)
    if request.facets:
        search.aggs.bucket("categories", A("terms", field="category_ids", size=50))
        search.aggs.bucket("vendors", A("terms", field="vendor_id", size=50))
        search.aggs.bucket("districts", A("terms", field="district_code", size=30))
        search.aggs.bucket("attributes", A("terms", field="attributes", size=200))
        search.aggs.bucket("certifications", A("terms", field="certifications", size=10))
        search.aggs.bucket("in_stock", A("terms", field="in_stock", size=2))
        ranges = [
            {k: v for k, v in (("from", low), ("to", high)) if v is not None}
            for low, high in PRICE_RANGES
        ]
        search.aggs.bucket("prices", A("range", field="price_min", ranges=ranges))
    return search


def _facets(aggregations: dict[str, Any]) -> Facets:
    def buckets(name: str) -> list[FacetBucket]:
        return [
            FacetBucket(key=str(b.get("key_as_string", b["key"])), count=int(b["doc_count"]))
            for b in aggregations[name]["buckets"]
        ]

    attributes: dict[str, list[FacetBucket]] = {}
    for bucket in buckets("attributes"):
        slug, _colon, value = bucket.key.partition(":")
        attributes.setdefault(slug, []).append(FacetBucket(key=value, count=bucket.count))
    return Facets(
        categories=buckets("categories"),
        vendors=buckets("vendors"),
        districts=buckets("districts"),
        attributes=attributes,
        certifications=buckets("certifications"),
        in_stock=buckets("in_stock"),
        price_ranges=[
            PriceBucket(gte=b.get("from"), lt=b.get("to"), count=int(b["doc_count"]))
            for b in aggregations["prices"]["buckets"]
        ],
    )


def _highlights(hit: dict[str, Any]) -> dict[str, str]:
    return {
        name: " … ".join(thai.unmark(fragment) for fragment in fragments)
        for name, fragments in hit.get("highlight", {}).items()
    }


def search(request: SearchRequest) -> SearchResult:
    analysed = thai.analyse_query(request.text)
    body = build_search(request, analysed).to_dict()
    client = elasticsearch_client(request_timeout=REQUEST_TIMEOUT)
    response = client.search(index=alias_name(), body=body).body
    hits = response["hits"]["hits"]
    next_cursor = None
    if hits and len(hits) == body.get("size"):
        next_cursor = encode_cursor(BACKEND, request, list(hits[-1]["sort"]))
    return SearchResult(
        hits=[
            SearchHit(
                product_id=int(hit["_id"]), score=hit.get("_score"), highlights=_highlights(hit)
            )
            for hit in hits
        ],
        total=int(response["hits"]["total"]["value"]),
        facets=_facets(response["aggregations"]) if request.facets else None,
        next_cursor=next_cursor,
        backend=BACKEND,
    )


def ranked_ids(text: str, *, limit: int) -> list[int]:
    """Ids of the best `limit` matches of `text`, best first (no facets, no highlighting)."""
    result = search(SearchRequest(text=text, size=limit, facets=False, highlight=False))
    return result.product_ids


def autocomplete(prefix: str, *, limit: int) -> list[Suggestion]:
    normalised = thai.normalise(prefix)
    if not normalised:
        return []
    # Several inputs of one product may match a prefix: ask for more, keep one per product.
    completion: dict[str, Any] = {"field": "suggest", "size": limit * 3, "skip_duplicates": True}
    # Typos are forgiven from six Latin letters on ("lamph" must not complete to "lamp").
    if not thai.has_thai(normalised) and len(normalised) >= 6:
        completion["fuzzy"] = {"fuzziness": 1, "prefix_length": 2}
    body = {
        "_source": ["id", "slug", "title_th", "title_en"],
        "suggest": {"products": {"prefix": normalised, "completion": completion}},
    }
    client = elasticsearch_client(request_timeout=REQUEST_TIMEOUT)
    response = client.search(index=alias_name(), body=body).body
    suggestions: list[Suggestion] = []
    seen: set[str] = set()
    for option in response["suggest"]["products"][0]["options"]:
        source = option["_source"]
        product_id = int(source["id"])
        # Shops list the same product under one name more than once: suggest the name once.
        if source["title_th"] in seen:
            continue
        seen.add(source["title_th"])
        suggestions.append(
            Suggestion(
                product_id=product_id,
                slug=source["slug"],
                name_th=source.get("title_th") or "",
                name_en=source.get("title_en") or "",
            )
        )
        if len(suggestions) == limit:
            break
    return suggestions
