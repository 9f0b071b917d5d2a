"""The cart (Saleor's `Checkout`): addressed by a token, for guests and signed-in shoppers."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.models import ProductVariant
from marketplace.shipping.models import DeliveryMethod
from marketplace.vendors.models import Vendor


class Checkout(models.Model):
    token = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="checkouts",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    language_code = models.CharField(max_length=8, default="th")
    # Validated Thai addresses (see checkout.addresses); copied into the order on completion.
    shipping_address = models.JSONField(null=True, blank=True)
    billing_address = models.JSONField(null=True, blank=True)
    customer_note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("checkout")
        verbose_name_plural = _("checkouts")

    def __str__(self) -> str:
        return str(self.token)


class CheckoutLine(models.Model):
    checkout = models.ForeignKey(Checkout, on_delete=models.CASCADE, related_name="lines")
    variant = models.ForeignKey(ProductVariant, on_delete=models.CASCADE, related_name="+")
    quantity = models.PositiveIntegerField()
    # The price the shopper saw when adding the line; a different current price is announced.
    price_when_added = models.DecimalField(max_digits=12, decimal_places=2)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["checkout_id", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["checkout", "variant"], name="checkout_line_unique"),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="checkout_line_qty_gt_0"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} x {self.variant_id}"

    @property
    def price_changed(self) -> bool:
        return self.variant.price != self.price_when_added

    @property
    def current_total(self) -> Decimal:
        return self.variant.price * self.quantity


class CheckoutDelivery(models.Model):
    """The delivery method the shopper chose for one vendor's parcel."""

    checkout = models.ForeignKey(Checkout, on_delete=models.CASCADE, related_name="deliveries")
    vendor = models.ForeignKey(Vendor, on_delete=models.CASCADE, related_name="+")
    method = models.ForeignKey(DeliveryMethod, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["checkout", "vendor"], name="checkout_delivery_unique")
        ]

    def __str__(self) -> str:
        return f"{self.checkout_id}: {self.vendor_id} → {self.method_id}"
