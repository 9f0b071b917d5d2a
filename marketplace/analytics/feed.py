"""The push feed to the city data platform (CDLP): each open-data release POSTed, signed.

Request (one per attempt, the body identical on every attempt of a delivery):

    POST <CDLP_FEED_URL>
    Content-Type: application/json
    X-Kad-Event: open_data.published
    X-Kad-Delivery: <delivery id>          (the same on retries: the receiver may deduplicate)
    X-Kad-Timestamp: <Unix time, seconds>  (of this attempt)
    X-Kad-Signature: sha256=<hex HMAC-SHA256 over "<timestamp>.<body>" with CDLP_FEED_SECRET>

The receiver recomputes the HMAC over the timestamp's ASCII digits, a full stop and the raw body
bytes, compares in constant time, and should refuse a timestamp more than five minutes away from
its clock (a replay). Any 2xx answer is a delivery; anything else, or no answer within
`TIMEOUT_SECONDS`, is retried by the Celery task with exponential backoff.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
import urllib.error
import urllib.request
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from marketplace.analytics.errors import FeedDeliveryFailed
from marketplace.analytics.models import DeliveryStatus, FeedAttempt, FeedDelivery, OpenDataRelease

logger = logging.getLogger(__name__)

EVENT = "open_data.published"
TIMEOUT_SECONDS = 20
SIGNATURE_HEADER = "X-Kad-Signature"
TIMESTAMP_HEADER = "X-Kad-Timestamp"


def feed_sign(*, secret: str, timestamp: str, body: bytes) -> str:
    """`sha256=<hex>`: HMAC-SHA256 over the timestamp, a full stop and the body."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return f"sha256={digest.hexdigest()}"


def feed_body(release: OpenDataRelease, csv_text: str) -> dict[str, Any]:
    municipality = release.municipality
    return {
        "event": EVENT,
        "municipality": {
            "slug": municipality.slug,
            "name_th": municipality.name_th,
            "name_en": municipality.name_en,
        },
        "release": {
            "id": release.pk,
            "published_at": release.published_at.isoformat(),
            "first_month": release.first_month.isoformat() if release.first_month else None,
            "last_month": release.last_month.isoformat() if release.last_month else None,
            "rows": release.rows,
            "suppressed_rows": release.suppressed_rows,
        },
        "paths": {
            "catalog": "/open-data/catalog.jsonld",
            "datapackage": f"/open-data/{municipality.slug}/datapackage.json",
        },
        "datapackage": release.datapackage,
        # The resource inline, so the platform needs nothing else to ingest the release.
        "data": {release.datapackage["resources"][0]["path"]: csv_text},
    }


def feed_delivery_queue(*, release: OpenDataRelease) -> FeedDelivery | None:
    """Record a delivery of `release` to CDLP_FEED_URL and send it after commit; nothing when
    no feed is configured."""
    from marketplace.analytics.opendata import CSV_NAME, municipality_dir
    from marketplace.analytics.tasks import feed_deliver_task

    url = settings.CDLP_FEED_URL
    if not url:
        return None
    if not settings.CDLP_FEED_SECRET:
        # An unsigned delivery could be forged by anyone; better none than that.
        logger.error("CDLP_FEED_URL is set but CDLP_FEED_SECRET is empty: feed not sent")
        return None
    from django.core.files.storage import default_storage

    with default_storage.open(f"{municipality_dir(release.municipality)}/{CSV_NAME}") as file:
        csv_text = file.read().decode()
    delivery = FeedDelivery.objects.create(
        release=release,
        url=url,
        body=json.dumps(feed_body(release, csv_text), ensure_ascii=False, sort_keys=True),
    )
    transaction.on_commit(lambda: feed_deliver_task.delay(delivery_id=delivery.pk))
    return delivery


def _post(delivery: FeedDelivery, body: bytes) -> int:
    timestamp = str(int(time.time()))
    request = urllib.request.Request(  # noqa: S310 - the operator's configured https URL
        delivery.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "Kad-Feed/1",
            "X-Kad-Event": EVENT,
            "X-Kad-Delivery": str(delivery.pk),
            TIMESTAMP_HEADER: timestamp,
            SIGNATURE_HEADER: feed_sign(
                secret=settings.CDLP_FEED_SECRET, timestamp=timestamp, body=body
            ),
        },
    )
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
        return int(response.status)


def feed_delivery_attempt(*, delivery_id: int, last_try: bool = False) -> FeedDelivery:
    """POST the delivery once and log the attempt. Raises FeedDeliveryFailed on a network
    error or a non-2xx answer (after logging it; with `last_try` the delivery is marked failed).
    A delivery already delivered is not sent again."""
    delivery = FeedDelivery.objects.get(pk=delivery_id)
    if delivery.status == DeliveryStatus.DELIVERED:
        return delivery
    started = time.monotonic()
    status_code: int | None = None
    error = ""
    try:
        status_code = _post(delivery, delivery.body.encode())
    except urllib.error.HTTPError as exc:
        status_code, error = exc.code, f"HTTP {exc.code} {exc.reason}"
    except (urllib.error.URLError, OSError) as exc:
        error = f"{type(exc).__name__}: {getattr(exc, 'reason', exc)}"
    ok = status_code is not None and 200 <= status_code < 300
    with transaction.atomic():
        locked = FeedDelivery.objects.select_for_update().get(pk=delivery_id)
        locked.attempts = F("attempts") + 1
        locked.last_status_code = status_code
        locked.last_error = "" if ok else error or f"HTTP {status_code}"
        if ok:
            locked.status = DeliveryStatus.DELIVERED
            locked.delivered_at = timezone.now()
        elif last_try:
            locked.status = DeliveryStatus.FAILED
        locked.save()
        locked.refresh_from_db()
        FeedAttempt.objects.create(
            delivery=locked,
            number=locked.attempts,
            attempted_at=timezone.now(),
            status_code=status_code,
            error=locked.last_error,
            duration_ms=int((time.monotonic() - started) * 1000),
        )
    if not ok:
        raise FeedDeliveryFailed(locked.last_error)
    return locked
