from __future__ import annotations

from pathlib import Path

import pytest
from pytest_django.fixtures import Settings


@pytest.fixture(autouse=True)
def media_root(settings: Settings, tmp_path: Path) -> Path:
    """Files (vendor logos) go to a folder of this test's own."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path
