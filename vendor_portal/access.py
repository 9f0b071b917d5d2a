"""Who is working in the portal, for which shop, and with what role.

Every portal view is wrapped in `vendor_member_required` (or `vendor_owner_required`): the
request then carries `request.vendor` (the shop the member works on now) and
`request.membership`. A member of several shops picks one; the choice lives in the session.
Objects of another shop are looked up through `request.vendor` only, so a member of shop A
asking for shop B's product, variant, order or payout gets a 404, never B's data. A pending
shop may prepare drafts (publishing waits for approval, a catalogue rule); a suspended one sees
its pages but cannot publish; a rejected one is sent to its application's status page.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from marketplace.accounts.models import User
from marketplace.vendors.models import MembershipRole, Vendor, VendorMembership, VendorStatus

SESSION_KEY = "vendor_portal.vendor_id"

View = Callable[..., HttpResponse]


class PortalRequest(HttpRequest):
    """An HttpRequest that went through `vendor_member_required` (for type checkers)."""

    user: User
    vendor: Vendor
    membership: VendorMembership


def memberships(user: User) -> list[VendorMembership]:
    return list(
        VendorMembership.objects.filter(user=user, user__is_active=True)
        .select_related("vendor", "vendor__district", "vendor__subdistrict")
        .order_by("vendor__name_th", "vendor_id")
    )


def current_membership(request: HttpRequest) -> VendorMembership | None:
    """The membership the signed-in user works under now, or None if they belong to no shop."""
    user = request.user
    if not isinstance(user, User) or not user.is_active:
        return None
    mine = memberships(user)
    if not mine:
        return None
    chosen = request.session.get(SESSION_KEY)
    for membership in mine:
        if membership.vendor_id == chosen:
            return membership
    return mine[0]


def vendor_choose(request: HttpRequest, vendor_id: int) -> bool:
    """Switch the portal to another of the user's shops; False if the user is not a member."""
    user = request.user
    if not isinstance(user, User):
        return False
    if not VendorMembership.objects.filter(user=user, vendor_id=vendor_id).exists():
        return False
    request.session[SESSION_KEY] = vendor_id
    return True


def _required(*, owner_only: bool) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            membership = current_membership(request)
            if membership is None:
                # Signed in but no shop yet: the way in is the shop application.
                return redirect("vendor_portal:apply")
            if membership.vendor.status == VendorStatus.REJECTED:
                # A turned-down application has nothing to manage yet: the status page shows the
                # reason and the way to correct and re-apply.
                return redirect("vendor_portal:apply_status")
            if owner_only and membership.role != MembershipRole.OWNER:
                raise PermissionDenied(_("Only the shop's owner can do this."))
            request.vendor = membership.vendor  # type: ignore[attr-defined]
            request.membership = membership  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


vendor_member_required = _required(owner_only=False)
vendor_owner_required = _required(owner_only=True)
