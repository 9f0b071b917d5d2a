"""The shop's team: who helps run it, invitations by e-mail, and accepting one.

Every member sees the team; only owners invite, withdraw invitations and remove members
(`vendor_owner_required`, and the services check again). Members and invitations are looked up
through `request.vendor`, so another shop's ids give 404.
"""

from __future__ import annotations

from typing import cast
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from marketplace.accounts.models import User
from marketplace.core.errors import DomainError
from marketplace.vendors.invitations import (
    TOKEN_PLACEHOLDER,
    invitation_accept,
    invitation_create,
    invitation_open,
    invitation_revoke,
)
from marketplace.vendors.models import MembershipRole, VendorInvitation, VendorMembership
from marketplace.vendors.selectors import vendor_invitations_open, vendor_members
from marketplace.vendors.services import membership_remove
from vendor_portal.access import PortalRequest, vendor_choose, vendor_member_required
from vendor_portal.access import vendor_owner_required as owner_required
from vendor_portal.forms_shop import InviteForm, add_domain_error


def portal_home() -> str:
    """The dashboard, or the orders while the dashboard is not there yet."""
    try:
        return reverse("vendor_portal:dashboard")
    except NoReverseMatch:
        return reverse("vendor_portal:order_list")


def _team_page(request: PortalRequest, form: InviteForm | None, status: int = 200) -> HttpResponse:
    is_owner = request.membership.role == MembershipRole.OWNER
    context = {
        "members": vendor_members(vendor=request.vendor),
        "invitations": vendor_invitations_open(vendor=request.vendor) if is_owner else [],
        "is_owner": is_owner,
        "form": form if is_owner else None,
    }
    template = "vendor_portal/team/team.html"
    if getattr(request, "htmx", False):
        template = "vendor_portal/team/_team_body.html"
    return render(request, template, context, status=status)


@require_GET
@vendor_member_required
def team(request: HttpRequest) -> HttpResponse:
    return _team_page(cast(PortalRequest, request), InviteForm())


@require_POST
@owner_required
def team_invite(request: HttpRequest) -> HttpResponse:
    portal = cast(PortalRequest, request)
    form = InviteForm(request.POST)
    if form.is_valid():
        link = reverse("vendor_portal:invitation_accept", kwargs={"token": TOKEN_PLACEHOLDER})
        try:
            invitation = invitation_create(
                vendor=portal.vendor,
                email=form.cleaned_data["email"],
                by=portal.user,
                link_template=request.build_absolute_uri(link),
                language_code=getattr(request, "LANGUAGE_CODE", "th"),
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s. The link works for 7 days.")
                % {"email": invitation.email},
            )
            if getattr(request, "htmx", False):
                return _team_page(portal, InviteForm())
            return redirect("vendor_portal:team")
    return _team_page(portal, form, status=400)


@require_POST
@owner_required
def team_remove(request: HttpRequest, membership_id: int) -> HttpResponse:
    portal = cast(PortalRequest, request)
    membership = get_object_or_404(
        VendorMembership.objects.select_related("user"), pk=membership_id, vendor=portal.vendor
    )
    try:
        membership_remove(vendor=portal.vendor, user=membership.user, by=portal.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("%(name)s is no longer a member of the shop.")
            % {"name": membership.user.get_full_name() or membership.user.email},
        )
    return redirect("vendor_portal:team")


@require_POST
@owner_required
def team_invitation_revoke(request: HttpRequest, invitation_id: int) -> HttpResponse:
    portal = cast(PortalRequest, request)
    invitation = get_object_or_404(VendorInvitation, pk=invitation_id, vendor=portal.vendor)
    invitation_revoke(invitation=invitation, by=portal.user)
    messages.success(
        request, _("The invitation to %(email)s is withdrawn.") % {"email": invitation.email}
    )
    return redirect("vendor_portal:team")


@require_http_methods(["GET", "POST"])
def invitation_accept_view(request: HttpRequest, token: str) -> HttpResponse:
    """Open to anyone with the link: a visitor is offered sign-up or sign-in (coming back here),
    a signed-in person presses "Join" (a POST)."""
    try:
        invitation = invitation_open(token=token)
    except DomainError as exc:
        return render(
            request, "vendor_portal/team/invitation.html", {"error": exc.message}, status=410
        )
    user = request.user
    error = ""
    if request.method == "POST":
        if not isinstance(user, User):
            raise Http404
        try:
            membership = invitation_accept(token=token, user=user)
        except DomainError as exc:
            error = exc.message
        else:
            vendor_choose(request, membership.vendor_id)
            messages.success(
                request, _("Welcome to %(shop)s!") % {"shop": membership.vendor.name_th}
            )
            return redirect(portal_home())
    back = urlencode({"next": request.path})
    context: dict[str, object] = {
        "invitation": invitation,
        "error": error,
        "signup_url": f"{reverse('vendor_portal:signup')}?{back}",
        "next_query": back,
        "signed_in_as": user.email if isinstance(user, User) else "",
    }
    return render(request, "vendor_portal/team/invitation.html", context)
