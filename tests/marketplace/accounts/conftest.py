from __future__ import annotations

import pytest

from tests.factories.accounts import random_email, random_ip


@pytest.fixture
def ip() -> str:
    return random_ip()


@pytest.fixture
def email() -> str:
    return random_email()
