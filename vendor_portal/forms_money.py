"""Forms of the portal's money pages: choosing a statement month and where payouts go.

The forms only parse what was typed; the ledger services decide whether a bank account or a
PromptPay id is acceptable and who may change it (their errors land next to the field).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.analytics.templatetags.analytics_dates import report_month
from marketplace.core.errors import DomainError
from payments.ledger.destinations import THAI_BANKS


class StatementMonthForm(forms.Form):
    """?month=2026-01 among the months the vendor has a statement for."""

    month = forms.ChoiceField(label=_("Month"))

    def __init__(self, *args: Any, months: list[date], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["month"] = forms.ChoiceField(
            label=_("Month"), choices=[(f"{m:%Y-%m}", report_month(m)) for m in months]
        )

    def chosen(self, default: date) -> date:
        if self.is_valid():
            return date.fromisoformat(self.cleaned_data["month"] + "-01")
        return default


class DomainErrorForm(forms.Form):
    def add_domain_error(self, error: DomainError) -> None:
        field = error.field if error.field in self.fields else None
        self.add_error(field, error.message)


class BankAccountForm(DomainErrorForm):
    bank_code = forms.ChoiceField(label=_("Bank"))
    account_number = forms.CharField(
        label=_("Account number"),
        max_length=20,
        help_text=_("Digits only, as in your bank book."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    account_name = forms.CharField(
        label=_("Account holder's name"),
        max_length=200,
        help_text=_("The name the bank knows, as in your bank book."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bank_code"] = forms.ChoiceField(
            label=_("Bank"),
            choices=[("", _("Choose your bank"))]
            + [(bank.code, f"{bank.name} ({bank.short_name})") for bank in THAI_BANKS],
        )


class PromptPayForm(DomainErrorForm):
    promptpay_id = forms.CharField(
        label=_("PromptPay ID"),
        max_length=20,
        help_text=_("Your mobile number or your 13-digit national ID number."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    account_name = forms.CharField(
        label=_("Account holder's name"),
        max_length=200,
        help_text=_("The name registered with PromptPay."),
    )
