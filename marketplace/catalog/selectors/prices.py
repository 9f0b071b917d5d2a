"""The stored price range of products (`Product.min_price` / `max_price`) against their variants."""

from __future__ import annotations

from django.db.models import F, Max, Min, Q, QuerySet

from marketplace.catalog.models import Product


def products_with_stale_prices() -> QuerySet[Product]:
    """Products whose stored cheapest or dearest price differs from their variants' (None when
    they have no variant). Empty when every write went through the catalogue services or the
    import; a consistency check and the tests read it."""
    return (
        Product.objects.annotate(low=Min("variants__price"), high=Max("variants__price"))
        .filter(
            # IS DISTINCT FROM, spelt with lookups: a difference, or a NULL on one side only.
            Q(min_price__lt=F("low"))
            | Q(min_price__gt=F("low"))
            | Q(max_price__lt=F("high"))
            | Q(max_price__gt=F("high"))
            | Q(min_price__isnull=True, low__isnull=False)
            | Q(min_price__isnull=False, low__isnull=True)
            | Q(max_price__isnull=True, high__isnull=False)
            | Q(max_price__isnull=False, high__isnull=True)
        )
        .order_by("id")
    )
