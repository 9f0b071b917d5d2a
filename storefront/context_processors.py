"""What every storefront page shows about the shopper's cart (the header's cart link)."""

from __future__ import annotations

from typing import Any

from django.db.models import Sum
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from marketplace.checkout.models import CheckoutLine
from storefront.cart import cart_token


def _quantity(token: str | None) -> int:
    if token is None:
        return 0
    total = CheckoutLine.objects.filter(checkout_id=token).aggregate(units=Sum("quantity"))
    return int(total["units"] or 0)


def cart(request: HttpRequest) -> dict[str, Any]:
    """`cart_quantity`: units in this browser's cart. One query, and only when a page shows it
    (lazy), none at all for a browser without a cart."""
    token = cart_token(request)
    return {"cart_quantity": SimpleLazyObject(lambda: _quantity(token))}
