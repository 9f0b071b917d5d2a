"""Portal pages share a navigation bar and the member's shop; both come from here."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# (url name, label): an entry shows once its page exists.
PORTAL_NAV = (
    ("vendor_portal:dashboard", _("Dashboard")),
    ("vendor_portal:product_list", _("Products")),
    ("vendor_portal:import", _("Import")),
    ("vendor_portal:order_list", _("Orders")),
    ("vendor_portal:money", _("Money")),
    ("vendor_portal:team", _("Team")),
)


def portal(request: HttpRequest) -> dict[str, Any]:
    vendor = getattr(request, "vendor", None)
    if vendor is None:
        return {}
    nav = []
    for name, label in PORTAL_NAV:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        # The dashboard is the portal's root: every portal address starts with it.
        current = (
            request.path == url
            if name == "vendor_portal:dashboard"
            else (request.path.startswith(url))
        )
        nav.append({"url": url, "label": label, "current": current})
    return {
        "portal_vendor": vendor,
        "portal_membership": getattr(request, "membership", None),
        "portal_nav": nav,
    }
