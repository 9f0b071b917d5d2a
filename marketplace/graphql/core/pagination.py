"""Relay cursor pagination with keyset cursors.

A cursor holds the sort-key values of the row it points at (plus a signature of the ordering),
and the next page is "rows strictly after these values in this ordering". Unlike OFFSET, the
database does not walk past every earlier row, so page 1,000 of 100,000 products costs what page 1
costs, and rows added meanwhile do not shift pages. Every ordering ends with the primary key, so
rows that tie on the sort key still have one stable order.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Generic, Protocol, TypeVar

import graphene
from django.db.models import F, Model, Q, QuerySet
from django.db.models.expressions import OrderBy
from django.utils.translation import gettext as _

from marketplace.graphql.core.errors import ApiErrorCode, ApiInputError

MAX_PAGE_SIZE = 100

M = TypeVar("M", bound=Model)


class SortColumn(Protocol):
    """One column of a total ordering (see `marketplace.catalog.selectors.SortColumn`)."""

    @property
    def name(self) -> str: ...
    @property
    def descending(self) -> bool: ...
    @property
    def value_type(self) -> type: ...


@dataclass
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@dataclass
class Edge:
    node: Any
    cursor: str


@dataclass
class Page(Generic[M]):
    """One page of a connection; `total_count` runs its COUNT only when the client asks."""

    items: list[M]
    edges: list[Edge]
    page_info: PageInfo
    _count: Callable[[], int] = field(repr=False)

    def total_count(self) -> int:
        return self._count()


def connection_args() -> dict[str, Any]:
    """The four Relay arguments, for fields built by hand."""
    return {
        "first": graphene.Int(
            description=f"Return the first n elements (0 to {MAX_PAGE_SIZE}) after `after`."
        ),
        "after": graphene.String(description="Return the elements after this cursor."),
        "last": graphene.Int(
            description=f"Return the last n elements (0 to {MAX_PAGE_SIZE}) before `before`."
        ),
        "before": graphene.String(description="Return the elements before this cursor."),
    }


def check_page_size(first: int | None, last: int | None) -> None:
    if first is not None and last is not None:
        raise ApiInputError(
            ApiErrorCode.INVALID_PAGINATION,
            _("Pass either `first` or `last`, not both."),
            field="first",
        )
    if first is None and last is None:
        raise ApiInputError(
            ApiErrorCode.INVALID_PAGINATION,
            _("Pass `first` or `last` to say how many elements you want."),
            field="first",
        )
    for name, value in (("first", first), ("last", last)):
        if value is not None and not 0 <= value <= MAX_PAGE_SIZE:
            raise ApiInputError(
                ApiErrorCode.INVALID_PAGINATION,
                _("`%(name)s` must be between 0 and %(max)d; it was %(value)d.")
                % {"name": name, "max": MAX_PAGE_SIZE, "value": value},
                field=name,
            )


def paginate(
    queryset: QuerySet[M],
    columns: Sequence[SortColumn],
    *,
    signature: str,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
    count: Callable[[], int] | None = None,
) -> Page[M]:
    """The page of `queryset` ordered by `columns` (which must end with a unique column).

    `signature` names the ordering; a cursor made under another ordering is refused, since its
    values would mean something else.
    """
    check_page_size(first, last)
    total_count = count or queryset.count  # of the whole list, not of what follows a cursor
    if after is not None:
        values = decode_cursor(after, columns, signature=signature, field="after")
        queryset = queryset.filter(_beyond(columns, values, forward=True))
    if before is not None:
        values = decode_cursor(before, columns, signature=signature, field="before")
        queryset = queryset.filter(_beyond(columns, values, forward=False))

    backward = last is not None
    size = (last if backward else first) or 0  # check_page_size made sure one is given
    ordering = [_order_by(column, reverse=backward) for column in columns]
    rows = list(queryset.order_by(*ordering)[: size + 1]) if size else []
    has_more = len(rows) > size
    rows = rows[:size]
    if backward:
        rows.reverse()

    edges = [
        Edge(node=row, cursor=encode_cursor(row, columns, signature=signature)) for row in rows
    ]
    page_info = PageInfo(
        has_next_page=before is not None if backward else has_more,
        has_previous_page=has_more if backward else after is not None,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )
    return Page(items=rows, edges=edges, page_info=page_info, _count=total_count)


# --- Cursors --------------------------------------------------------------------------------------


def encode_cursor(row: Model, columns: Sequence[SortColumn], *, signature: str) -> str:
    payload = {"o": signature, "v": [_dump(getattr(row, column.name)) for column in columns]}
    raw = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(
    cursor: str, columns: Sequence[SortColumn], *, signature: str, field: str
) -> list[Any]:
    invalid = ApiInputError(
        ApiErrorCode.INVALID_CURSOR,
        _("The cursor in `%(field)s` is not valid for this list and sort order.")
        % {"field": field},
        field=field,
    )
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        payload = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, UnicodeError, binascii.Error):
        raise invalid from None
    if not isinstance(payload, dict) or payload.get("o") != signature:
        raise invalid
    raw_values = payload.get("v")
    if not isinstance(raw_values, list) or len(raw_values) != len(columns):
        raise invalid
    try:
        return [
            _load(raw, column.value_type) for raw, column in zip(raw_values, columns, strict=True)
        ]
    except (ValueError, TypeError, InvalidOperation):
        raise invalid from None


def _dump(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _load(raw: Any, value_type: type) -> Any:
    if value_type is bool and isinstance(raw, bool):
        return raw
    if value_type is int and isinstance(raw, int) and not isinstance(raw, bool):
        if abs(raw) >= 2**63:
            raise ValueError("integer out of range")
        return raw
    if value_type is float and isinstance(raw, int | float) and not isinstance(raw, bool):
        return float(raw)
    if value_type is str and isinstance(raw, str):
        return raw
    if value_type is Decimal and isinstance(raw, str):
        value = Decimal(raw)
        if not value.is_finite():
            raise ValueError("not a finite number")
        return value
    if value_type is datetime and isinstance(raw, str):
        moment = datetime.fromisoformat(raw)
        if moment.tzinfo is None:
            raise ValueError("naive datetime")
        return moment
    raise TypeError(f"expected {value_type.__name__}")


# --- Keyset conditions ----------------------------------------------------------------------------


def _order_by(column: SortColumn, *, reverse: bool) -> OrderBy:
    descending = column.descending != reverse
    return F(column.name).desc() if descending else F(column.name).asc()


def _beyond(columns: Sequence[SortColumn], values: Sequence[Any], *, forward: bool) -> Q:
    """Rows strictly after (forward) or before the cursor's values in the columns' ordering.

    Written as `a >= x AND (a > x OR (b >= y AND (b > y OR …)))` rather than a plain OR of
    cases: the leading range condition on each column is one that an index can serve.
    """
    pairs = list(zip(columns, values, strict=True))
    *leading, (last_column, last_value) = pairs
    condition = Q(**{f"{last_column.name}__{_operators(last_column, forward)[0]}": last_value})
    for column, value in reversed(leading):
        strict, loose = _operators(column, forward)
        beyond = Q(**{f"{column.name}__{strict}": value})
        condition = Q(**{f"{column.name}__{loose}": value}) & (beyond | condition)
    return condition


def _operators(column: SortColumn, forward: bool) -> tuple[str, str]:
    """The strict and the loose lookup that mean "beyond" for this column and direction."""
    towards_smaller = column.descending == forward
    return ("lt", "lte") if towards_smaller else ("gt", "gte")
