from __future__ import annotations

from graphql_relay import from_global_id

# Primary keys are PostgreSQL bigints; a larger number must not reach the database.
_MAX_PK = 2**63 - 1


def pk_from_global_id(global_id: str, expected_type: str) -> int | None:
    """The database id inside a relay global id of the expected type; None for anything else.

    For mutations, which answer an unusable id in their `errors` list (`global_ids.decode_global_id`
    raises a GraphQL error instead, for query arguments).
    """
    try:
        type_name, raw_pk = from_global_id(global_id)
        pk = int(raw_pk)
    except (ValueError, TypeError, UnicodeDecodeError):
        return None
    return pk if type_name == expected_type and 0 < pk <= _MAX_PK else None
