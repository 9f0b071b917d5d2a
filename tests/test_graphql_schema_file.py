"""The committed schema.graphql matches the schema the code builds."""

from __future__ import annotations

from pathlib import Path

from marketplace.graphql.schema import schema

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schema.graphql"


def test_committed_schema_file_is_current() -> None:
    committed = SCHEMA_FILE.read_text(encoding="utf-8")
    assert committed.strip() == str(schema).strip(), (
        "schema.graphql is out of date: run `make schema` and commit it"
    )
