"""What callers pass to the search interface and what they get back (backend-neutral)."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Any

from django.utils.translation import gettext_lazy as _

from search.errors import SearchError, SearchErrorCode

MAX_PAGE_SIZE = 100
# Price facet buckets in THB: [from, to).
PRICE_RANGES: tuple[tuple[float | None, float | None], ...] = (
    (None, 250),
    (250, 500),
    (500, 1000),
    (1000, 2500),
    (2500, 5000),
    (5000, None),
)


class SearchSort(Enum):
    RELEVANCE = "relevance"
    PRICE_ASC = "price_asc"
    PRICE_DESC = "price_desc"
    NEWEST = "newest"
    POPULARITY = "popularity"


@dataclass(frozen=True)
class SearchFilters:
    """Filters combine with AND; inside one filter the values combine with OR. Empty = no filter.

    `attributes` holds (attribute slug, value slugs) pairs; `certifications` holds "gi", "otop",
    "otop-5", "community-product-standard".
    """

    category_ids: tuple[int, ...] = ()
    vendor_ids: tuple[int, ...] = ()
    municipality_id: int | None = None
    district_codes: tuple[str, ...] = ()
    attributes: tuple[tuple[str, tuple[str, ...]], ...] = ()
    certifications: tuple[str, ...] = ()
    price_gte: Decimal | None = None
    price_lte: Decimal | None = None
    in_stock: bool | None = None


@dataclass(frozen=True)
class SearchRequest:
    text: str = ""
    filters: SearchFilters = field(default_factory=SearchFilters)
    sort: SearchSort = SearchSort.RELEVANCE
    size: int = 20
    after: str | None = None  # `SearchResult.next_cursor` of the previous page
    facets: bool = True
    highlight: bool = True

    def signature(self) -> str:
        """Which search a cursor belongs to: the same text, filters and sort."""
        raw = json.dumps([self.text.strip(), repr(self.filters), self.sort.value])
        return hashlib.sha1(raw.encode(), usedforsecurity=False).hexdigest()[:12]


@dataclass(frozen=True)
class SearchHit:
    product_id: int
    score: float | None = None
    # Field name → fragment with <mark>…</mark> around matched words (already HTML-escaped by
    # nothing: the indexed text is plain, shown with |safe only after escaping the rest).
    highlights: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class FacetBucket:
    key: str
    count: int


@dataclass(frozen=True)
class PriceBucket:
    gte: float | None
    lt: float | None
    count: int


@dataclass
class Facets:
    categories: list[FacetBucket] = field(default_factory=list)
    vendors: list[FacetBucket] = field(default_factory=list)
    districts: list[FacetBucket] = field(default_factory=list)
    attributes: dict[str, list[FacetBucket]] = field(default_factory=dict)
    certifications: list[FacetBucket] = field(default_factory=list)
    in_stock: list[FacetBucket] = field(default_factory=list)
    price_ranges: list[PriceBucket] = field(default_factory=list)


@dataclass
class SearchResult:
    hits: list[SearchHit]
    total: int
    facets: Facets | None
    next_cursor: str | None
    backend: str  # "elasticsearch" or "postgresql"

    @property
    def product_ids(self) -> list[int]:
        return [hit.product_id for hit in self.hits]


@dataclass(frozen=True)
class Suggestion:
    product_id: int
    slug: str
    name_th: str
    name_en: str


def encode_cursor(backend: str, request: SearchRequest, values: list[Any]) -> str:
    payload = {"b": backend, "s": request.signature(), "v": values}
    raw = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(backend: str, request: SearchRequest) -> list[Any] | None:
    """The sort values of `request.after`, or None for the first page. A cursor of another
    search, or of the other backend (search fell back meanwhile), is refused."""
    if request.after is None:
        return None
    invalid = SearchError(
        SearchErrorCode.INVALID_CURSOR,
        _("This page link belongs to another search; start the search again."),
        field="after",
    )
    try:
        padded = request.after + "=" * (-len(request.after) % 4)
        payload = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, UnicodeError, binascii.Error):
        raise invalid from None
    if (
        not isinstance(payload, dict)
        or payload.get("b") != backend
        or payload.get("s") != request.signature()
        or not isinstance(payload.get("v"), list)
    ):
        raise invalid
    values: list[Any] = payload["v"]
    return values
