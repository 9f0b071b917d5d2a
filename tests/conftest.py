from __future__ import annotations

import os

import pytest


def require_env(name: str) -> str:
    """The value of a service URL that `infra/services up` provides; fail loudly without it.

    These tests exercise real services; a silent skip would let a broken setup pass.
    """
    value = os.environ.get(name, "")
    if not value:
        pytest.fail(f"{name} is not set: run the tests with `make test` (it starts the services)")
    return value
