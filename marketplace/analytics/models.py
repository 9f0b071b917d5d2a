"""Sales facts (one row per paid order line, negative rows for refunds and cancellations),
their daily and monthly rollups, and the open-data releases with their feed deliveries.

Facts hold no shopper's personal data: a shopper is only a keyed hash of the e-mail, used to
count distinct and repeat shoppers, never shown.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.models import Category, Product
from marketplace.municipalities.models import District, Municipality
from marketplace.vendors.models import Vendor, VendorKind


class FactKind(models.TextChoices):
    SALE = "sale", _("Sale")
    REFUND = "refund", _("Refund")
    CANCELLATION = "cancellation", _("Cancellation")


class SalesAdjustment(models.Model):
    """One refund or cancellation applied to the facts of a vendor order, recorded once per
    reference (the refund's id), so that a retried event changes nothing."""

    kind = models.CharField(_("kind"), max_length=16, choices=FactKind.choices)
    reference = models.CharField(_("reference"), max_length=100, unique=True)
    vendor_order_id = models.BigIntegerField(_("vendor order"), db_index=True)
    # What the shopper got back (refunds only); `gross` and `commission` are what it took off
    # the facts (negative).
    amount = models.DecimalField(
        _("amount"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    gross = models.DecimalField(_("gross"), max_digits=12, decimal_places=2)
    commission = models.DecimalField(_("commission"), max_digits=12, decimal_places=2)
    occurred_at = models.DateTimeField(_("when"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["occurred_at", "id"]
        verbose_name = _("sales adjustment")
        verbose_name_plural = _("sales adjustments")

    def __str__(self) -> str:
        return f"{self.kind} {self.reference}"


class SalesFact(models.Model):
    """A paid order line (positive) or the part of it a refund or cancellation took back."""

    kind = models.CharField(_("kind"), max_length=16, choices=FactKind.choices)
    occurred_at = models.DateTimeField(_("when"))
    # The day in Asia/Bangkok: the grain of the rollups and of report periods.
    day = models.DateField(_("day"))
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="+", verbose_name=_("district")
    )
    vendor = models.ForeignKey(
        Vendor, on_delete=models.PROTECT, related_name="+", verbose_name=_("vendor")
    )
    vendor_kind = models.CharField(_("vendor kind"), max_length=32, choices=VendorKind.choices)
    # The top of the product's category tree (textiles, crafts, foods…), as it was when sold.
    category = models.ForeignKey(
        Category,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("category"),
    )
    product = models.ForeignKey(
        Product,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("product"),
    )
    product_name = models.CharField(_("product"), max_length=250)
    order_id = models.BigIntegerField()
    vendor_order_id = models.BigIntegerField(db_index=True)
    order_line_id = models.BigIntegerField()
    adjustment = models.ForeignKey(
        SalesAdjustment, on_delete=models.CASCADE, null=True, blank=True, related_name="facts"
    )
    # HMAC-SHA256 of the normalised e-mail under a key derived from SECRET_KEY: counts distinct
    # and repeat shoppers without keeping who they are.
    shopper_hash = models.CharField(max_length=64)
    # The order's rank among this shopper's paid orders from the municipality's vendors (1 for a
    # first order): a period's repeat shoppers are those with a fact of rank 2 or more in it.
    shopper_order = models.PositiveIntegerField(default=1)
    quantity = models.IntegerField(_("quantity"))
    gross = models.DecimalField(_("gross"), max_digits=12, decimal_places=2)
    commission = models.DecimalField(_("commission"), max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["day", "id"]
        verbose_name = _("sales fact")
        verbose_name_plural = _("sales facts")
        indexes = [
            models.Index(fields=["municipality", "day"], name="analytics_fact_muni_day"),
            models.Index(fields=["municipality", "shopper_hash"], name="analytics_fact_shopper"),
            # A shop's own dashboard: its days in a range.
            models.Index(fields=["vendor", "day"], name="analytics_fact_vendor_day"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["order_line_id"],
                condition=Q(kind="sale"),
                name="analytics_fact_one_sale_per_line",
            ),
            models.UniqueConstraint(
                fields=["adjustment", "order_line_id"], name="analytics_fact_adjustment_line"
            ),
            models.CheckConstraint(
                condition=Q(kind="sale", gross__gte=0, adjustment__isnull=True)
                | Q(~Q(kind="sale"), gross__lte=0, adjustment__isnull=False),
                name="analytics_fact_sign_follows_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} line {self.order_line_id}: {self.gross}"


class SalesRollup(models.Model):
    """Sums of facts for one cell: municipality x district x category x vendor kind."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("municipality")
    )
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="+", verbose_name=_("district")
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("category"),
    )
    vendor_kind = models.CharField(_("vendor kind"), max_length=32, choices=VendorKind.choices)
    gross = models.DecimalField(_("gross"), max_digits=14, decimal_places=2)
    commission = models.DecimalField(_("commission"), max_digits=14, decimal_places=2)
    quantity = models.IntegerField(_("quantity"))
    # Distinct orders and vendors with a sale in the cell (distinct counts do not add up across
    # cells or days, which is why the monthly rollup is computed from the facts).
    orders = models.IntegerField(_("orders"))
    vendors = models.IntegerField(_("vendors"))

    class Meta:
        abstract = True


class SalesDaily(SalesRollup):
    day = models.DateField(_("day"))

    class Meta:
        ordering = ["day", "id"]
        verbose_name = _("daily sales")
        verbose_name_plural = _("daily sales")
        indexes = [models.Index(fields=["municipality", "day"], name="analytics_daily_muni_day")]
        constraints = [
            models.UniqueConstraint(
                fields=["day", "municipality", "district", "category", "vendor_kind"],
                nulls_distinct=False,
                name="analytics_daily_cell",
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.municipality_id}/{self.district_id}: {self.gross}"


class SalesMonthly(SalesRollup):
    month = models.DateField(_("month"), help_text=_("The first day of the month."))

    class Meta:
        ordering = ["month", "id"]
        verbose_name = _("monthly sales")
        verbose_name_plural = _("monthly sales")
        indexes = [
            models.Index(fields=["municipality", "month"], name="analytics_monthly_muni_month")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["month", "municipality", "district", "category", "vendor_kind"],
                nulls_distinct=False,
                name="analytics_monthly_cell",
            ),
            models.CheckConstraint(condition=Q(month__day=1), name="analytics_monthly_first_day"),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.municipality_id}/{self.district_id}: {self.gross}"


class OpenDataRelease(models.Model):
    """One publication of a municipality's open data (the files under /open-data/<slug>/)."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="open_data_releases",
        verbose_name=_("municipality"),
    )
    published_at = models.DateTimeField(_("published"))
    first_month = models.DateField(_("first month"), null=True, blank=True)
    last_month = models.DateField(_("last month"), null=True, blank=True)
    rows = models.PositiveIntegerField(_("rows"))
    suppressed_rows = models.PositiveIntegerField(_("suppressed rows"))
    datapackage = models.JSONField(_("data package descriptor"))
    csv_sha256 = models.CharField(_("SHA-256 of the CSV"), max_length=64)

    class Meta:
        ordering = ["-published_at", "-id"]
        get_latest_by = "published_at"
        verbose_name = _("open-data release")
        verbose_name_plural = _("open-data releases")

    def __str__(self) -> str:
        return f"{self.municipality} {self.published_at:%Y-%m-%d %H:%M}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed")


class FeedDelivery(models.Model):
    """One release pushed to the city data platform (CDLP_FEED_URL), with every attempt."""

    release = models.ForeignKey(
        OpenDataRelease,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("release"),
    )
    url = models.URLField(_("address"), max_length=500)
    # Exactly what is POSTed (the same bytes on every attempt; the signature covers them).
    body = models.TextField(_("body"))
    status = models.CharField(
        _("status"), max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_status_code = models.PositiveIntegerField(_("last HTTP status"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("feed delivery")
        verbose_name_plural = _("feed deliveries")

    def __str__(self) -> str:
        return f"{self.release} → {self.url} ({self.status})"


class FeedAttempt(models.Model):
    delivery = models.ForeignKey(
        FeedDelivery,
        on_delete=models.CASCADE,
        related_name="attempt_log",
        verbose_name=_("feed delivery"),
    )
    number = models.PositiveIntegerField(_("attempt"))
    attempted_at = models.DateTimeField(_("when"))
    status_code = models.PositiveIntegerField(_("HTTP status"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"))

    class Meta:
        ordering = ["delivery_id", "number"]
        verbose_name = _("feed attempt")
        verbose_name_plural = _("feed attempts")
        constraints = [
            models.UniqueConstraint(fields=["delivery", "number"], name="analytics_attempt_number")
        ]

    def __str__(self) -> str:
        return f"#{self.number} {self.status_code or self.error[:40]}"
