"""The request's language, and text columns stored side by side as `<name>_th` / `<name>_en`."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import get_language


def request_language() -> str:
    """ "en" or "th": the language Django activated from Accept-Language (default Thai)."""
    language = (get_language() or settings.LANGUAGE_CODE).lower()
    return "en" if language.startswith("en") else "th"


def localized(instance: Any, field: str) -> str:
    """The field in the request's language, falling back to Thai when there is no English."""
    thai: str = getattr(instance, f"{field}_th")
    if request_language() == "en":
        return getattr(instance, f"{field}_en", "") or thai
    return thai
