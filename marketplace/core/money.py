"""Money is Decimal THB with two places inside Kad; satang integers only at the Stripe boundary."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CURRENCY = "THB"
_CENT = Decimal("0.01")


def quantize(amount: Decimal | int | str) -> Decimal:
    """Round to satang, half up: the one rounding rule of the project."""
    return Decimal(amount).quantize(_CENT, rounding=ROUND_HALF_UP)


def to_satang(amount: Decimal) -> int:
    return int(quantize(amount) * 100)


def from_satang(satang: int) -> Decimal:
    return quantize(Decimal(satang) / 100)


def percent_of(amount: Decimal, rate_percent: Decimal) -> Decimal:
    return quantize(amount * rate_percent / Decimal(100))
