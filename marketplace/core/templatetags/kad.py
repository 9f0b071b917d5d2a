"""Filters every page uses: prices as ฿1,234.00 and dates in the reader's style.

`{% load kad %}` then `{{ price|baht }}`, `{{ when|kad_date }}`, `{{ when|kad_datetime }}`.
Thai dates use Buddhist-era years (the same rule as the officers' reports).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django import template
from django.utils import formats, timezone

from marketplace.analytics.templatetags.analytics_dates import (
    BUDDHIST_ERA_OFFSET,
    THAI_MONTHS,
    report_date,
    thai_language_active,
)
from marketplace.core.money import quantize

register = template.Library()


@register.filter
def baht(value: Decimal | int | str | None) -> str:
    """฿1,234.00 (an empty string for no value; a minus sign before the baht sign)."""
    if value is None or value == "":
        return ""
    try:
        amount = quantize(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return ""
    sign = "-" if amount < 0 else ""
    return f"{sign}฿{abs(amount):,.2f}"


@register.filter
def kad_date(value: date | datetime | None) -> str:
    """1 ม.ค. 2569 in Thai, Jan. 1, 2026 in English; datetimes are shown in Bangkok time."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return report_date(value)


@register.filter
def kad_datetime(value: datetime | None) -> str:
    """1 ม.ค. 2569 14:05 in Thai, Jan. 1, 2026, 2:05 p.m. in English (Bangkok time)."""
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    if thai_language_active():
        month = THAI_MONTHS[local.month - 1]
        return f"{local.day} {month} {local.year + BUDDHIST_ERA_OFFSET} {local:%H:%M}"
    return formats.date_format(local, "N j, Y, P")
