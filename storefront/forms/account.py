from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

_EMAIL_ERRORS = {
    "required": _("Enter your e-mail address."),
    "invalid": _("Enter a valid e-mail address."),
}


def _email(label: StrOrPromise | None = None) -> forms.EmailField:
    return forms.EmailField(
        label=label or _("E-mail"),
        error_messages=_EMAIL_ERRORS,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


def _password(label: StrOrPromise, autocomplete: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        strip=False,
        max_length=128,
        error_messages={"required": _("Enter the password.")},
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
    )


class LoginForm(forms.Form):
    email = _email()
    password = _password(_("Password"), "current-password")


class RegisterForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = _email()
    password = _password(_("Password"), "new-password")


class PasswordResetRequestForm(forms.Form):
    email = _email()


class PasswordResetForm(forms.Form):
    email = forms.EmailField(widget=forms.HiddenInput)
    token = forms.CharField(widget=forms.HiddenInput, max_length=200)
    password = _password(_("New password"), "new-password")


class PasswordChangeForm(forms.Form):
    old_password = _password(_("Current password"), "current-password")
    new_password = _password(_("New password"), "new-password")
