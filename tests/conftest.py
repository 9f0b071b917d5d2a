from __future__ import annotations

import os
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
