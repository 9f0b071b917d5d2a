"""Operators see orders here; changes go through the order services (admin actions)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from marketplace.orders.errors import OrderError
from marketplace.orders.models import Order, OrderEvent, OrderLine, VendorOrder
from marketplace.orders.services import vendor_order_deliver, vendor_order_process


class ReadOnlyInline:
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class VendorOrderInline(ReadOnlyInline, admin.TabularInline[VendorOrder, Order]):
    model = VendorOrder
    fields = (
        "number",
        "vendor",
        "status",
        "subtotal",
        "shipping_price",
        "commission",
        "carrier",
        "tracking_number",
    )
    readonly_fields = fields
    show_change_link = True


class OrderEventInline(ReadOnlyInline, admin.TabularInline[OrderEvent, Order]):
    model = OrderEvent
    fields = ("created_at", "type", "vendor_order", "user", "parameters")
    readonly_fields = fields


class OrderLineInline(ReadOnlyInline, admin.TabularInline[OrderLine, VendorOrder]):
    model = OrderLine
    fields = ("product_name", "variant_name", "sku", "unit_price", "quantity", "total")
    readonly_fields = fields


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin[Order]):
    list_display = ("number", "created_at", "email", "status", "payment_status", "total")
    list_filter = ("status", "payment_status", "created_at")
    search_fields = ("number", "email", "vendor_orders__vendor__name_th")
    date_hierarchy = "created_at"
    inlines = [VendorOrderInline, OrderEventInline]
    readonly_fields = [f.name for f in Order._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(VendorOrder)
class VendorOrderAdmin(admin.ModelAdmin[VendorOrder]):
    list_display = ("number", "vendor", "status", "subtotal", "shipping_price", "created_at")
    list_filter = ("status", "vendor__municipality", "created_at")
    search_fields = ("number", "vendor__name_th", "order__email", "tracking_number")
    list_select_related = ("vendor", "order")
    inlines = [OrderLineInline]
    readonly_fields = [f.name for f in VendorOrder._meta.fields]
    actions = ["mark_processing", "mark_delivered"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=_("Mark as being prepared"))
    def mark_processing(self, request: HttpRequest, queryset: QuerySet[VendorOrder]) -> None:
        self._apply(request, queryset, vendor_order_process)

    @admin.action(description=_("Mark as delivered"))
    def mark_delivered(self, request: HttpRequest, queryset: QuerySet[VendorOrder]) -> None:
        self._apply(request, queryset, vendor_order_deliver)

    def _apply(
        self,
        request: HttpRequest,
        queryset: QuerySet[VendorOrder],
        service: Callable[..., VendorOrder],
    ) -> None:
        done = 0
        for vendor_order in queryset:
            try:
                service(vendor_order=vendor_order, by=request.user)
                done += 1
            except OrderError as exc:
                self.message_user(request, f"{vendor_order.number}: {exc.message}", messages.ERROR)
        if done:
            self.message_user(request, _("%(count)d parcels updated.") % {"count": done})
