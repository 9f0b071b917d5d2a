"""Admin for stock: locations and stock levels, changed only through `inventory.services`.

Quantities are read-only; an operator corrects stock by entering an adjustment (units to add or
remove), which `stock_adjust` applies with its rules (never below zero or below what is
allocated to orders).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.service_admin import ServiceModelForm, ServiceWriteAdmin
from marketplace.inventory import services
from marketplace.inventory.models import Stock, StockLocation


class StockLocationAdminForm(ServiceModelForm):
    class Meta:
        model = StockLocation
        fields = [
            "vendor",
            "name",
            "address",
            "district",
            "subdistrict",
            "postal_code",
            "is_default",
        ]

    def write(self) -> StockLocation:
        data = self.cleaned_data
        places = {
            "district_code": data["district"].pk,
            "subdistrict_code": data["subdistrict"].pk,
            "postal_code": data["postal_code"],
        }
        if self.instance._state.adding:
            return services.location_create(
                vendor=data["vendor"],
                name=data["name"],
                address=data["address"],
                is_default=data["is_default"],
                **places,
            )
        return services.location_update(
            location=self.instance,
            name=data["name"],
            address=data["address"],
            is_default=data["is_default"],
            **places,
        )


@admin.register(StockLocation)
class StockLocationAdmin(ServiceWriteAdmin):
    form = StockLocationAdminForm
    list_display = ("name", "vendor", "district", "subdistrict", "postal_code", "is_default")
    list_filter = ("is_default", "district")
    list_select_related = ("vendor", "district", "subdistrict")
    search_fields = ("name", "vendor__name_th", "vendor__name_en", "postal_code")
    raw_id_fields = ("vendor", "district", "subdistrict")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ("vendor",) if obj is not None else ()


class StockAddForm(ServiceModelForm):
    """A new stock row: the count of a variant at one of its vendor's locations."""

    class Meta:
        model = Stock
        fields = ["variant", "location", "quantity"]

    def write(self) -> Stock:
        data = self.cleaned_data
        return services.stock_set(
            variant=data["variant"], location=data["location"], quantity=data["quantity"]
        )


class StockAdjustForm(ServiceModelForm):
    adjustment = forms.IntegerField(
        label=_("adjustment"),
        help_text=_("Units to add (e.g. 5) or to remove (e.g. -2)."),
        required=False,
    )

    class Meta:
        model = Stock
        fields: list[str] = []

    def write(self) -> Stock:
        delta = self.cleaned_data.get("adjustment") or 0
        stock = self.instance
        if not delta:
            return stock
        return services.stock_adjust(variant=stock.variant, location=stock.location, delta=delta)


@admin.register(Stock)
class StockAdmin(ServiceWriteAdmin):
    list_display = ("sku", "product", "location", "quantity", "quantity_allocated", "available")
    list_select_related = ("variant__product", "location__vendor")
    list_filter = ("location__vendor",)
    search_fields = ("variant__sku", "variant__product__name_th", "variant__product__name_en")
    raw_id_fields = ("variant", "location")

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        kwargs["form"] = StockAdjustForm if obj is not None else StockAddForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ("variant", "location", "quantity")
        return ("variant", "location", "quantity", "quantity_allocated", "adjustment")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ()
        return ("variant", "location", "quantity", "quantity_allocated")

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A stock row may hold units allocated to orders; it is never deleted by hand.
        return False

    @admin.display(description=_("SKU"), ordering="variant__sku")
    def sku(self, stock: Stock) -> str:
        return stock.variant.sku

    @admin.display(description=_("product"))
    def product(self, stock: Stock) -> str:
        return stock.variant.product.name_th

    @admin.display(description=_("available"))
    def available(self, stock: Stock) -> int:
        return stock.quantity_available
