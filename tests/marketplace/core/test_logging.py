"""Production logs are JSON lines that a log collector can parse."""

from __future__ import annotations

import io
import json
import logging
import logging.config
from typing import Any

from django.conf import settings


def test_json_formatter_writes_one_parsable_object_per_line() -> None:
    config: dict[str, Any] = dict(settings.LOGGING)
    stream = io.StringIO()
    formatter = logging.config.DictConfigurator(config).configure_custom(
        dict(config["formatters"]["json"])
    )
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter)
    logger = logging.getLogger("kad.test.json")
    logger.addHandler(handler)
    logger.propagate = False
    logger.warning("stock low for %s", "SKU-1", extra={"vendor_id": 7})
    record = json.loads(stream.getvalue().strip())
    assert record["message"] == "stock low for SKU-1"
    assert record["level"] == "WARNING"
    assert record["logger"] == "kad.test.json"
    assert record["vendor_id"] == 7
