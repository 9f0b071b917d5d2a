"""Stock per variant and vendor location. Only `inventory.services` changes these rows."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.models import ProductVariant
from marketplace.municipalities.models import District, Subdistrict
from marketplace.vendors.models import Vendor


class StockLocation(models.Model):
    """Where a vendor keeps goods (a workshop, a co-op store); parcels ship from here."""

    vendor = models.ForeignKey(
        Vendor, on_delete=models.CASCADE, related_name="locations", verbose_name=_("vendor")
    )
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="+", verbose_name=_("district")
    )
    subdistrict = models.ForeignKey(
        Subdistrict, on_delete=models.PROTECT, related_name="+", verbose_name=_("subdistrict")
    )
    postal_code = models.CharField(_("postal code"), max_length=5)
    is_default = models.BooleanField(_("default location"), default=True)

    class Meta:
        ordering = ["vendor_id", "-is_default", "id"]
        verbose_name = _("stock location")
        verbose_name_plural = _("stock locations")

    def __str__(self) -> str:
        return f"{self.vendor} — {self.name}"


class Stock(models.Model):
    variant = models.ForeignKey(
        ProductVariant, on_delete=models.CASCADE, related_name="stocks", verbose_name=_("variant")
    )
    location = models.ForeignKey(
        StockLocation, on_delete=models.PROTECT, related_name="stocks", verbose_name=_("location")
    )
    quantity = models.IntegerField(_("quantity"), default=0)
    quantity_allocated = models.IntegerField(_("allocated"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["variant_id", "location_id"]
        verbose_name = _("stock")
        verbose_name_plural = _("stock")
        constraints = [
            models.UniqueConstraint(
                fields=["variant", "location"], name="inventory_stock_variant_location"
            ),
            models.CheckConstraint(condition=Q(quantity__gte=0), name="inventory_stock_qty_gte_0"),
            models.CheckConstraint(
                condition=Q(quantity_allocated__gte=0), name="inventory_stock_alloc_gte_0"
            ),
            models.CheckConstraint(
                condition=Q(quantity_allocated__lte=F("quantity")),
                name="inventory_stock_alloc_lte_qty",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.variant.sku} @ {self.location_id}: {self.quantity}"

    @property
    def quantity_available(self) -> int:
        return self.quantity - self.quantity_allocated
