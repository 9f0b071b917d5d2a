"""Operators' admin for vendors: every change goes through `marketplace.vendors.services`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet
from django.http import FileResponse, Http404, HttpRequest
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from marketplace.accounts.models import User
from marketplace.core.errors import DomainError
from marketplace.core.phone import thai_phone_normalize
from marketplace.municipalities.selectors import location_validate
from marketplace.vendors import services
from marketplace.vendors.models import (
    Vendor,
    VendorInvitation,
    VendorMembership,
    VendorStatusChange,
)


class CertificationFilter(admin.SimpleListFilter):
    title = _("certification")
    parameter_name = "certification"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [
            ("otop", _("OTOP (any stars)")),
            ("gi", _("Geographical indication (GI)")),
            ("tcps", _("Thai Community Product Standard (มผช.)")),
            ("none", _("No certification")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Vendor]) -> QuerySet[Vendor]:
        match self.value():
            case "otop":
                return queryset.filter(otop_stars__isnull=False)
            case "gi":
                return queryset.filter(geographical_indication=True)
            case "tcps":
                return queryset.filter(community_product_standard=True)
            case "none":
                return queryset.filter(
                    otop_stars__isnull=True,
                    geographical_indication=False,
                    community_product_standard=False,
                )
        return queryset


class VendorAdminForm(forms.ModelForm[Vendor]):
    """Checks the phone and the location as the services will, so errors show next to fields."""

    class Meta:
        model = Vendor
        fields = (
            "name_th",
            "name_en",
            "kind",
            "story_th",
            "story_en",
            "logo",
            "cover",
            "district",
            "subdistrict",
            "postal_code",
            "phone",
            "line_id",
            "email",
            "otop_stars",
            "geographical_indication",
            "community_product_standard",
            "commission_rate",
            "stripe_account_id",
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        phone = data.get("phone")
        if phone:
            normalized = thai_phone_normalize(phone)
            if normalized is None:
                self.add_error(
                    "phone", _("Enter a Thai phone number, such as 081 234 5678 or 053 511 111.")
                )
            else:
                data["phone"] = normalized
        district, subdistrict = data.get("district"), data.get("subdistrict")
        if district is not None and subdistrict is not None:
            try:
                location_validate(
                    province_code=self.instance.municipality.province_id,
                    district_code=district.code,
                    subdistrict_code=subdistrict.code,
                    postal_code=data.get("postal_code") or "",
                )
            except DomainError as exc:
                field = exc.field if exc.field in self.fields else None
                self.add_error(field, exc.message)
        return data


class VendorMembershipInline(admin.TabularInline[VendorMembership, Vendor]):
    model = VendorMembership
    extra = 0
    autocomplete_fields = ("user",)
    fields = ("user", "role", "created_at")
    readonly_fields = ("created_at",)


class VendorStatusChangeInline(admin.TabularInline[VendorStatusChange, Vendor]):
    model = VendorStatusChange
    extra = 0
    can_delete = False
    fields = ("created_at", "event", "reason", "changed_by", "notified_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class SuspendForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the owners will read it)"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        required=False,  # the service says when it is missing, in its own words
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the applicant will read it and may apply again)"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        required=False,  # the service says when it is missing, in its own words
    )


# Fields of the change form that `vendor_update` owns, and the argument each maps to.
_UPDATE_FIELDS = (
    "name_th",
    "name_en",
    "kind",
    "story_th",
    "story_en",
    "phone",
    "line_id",
    "email",
    "otop_stars",
    "geographical_indication",
    "community_product_standard",
)
# Fields no rule governs beyond the form's own validation.
_PLAIN_FIELDS = ("stripe_account_id", "logo", "cover")


@admin.register(Vendor)
class VendorAdmin(admin.ModelAdmin[Vendor]):
    form = VendorAdminForm
    list_display = (
        "name_th",
        "name_en",
        "kind",
        "status",
        "municipality",
        "district",
        "otop_stars",
        "commission_rate",
        "created_at",
    )
    list_select_related = ("municipality", "district")
    list_filter = (
        "status",
        "kind",
        ("municipality", admin.RelatedOnlyFieldListFilter),
        ("district", admin.RelatedOnlyFieldListFilter),
        CertificationFilter,
        "otop_stars",
    )
    search_fields = (
        "name_th",
        "name_en",
        "slug",
        "phone",
        "line_id",
        "email",
        "memberships__user__email",
    )
    readonly_fields = (
        "slug",
        "status",
        "status_reason",
        "municipality",
        "created_at",
        "updated_at",
        "approved_at",
        "registration_document_link",
    )
    autocomplete_fields = ("district", "subdistrict")
    fieldsets = (
        (None, {"fields": ("name_th", "name_en", "slug", "kind", "municipality")}),
        (
            _("Status"),
            {"fields": ("status", "status_reason", "approved_at", "registration_document_link")},
        ),
        (_("Story"), {"fields": ("story_th", "story_en", "logo", "cover")}),
        (_("Location"), {"fields": ("district", "subdistrict", "postal_code")}),
        (_("Contact"), {"fields": ("phone", "line_id", "email")}),
        (
            _("Certifications"),
            {"fields": ("otop_stars", "geographical_indication", "community_product_standard")},
        ),
        (_("Money"), {"fields": ("commission_rate", "stripe_account_id")}),
        (_("Dates"), {"fields": ("created_at", "updated_at")}),
    )
    inlines = (VendorMembershipInline, VendorStatusChangeInline)
    actions = ("approve", "reject", "suspend", "reinstate")

    def has_add_permission(self, request: HttpRequest) -> bool:
        # A shop starts as an application (`vendor_apply`), which also makes its owner.
        return False

    # --- the applicant's registration document ---------------------------------------------

    def get_urls(self) -> list[URLPattern]:
        own = [
            path(
                "<int:object_id>/registration-document/",
                self.admin_site.admin_view(self.registration_document_view),
                name="vendors_vendor_registration_document",
            )
        ]
        return own + super().get_urls()

    @admin.display(description=_("registration document"))
    def registration_document_link(self, obj: Vendor) -> str:
        if not obj.pk or not obj.registration_document:
            return str(_("None uploaded"))
        url = reverse("admin:vendors_vendor_registration_document", args=[obj.pk])
        return format_html('<a href="{}" target="_blank">{}</a>', url, _("Open the document"))

    def registration_document_view(self, request: HttpRequest, object_id: int) -> FileResponse:
        """Documents are served only to operators who may view the vendor, never from a public
        media address."""
        vendor = Vendor.objects.filter(pk=object_id).first()
        if vendor is None or not self.has_view_permission(request, vendor):
            raise Http404
        if not vendor.registration_document:
            raise Http404
        document = vendor.registration_document
        return FileResponse(document.open("rb"), filename=document.name.rsplit("/", 1)[-1])

    # --- saving through the services ---------------------------------------------------------

    def save_model(
        self, request: HttpRequest, obj: Vendor, form: forms.ModelForm[Vendor], change: bool
    ) -> None:
        vendor = Vendor.objects.select_related("municipality").get(pk=obj.pk)
        data, changed = form.cleaned_data, set(form.changed_data)
        updates: dict[str, Any] = {name: data[name] for name in _UPDATE_FIELDS if name in changed}
        if changed & {"district", "subdistrict", "postal_code"}:
            updates |= {
                "district_code": data["district"].code,
                "subdistrict_code": data["subdistrict"].code,
                "postal_code": data["postal_code"],
            }
        if updates:
            services.vendor_update(vendor=vendor, **updates)
        if "commission_rate" in changed:
            services.vendor_commission_set(vendor=vendor, rate=data["commission_rate"])
        plain = [name for name in _PLAIN_FIELDS if name in changed]
        if plain:
            for name in plain:
                setattr(vendor, name, data[name])
            vendor.save(update_fields=plain)

    def save_formset(
        self,
        request: HttpRequest,
        form: Any,
        formset: BaseInlineFormSet[Any, Any, Any],
        change: bool,
    ) -> None:
        if formset.model is not VendorMembership:
            super().save_formset(request, form, formset, change)
            return
        vendor: Vendor = form.instance
        # The admin's change message reads these lists, which formset.save() would have filled.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for inline_form in formset.forms:
            membership: VendorMembership = inline_form.instance
            try:
                if inline_form in formset.deleted_forms:
                    if membership.pk is not None:
                        services.membership_remove(vendor=vendor, user=membership.user)
                        formset.deleted_objects.append(membership)
                elif membership.pk is None and inline_form.has_changed():
                    added = services.membership_add(
                        vendor=vendor,
                        user=inline_form.cleaned_data["user"],
                        role=inline_form.cleaned_data["role"],
                    )
                    formset.new_objects.append(added)
                elif "role" in inline_form.changed_data:
                    changed = services.membership_role_set(
                        vendor=vendor, user=membership.user, role=inline_form.cleaned_data["role"]
                    )
                    formset.changed_objects.append((changed, ["role"]))
            except DomainError as exc:
                self.message_user(request, exc.message, messages.ERROR)

    # --- actions -----------------------------------------------------------------------------

    def _each(
        self,
        request: HttpRequest,
        queryset: QuerySet[Vendor],
        change: Callable[[Vendor], object],
        done: Callable[[int], str],
    ) -> None:
        count = 0
        for vendor in queryset.order_by("pk"):
            try:
                change(vendor)
            except DomainError as exc:
                self.message_user(request, f"{vendor}: {exc.message}", messages.ERROR)
            else:
                count += 1
        if count:
            self.message_user(request, done(count), messages.SUCCESS)

    def _operator(self, request: HttpRequest) -> User | None:
        return request.user if isinstance(request.user, User) else None

    @admin.action(description=_("Approve the selected vendors"), permissions=["change"])
    def approve(self, request: HttpRequest, queryset: QuerySet[Vendor]) -> None:
        by = self._operator(request)
        self._each(
            request,
            queryset,
            lambda vendor: services.vendor_approve(vendor=vendor, by=by),
            lambda n: (
                ngettext("Approved %(count)d vendor.", "Approved %(count)d vendors.", n)
                % {"count": n}
            ),
        )

    @admin.action(description=_("Reinstate the selected vendors"), permissions=["change"])
    def reinstate(self, request: HttpRequest, queryset: QuerySet[Vendor]) -> None:
        by = self._operator(request)
        self._each(
            request,
            queryset,
            lambda vendor: services.vendor_reinstate(vendor=vendor, by=by),
            lambda n: (
                ngettext("Reinstated %(count)d vendor.", "Reinstated %(count)d vendors.", n)
                % {"count": n}
            ),
        )

    @admin.action(description=_("Suspend the selected vendors…"), permissions=["change"])
    def suspend(self, request: HttpRequest, queryset: QuerySet[Vendor]) -> TemplateResponse | None:
        """Shows a page asking for the reason; that page posts back to this action with it."""
        return self._with_reason(
            request,
            queryset,
            form_class=SuspendForm,
            action="suspend",
            change=services.vendor_suspend,
            done=lambda n: (
                ngettext("Suspended %(count)d vendor.", "Suspended %(count)d vendors.", n)
                % {"count": n}
            ),
            title=_("Suspend vendors"),
            intro=_(
                "These shops will be hidden from shoppers. Their owners receive the reason by "
                "e-mail."
            ),
            button=_("Suspend"),
        )

    @admin.action(description=_("Turn down the selected applications…"), permissions=["change"])
    def reject(self, request: HttpRequest, queryset: QuerySet[Vendor]) -> TemplateResponse | None:
        """Shows a page asking for the reason; that page posts back to this action with it."""
        return self._with_reason(
            request,
            queryset,
            form_class=RejectForm,
            action="reject",
            change=services.vendor_reject,
            done=lambda n: (
                ngettext(
                    "Turned down %(count)d application.", "Turned down %(count)d applications.", n
                )
                % {"count": n}
            ),
            title=_("Turn down applications"),
            intro=_(
                "The applicants receive the reason by e-mail and may correct their application "
                "and send it again."
            ),
            button=_("Turn down"),
        )

    def _with_reason(
        self,
        request: HttpRequest,
        queryset: QuerySet[Vendor],
        *,
        form_class: type[forms.Form],
        action: str,
        change: Callable[..., object],
        done: Callable[[int], str],
        title: Any,
        intro: Any,
        button: Any,
    ) -> TemplateResponse | None:
        form = form_class(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            by, reason = self._operator(request), form.cleaned_data["reason"]
            count = 0
            for vendor in queryset.order_by("pk"):
                try:
                    change(vendor=vendor, reason=reason, by=by)
                except DomainError as exc:
                    if exc.field == "reason":
                        # The same for every vendor, and nothing was changed: ask again.
                        self.message_user(request, exc.message, messages.ERROR)
                        form.add_error("reason", exc.message)
                        break
                    self.message_user(request, f"{vendor}: {exc.message}", messages.ERROR)
                else:
                    count += 1
            else:
                if count:
                    self.message_user(request, done(count), messages.SUCCESS)
                return None
        return TemplateResponse(
            request,
            "admin/vendors/vendor/status_reason.html",
            {
                **self.admin_site.each_context(request),
                "title": title,
                "intro": intro,
                "button": button,
                "action": action,
                "opts": self.model._meta,
                "vendors": queryset.order_by("pk"),
                "form": form,
                "action_checkbox_name": ACTION_CHECKBOX_NAME,
            },
        )


@admin.register(VendorInvitation)
class VendorInvitationAdmin(admin.ModelAdmin[VendorInvitation]):
    """Read-only: owners invite and withdraw invitations in the vendor portal."""

    list_display = ("email", "vendor", "role", "created_at", "expires_at", "accepted_at")
    list_select_related = ("vendor",)
    search_fields = ("email", "vendor__name_th", "vendor__name_en")
    list_filter = ("role",)
    readonly_fields = (
        "vendor",
        "email",
        "role",
        "language_code",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "accepted_by",
        "revoked_at",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
