"""Whether Elasticsearch should be asked: configured, and not failed a moment ago.

When a request to Elasticsearch fails (connection refused, timeout, missing index), search
falls back to PostgreSQL and Elasticsearch is left alone for `SEARCH_RETRY_SECONDS`; the first
request after that tries it again, so search comes back by itself. One warning is logged when
Elasticsearch goes away and one info line when it answers again, not one per request.
"""

from __future__ import annotations

import logging
import threading
import time

from django.conf import settings

logger = logging.getLogger("search")

DEFAULT_RETRY_SECONDS = 30.0

_lock = threading.Lock()
_down_since = 0.0
_down_reason = ""


def retry_seconds() -> float:
    return float(getattr(settings, "SEARCH_RETRY_SECONDS", DEFAULT_RETRY_SECONDS))


def elasticsearch_configured() -> bool:
    return bool(settings.ELASTICSEARCH_URL)


def elasticsearch_usable() -> bool:
    if not elasticsearch_configured():
        return False
    return not _down_reason or time.monotonic() - _down_since >= retry_seconds()


def mark_down(reason: str) -> None:
    global _down_since, _down_reason
    with _lock:
        first = not _down_reason
        _down_since = time.monotonic()
        _down_reason = reason
    if first:
        logger.warning(
            "Elasticsearch is not answering (%s); search uses PostgreSQL for now", reason
        )


def mark_up() -> None:
    global _down_since, _down_reason
    with _lock:
        was_down = bool(_down_reason)
        _down_since, _down_reason = 0.0, ""
    if was_down:
        logger.info("Elasticsearch answers again; search uses it")


def reset() -> None:
    """Forget past failures (tests, and after a rebuild created the index)."""
    global _down_since, _down_reason
    with _lock:
        _down_since, _down_reason = 0.0, ""
