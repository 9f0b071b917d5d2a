"""Setting up vendors' delivery methods."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from marketplace.core.money import quantize
from marketplace.shipping.errors import ShippingError, ShippingErrorCode
from marketplace.shipping.models import DeliveryKind, DeliveryMethod, WeightRate
from marketplace.vendors.models import Vendor


@transaction.atomic
def delivery_method_create(
    *,
    vendor: Vendor,
    name_th: str,
    kind: str,
    name_en: str = "",
    price: Decimal = Decimal(0),
    free_above: Decimal | None = None,
    weight_rates: list[tuple[int, Decimal]] | None = None,
    min_days: int = 1,
    max_days: int = 5,
) -> DeliveryMethod:
    """Create a delivery method; a weight-table method needs at least one (max grams, price) row."""
    if kind == DeliveryKind.WEIGHT_TABLE and not weight_rates:
        raise ShippingError(
            ShippingErrorCode.WEIGHT_TABLE_EMPTY,
            _("Add at least one weight and price to the table."),
            field="weightRates",
        )
    method = DeliveryMethod(
        vendor=vendor,
        name_th=name_th.strip(),
        name_en=name_en.strip(),
        kind=kind,
        price=quantize(price),
        free_above=quantize(free_above) if free_above is not None else None,
        min_days=min_days,
        max_days=max_days,
    )
    _validate(method)
    method.save()
    for max_grams, rate_price in weight_rates or []:
        rate = WeightRate(method=method, max_weight_grams=max_grams, price=quantize(rate_price))
        _validate(rate)
        rate.save()
    return method


@transaction.atomic
def delivery_method_deactivate(*, method: DeliveryMethod) -> DeliveryMethod:
    method.is_active = False
    method.save(update_fields=["is_active"])
    return method


def _validate(instance: DeliveryMethod | WeightRate) -> None:
    try:
        instance.full_clean()
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise ShippingError(ShippingErrorCode.INVALID, messages[0], field=field) from exc
