"""Relay global IDs ("Product:12" in base64), decoded with checks and a clear error."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _
from graphql_relay import from_global_id

from marketplace.graphql.core.errors import ApiErrorCode, ApiInputError

# Primary keys are PostgreSQL bigints; a larger number must not reach the database.
_MAX_PK = 2**63 - 1


def decode_global_id(value: str, *, expected_type: str, field: str) -> int:
    """The primary key inside a global ID of `expected_type`, or an INVALID_ID error."""
    type_name, raw_pk = from_global_id(value or "")
    valid = type_name == expected_type and raw_pk.isascii() and raw_pk.isdigit()
    if not valid or not 0 < int(raw_pk) <= _MAX_PK:
        raise ApiInputError(
            ApiErrorCode.INVALID_ID,
            _("“%(value)s” is not a valid %(type)s ID.") % {"value": value, "type": expected_type},
            field=field,
        )
    return int(raw_pk)


def decode_global_ids(
    values: Iterable[str] | None, *, expected_type: str, field: str
) -> tuple[int, ...]:
    return tuple(
        decode_global_id(value, expected_type=expected_type, field=field) for value in values or ()
    )
