"""Payments of orders: one active `Payment` per order, its history, Stripe events, refunds, slips.

Amounts are Decimal THB with two places, like every amount in Kad; satang integers exist only in
the Stripe gateway. A payment's status only moves forward (see `payments.services`), so a Stripe
event that arrives late or twice changes nothing.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from marketplace.orders.models import Order, VendorOrder


class Gateway(models.TextChoices):
    STRIPE = "stripe", _("Card or PromptPay (Stripe)")
    CASH_ON_DELIVERY = "cash_on_delivery", _("Cash on delivery")
    BANK_TRANSFER = "bank_transfer", _("Bank transfer")


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for payment")
    FAILED = "failed", _("Payment failed")
    AUTHORIZED = "authorized", _("Authorised, not captured")
    PAID = "paid", _("Paid")
    PARTIALLY_REFUNDED = "partially_refunded", _("Partially refunded")
    REFUNDED = "refunded", _("Refunded")
    CANCELLED = "cancelled", _("Cancelled")


class Payment(models.Model):
    """How one order is paid. An order may have had several (a failed card, then a transfer);
    only one is active."""

    order = models.ForeignKey(
        Order, on_delete=models.PROTECT, related_name="payments", verbose_name=_("order")
    )
    gateway = models.CharField(_("payment method"), max_length=32, choices=Gateway.choices)
    status = models.CharField(
        _("status"), max_length=24, choices=PaymentStatus.choices, default=PaymentStatus.PENDING
    )
    is_active = models.BooleanField(_("active"), default=True)
    currency = models.CharField(max_length=3, default="THB")
    amount = models.DecimalField(_("amount due"), max_digits=12, decimal_places=2)
    captured_amount = models.DecimalField(
        _("amount received"), max_digits=12, decimal_places=2, default=Decimal(0)
    )
    refunded_amount = models.DecimalField(
        _("amount refunded"), max_digits=12, decimal_places=2, default=Decimal(0)
    )
    # The n-th Stripe payment of the order: part of the idempotency key of its PaymentIntent.
    attempt = models.PositiveIntegerField(default=1)
    stripe_payment_intent_id = models.CharField(
        _("Stripe PaymentIntent"), max_length=255, unique=True, null=True, blank=True
    )
    stripe_charge_id = models.CharField(_("Stripe charge"), max_length=255, blank=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        indexes = [models.Index(fields=["gateway", "status", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["order"], condition=Q(is_active=True), name="payments_one_active_per_order"
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0, captured_amount__gte=0, refunded_amount__gte=0),
                name="payments_payment_amounts_gte_0",
            ),
            models.CheckConstraint(
                condition=Q(refunded_amount__lte=F("captured_amount")),
                name="payments_payment_refunded_lte_captured",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order_id}: {self.gateway} {self.status}"

    @property
    def refundable_amount(self) -> Decimal:
        return self.captured_amount - self.refunded_amount


class TransactionKind(models.TextChoices):
    INITIALIZE = "initialize", _("Payment started")
    AUTHORIZATION = "authorization", _("Authorised")
    CHARGE = "charge", _("Money received")
    FAILURE = "failure", _("Payment attempt failed")
    CANCEL = "cancel", _("Cancelled")
    REFUND = "refund", _("Refund")
    REFUND_FAILURE = "refund_failure", _("Refund failed")
    DISPUTE = "dispute", _("Dispute opened")
    AMOUNT_MISMATCH = "amount_mismatch", _("Amount does not match the order")
    SLIP_UPLOADED = "slip_uploaded", _("Transfer slip uploaded")
    SLIP_REJECTED = "slip_rejected", _("Transfer slip rejected")
    COD_COLLECTED = "cod_collected", _("Cash collected on delivery")


class PaymentTransaction(models.Model):
    """The history of a payment: every attempt, answer and manual step, never changed."""

    payment = models.ForeignKey(Payment, on_delete=models.CASCADE, related_name="transactions")
    kind = models.CharField(_("kind"), max_length=24, choices=TransactionKind.choices)
    is_success = models.BooleanField(_("succeeded"), default=True)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2, default=Decimal(0))
    vendor_order = models.ForeignKey(
        VendorOrder, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    psp_reference = models.CharField(_("gateway reference"), max_length=255, blank=True)
    stripe_event_id = models.CharField(max_length=255, blank=True)
    message = models.TextField(_("message"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("payment transaction")
        verbose_name_plural = _("payment transactions")
        constraints = [
            # Cash is collected once per parcel, however often the vendor presses the button.
            models.UniqueConstraint(
                fields=["payment", "vendor_order"],
                condition=Q(kind="cod_collected"),
                name="payments_cod_collected_once_per_vendor_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.payment_id}: {self.kind} {self.amount}"


class StripeEvent(models.Model):
    """Each Stripe event id is stored once; a second delivery of the same id does nothing."""

    class Outcome(models.TextChoices):
        HANDLED = "handled", _("Handled")
        IGNORED = "ignored", _("Ignored")
        UNKNOWN_PAYMENT = "unknown_payment", _("No payment of ours")

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100, db_index=True)
    stripe_created_at = models.DateTimeField(null=True, blank=True)
    livemode = models.BooleanField(default=False)
    payload = models.JSONField(default=dict)
    outcome = models.CharField(max_length=24, choices=Outcome.choices, default=Outcome.HANDLED)
    payment = models.ForeignKey(
        Payment, on_delete=models.SET_NULL, null=True, blank=True, related_name="stripe_events"
    )
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("Stripe event")
        verbose_name_plural = _("Stripe events")

    def __str__(self) -> str:
        return f"{self.event_id} {self.type}"


class RefundStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SUCCEEDED = "succeeded", _("Refunded")
    FAILED = "failed", _("Failed")


class Refund(models.Model):
    """Money given back for (part of) one vendor order, through Stripe or recorded by hand."""

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="refunds")
    vendor_order = models.ForeignKey(
        VendorOrder, on_delete=models.PROTECT, related_name="refunds", verbose_name=_("parcel")
    )
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    status = models.CharField(
        _("status"), max_length=16, choices=RefundStatus.choices, default=RefundStatus.PENDING
    )
    reason = models.TextField(_("reason"))
    restock = models.BooleanField(_("return the items to stock"), default=False)
    is_manual = models.BooleanField(_("paid back by hand"), default=False)
    idempotency_key = models.CharField(max_length=255, unique=True)
    stripe_refund_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    failure_message = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payments_refund_amount_gt_0")
        ]

    def __str__(self) -> str:
        return f"{self.vendor_order_id}: {self.amount} {self.status}"


class SlipStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a check")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")


class BankTransferSlip(models.Model):
    """A photo of the shopper's bank transfer slip, checked by an operator."""

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="slips")
    # Stored re-encoded without EXIF, under a random name (see services.bank_transfer_slip_upload).
    image = models.ImageField(_("slip"), upload_to="payments/slips/")
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    status = models.CharField(
        _("status"), max_length=16, choices=SlipStatus.choices, default=SlipStatus.PENDING
    )
    reject_reason = models.TextField(_("why it was rejected"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("bank transfer slip")
        verbose_name_plural = _("bank transfer slips")

    def __str__(self) -> str:
        return f"{self.payment_id}: {self.status}"
