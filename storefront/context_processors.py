"""What every storefront page shows about the shopper's cart (the header's cart link)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def cart(request: HttpRequest) -> dict[str, Any]:
    # Filled in by the cart work (issue 7): the number of items in the shopper's cart.
    return {"cart_quantity": 0}
