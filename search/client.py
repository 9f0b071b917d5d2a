"""The one place that builds an Elasticsearch client from settings."""

from __future__ import annotations

from django.conf import settings
from elasticsearch import Elasticsearch


def elasticsearch_client(*, request_timeout: float = 10.0) -> Elasticsearch:
    if not settings.ELASTICSEARCH_URL:
        raise RuntimeError("ELASTICSEARCH_URL is not set; search uses PostgreSQL")
    return Elasticsearch(
        settings.ELASTICSEARCH_URL,
        request_timeout=request_timeout,
        max_retries=0 if request_timeout < 5 else 2,
        retry_on_timeout=request_timeout >= 5,
    )
