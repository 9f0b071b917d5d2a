from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.forms import ModelForm
from django.http import HttpRequest

from marketplace.municipalities import services
from marketplace.municipalities.models import (
    District,
    Municipality,
    MunicipalOfficer,
    Province,
    Subdistrict,
)


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    """Places come from geothai (the migration and `manage.py load_places`), never by hand."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(Province)
class ProvinceAdmin(ReadOnlyAdmin):
    list_display = ("code", "name_th", "name_en")
    search_fields = ("code", "name_th", "name_en")
    ordering = ("code",)


@admin.register(District)
class DistrictAdmin(ReadOnlyAdmin):
    list_display = ("code", "name_th", "name_en", "province")
    list_select_related = ("province",)
    search_fields = ("code", "name_th", "name_en", "province__name_th", "province__name_en")
    list_filter = ("province",)


@admin.register(Subdistrict)
class SubdistrictAdmin(ReadOnlyAdmin):
    list_display = ("code", "name_th", "name_en", "district", "postal_codes_display")
    list_select_related = ("district",)
    search_fields = ("=code", "name_th", "name_en", "district__name_th", "district__name_en")

    @admin.display(description="postal codes")
    def postal_codes_display(self, obj: Subdistrict) -> str:
        return ", ".join(obj.postal_codes)

    def get_search_results(
        self, request: HttpRequest, queryset: Any, search_term: str
    ) -> tuple[Any, bool]:
        # A five-digit term is a postal code: match the array exactly (uses the GIN index).
        term = search_term.strip()
        if len(term) == 5 and term.isdigit():
            return queryset.filter(postal_codes__contains=[term]), False
        return super().get_search_results(request, queryset, search_term)


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin[Municipality]):
    list_display = (
        "name_th",
        "name_en",
        "slug",
        "province",
        "is_active",
        "default_commission_rate",
    )
    list_select_related = ("province",)
    list_filter = ("is_active", ("province", admin.RelatedOnlyFieldListFilter))
    search_fields = ("name_th", "name_en", "slug")
    prepopulated_fields = {"slug": ("name_en",)}
    autocomplete_fields = ("province",)

    def save_model(
        self,
        request: HttpRequest,
        obj: Municipality,
        form: ModelForm[Municipality],
        change: bool,
    ) -> None:
        # The form has validated the fields already; the services own the write.
        data = form.cleaned_data
        fields: dict[str, Any] = {
            "slug": data["slug"],
            "name_th": data["name_th"],
            "name_en": data["name_en"],
            "province_code": data["province"].code,
            "default_commission_rate": data["default_commission_rate"],
            "is_active": data["is_active"],
        }
        if change:
            saved = services.municipality_update(
                municipality=Municipality.objects.get(pk=obj.pk), **fields
            )
        else:
            saved = services.municipality_create(**fields)
        obj.pk = saved.pk


@admin.register(MunicipalOfficer)
class MunicipalOfficerAdmin(admin.ModelAdmin[MunicipalOfficer]):
    """Who may read which municipality's reports. An officer must also be a staff user (the
    reports' sign-in is the admin's); the seat alone gives no other admin permission."""

    list_display = ("user", "municipality", "created_at")
    list_select_related = ("user", "municipality")
    list_filter = (("municipality", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("user__email", "municipality__name_th", "municipality__name_en")
    autocomplete_fields = ("user", "municipality")
