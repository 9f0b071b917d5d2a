"""Reads of vendors: what shoppers may see, and what a signed-in member may manage."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils import timezone

from marketplace.accounts.models import User
from marketplace.municipalities.models import Municipality
from marketplace.vendors.models import (
    MembershipRole,
    Vendor,
    VendorInvitation,
    VendorMembership,
    VendorStatus,
)

Viewer = User | AnonymousUser | None


def vendor_list_visible(*, municipality: Municipality | None = None) -> QuerySet[Vendor]:
    """Vendors shoppers may see (approved only), with their places and municipality loaded."""
    vendors = Vendor.objects.filter(status=VendorStatus.APPROVED).select_related(
        "municipality", "district", "subdistrict"
    )
    if municipality is not None:
        vendors = vendors.filter(municipality=municipality)
    return vendors.order_by("name_th", "pk")


def vendor_get_by_slug(*, slug: str, viewer: Viewer = None) -> Vendor | None:
    """The vendor with this slug if `viewer` may see it, else None.

    Shoppers (and anonymous visitors) see approved vendors only; the vendor's own members and
    platform operators also see it while pending or suspended.
    """
    vendor = (
        Vendor.objects.select_related("municipality", "district", "subdistrict")
        .filter(slug=slug)
        .first()
    )
    if vendor is None:
        return None
    if vendor.status == VendorStatus.APPROVED:
        return vendor
    if isinstance(viewer, User) and viewer.is_active and viewer.is_staff:
        return vendor
    return vendor if vendor_can_manage(user=viewer, vendor=vendor) else None


def vendor_list_for_user(*, user: Viewer) -> QuerySet[Vendor]:
    """The vendors `user` is an owner or staff member of, whatever their status."""
    if not isinstance(user, User) or not user.is_active:
        return Vendor.objects.none()
    return (
        Vendor.objects.filter(memberships__user=user)
        .select_related("municipality", "district", "subdistrict")
        .order_by("name_th", "pk")
    )


def vendor_can_manage(*, user: Viewer, vendor: Vendor, owner_only: bool = False) -> bool:
    """Whether `user` may manage the vendor: an active member (owner or staff; only an owner
    when `owner_only`, e.g. to change members or payout details)."""
    if not isinstance(user, User) or not user.is_active:
        return False
    roles = [MembershipRole.OWNER] if owner_only else [MembershipRole.OWNER, MembershipRole.STAFF]
    return vendor.memberships.filter(user=user, role__in=roles).exists()


def vendor_owners(*, vendor: Vendor) -> QuerySet[User]:
    """The vendor's owners."""
    return User.objects.filter(
        vendor_memberships__vendor=vendor, vendor_memberships__role=MembershipRole.OWNER
    ).order_by("pk")


def vendor_application_of(*, user: User) -> Vendor | None:
    """The shop `user` applied for as its owner, the newest first, or None (not an applicant).

    Staff memberships do not count: a staff member of one shop may still apply for their own.
    """
    return (
        Vendor.objects.filter(memberships__user=user, memberships__role=MembershipRole.OWNER)
        .select_related("municipality", "district", "subdistrict")
        .order_by("-created_at", "-pk")
        .first()
    )


def vendor_members(*, vendor: Vendor) -> QuerySet[VendorMembership]:
    """The shop's members with their accounts, owners first, then by when they joined."""
    return (
        VendorMembership.objects.filter(vendor=vendor)
        .select_related("user")
        .annotate(
            owner_first=Case(
                When(role=MembershipRole.OWNER, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("owner_first", "created_at", "pk")
    )


def vendor_invitations_open(*, vendor: Vendor) -> QuerySet[VendorInvitation]:
    """Invitations of the shop that can still be accepted, newest first."""
    return VendorInvitation.objects.filter(
        vendor=vendor,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).order_by("-created_at", "-pk")
