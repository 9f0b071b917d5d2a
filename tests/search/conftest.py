"""Fixtures of the search tests: Elasticsearch indexes of the test's own, the demo catalogue.

Index names start with `kadtest_<suffix>` so that tests of other modules and other people's runs
never see them; every index made is deleted afterwards. The demo catalogue (`seed_demo`, ~15 s)
is seeded once per module inside a transaction that is rolled back at the module's end.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.test import override_settings
from pytest_django import DjangoDbBlocker

from search import availability, indexing
from tests.conftest import require_env


def unique_prefix(name: str) -> str:
    return f"kadtest_h6{name}_{uuid.uuid4().hex[:8]}"


@pytest.fixture(autouse=True)
def _fresh_availability() -> Iterator[None]:
    """A failure remembered by one test must not send the next one to PostgreSQL."""
    availability.reset()
    yield
    availability.reset()


@pytest.fixture
def search_index() -> Iterator[str]:
    """An empty, function-scoped Elasticsearch prefix; its indexes are deleted afterwards."""
    url = require_env("ELASTICSEARCH_URL")
    with override_settings(ELASTICSEARCH_URL=url, ELASTICSEARCH_INDEX_PREFIX=unique_prefix("f")):
        try:
            yield indexing.alias_name()
        finally:
            indexing.delete_all()


@dataclass(frozen=True)
class Catalogue:
    alias: str
    index: str
    products: int


@pytest.fixture(scope="module")
def demo_catalogue(
    django_db_setup: None, django_db_blocker: DjangoDbBlocker
) -> Iterator[Catalogue]:
    """The demo catalogue (seed 1, 300 products) indexed into a module-scoped index."""
    from marketplace.core import demo

    url = require_env("ELASTICSEARCH_URL")
    with (
        django_db_blocker.unblock(),
        override_settings(ELASTICSEARCH_URL=url, ELASTICSEARCH_INDEX_PREFIX=unique_prefix("m")),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            demo.seed_demo(seed=1)
            result = indexing.rebuild()
            yield Catalogue(alias=result.alias, index=result.index, products=result.documents)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            indexing.delete_all()
