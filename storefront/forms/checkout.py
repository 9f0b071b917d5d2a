from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from payments.models import Gateway

# What the payment step offers; "card" and "promptpay" are both Stripe.
CARD = "card"
PROMPTPAY = "promptpay"


class EmailForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("We send the order confirmation and delivery news here."),
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter a valid e-mail address."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


def stripe_available() -> bool:
    return bool(getattr(settings, "STRIPE_API_KEY", ""))


def payment_choices() -> list[tuple[str, Any]]:
    choices: list[tuple[str, Any]] = [
        (
            Gateway.CASH_ON_DELIVERY.value,
            _("Cash on delivery (pay each maker when the parcel comes)"),
        ),
        (Gateway.BANK_TRANSFER.value, _("Bank transfer (upload the transfer slip)")),
    ]
    if stripe_available():
        choices = [
            (CARD, _("Credit or debit card")),
            (PROMPTPAY, _("PromptPay QR code")),
            *choices,
        ]
    return choices


def gateway_of(choice: str) -> tuple[str, str]:
    """(gateway, Stripe method) of a payment choice."""
    if choice in (CARD, PROMPTPAY):
        return Gateway.STRIPE.value, choice
    return choice, CARD


class PaymentChoiceForm(forms.Form):
    method = forms.ChoiceField(
        label=_("How would you like to pay?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how you would like to pay."),
            "invalid_choice": _("Choose how you would like to pay."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        method = self.fields["method"]
        assert isinstance(method, forms.ChoiceField)  # noqa: S101 - declared above
        method.choices = payment_choices()


class PlaceOrderForm(PaymentChoiceForm):
    # The total the shopper saw; the order is not placed if it changed meanwhile.
    total = forms.DecimalField(max_digits=12, decimal_places=2, widget=forms.HiddenInput)


class SlipForm(forms.Form):
    slip = forms.FileField(
        label=_("Photo or screenshot of the transfer slip"),
        error_messages={"required": _("Choose the picture of your transfer slip.")},
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )


class TestCardForm(forms.Form):
    """Test mode only (a local Stripe stand-in): the server confirms the card payment itself."""

    payment_method = forms.RegexField(
        label=_("Test PaymentMethod id"),
        regex=r"^pm_[A-Za-z0-9_]{1,200}$",
        error_messages={"invalid": _("Enter a PaymentMethod id such as pm_123.")},
    )


class TrackingForm(forms.Form):
    number = forms.CharField(
        label=_("Order number"),
        max_length=32,
        help_text=_("As in your confirmation e-mail, e.g. KAD-2026-000123"),
    )
    email = forms.EmailField(
        label=_("E-mail used for the order"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
