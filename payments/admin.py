"""Operators: payments and their history, refunds of a vendor order, bank transfer slips,
cash collected on delivery. Every change goes through the payments services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from marketplace.core.errors import DomainError
from marketplace.orders.models import VendorOrder, VendorOrderStatus
from payments.errors import PaymentError
from payments.manual import (
    bank_transfer_slip_confirm,
    bank_transfer_slip_reject,
    cod_payment_collect,
)
from payments.models import (
    BankTransferSlip,
    Gateway,
    Payment,
    PaymentTransaction,
    Refund,
    StripeEvent,
)
from payments.refunds import vendor_order_refund_request


class _ReadOnly:
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class TransactionInline(_ReadOnly, admin.TabularInline[PaymentTransaction, Payment]):
    model = PaymentTransaction
    fields = ("created_at", "kind", "is_success", "amount", "vendor_order", "message", "user")
    readonly_fields = fields


class RefundInline(_ReadOnly, admin.TabularInline[Refund, Payment]):
    model = Refund
    fields = ("created_at", "vendor_order", "amount", "status", "reason", "restock")
    readonly_fields = fields


class SlipInline(_ReadOnly, admin.TabularInline[BankTransferSlip, Payment]):
    model = BankTransferSlip
    fields = ("uploaded_at", "image", "status", "reject_reason")
    readonly_fields = fields


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin[Payment]):
    list_display = (
        "order",
        "gateway",
        "status",
        "amount",
        "captured_amount",
        "refunded_amount",
        "is_active",
        "created_at",
    )
    list_filter = ("gateway", "status", "is_active", "created_at")
    search_fields = ("order__number", "order__email", "stripe_payment_intent_id")
    list_select_related = ("order",)
    readonly_fields = [f.name for f in Payment._meta.fields]
    inlines = [TransactionInline, RefundInline, SlipInline]
    actions = ["collect_cash"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=_("Mark cash collected for the delivered parcels"))
    def collect_cash(self, request: HttpRequest, queryset: QuerySet[Payment]) -> None:
        done = 0
        for payment in queryset.filter(gateway=Gateway.CASH_ON_DELIVERY, is_active=True):
            parcels = VendorOrder.objects.filter(
                order_id=payment.order_id,
                status__in=[VendorOrderStatus.SHIPPED, VendorOrderStatus.DELIVERED],
            )
            for vendor_order in parcels:
                try:
                    cod_payment_collect(vendor_order=vendor_order, by=request.user)  # type: ignore[arg-type]
                    done += 1
                except DomainError as exc:
                    self.message_user(
                        request, f"{vendor_order.number}: {exc.message}", messages.ERROR
                    )
        self.message_user(request, _("Cash recorded for %(count)d parcels.") % {"count": done})


class RefundForm(forms.ModelForm[Refund]):
    """Refund one parcel: the whole of what is left when no amount is given."""

    amount = forms.DecimalField(
        label=_("amount (empty: all that is left)"),
        required=False,
        max_digits=12,
        decimal_places=2,
        min_value=0,
    )
    user: Any = None

    class Meta:
        model = Refund
        fields = ("vendor_order", "amount", "reason", "restock")

    def clean(self) -> dict[str, Any]:
        # The refund is requested here so that a refusal shows next to its field.
        data = super().clean() or {}
        vendor_order = data.get("vendor_order")
        if self.errors or vendor_order is None:
            return data
        try:
            self.instance = vendor_order_refund_request(
                vendor_order=vendor_order,
                amount=data.get("amount"),
                reason=data.get("reason") or "",
                restock=bool(data.get("restock")),
                by=self.user,
            )
        except PaymentError as exc:
            field = exc.field if exc.field in self.fields else None
            self.add_error(field, exc.message)
        return data


@admin.register(Refund)
class RefundAdmin(admin.ModelAdmin[Refund]):
    form = RefundForm
    list_display = ("vendor_order", "amount", "status", "is_manual", "created_by", "created_at")
    list_filter = ("status", "is_manual", "created_at")
    search_fields = ("vendor_order__number", "stripe_refund_id")
    list_select_related = ("vendor_order", "created_by")
    raw_id_fields = ("vendor_order",)

    def get_form(
        self, request: HttpRequest, obj: Refund | None = None, change: bool = False, **kwargs: Any
    ) -> type[forms.ModelForm[Refund]]:
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user  # type: ignore[attr-defined]
        return form

    def get_readonly_fields(self, request: HttpRequest, obj: Refund | None = None) -> Any:
        if obj is None:
            return ()
        return [f.name for f in Refund._meta.fields]

    def has_change_permission(self, request: HttpRequest, obj: Refund | None = None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: Refund, form: Any, change: bool) -> None:
        pass  # the form's clean() made the refund through the service


@admin.register(BankTransferSlip)
class BankTransferSlipAdmin(admin.ModelAdmin[BankTransferSlip]):
    list_display = ("payment", "order_number", "amount", "status", "uploaded_at", "preview")
    list_filter = ("status", "uploaded_at")
    search_fields = ("payment__order__number", "payment__order__email")
    list_select_related = ("payment__order",)
    readonly_fields = [f.name for f in BankTransferSlip._meta.fields] + ["preview"]
    actions = ["confirm", "reject"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description=_("order"))
    def order_number(self, slip: BankTransferSlip) -> str:
        return slip.payment.order.number

    @admin.display(description=_("amount due"))
    def amount(self, slip: BankTransferSlip) -> str:
        return f"฿{slip.payment.amount:,.2f}"

    @admin.display(description=_("slip"))
    def preview(self, slip: BankTransferSlip) -> str:
        return format_html('<img src="{}" style="max-height:12rem">', slip.image.url)

    @admin.action(description=_("Confirm: the money arrived"))
    def confirm(self, request: HttpRequest, queryset: QuerySet[BankTransferSlip]) -> None:
        for slip in queryset:
            try:
                bank_transfer_slip_confirm(slip=slip, by=request.user)  # type: ignore[arg-type]
            except DomainError as exc:
                self.message_user(request, f"{slip}: {exc.message}", messages.ERROR)

    @admin.action(description=_("Reject: the transfer was not found"))
    def reject(self, request: HttpRequest, queryset: QuerySet[BankTransferSlip]) -> None:
        reason = str(_("The transfer was not found in the co-op's account. Please check it."))
        for slip in queryset:
            try:
                bank_transfer_slip_reject(slip=slip, reason=reason, by=request.user)  # type: ignore[arg-type]
            except DomainError as exc:
                self.message_user(request, f"{slip}: {exc.message}", messages.ERROR)


@admin.register(StripeEvent)
class StripeEventAdmin(admin.ModelAdmin[StripeEvent]):
    list_display = ("event_id", "type", "outcome", "payment", "received_at")
    list_filter = ("type", "outcome")
    search_fields = ("event_id",)
    readonly_fields = [f.name for f in StripeEvent._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
