"""Dates in the report's language: Thai with Buddhist-era years (พ.ศ. = ค.ศ. + 543)."""

from __future__ import annotations

from datetime import date

from django import template
from django.utils import formats
from django.utils.translation import get_language

register = template.Library()

BUDDHIST_ERA_OFFSET = 543
# Thai month abbreviations are data of the Thai calendar, not interface text.
THAI_MONTHS = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)


def thai_language_active() -> bool:
    return (get_language() or "th").lower().startswith("th")


def report_date(value: date) -> str:
    """1 ม.ค. 2568 in Thai, Jan. 1, 2025 (Django's format) otherwise."""
    if thai_language_active():
        return f"{value.day} {THAI_MONTHS[value.month - 1]} {value.year + BUDDHIST_ERA_OFFSET}"
    return formats.date_format(value, "N j, Y")


def report_month(value: date) -> str:
    """ม.ค. 2568 in Thai, Jan. 2025 otherwise."""
    if thai_language_active():
        return f"{THAI_MONTHS[value.month - 1]} {value.year + BUDDHIST_ERA_OFFSET}"
    return formats.date_format(value, "M Y")


@register.filter(name="report_date")
def report_date_filter(value: date | None) -> str:
    return report_date(value) if value else ""


@register.filter(name="report_month")
def report_month_filter(value: date | None) -> str:
    return report_month(value) if value else ""
