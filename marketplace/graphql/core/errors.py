"""Errors of the GraphQL layer: a bad argument is answered with a GraphQL error, never a 500.

Each error carries a stable `code` (and the argument's name as `field`) in its `extensions`, and
a message translated into the request's language.
"""

from __future__ import annotations

from enum import Enum

from graphql import GraphQLError


class ApiErrorCode(Enum):
    INVALID_ID = "INVALID_ID"
    INVALID_CURSOR = "INVALID_CURSOR"
    INVALID_PAGINATION = "INVALID_PAGINATION"
    INVALID = "INVALID"
    REQUIRED = "REQUIRED"


class ApiInputError(GraphQLError):
    """An argument of a query was refused; the message says which and why."""

    def __init__(self, code: ApiErrorCode, message: str, *, field: str | None = None) -> None:
        extensions: dict[str, str] = {"code": code.value}
        if field:
            extensions["field"] = field
        super().__init__(message, extensions=extensions)
        self.code = code
        self.field = field
