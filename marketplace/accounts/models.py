from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with an e-mail address: shopper, vendor member, operator, officer."""

    email = models.EmailField(_("e-mail address"), unique=True)
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    language_code = models.CharField(
        _("language"), max_length=8, default="th", choices=[("th", "ไทย"), ("en", "English")]
    )
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    # False from registration until the owner of the e-mail address follows the confirmation
    # link; True by default so that accounts made by operators and commands can sign in.
    is_confirmed = models.BooleanField(_("e-mail confirmed"), default=True)
    default_shipping_address = models.ForeignKey(
        "Address",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("default shipping address"),
    )
    default_billing_address = models.ForeignKey(
        "Address",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("default billing address"),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci")]

    def __str__(self) -> str:
        return self.email

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip() or self.email

    def get_short_name(self) -> str:
        return self.first_name or self.email


class AddressType(models.TextChoices):
    SHIPPING = "shipping", _("shipping")
    BILLING = "billing", _("billing")


class Country(models.TextChoices):
    THAILAND = "TH", _("Thailand")


class Address(models.Model):
    """A Thai postal address saved in a shopper's address book.

    Places are stored as geothai codes (checked together by `location_validate`) plus a snapshot of
    their names, so an address reads the same even if the place list is renamed later.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="addresses", verbose_name=_("user")
    )
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    company_name = models.CharField(_("company or group"), max_length=200, blank=True)
    # National form: 0 + 8 or 9 digits (see marketplace.accounts.addresses.phone_validate).
    phone = models.CharField(_("phone"), max_length=10)
    street_address_1 = models.CharField(_("house number, village, road"), max_length=256)
    street_address_2 = models.CharField(_("address line 2"), max_length=256, blank=True)
    subdistrict_code = models.CharField(_("subdistrict code"), max_length=6)
    subdistrict_name_th = models.CharField(_("subdistrict (Thai)"), max_length=100)
    subdistrict_name_en = models.CharField(_("subdistrict (English)"), max_length=100)
    district_code = models.CharField(_("district code"), max_length=4)
    district_name_th = models.CharField(_("district (Thai)"), max_length=100)
    district_name_en = models.CharField(_("district (English)"), max_length=100)
    province_code = models.CharField(_("province code"), max_length=2)
    province_name_th = models.CharField(_("province (Thai)"), max_length=100)
    province_name_en = models.CharField(_("province (English)"), max_length=100)
    postal_code = models.CharField(_("postal code"), max_length=5)
    country = models.CharField(
        _("country"), max_length=2, choices=Country.choices, default=Country.THAILAND
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("address")
        verbose_name_plural = _("addresses")
        indexes = [models.Index(fields=["user", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(country="TH"), name="accounts_address_country_th"
            ),
            models.CheckConstraint(
                condition=models.Q(postal_code__regex=r"^[0-9]{5}$"),
                name="accounts_address_postal_code_5_digits",
            ),
            models.CheckConstraint(
                condition=models.Q(phone__regex=r"^0[0-9]{8,9}$"),
                name="accounts_address_phone_national",
            ),
            models.CheckConstraint(
                condition=models.Q(subdistrict_code__startswith=models.F("district_code"))
                & models.Q(district_code__startswith=models.F("province_code")),
                name="accounts_address_places_nested",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}, {self.subdistrict_name_th} {self.postal_code}"
