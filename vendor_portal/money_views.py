"""The artisan's money pages: balance and payouts, the monthly statement (and its CSV), the
ledger, and where payouts go. Every figure is read through `request.vendor`, so a member only
ever sees their own shop's money; only an owner changes the payout method."""

from __future__ import annotations

import csv
from datetime import date

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import F
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.analytics.templatetags.analytics_dates import report_month
from payments.ledger import selectors as ledger
from payments.ledger.errors import LedgerError
from payments.ledger.models import LedgerEntry, PayoutMethod
from payments.ledger.services import (
    payout_account_connect_onboard,
    payout_account_set_bank,
    payout_account_set_promptpay,
    payout_hold_days,
)
from vendor_portal.access import PortalRequest, vendor_member_required, vendor_owner_required
from vendor_portal.forms_money import BankAccountForm, PromptPayForm, StatementMonthForm

PAGE_SIZE = 25


def _htmx(request: PortalRequest) -> bool:
    """Whether htmx asked for the page (it then gets only the part it swaps in)."""
    return bool(getattr(request, "htmx", False))


@vendor_member_required
def money(request: PortalRequest) -> HttpResponse:
    payouts = Paginator(ledger.vendor_payouts(vendor=request.vendor), PAGE_SIZE)
    return render(
        request,
        "vendor_portal/money/overview.html",
        {
            "balance": ledger.vendor_balance(vendor=request.vendor),
            "hold_days": payout_hold_days(),
            "payouts": payouts.get_page(request.GET.get("page")),
            "account": ledger.vendor_payout_account(vendor=request.vendor, viewer=request.user),
        },
    )


def _statement_month(request: PortalRequest) -> tuple[StatementMonthForm, date]:
    today = timezone.localdate()
    months = ledger.vendor_statement_months(vendor=request.vendor, today=today)
    form = StatementMonthForm(request.GET or None, months=months)
    return form, form.chosen(default=months[0])


@vendor_member_required
def money_statement(request: PortalRequest) -> HttpResponse:
    form, month = _statement_month(request)
    context = {
        "form": form,
        "statement": ledger.vendor_statement(vendor=request.vendor, month=month),
    }
    if _htmx(request):
        return render(request, "vendor_portal/money/_statement.html", context)
    return render(request, "vendor_portal/money/statement.html", context)


def _entry_reference(entry: LedgerEntry) -> str:
    if entry.vendor_order is not None:
        return entry.vendor_order.number
    return entry.payout.reference if entry.payout is not None else ""


@vendor_member_required
def money_statement_csv(request: PortalRequest) -> HttpResponse:
    _form, month = _statement_month(request)
    statement = ledger.vendor_statement(vendor=request.vendor, month=month)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kad-statement-{month:%Y-%m}.csv"'
    response.write("\ufeff")  # spreadsheet programs need the BOM to read Thai as UTF-8
    out = csv.writer(response, lineterminator="\r\n")
    out.writerow([_("Statement"), report_month(month), request.vendor.name_th])
    for label, amount in (
        (_("Balance at the start of the month"), statement.opening),
        (_("Sales"), statement.sales),
        (_("Refunds"), statement.refunds),
        (_("Commission"), statement.commission_taken),
        (_("Payouts"), statement.payouts),
        (_("Balance at the end of the month"), statement.closing),
    ):
        out.writerow([label, f"{amount:.2f}"])
    out.writerow([])
    out.writerow([_("Date"), _("What"), _("Reference"), _("Amount"), _("Commission"), _("Net")])
    for entry in ledger.vendor_statement_entries(vendor=request.vendor, month=month):
        assert entry.posted_at is not None  # noqa: S101 - the statement lists posted entries
        out.writerow(
            [
                timezone.localtime(entry.posted_at).date().isoformat(),
                entry.get_kind_display(),
                _entry_reference(entry),
                f"{entry.gross:.2f}",
                f"{-entry.commission:.2f}",
                f"{entry.amount:.2f}",
            ]
        )
    return response


@vendor_member_required
def money_ledger(request: PortalRequest) -> HttpResponse:
    # Commission shown as money taken from the vendor (-) or handed back on a refund (+).
    entries = Paginator(
        ledger.vendor_ledger_entries(vendor=request.vendor).annotate(
            commission_taken=-F("commission")
        ),
        PAGE_SIZE,
    )
    context = {"entries": entries.get_page(request.GET.get("page"))}
    if _htmx(request):
        return render(request, "vendor_portal/money/_ledger.html", context)
    return render(request, "vendor_portal/money/ledger.html", context)


def _settings_page(
    request: PortalRequest, bank: BankAccountForm, promptpay: PromptPayForm
) -> HttpResponse:
    context = {
        "account": ledger.vendor_payout_account(vendor=request.vendor, viewer=request.user),
        "bank_form": bank,
        "promptpay_form": promptpay,
        "connect": settings.PAYOUT_METHOD == PayoutMethod.STRIPE_CONNECT,
    }
    return render(request, "vendor_portal/money/payout_settings.html", context)


@vendor_member_required
def payout_settings(request: PortalRequest) -> HttpResponse:
    """Everyone in the shop sees where the money goes (staff: numbers masked); a POST, which
    changes it, is for owners only."""
    if request.method == "POST":
        return _payout_settings_change(request)
    return _settings_page(request, BankAccountForm(prefix="bank"), PromptPayForm(prefix="pp"))


@vendor_owner_required
def _payout_settings_change(request: PortalRequest) -> HttpResponse:
    chosen = request.POST.get("method")
    bank = BankAccountForm(request.POST if chosen == "bank" else None, prefix="bank")
    promptpay = PromptPayForm(request.POST if chosen == "promptpay" else None, prefix="pp")
    form = bank if chosen == "bank" else promptpay
    if form.is_bound and form.is_valid():
        try:
            if form is bank:
                payout_account_set_bank(vendor=request.vendor, by=request.user, **form.cleaned_data)
            else:
                payout_account_set_promptpay(
                    vendor=request.vendor, by=request.user, **form.cleaned_data
                )
        except LedgerError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Saved. Your next payouts go to this account."))
            return redirect("vendor_portal:payout_settings")
    return _settings_page(request, bank, promptpay)


@vendor_owner_required
def payout_connect(request: PortalRequest) -> HttpResponse:
    """Send the owner to Stripe's onboarding (POST from the page, or GET when Stripe sends them
    back because the link expired)."""
    if settings.PAYOUT_METHOD != PayoutMethod.STRIPE_CONNECT:
        return redirect("vendor_portal:payout_settings")
    here = request.build_absolute_uri(reverse("vendor_portal:payout_connect"))
    back = request.build_absolute_uri(reverse("vendor_portal:payout_settings"))
    try:
        url = payout_account_connect_onboard(
            vendor=request.vendor, by=request.user, refresh_url=here, return_url=back
        )
    except LedgerError as error:
        messages.error(request, error.message)
        return redirect("vendor_portal:payout_settings")
    except ConnectionError:
        messages.error(request, _("Stripe could not be reached. Please try again in a minute."))
        return redirect("vendor_portal:payout_settings")
    return redirect(url)
