"""The Stripe webhook endpoint: verify, store once, apply; answer fast."""

from __future__ import annotations

import logging

import stripe
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from payments.webhooks import WebhookNotConfigured, stripe_event_construct, stripe_event_process

logger = logging.getLogger(__name__)


@csrf_exempt
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    """400 for a forged, stale or unreadable event (nothing is stored); 200 with the outcome
    otherwise, also for event types Kad does not handle (Stripe stops retrying them)."""
    try:
        event = stripe_event_construct(
            payload=request.body, signature=request.headers.get("Stripe-Signature", "")
        )
    except WebhookNotConfigured:
        logger.error("Stripe webhook called but STRIPE_WEBHOOK_SECRET is not set")
        return JsonResponse({"error": "not configured"}, status=503)
    except (stripe.SignatureVerificationError, ValueError) as exc:
        logger.warning("Stripe webhook refused: %s", exc)
        return JsonResponse({"error": "invalid signature or payload"}, status=400)
    outcome = stripe_event_process(event=event)
    return JsonResponse({"received": True, "outcome": outcome})
