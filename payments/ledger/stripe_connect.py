"""Stripe Connect for payouts: connected accounts, onboarding links, transfers.

Used only with PAYOUT_METHOD=stripe_connect, for a platform whose Stripe account supports
"separate charges and transfers" (Stripe does not offer it to Thai platforms). Every POST
carries an idempotency key derived from what it does. Money crosses this boundary in satang.
"""

from __future__ import annotations

import hashlib
import time
from decimal import Decimal

import stripe
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from marketplace.core.money import CURRENCY, to_satang
from payments.ledger.errors import LedgerError, LedgerErrorCode


class StripeRefused(Exception):
    """Stripe answered and refused the request (not a network failure)."""


def _client() -> stripe.StripeClient:
    if not settings.STRIPE_API_KEY:
        raise LedgerError(
            LedgerErrorCode.STRIPE_NOT_CONFIGURED, _("Stripe is not configured (STRIPE_API_KEY).")
        )
    base = settings.STRIPE_API_BASE
    return stripe.StripeClient(
        settings.STRIPE_API_KEY,
        base_addresses={"api": base} if base else None,
        max_network_retries=0,
    )


def _refused(exc: stripe.StripeError) -> LedgerError:
    return LedgerError(
        LedgerErrorCode.STRIPE_FAILED,
        _("Stripe refused the request: %(reason)s"),
        params={"reason": exc.user_message or str(exc)},
    )


def account_create(*, vendor_id: int, email: str) -> str:
    """A connected (Express) account for the vendor; the same one on a retry."""
    params: dict[str, object] = {
        "type": "express",
        "country": "TH",
        "capabilities": {"transfers": {"requested": True}},
        "metadata": {"vendor_id": str(vendor_id)},
    }
    if email:
        params["email"] = email
    try:
        account = _client().v1.accounts.create(
            params=params,  # type: ignore[arg-type]
            options={"idempotency_key": f"kad-connect-account-{vendor_id}"},
        )
    except stripe.APIConnectionError as exc:
        raise ConnectionError(str(exc)) from exc
    except stripe.StripeError as exc:
        raise _refused(exc) from exc
    return str(account.id)


def account_link_create(*, account_id: str, refresh_url: str, return_url: str) -> str:
    """A one-time onboarding URL for the connected account."""
    # Links expire within minutes: the key repeats a request only within the same minute.
    minute = int(time.time() // 60)
    what = f"{account_id}|{refresh_url}|{return_url}|{minute}"
    key = hashlib.sha256(what.encode()).hexdigest()[:32]
    try:
        link = _client().v1.account_links.create(
            params={
                "account": account_id,
                "refresh_url": refresh_url,
                "return_url": return_url,
                "type": "account_onboarding",
            },
            options={"idempotency_key": f"kad-account-link-{key}"},
        )
    except stripe.APIConnectionError as exc:
        raise ConnectionError(str(exc)) from exc
    except stripe.StripeError as exc:
        raise _refused(exc) from exc
    return str(link.url)


def transfer_create(
    *,
    amount: Decimal,
    destination: str,
    transfer_group: str,
    idempotency_key: str,
    metadata: dict[str, str],
) -> str:
    """One Transfer to a connected account; its id. Raises StripeRefused when Stripe refuses
    and ConnectionError when it cannot be reached (the caller retries with the same key)."""
    try:
        transfer = _client().v1.transfers.create(
            params={
                "amount": to_satang(amount),
                "currency": CURRENCY.lower(),
                "destination": destination,
                "transfer_group": transfer_group,
                "metadata": metadata,
            },
            options={"idempotency_key": idempotency_key},
        )
    except (stripe.APIConnectionError, stripe.RateLimitError, stripe.APIError) as exc:
        raise ConnectionError(str(exc)) from exc
    except stripe.StripeError as exc:
        raise StripeRefused(exc.user_message or str(exc)) from exc
    return str(transfer.id)
