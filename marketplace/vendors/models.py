"""Vendors (shops of artisans, community enterprises and OTOP groups) and their members."""

from __future__ import annotations

import uuid
from decimal import Decimal
from pathlib import PurePosixPath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from marketplace.municipalities.models import District, Municipality, Subdistrict


class VendorKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual artisan")
    COMMUNITY_ENTERPRISE = "community_enterprise", _("Community enterprise")
    OTOP_GROUP = "otop_group", _("OTOP group")


class VendorStatus(models.TextChoices):
    PENDING = "pending", _("Pending approval")
    APPROVED = "approved", _("Approved")
    SUSPENDED = "suspended", _("Suspended")
    # The co-op turned the application down (with a reason); the applicant may apply again.
    REJECTED = "rejected", _("Not approved")


def registration_document_path(instance: object, filename: str) -> str:
    """A random name under vendors/documents/: the uploaded name may carry personal details, and
    a guessable path would let anyone fetch an applicant's papers."""
    suffix = PurePosixPath(filename).suffix.lower()[:6]
    return f"vendors/documents/{uuid.uuid4().hex}{suffix}"


class Vendor(models.Model):
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name_th = models.CharField(_("shop name (Thai)"), max_length=200)
    name_en = models.CharField(_("shop name (English)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=VendorKind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=VendorStatus.choices, default=VendorStatus.PENDING
    )
    status_reason = models.TextField(_("reason for the status"), blank=True)
    story_th = models.TextField(_("story (Thai)"), blank=True)
    story_en = models.TextField(_("story (English)"), blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="vendors",
        verbose_name=_("municipality"),
    )
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="+", verbose_name=_("district")
    )
    subdistrict = models.ForeignKey(
        Subdistrict, on_delete=models.PROTECT, related_name="+", verbose_name=_("subdistrict")
    )
    # Where parcels leave from; checked against the subdistrict by location_validate.
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)
    # Certifications shoppers look for.
    otop_stars = models.PositiveSmallIntegerField(
        _("OTOP stars"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    geographical_indication = models.BooleanField(_("geographical indication (GI)"), default=False)
    community_product_standard = models.BooleanField(
        _("Thai Community Product Standard (มผช.)"), default=False
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    line_id = models.CharField(_("LINE ID"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    commission_rate = models.DecimalField(
        _("commission rate (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("10.00"),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    stripe_account_id = models.CharField(_("Stripe connected account"), max_length=64, blank=True)
    logo = models.ImageField(_("logo"), upload_to="vendors/logos/", blank=True)
    cover = models.ImageField(_("cover image"), upload_to="vendors/covers/", blank=True)
    # Proof of the shop's registration (community enterprise certificate, OTOP registration, ID
    # card of an individual artisan): a PDF or a photo, checked by `vendors.documents`.
    registration_document = models.FileField(
        _("registration document"),
        upload_to=registration_document_path,
        max_length=200,
        blank=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)

    class Meta:
        ordering = ["name_th"]
        verbose_name = _("vendor")
        verbose_name_plural = _("vendors")
        indexes = [models.Index(fields=["municipality", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(otop_stars__isnull=True) | Q(otop_stars__gte=1, otop_stars__lte=5),
                name="vendors_vendor_otop_stars_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(commission_rate__gte=0, commission_rate__lte=100),
                name="vendors_vendor_commission_rate_0_to_100",
            ),
        ]

    def __str__(self) -> str:
        return self.name_th


class MembershipRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    STAFF = "staff", _("Staff")


class VendorMembership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="vendor_memberships",
        verbose_name=_("user"),
    )
    vendor = models.ForeignKey(
        Vendor, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("vendor")
    )
    role = models.CharField(_("role"), max_length=16, choices=MembershipRole.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vendor membership")
        verbose_name_plural = _("vendor memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "vendor"], name="vendors_membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.vendor} ({self.role})"


class VendorEvent(models.TextChoices):
    """Changes of a vendor's status that its owners are told about."""

    APPROVED = "approved", _("Approved")
    SUSPENDED = "suspended", _("Suspended")
    REINSTATED = "reinstated", _("Reinstated")
    REJECTED = "rejected", _("Rejected")
    REAPPLIED = "reapplied", _("Applied again")


class VendorStatusChange(models.Model):
    """Audit of every status change: who did it, why, and whether the owners were e-mailed."""

    vendor = models.ForeignKey(
        Vendor, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("vendor")
    )
    event = models.CharField(_("event"), max_length=16, choices=VendorEvent.choices)
    reason = models.TextField(_("reason"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    # Set once the owners' e-mail went out (or was skipped as stale): a retried task sends nothing.
    notified_at = models.DateTimeField(_("owners notified"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("vendor status change")
        verbose_name_plural = _("vendor status changes")
        indexes = [models.Index(fields=["vendor", "event"])]

    def __str__(self) -> str:
        return f"{self.vendor} {self.event} {self.created_at:%Y-%m-%d}"


class VendorInvitation(models.Model):
    """An owner's invitation to join the shop as staff, e-mailed as a signed link.

    The link's token is signed (`vendors.invitations`) and names this row; the row says whether it
    is still open: it works once (`accepted_at`), until `expires_at`, unless revoked.
    """

    vendor = models.ForeignKey(
        Vendor, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("vendor")
    )
    email = models.EmailField(_("e-mail"))
    role = models.CharField(
        _("role"), max_length=16, choices=MembershipRole.choices, default=MembershipRole.STAFF
    )
    language_code = models.CharField(_("language of the e-mail"), max_length=8, default="th")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    revoked_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("vendor invitation")
        verbose_name_plural = _("vendor invitations")
        constraints = [
            # One open invitation per address and shop: inviting again renews it.
            models.UniqueConstraint(
                fields=["vendor", "email"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="vendors_invitation_one_open_per_email",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.vendor}"
