"""Thailand's administrative places (from `geothai`) and the municipalities that host Kad."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Province(models.Model):
    code = models.CharField(_("code"), max_length=2, primary_key=True)
    name_th = models.CharField(_("name (Thai)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)

    class Meta:
        ordering = ["name_th"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self) -> str:
        return self.name_th


class District(models.Model):
    """An amphoe (อำเภอ) or khet."""

    code = models.CharField(_("code"), max_length=4, primary_key=True)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="districts", verbose_name=_("province")
    )
    name_th = models.CharField(_("name (Thai)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self) -> str:
        return self.name_th


class Subdistrict(models.Model):
    """A tambon (ตำบล) or khwaeng, with the postal codes that serve it."""

    code = models.CharField(_("code"), max_length=6, primary_key=True)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="subdistricts", verbose_name=_("district")
    )
    name_th = models.CharField(_("name (Thai)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    postal_codes = ArrayField(models.CharField(max_length=5), default=list)

    class Meta:
        ordering = ["code"]
        verbose_name = _("subdistrict")
        verbose_name_plural = _("subdistricts")
        indexes = [
            models.Index(fields=["district"]),
            # Lookup by postal code (address forms, location_validate) is an array containment.
            GinIndex(fields=["postal_codes"], name="municipalities_subd_postal_gin"),
        ]

    def __str__(self) -> str:
        return self.name_th


class Municipality(models.Model):
    """A city that runs its own Kad storefront, vendors and reports (the tenant)."""

    slug = models.SlugField(_("slug"), max_length=64, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="municipalities",
        verbose_name=_("province"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    default_commission_rate = models.DecimalField(
        _("default commission rate (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("10.00"),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name_th"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    default_commission_rate__gte=0, default_commission_rate__lte=100
                ),
                name="municipalities_default_commission_rate_0_to_100",
            )
        ]

    def __str__(self) -> str:
        return self.name_th


class MunicipalOfficer(models.Model):
    """A municipal officer's seat: the user sees the reports of this municipality, and only these.

    Officers are staff users (they sign in through the admin's login page); operators
    (superusers) see every municipality without a seat.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="officer_seats",
        verbose_name=_("user"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="officers",
        verbose_name=_("municipality"),
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        ordering = ["municipality_id", "user_id"]
        verbose_name = _("municipal officer")
        verbose_name_plural = _("municipal officers")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality"], name="municipalities_officer_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.municipality}"
