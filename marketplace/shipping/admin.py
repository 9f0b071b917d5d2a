from django.contrib import admin

from marketplace.shipping.models import DeliveryMethod, WeightRate


class WeightRateInline(admin.TabularInline[WeightRate, DeliveryMethod]):
    model = WeightRate
    extra = 0


@admin.register(DeliveryMethod)
class DeliveryMethodAdmin(admin.ModelAdmin[DeliveryMethod]):
    list_display = ("name_th", "vendor", "kind", "price", "free_above", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name_th", "name_en", "vendor__name_th")
    list_select_related = ("vendor",)
    autocomplete_fields = ("vendor",)
    inlines = [WeightRateInline]
