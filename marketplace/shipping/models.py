"""Each vendor's delivery methods: the shopper picks one per vendor at checkout."""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from marketplace.vendors.models import Vendor


class DeliveryKind(models.TextChoices):
    FLAT_RATE = "flat_rate", _("Flat rate")
    WEIGHT_TABLE = "weight_table", _("By weight")
    PICKUP = "pickup", _("Pick up at the shop")


class DeliveryMethod(models.Model):
    vendor = models.ForeignKey(
        Vendor, on_delete=models.CASCADE, related_name="delivery_methods", verbose_name=_("vendor")
    )
    name_th = models.CharField(_("name (Thai)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=DeliveryKind.choices)
    # Flat rate: the price of every parcel. Weight table: unused (see the rates).
    price = models.DecimalField(
        _("price (THB)"),
        max_digits=10,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    # Delivery is free when the vendor's subtotal reaches this amount.
    free_above = models.DecimalField(
        _("free from a subtotal of (THB)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    min_days = models.PositiveSmallIntegerField(_("days at least"), default=1)
    max_days = models.PositiveSmallIntegerField(_("days at most"), default=5)
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.IntegerField(default=0)

    class Meta:
        ordering = ["vendor_id", "sort_order", "id"]
        verbose_name = _("delivery method")
        verbose_name_plural = _("delivery methods")
        constraints = [
            models.CheckConstraint(condition=Q(price__gte=0), name="shipping_method_price_gte_0"),
            models.CheckConstraint(
                condition=Q(max_days__gte=models.F("min_days")), name="shipping_method_days_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vendor} — {self.name_th}"


class WeightRate(models.Model):
    """One row of a weight table: parcels up to `max_weight_grams` cost `price`."""

    method = models.ForeignKey(
        DeliveryMethod, on_delete=models.CASCADE, related_name="weight_rates"
    )
    max_weight_grams = models.PositiveIntegerField(_("up to (g)"))
    price = models.DecimalField(
        _("price (THB)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)]
    )

    class Meta:
        ordering = ["method_id", "max_weight_grams"]
        verbose_name = _("weight rate")
        verbose_name_plural = _("weight rates")
        constraints = [
            models.UniqueConstraint(
                fields=["method", "max_weight_grams"], name="shipping_weightrate_unique"
            ),
            models.CheckConstraint(
                condition=Q(price__gte=0), name="shipping_weightrate_price_gte_0"
            ),
        ]

    def __str__(self) -> str:
        return f"≤{self.max_weight_grams} g: {self.price}"
