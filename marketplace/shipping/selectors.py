"""Which delivery methods a vendor offers, and what one costs for a given parcel."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from marketplace.core.money import quantize
from marketplace.shipping.errors import ShippingError, ShippingErrorCode
from marketplace.shipping.models import DeliveryKind, DeliveryMethod, WeightRate


def delivery_methods_for_vendors(vendor_ids: Iterable[int]) -> QuerySet[DeliveryMethod]:
    """Active methods of the vendors, with their weight tables, in display order (2 queries)."""
    return DeliveryMethod.objects.filter(
        vendor_id__in=list(vendor_ids), is_active=True
    ).prefetch_related(
        Prefetch("weight_rates", queryset=WeightRate.objects.order_by("max_weight_grams"))
    )


def delivery_price(*, method: DeliveryMethod, subtotal: Decimal, weight_grams: int) -> Decimal:
    """The price of one parcel of `weight_grams` for a vendor subtotal of `subtotal`.

    Raises `ShippingError` TOO_HEAVY when the weight table has no row for the parcel.
    Uses `method.weight_rates.all()`, so prefetch it (see `delivery_methods_for_vendors`).
    """
    if method.kind == DeliveryKind.PICKUP:
        return quantize(0)
    if method.free_above is not None and subtotal >= method.free_above:
        return quantize(0)
    if method.kind == DeliveryKind.FLAT_RATE:
        return quantize(method.price)
    rates = sorted(method.weight_rates.all(), key=lambda rate: rate.max_weight_grams)
    for rate in rates:
        if weight_grams <= rate.max_weight_grams:
            return quantize(rate.price)
    raise ShippingError(
        ShippingErrorCode.TOO_HEAVY,
        _("This parcel (%(weight)s g) is too heavy for “%(method)s”. Choose another delivery."),
        field="deliveryMethodId",
        params={"weight": weight_grams, "method": method.name_th},
    )
