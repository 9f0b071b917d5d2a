"""The payout ledger.

Every change to what Kad owes a vendor is one immutable `LedgerEntry`, signed from the
vendor's side: a delivered vendor order credits it (subtotal + shipping - commission), a refund
debits it, a payout debits it, and a payout that failed at the bank credits the money back.
The balance is the sum of the posted entries. Payouts are grouped in `PayoutRun`s.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from marketplace.orders.models import VendorOrder
from marketplace.vendors.models import Vendor
from payments.ledger.destinations import BANK_CHOICES, PROMPTPAY_ID, PROMPTPAY_MOBILE


class DestinationKind(models.TextChoices):
    BANK = "bank", _("Bank account")
    PROMPTPAY = "promptpay", _("PromptPay")


class PromptPayKind(models.TextChoices):
    ID_NUMBER = PROMPTPAY_ID, _("National ID or tax ID")
    MOBILE = PROMPTPAY_MOBILE, _("Mobile number")


class PayoutMethod(models.TextChoices):
    BANK_BATCH = "bank_batch", _("Bank / PromptPay batch file")
    STRIPE_CONNECT = "stripe_connect", _("Stripe Connect transfer")


class VendorPayoutAccount(models.Model):
    """Where a vendor's payouts go. Only the vendor's owners change it (payout services)."""

    vendor = models.OneToOneField(
        Vendor, on_delete=models.CASCADE, related_name="payout_account", verbose_name=_("vendor")
    )
    kind = models.CharField(
        _("paid to"), max_length=16, choices=DestinationKind.choices, blank=True
    )
    account_name = models.CharField(_("account holder's name"), max_length=200, blank=True)
    bank_code = models.CharField(_("bank"), max_length=3, choices=BANK_CHOICES, blank=True)
    account_number = models.CharField(_("account number"), max_length=15, blank=True)
    promptpay_id = models.CharField(_("PromptPay ID"), max_length=13, blank=True)
    promptpay_kind = models.CharField(
        _("PromptPay ID kind"), max_length=16, choices=PromptPayKind.choices, blank=True
    )
    stripe_account_id = models.CharField(_("Stripe connected account"), max_length=64, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("payout account")
        verbose_name_plural = _("payout accounts")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="")
                | Q(kind=DestinationKind.BANK, promptpay_id="")
                & ~Q(bank_code="")
                & ~Q(account_number="")
                & ~Q(account_name="")
                | Q(kind=DestinationKind.PROMPTPAY, bank_code="", account_number="")
                & ~Q(promptpay_id="")
                & ~Q(promptpay_kind="")
                & ~Q(account_name=""),
                name="ledger_payoutaccount_destination_complete",
            )
        ]

    def __str__(self) -> str:
        return f"{self.vendor}: {self.get_kind_display() or '-'}"


class PayoutRun(models.Model):
    """One payout run: at most one payout per vendor, all by the same method."""

    method = models.CharField(_("method"), max_length=16, choices=PayoutMethod.choices)
    hold_cutoff = models.DateTimeField(_("credits delivered before"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    # Vendors with money due but nowhere to send it: [{"vendor_id": 1, "amount": "12.00"}].
    skipped = models.JSONField(_("vendors without a payout account"), default=list, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("payout run")
        verbose_name_plural = _("payout runs")

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"KAD-PR-{self.pk:06d}"

    @property
    def transfer_group(self) -> str:
        """Stripe's transfer_group for the run's transfers: a transfer covers many orders."""
        return f"kad-payout-run-{self.pk}"


class PayoutStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    PAID = "paid", _("Paid")
    FAILED = "failed", _("Failed")


class Payout(models.Model):
    """One vendor's money in one run, with a snapshot of where it was sent."""

    run = models.ForeignKey(
        PayoutRun, on_delete=models.PROTECT, related_name="payouts", verbose_name=_("run")
    )
    vendor = models.ForeignKey(
        Vendor, on_delete=models.PROTECT, related_name="payouts", verbose_name=_("vendor")
    )
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    status = models.CharField(
        _("status"), max_length=16, choices=PayoutStatus.choices, default=PayoutStatus.PENDING
    )
    method = models.CharField(_("method"), max_length=16, choices=PayoutMethod.choices)
    destination_kind = models.CharField(
        _("paid to"), max_length=16, choices=DestinationKind.choices, blank=True
    )
    account_name = models.CharField(_("account holder's name"), max_length=200, blank=True)
    bank_code = models.CharField(_("bank"), max_length=3, blank=True)
    account_number = models.CharField(_("account number"), max_length=15, blank=True)
    promptpay_id = models.CharField(_("PromptPay ID"), max_length=13, blank=True)
    promptpay_kind = models.CharField(_("PromptPay ID kind"), max_length=16, blank=True)
    stripe_account_id = models.CharField(_("Stripe connected account"), max_length=64, blank=True)
    bank_reference = models.CharField(_("bank reference"), max_length=100, blank=True)
    stripe_transfer_id = models.CharField(_("Stripe transfer"), max_length=64, blank=True)
    failure_reason = models.TextField(_("why it failed"), blank=True)
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("settled by"),
    )
    settled_at = models.DateTimeField(_("settled"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["run_id", "id"]
        verbose_name = _("payout")
        verbose_name_plural = _("payouts")
        indexes = [models.Index(fields=["vendor", "-created_at"])]
        constraints = [
            models.UniqueConstraint(fields=["run", "vendor"], name="ledger_payout_one_per_run"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="ledger_payout_amount_gt_0"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        """Our reference, printed on the bank batch line and the vendor's statement."""
        return f"KAD-PO-{self.pk:08d}"


class EntryKind(models.TextChoices):
    CREDIT = "credit", _("Delivered order")
    REFUND = "refund", _("Refund")
    PAYOUT = "payout", _("Payout")
    PAYOUT_RETURNED = "payout_returned", _("Failed payout returned")


class LedgerEntry(models.Model):
    """One immutable line of a vendor's ledger; `amount` is signed from the vendor's side.

    For order entries `gross` is the shopper's money (+ for a delivered order, - for a refund)
    and `commission` Kad's share of it, so that `amount = gross - commission` always.
    """

    vendor = models.ForeignKey(
        Vendor, on_delete=models.PROTECT, related_name="ledger_entries", verbose_name=_("vendor")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=EntryKind.choices)
    vendor_order = models.ForeignKey(
        VendorOrder,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ledger_entries",
        verbose_name=_("vendor order"),
    )
    payout = models.ForeignKey(
        Payout,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ledger_entries",
        verbose_name=_("payout"),
    )
    gross = models.DecimalField(_("order amount"), max_digits=12, decimal_places=2, default=0)
    commission = models.DecimalField(_("commission"), max_digits=12, decimal_places=2, default=0)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    # The refund's id at the gateway (or the operator's manual refund id): one entry per refund.
    reference = models.CharField(_("reference"), max_length=255, blank=True)
    # When the entry started to count in the balance. A refund of a vendor order that is not
    # delivered yet waits (null) and is posted with the order's credit: the vendor is never
    # debited for money it was never credited.
    posted_at = models.DateTimeField(_("posted"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        indexes = [models.Index(fields=["vendor", "posted_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["vendor_order"],
                condition=Q(kind=EntryKind.CREDIT),
                name="ledger_entry_one_credit_per_vendor_order",
            ),
            models.UniqueConstraint(
                fields=["reference"],
                condition=Q(kind=EntryKind.REFUND),
                name="ledger_entry_one_debit_per_refund",
            ),
            models.UniqueConstraint(
                fields=["payout", "kind"],
                condition=Q(payout__isnull=False),
                name="ledger_entry_payout_once_per_kind",
            ),
            models.CheckConstraint(
                condition=Q(amount=F("gross") - F("commission")),
                name="ledger_entry_amount_is_gross_minus_commission",
            ),
            models.CheckConstraint(
                condition=Q(kind=EntryKind.CREDIT, amount__gte=0, vendor_order__isnull=False)
                | Q(kind=EntryKind.REFUND, amount__lte=0, vendor_order__isnull=False)
                & ~Q(reference="")
                | Q(kind=EntryKind.PAYOUT, amount__lt=0, payout__isnull=False)
                | Q(kind=EntryKind.PAYOUT_RETURNED, amount__gt=0, payout__isnull=False),
                name="ledger_entry_kind_sign_and_link",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vendor_id} {self.kind} {self.amount}"
