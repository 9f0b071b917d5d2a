from __future__ import annotations

from enum import Enum

from marketplace.core.errors import DomainError


class AnalyticsErrorCode(Enum):
    NOT_FOUND = "not_found"
    FORBIDDEN = "forbidden"
    INVALID_PERIOD = "invalid_period"
    INVALID_AMOUNT = "invalid_amount"
    REFERENCE_REQUIRED = "reference_required"
    REFERENCE_REUSED = "reference_reused"
    FEED_NOT_CONFIGURED = "feed_not_configured"
    FEED_REJECTED = "feed_rejected"


class AnalyticsError(DomainError):
    """A report, a fact or a publication could not be made as asked; nothing was changed."""


class FeedDeliveryFailed(Exception):
    """The city data platform did not accept a delivery (a network error or a non-2xx answer);
    the Celery task retries it with exponential backoff."""
