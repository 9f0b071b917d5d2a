from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.checkout.services import MAX_LINE_QUANTITY

_QUANTITY_ERRORS = {
    "required": _("Enter how many you want."),
    "invalid": _("Enter a whole number."),
    "min_value": _("The quantity must be at least 1."),
    "max_value": _("You can buy at most %(limit_value)s of one item in one order."),
}


class CartAddForm(forms.Form):
    variant = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    quantity = forms.IntegerField(
        label=_("Quantity"),
        min_value=1,
        max_value=MAX_LINE_QUANTITY,
        initial=1,
        error_messages=_QUANTITY_ERRORS,
    )


class CartUpdateForm(forms.Form):
    line = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    quantity = forms.IntegerField(
        label=_("Quantity"),
        min_value=0,
        max_value=MAX_LINE_QUANTITY,
        error_messages={**_QUANTITY_ERRORS, "min_value": _("The quantity cannot be negative.")},
    )


class CartRemoveForm(forms.Form):
    line = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class DeliveryForm(forms.Form):
    vendor = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    method = forms.IntegerField(
        label=_("Delivery"),
        min_value=1,
        error_messages={
            "required": _("Choose how this parcel should travel."),
            "invalid": _("Choose how this parcel should travel."),
        },
    )
