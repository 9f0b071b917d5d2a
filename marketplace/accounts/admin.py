from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.forms import UserCreationForm, UserEditForm
from marketplace.accounts.models import Address, User


class AddressInline(admin.StackedInline[Address, User]):
    model = Address
    extra = 0
    fields = (
        ("first_name", "last_name", "phone"),
        ("street_address_1", "street_address_2"),
        ("subdistrict_name_th", "district_name_th", "province_name_th", "postal_code"),
    )
    readonly_fields = ("subdistrict_name_th", "district_name_th", "province_name_th")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    ordering = ("email",)
    list_display = (
        "email",
        "first_name",
        "last_name",
        "is_staff",
        "is_active",
        "is_confirmed",
        "date_joined",
    )
    list_filter = ("is_staff", "is_superuser", "is_active", "is_confirmed", "groups")
    inlines = (AddressInline,)
    search_fields = ("email", "first_name", "last_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "language_code")}),
        (
            _("Permissions"),
            {
                "fields": (
                    "is_active",
                    "is_confirmed",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                )
            },
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
