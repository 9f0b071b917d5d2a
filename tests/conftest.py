from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest


def require_env(name: str) -> str:
    """The value of a service URL that `infra/services up` provides; fail loudly without it.

    These tests exercise real services; a silent skip would let a broken setup pass.
    """
    value = os.environ.get(name, "")
    if not value:
        pytest.fail(f"{name} is not set: run the tests with `make test` (it starts the services)")
    return value


@pytest.fixture
def admin_client(admin_user: Any) -> Any:
    """pytest-django's `admin_client`, verified by a TOTP device: the admin needs two factors."""
    from django.test import Client

    from tests.factories.otp import otp_force_login

    client = Client()
    otp_force_login(client, admin_user)
    return client


def _flushes_database(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    names = getattr(item, "fixturenames", ())
    if "transactional_db" in names or "live_server" in names:
        return True
    return marker is not None and bool(marker.kwargs.get("transaction"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """Put Thailand's places back after a test that flushed the database.

    A transactional test (live server, concurrency) ends with a flush that empties every table,
    including the provinces, districts and subdistricts a data migration loaded; later tests, in
    any order, expect them as a migrated database has them. This runs after the test's own
    fixtures are torn down, i.e. after the flush.
    """
    result = yield
    # After the last test the test database is already gone (and nobody needs the places).
    if nextitem is not None and _flushes_database(item):
        from pytest_django.plugin import blocking_manager_key

        from marketplace.municipalities.models import Province
        from marketplace.municipalities.services import places_load

        with item.config.stash[blocking_manager_key].unblock():
            if not Province.objects.exists():
                places_load()
    return result


@pytest.fixture(autouse=True)
def _celery_join_flag_reset() -> Iterator[None]:
    """Celery's eager `apply_async` saves and restores a process-wide "a join would block" flag
    around each task (`denied_join_result`); tasks run eagerly from several threads at once (the
    checkout race test) can restore it as True, after which every `EagerResult.get()` in later
    tests fails with "Never call result.get() within a task!". Each test starts with it clear."""
    from celery import _state

    _state._set_task_join_will_block(False)  # type: ignore[attr-defined]
    yield
