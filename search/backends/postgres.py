"""The PostgreSQL backend: the same analysed words in a `simple` tsvector, plus trigram
similarity for misspellings. Used when Elasticsearch is not configured or not answering.

`Product.search_text` holds what the index holds (Thai words, their parts, romanisation, facts),
written by search.indexing. Products never indexed (made by a fixture, or before the first
rebuild) are still found by their names (substring and trigram word similarity).
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db.models import (
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import OrderBy, Window
from django.db.models.functions import Coalesce, Greatest

from marketplace.catalog.models import Category, Product, ProductVariant
from marketplace.inventory.models import Stock
from search import thai
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

BACKEND = "postgresql"
MAX_TERMS = 24
# Matches of one search read by the fallback; the total is counted apart beyond this.
MAX_MATCHES = 5000


def _any_of(terms: Iterable[str]) -> SearchQuery | None:
    query: SearchQuery | None = None
    for term in list(dict.fromkeys(terms))[:MAX_TERMS]:
        part = SearchQuery(term, config="simple", search_type="plain")
        query = part if query is None else query | part
    return query


def _all_of(terms: Iterable[str]) -> SearchQuery | None:
    query: SearchQuery | None = None
    for term in list(dict.fromkeys(terms))[:MAX_TERMS]:
        part = SearchQuery(term, config="simple", search_type="plain")
        query = part if query is None else query & part
    return query


def text_condition(analysed: thai.AnalysedQuery, raw: str) -> tuple[Q, SearchQuery | None]:
    """Every query word must match (its parts or romanisation count), or the raw text must be
    in or resemble a name. Returns the condition and the query used for ranking."""
    groups: list[Q] = []
    for word in analysed.thai_words:
        # The word itself, or every word inside it (as the Elasticsearch backend).
        alternatives = SearchQuery(word, config="simple", search_type="plain")
        inner = _all_of(thai.word_parts(word))
        groups.append(Q(search_vector=alternatives | inner if inner is not None else alternatives))
    for word in analysed.latin_words:
        exact = Q(search_vector=SearchQuery(word, config="simple", search_type="plain"))
        # Misspellings of longer words only (trigrams of a 3-letter word match too much), and in
        # the English name only: trigrams over every product's whole text are too slow.
        typo = Q(name_en__trigram_word_similar=word)
        groups.append(exact | typo if len(word) >= 5 else exact)
    if analysed.latin_joined:
        joined = _any_of(analysed.latin_joined)
        if joined is not None and groups:
            groups = [Q(search_vector=joined) | Q(*groups)]
    condition = Q(*groups) if groups else Q(pk__in=[])
    # Products not indexed yet are found by their names (the words of indexed ones are in the
    # vector already; leaving them out of this branch lets PostgreSQL use the indexes).
    condition |= Q(search_vector__isnull=True) & (
        Q(name_th__icontains=raw)
        | Q(name_en__icontains=raw)
        | Q(name_th__trigram_word_similar=raw)
        | Q(name_en__trigram_word_similar=raw)
    )
    ranking = _any_of(
        analysed.thai_words + analysed.thai_parts + analysed.latin_words + analysed.latin_joined
    )
    return condition, ranking


def matching(
    products: QuerySet[Product], text: str, *, rank_name: str = "search_score"
) -> QuerySet[Product]:
    """`products` that match `text`, annotated with `rank_name` (a float, higher is better)."""
    raw = thai.normalise(text)
    analysed = thai.analyse_query(text)
    if analysed.empty and not raw:
        return products.annotate(**{rank_name: Value(0.0, output_field=FloatField())})
    condition, ranking = text_condition(analysed, raw)
    resemblance = Greatest(
        TrigramWordSimilarity(raw, "name_th"), TrigramWordSimilarity(raw, "name_en")
    )
    # A product not indexed yet has no vector: its rank is its names' resemblance alone.
    score = (
        resemblance
        + Coalesce(SearchRank(F("search_vector"), ranking), Value(0.0), output_field=FloatField())
        if ranking is not None
        else resemblance
    )
    return products.filter(condition).annotate(
        **{rank_name: Coalesce(score, Value(0.0), output_field=FloatField())}
    )


def _filtered(filters: SearchFilters) -> QuerySet[Product]:
    from marketplace.catalog import selectors

    products = selectors.product_list(
        selectors.ProductFilter(
            category_ids=filters.category_ids,
            vendor_ids=filters.vendor_ids,
            municipality_id=filters.municipality_id,
            district_codes=filters.district_codes,
            price_gte=filters.price_gte,
            price_lte=filters.price_lte,
            stock_availability=(
                None
                if filters.in_stock is None
                else selectors.StockAvailability.IN_STOCK
                if filters.in_stock
                else selectors.StockAvailability.OUT_OF_STOCK
            ),
            attributes=tuple(
                selectors.AttributeFilter(slug=slug, values=values)
                for slug, values in filters.attributes
            ),
        )
    )
    certified = Q()
    for certification in filters.certifications:
        if certification == "gi":
            certified |= Q(vendor__geographical_indication=True)
        elif certification == "community-product-standard":
            certified |= Q(vendor__community_product_standard=True)
        elif certification == "otop":
            certified |= Q(vendor__otop_stars__isnull=False)
        elif certification.startswith("otop-") and certification[5:].isdigit():
            certified |= Q(vendor__otop_stars=int(certification[5:]))
    return products.filter(certified) if filters.certifications else products


def _cheapest() -> Coalesce:
    """The stored cheapest price; the variants' minimum only where it is not stored (a product
    without variants, or rows written around the catalogue services): COALESCE evaluates the
    subquery only for those rows."""
    return Coalesce(
        F("min_price"),
        Subquery(
            ProductVariant.objects.filter(product_id=OuterRef("pk"))
            .order_by("price")
            .values("price")[:1]
        ),
        output_field=DecimalField(max_digits=12, decimal_places=2),
    )


def _in_stock() -> Exists:
    return Exists(
        Stock.objects.filter(
            variant__product_id=OuterRef("pk"),
            quantity__gt=F("quantity_allocated"),
            location__vendor_id=F("variant__product__vendor_id"),
        )
    )


def _ordering(sort: SearchSort) -> list[str | OrderBy]:
    orderings: dict[SearchSort, list[str | OrderBy]] = {
        SearchSort.RELEVANCE: ["-search_score", "-sales_count", "-id"],
        SearchSort.PRICE_ASC: [F("price_min").asc(nulls_last=True), "id"],
        SearchSort.PRICE_DESC: [F("price_min").desc(nulls_last=True), "-id"],
        SearchSort.NEWEST: ["-newest", "-id"],
        SearchSort.POPULARITY: ["-sales_count", "-search_score", "-id"],
    }
    return orderings[sort]


def _mark(text: str, words: list[str]) -> str:
    escaped = html.escape(text)
    words = [html.escape(w) for w in sorted(set(words), key=len, reverse=True) if len(w) >= 2]
    if not words:
        return escaped
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    return pattern.sub(lambda m: f"<mark>{m.group()}</mark>", escaped)


def search(request: SearchRequest) -> SearchResult:
    """The matching ids are read once, in order (up to `MAX_MATCHES`), with the number of all
    matches counted in the same pass (a window count); the page, the total and the facets come
    from that list. The text condition is the expensive part and runs in one query only.

    Beyond `MAX_MATCHES` matches the facet counts cover the first `MAX_MATCHES` of the order
    (this backend answers while Elasticsearch is down; exact counts there are not worth seconds).
    """
    products = _filtered(request.filters)
    searching = bool(request.text.strip())
    if searching:
        products = matching(products, request.text)
    else:
        products = products.annotate(search_score=Value(0.0, output_field=FloatField()))
    offset_values = decode_cursor(BACKEND, request)
    offset = int(offset_values[0]) if offset_values else 0
    size = max(0, min(request.size, MAX_PAGE_SIZE))
    ordered = products.annotate(
        price_min=_cheapest(),
        newest=Coalesce("published_at", "created_at"),
        match_total=Window(Count("*")),
    ).order_by(*_ordering(request.sort))
    matched = list(ordered.values_list("pk", "search_score", "match_total")[:MAX_MATCHES])
    scores = {pk: float(score) for pk, score, _total in matched}
    total = int(matched[0][2]) if matched else 0
    if offset + size + 1 > len(matched) and len(matched) == MAX_MATCHES:
        # A page past the list read: its ids alone.
        page_ids = list(ordered.values_list("pk", flat=True)[offset : offset + size + 1])
    else:
        page_ids = [pk for pk, _score, _total in matched[offset : offset + size + 1]]
    has_more = len(page_ids) > size
    page_ids = page_ids[:size]
    names = {
        pk: (name_th, name_en)
        for pk, name_th, name_en in Product.objects.filter(pk__in=page_ids).values_list(
            "pk", "name_th", "name_en"
        )
    }
    words = thai.analyse_query(request.text).tokens if request.highlight and searching else []
    hits = [
        SearchHit(
            product_id=pk,
            score=scores.get(pk) if searching else None,
            highlights=(
                {"name_th": _mark(names[pk][0], words), "name_en": _mark(names[pk][1], words)}
                if words
                else {}
            ),
        )
        for pk in page_ids
    ]
    return SearchResult(
        hits=hits,
        total=total,
        facets=facets([pk for pk, _score, _total in matched]) if request.facets else None,
        next_cursor=encode_cursor(BACKEND, request, [offset + size]) if has_more else None,
        backend=BACKEND,
    )


def _buckets(counter: Counter[str]) -> list[FacetBucket]:
    return [FacetBucket(key=key, count=count) for key, count in counter.most_common()]


def _price_range_index(price: Decimal | None) -> int | None:
    if price is None:
        return None
    for index, (low, high) in enumerate(PRICE_RANGES):
        if (low is None or price >= Decimal(str(low))) and (
            high is None or price < Decimal(str(high))
        ):
            return index
    return None


def facets(product_ids: list[int]) -> Facets:
    """Facet counts of these products: one query reads each product's facet values (ids come
    from `search`, at most `MAX_MATCHES`), two read attribute values, one category paths; the
    counting happens here."""
    rows = list(
        Product.objects.filter(pk__in=product_ids)
        .annotate(price_low=_cheapest(), stocked=_in_stock())
        .values_list(
            "category_id",
            "vendor_id",
            "vendor__district_id",
            "vendor__otop_stars",
            "vendor__geographical_indication",
            "vendor__community_product_standard",
            "price_low",
            "stocked",
        )
    )
    leaf: Counter[int] = Counter()
    vendors: Counter[str] = Counter()
    districts: Counter[str] = Counter()
    certifications: Counter[str] = Counter()
    prices: Counter[int] = Counter()
    stocked_count = 0
    for category_id, vendor_id, district, stars, gi, mpc, price, stocked in rows:
        leaf[category_id] += 1
        vendors[str(vendor_id)] += 1
        if district is not None:
            districts[str(district)] += 1
        if gi:
            certifications["gi"] += 1
        if mpc:
            certifications["community-product-standard"] += 1
        if stars is not None:
            certifications["otop"] += 1
            certifications[f"otop-{stars}"] += 1
        bucket = _price_range_index(price)
        if bucket is not None:
            prices[bucket] += 1
        stocked_count += bool(stocked)

    categories: Counter[str] = Counter()
    paths = dict(Category.objects.filter(pk__in=list(leaf)).values_list("pk", "path"))
    for category_id, count in leaf.items():
        for ancestor in {int(p) for p in paths.get(category_id, "").split("/") if p} | {
            category_id
        }:
            categories[str(ancestor)] += count

    attributes: dict[str, Counter[str]] = {}
    through = Product.attribute_values.through.objects.filter(product_id__in=product_ids)
    variant_through = ProductVariant.attribute_values.through.objects.filter(
        productvariant__product_id__in=product_ids
    )
    seen: set[tuple[int, str, str]] = set()
    for product_id, slug, value in [
        *through.values_list(
            "product_id", "attributevalue__attribute__slug", "attributevalue__slug"
        ),
        *variant_through.values_list(
            "productvariant__product_id", "attributevalue__attribute__slug", "attributevalue__slug"
        ),
    ]:
        if (product_id, slug, value) not in seen:
            seen.add((product_id, slug, value))
            attributes.setdefault(slug, Counter())[value] += 1

    in_stock = Counter({"true": stocked_count, "false": len(rows) - stocked_count})
    return Facets(
        categories=_buckets(categories),
        vendors=_buckets(vendors),
        districts=_buckets(districts),
        attributes={slug: _buckets(counter) for slug, counter in attributes.items()},
        certifications=_buckets(certifications),
        in_stock=_buckets(+in_stock),
        price_ranges=[
            PriceBucket(gte=low, lt=high, count=prices[index])
            for index, (low, high) in enumerate(PRICE_RANGES)
        ],
    )


def autocomplete(prefix: str, *, limit: int) -> list[Suggestion]:
    from marketplace.catalog.selectors import shopper_visible_products

    text = thai.normalise(prefix)
    if not text:
        return []
    starts = Q(name_th__istartswith=text) | Q(name_en__istartswith=text)
    inside = Q(name_th__icontains=text) | Q(name_en__icontains=f" {text}")
    rows = (
        shopper_visible_products()
        .filter(starts | inside)
        .annotate(
            starts_with=Case(
                When(starts, then=Value(1)), default=Value(0), output_field=IntegerField()
            )
        )
        .order_by("-starts_with", "-sales_count", "-id")
        .values_list("pk", "slug", "name_th", "name_en")[: limit * 3]
    )
    suggestions: dict[str, Suggestion] = {}
    for pk, slug, name_th, name_en in rows:
        suggestions.setdefault(
            name_th, Suggestion(product_id=pk, slug=slug, name_th=name_th, name_en=name_en)
        )
    return list(suggestions.values())[:limit]
