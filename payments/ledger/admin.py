"""Operators see ledgers, balances and payouts here; every change goes through the services.

Payout accounts are read-only: only a vendor's owners change them (payout services).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet, Sum
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _

from payments.ledger.batch import batch_file_write, results_file_read
from payments.ledger.errors import LedgerError
from payments.ledger.models import LedgerEntry, Payout, PayoutRun, PayoutStatus, VendorPayoutAccount
from payments.ledger.selectors import payout_run_pending_payouts, vendor_balances
from payments.ledger.services import (
    payout_mark_failed,
    payout_mark_paid,
    payout_results_apply,
    payout_run_create,
)


class ReadOnlyAdmin:
    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(VendorPayoutAccount)
class VendorPayoutAccountAdmin(ReadOnlyAdmin, admin.ModelAdmin[VendorPayoutAccount]):
    list_display = ("vendor", "kind", "bank_code", "account_number", "promptpay_id", "updated_at")
    list_filter = ("kind", "bank_code")
    search_fields = ("vendor__name_th", "account_name", "account_number", "promptpay_id")
    list_select_related = ("vendor",)


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin, admin.ModelAdmin[LedgerEntry]):
    list_display = ("created_at", "vendor", "kind", "vendor_order", "payout", "amount", "posted_at")
    list_filter = ("kind", "vendor__municipality", "created_at")
    search_fields = ("vendor__name_th", "vendor_order__number", "reference")
    list_select_related = ("vendor", "vendor_order", "payout")
    change_list_template = "admin/ledger/ledgerentry_change_list.html"

    def get_urls(self) -> list[URLPattern]:
        balances = path(
            "balances/", self.admin_site.admin_view(self.balances_view), name="ledger_balances"
        )
        return [balances, *super().get_urls()]

    def balances_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("Vendor balances"),
            "opts": self.model._meta,
            "balances": vendor_balances(),
        }
        return TemplateResponse(request, "admin/ledger/balances.html", context)


class PayoutInline(admin.TabularInline[Payout, PayoutRun]):
    model = Payout
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ("vendor", "amount", "status", "destination_kind", "bank_reference", "settled_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class ResultsForm(forms.Form):
    file = forms.FileField(label=_("Results file (CSV)"))


@admin.register(PayoutRun)
class PayoutRunAdmin(ReadOnlyAdmin, admin.ModelAdmin[PayoutRun]):
    list_display = ("__str__", "created_at", "method", "created_by", "payout_count", "total")
    list_filter = ("method", "created_at")
    readonly_fields = ("method", "hold_cutoff", "created_by", "created_at", "skipped")
    inlines = [PayoutInline]
    change_list_template = "admin/ledger/payoutrun_change_list.html"
    change_form_template = "admin/ledger/payoutrun_change_form.html"

    def get_queryset(self, request: HttpRequest) -> QuerySet[PayoutRun]:
        return (
            super()
            .get_queryset(request)
            .select_related("created_by")
            .annotate(payout_count=Count("payouts"), total=Sum("payouts__amount"))
        )

    @admin.display(description=_("payouts"))
    def payout_count(self, run: Any) -> int:
        return int(run.payout_count)

    @admin.display(description=_("total"))
    def total(self, run: Any) -> Any:
        return run.total

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        return [
            path("start/", view(self.start_view), name="ledger_payoutrun_start"),
            path("<int:pk>/batch.csv", view(self.batch_view), name="ledger_payoutrun_batch"),
            path("<int:pk>/results/", view(self.results_view), name="ledger_payoutrun_results"),
            *super().get_urls(),
        ]

    def _may_pay(self, request: HttpRequest) -> None:
        if not request.user.has_perm("ledger.change_payout"):
            raise PermissionDenied

    def start_view(self, request: HttpRequest) -> HttpResponse:
        self._may_pay(request)
        changelist = reverse("admin:ledger_payoutrun_changelist")
        if request.method != "POST":
            return HttpResponseRedirect(changelist)
        try:
            run = payout_run_create(by=request.user)  # type: ignore[arg-type]
        except LedgerError as error:
            self.message_user(request, error.message, messages.ERROR)
            return HttpResponseRedirect(changelist)
        if run is None:
            self.message_user(request, _("Nobody is owed a payout now."), messages.INFO)
            return HttpResponseRedirect(changelist)
        self.message_user(
            request, _("Payout run %(run)s created.") % {"run": run}, messages.SUCCESS
        )
        return HttpResponseRedirect(reverse("admin:ledger_payoutrun_change", args=[run.pk]))

    def batch_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        self._may_pay(request)
        run = get_object_or_404(PayoutRun, pk=pk)
        response = HttpResponse(
            batch_file_write(payout_run_pending_payouts(run=run)),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{run.reference}.csv"'
        return response

    def results_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        self._may_pay(request)
        run = get_object_or_404(PayoutRun, pk=pk)
        form = ResultsForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                paid, failed = payout_results_apply(
                    run=run,
                    rows=results_file_read(form.cleaned_data["file"].read()),
                    by=request.user,  # type: ignore[arg-type]
                )
            except LedgerError as error:
                form.add_error("file", error.message)
            else:
                message = _("%(paid)s payouts marked paid, %(failed)s failed.")
                self.message_user(request, message % {"paid": paid, "failed": failed})
                return HttpResponseRedirect(reverse("admin:ledger_payoutrun_change", args=[pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Enter the bank's results for %(run)s") % {"run": run},
            "opts": self.model._meta,
            "original": run,
            "form": form,
        }
        return TemplateResponse(request, "admin/ledger/form.html", context)


class SettleForm(forms.Form):
    result = forms.ChoiceField(
        label=_("Result"),
        choices=[(PayoutStatus.PAID, _("Paid")), (PayoutStatus.FAILED, _("Failed"))],
    )
    bank_reference = forms.CharField(label=_("Bank reference"), required=False, max_length=100)
    reason = forms.CharField(label=_("Why it failed"), required=False, widget=forms.Textarea)


@admin.register(Payout)
class PayoutAdmin(ReadOnlyAdmin, admin.ModelAdmin[Payout]):
    list_display = ("__str__", "vendor", "amount", "status", "method", "run", "bank_reference")
    list_filter = ("status", "method", "created_at")
    search_fields = ("vendor__name_th", "bank_reference", "stripe_transfer_id")
    list_select_related = ("vendor", "run")
    change_form_template = "admin/ledger/payout_change_form.html"

    def get_urls(self) -> list[URLPattern]:
        settle = path(
            "<int:pk>/settle/",
            self.admin_site.admin_view(self.settle_view),
            name="ledger_payout_settle",
        )
        return [settle, *super().get_urls()]

    def settle_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not request.user.has_perm("ledger.change_payout"):
            raise PermissionDenied
        payout = get_object_or_404(Payout, pk=pk)
        form = SettleForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                if data["result"] == PayoutStatus.PAID:
                    payout_mark_paid(
                        payout=payout,
                        bank_reference=data["bank_reference"],
                        by=request.user,  # type: ignore[arg-type]
                    )
                else:
                    payout_mark_failed(
                        payout=payout,
                        reason=data["reason"],
                        bank_reference=data["bank_reference"],
                        by=request.user,  # type: ignore[arg-type]
                    )
            except LedgerError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                self.message_user(request, _("Payout %(payout)s saved.") % {"payout": payout})
                return HttpResponseRedirect(reverse("admin:ledger_payout_change", args=[pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Enter the bank's result for %(payout)s") % {"payout": payout},
            "opts": self.model._meta,
            "original": payout,
            "form": form,
        }
        return TemplateResponse(request, "admin/ledger/form.html", context)
