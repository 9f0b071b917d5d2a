"""Orders: one `Order` per completed checkout, one `VendorOrder` per vendor in it.

Lines and addresses are snapshots: an order keeps showing what was bought, at what price and to
where, whatever happens to the catalogue or the shopper's address book afterwards.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.models import ProductVariant
from marketplace.vendors.models import Vendor


class OrderStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("Awaiting payment")
    UNFULFILLED = "unfulfilled", _("Unfulfilled")
    PARTIALLY_FULFILLED = "partially_fulfilled", _("Partially shipped")
    FULFILLED = "fulfilled", _("Shipped")
    COMPLETED = "completed", _("Delivered")
    CANCELLED = "cancelled", _("Cancelled")


class PaymentStatus(models.TextChoices):
    NOT_CHARGED = "not_charged", _("Not paid")
    PENDING = "pending", _("Payment pending")
    PAID = "paid", _("Paid")
    PARTIALLY_REFUNDED = "partially_refunded", _("Partially refunded")
    REFUNDED = "refunded", _("Refunded")


class Order(models.Model):
    number = models.CharField(_("number"), max_length=32, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="orders",
        verbose_name=_("customer"),
    )
    email = models.EmailField(_("e-mail"))
    language_code = models.CharField(max_length=8, default="th")
    status = models.CharField(
        _("status"), max_length=24, choices=OrderStatus.choices, default=OrderStatus.UNFULFILLED
    )
    payment_status = models.CharField(
        _("payment status"),
        max_length=24,
        choices=PaymentStatus.choices,
        default=PaymentStatus.NOT_CHARGED,
    )
    currency = models.CharField(max_length=3, default="THB")
    subtotal = models.DecimalField(_("subtotal"), max_digits=12, decimal_places=2)
    shipping_total = models.DecimalField(_("delivery"), max_digits=12, decimal_places=2)
    total = models.DecimalField(_("total"), max_digits=12, decimal_places=2)
    shipping_address = models.JSONField(_("shipping address"))
    billing_address = models.JSONField(_("billing address"))
    # The checkout this order came from: completing the same checkout twice returns this order.
    checkout_token = models.UUIDField(unique=True, null=True, blank=True, editable=False)
    customer_note = models.TextField(_("note from the customer"), blank=True)
    total_refunded = models.DecimalField(
        _("refunded"), max_digits=12, decimal_places=2, default=Decimal(0)
    )
    # Set by the payments domain when something needs a person: an amount that does not match,
    # a dispute, a refund made outside Kad.
    needs_review = models.BooleanField(_("needs review"), default=False, db_index=True)
    review_reason = models.TextField(_("why it needs review"), blank=True)
    created_at = models.DateTimeField(_("placed"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        indexes = [models.Index(fields=["email"]), models.Index(fields=["user", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(total=models.F("subtotal") + models.F("shipping_total")),
                name="orders_order_total_is_subtotal_plus_shipping",
            )
        ]

    def __str__(self) -> str:
        return self.number


class VendorOrderStatus(models.TextChoices):
    UNFULFILLED = "unfulfilled", _("Waiting for the maker")
    PROCESSING = "processing", _("Being prepared")
    SHIPPED = "shipped", _("Shipped")
    DELIVERED = "delivered", _("Delivered")
    CANCELLED = "cancelled", _("Cancelled")
    REFUNDED = "refunded", _("Refunded")


class VendorOrder(models.Model):
    """The part of an order that one vendor prepares and ships as one parcel."""

    order = models.ForeignKey(
        Order, on_delete=models.CASCADE, related_name="vendor_orders", verbose_name=_("order")
    )
    vendor = models.ForeignKey(
        Vendor, on_delete=models.PROTECT, related_name="vendor_orders", verbose_name=_("vendor")
    )
    number = models.CharField(_("number"), max_length=40, unique=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=VendorOrderStatus.choices,
        default=VendorOrderStatus.UNFULFILLED,
    )
    subtotal = models.DecimalField(_("subtotal"), max_digits=12, decimal_places=2)
    shipping_price = models.DecimalField(_("delivery"), max_digits=12, decimal_places=2)
    commission_rate = models.DecimalField(_("commission rate (%)"), max_digits=5, decimal_places=2)
    commission = models.DecimalField(_("commission"), max_digits=12, decimal_places=2)
    delivery_method_name = models.CharField(_("delivery"), max_length=200)
    delivery_method_id_snapshot = models.BigIntegerField(null=True, blank=True)
    is_pickup = models.BooleanField(default=False)
    carrier = models.CharField(_("carrier"), max_length=100, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=100, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    refunded_amount = models.DecimalField(
        _("refunded"), max_digits=12, decimal_places=2, default=Decimal(0)
    )
    shipped_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order_id", "id"]
        verbose_name = _("vendor order")
        verbose_name_plural = _("vendor orders")
        indexes = [models.Index(fields=["vendor", "status", "-created_at"])]
        constraints = [
            models.UniqueConstraint(fields=["order", "vendor"], name="orders_vendororder_unique")
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def total(self) -> Decimal:
        return self.subtotal + self.shipping_price


class OrderLine(models.Model):
    vendor_order = models.ForeignKey(
        VendorOrder, on_delete=models.CASCADE, related_name="lines", verbose_name=_("vendor order")
    )
    variant = models.ForeignKey(
        ProductVariant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="order_lines",
    )
    product_name = models.CharField(_("product"), max_length=250)
    product_name_en = models.CharField(max_length=250, blank=True)
    variant_name = models.CharField(_("variant"), max_length=200, blank=True)
    sku = models.CharField(_("SKU"), max_length=64)
    unit_price = models.DecimalField(_("unit price"), max_digits=12, decimal_places=2)
    quantity = models.PositiveIntegerField(_("quantity"))
    total = models.DecimalField(_("total"), max_digits=12, decimal_places=2)
    weight_grams = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["vendor_order_id", "id"]
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="orders_line_quantity_gt_0"),
            models.CheckConstraint(
                condition=Q(total=models.F("unit_price") * models.F("quantity")),
                name="orders_line_total_is_price_times_quantity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} x {self.sku}"


class OrderEvent(models.Model):
    """The audit trail: every change to an order, when, and who made it."""

    class Type(models.TextChoices):
        PLACED = "placed", _("Order placed")
        PAYMENT = "payment", _("Payment")
        STATUS = "status", _("Status changed")
        SHIPPED = "shipped", _("Shipped")
        DELIVERED = "delivered", _("Delivered")
        CANCELLED = "cancelled", _("Cancelled")
        REFUNDED = "refunded", _("Refunded")
        EMAIL_SENT = "email_sent", _("E-mail sent")
        NOTE = "note", _("Note")

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    vendor_order = models.ForeignKey(
        VendorOrder, on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    type = models.CharField(max_length=24, choices=Type.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    parameters = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("order event")
        verbose_name_plural = _("order events")

    def __str__(self) -> str:
        return f"{self.order_id}: {self.type}"


class OrderLineAllocation(models.Model):
    """Which stock rows hold the units reserved for an order line (set by the inventory services
    when the order is placed; shipping turns them into a stock decrease, cancelling releases them).
    """

    order_line = models.ForeignKey(OrderLine, on_delete=models.CASCADE, related_name="allocations")
    stock = models.ForeignKey(
        "inventory.Stock", on_delete=models.PROTECT, related_name="order_allocations"
    )
    quantity = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["order_line", "stock"], name="orders_allocation_line_stock"
            ),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="orders_allocation_qty_gt_0"),
        ]

    def __str__(self) -> str:
        return f"{self.order_line_id}: {self.quantity} from stock {self.stock_id}"
