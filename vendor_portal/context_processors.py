"""The portal's shop switcher needs the member's shops on every portal page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def portal(request: HttpRequest) -> dict[str, Any]:
    vendor = getattr(request, "vendor", None)
    membership = getattr(request, "membership", None)
    return {"portal_vendor": vendor, "portal_membership": membership}
