from __future__ import annotations

from enum import Enum

from marketplace.core.errors import DomainError


class SearchErrorCode(Enum):
    INVALID_CURSOR = "invalid_cursor"
    INVALID = "invalid"


class SearchError(DomainError):
    """A search request cannot be answered as asked (a cursor of another search, a bad range)."""
