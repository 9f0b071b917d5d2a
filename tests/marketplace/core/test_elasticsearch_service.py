"""The Elasticsearch client works against the real Elasticsearch from infra/services."""

from __future__ import annotations

import uuid

from search.client import elasticsearch_client
from tests.conftest import require_env


def test_client_creates_writes_searches_and_deletes_an_index(settings) -> None:
    settings.ELASTICSEARCH_URL = require_env("ELASTICSEARCH_URL")
    client = elasticsearch_client()
    index = f"kadtest-smoke-{uuid.uuid4().hex[:8]}"
    try:
        client.indices.create(
            index=index,
            mappings={"properties": {"name": {"type": "text", "analyzer": "whitespace"}}},
        )
        client.index(index=index, id="1", document={"name": "ผ้าไหม ยกดอก ลำพูน"}, refresh=True)
        client.index(index=index, id="2", document={"name": "เครื่องปั้นดินเผา"}, refresh=True)
        hits = client.search(index=index, query={"match": {"name": "ยกดอก"}})["hits"]["hits"]
        assert [hit["_id"] for hit in hits] == ["1"]
    finally:
        client.indices.delete(index=index, ignore_unavailable=True)
    assert not client.indices.exists(index=index)
