"""Small pure helpers of the facts: the shopper hash, the local day, splitting an amount.

Kept apart from services.py so that the rebuild, the benchmarks and the tests share them.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings

from marketplace.core.money import from_satang, quantize, to_satang

BANGKOK = ZoneInfo("Asia/Bangkok")


def shopper_hash(email: str) -> str:
    """A keyed hash of the shopper's e-mail: the same shopper gives the same hash, and nobody
    without SECRET_KEY can test an e-mail against it (a plain hash of an e-mail is guessable)."""
    key = hashlib.sha256(b"kad.analytics.shopper:" + settings.SECRET_KEY.encode()).digest()
    return hmac.new(key, email.strip().lower().encode(), hashlib.sha256).hexdigest()


def local_day(moment: datetime) -> date:
    return moment.astimezone(BANGKOK).date()


def category_root_id(category_id: int, path: str) -> int:
    """The id at the top of a category's tree ("1/4/9/" → 1; a node without a path is a root)."""
    head = path.split("/", 1)[0]
    return int(head) if head.isdigit() else category_id


def spread(total: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """Split `total` over `weights` in proportion, to the satang (half up), with whatever the
    rounding left over put on the largest weight, so that the parts add up to `total` exactly.
    Zero weights everywhere split nothing but put the whole on the first part."""
    if not weights:
        return []
    total = quantize(total)
    weight_sum = sum(weights, Decimal(0))
    if weight_sum == 0:
        return [total] + [Decimal("0.00")] * (len(weights) - 1)
    parts = [quantize(total * weight / weight_sum) for weight in weights]
    largest = max(range(len(weights)), key=lambda i: (weights[i], -i))
    parts[largest] += from_satang(to_satang(total) - sum(to_satang(p) for p in parts))
    return parts
