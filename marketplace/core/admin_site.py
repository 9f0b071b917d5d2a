"""The admin site with two-factor sign-in (see `marketplace.core.otp`).

`marketplace.core.admin_apps.KadAdminConfig` replaces `django.contrib.admin` in INSTALLED_APPS,
so `admin.site` (where every domain registers its models) is a `KadAdminSite`: only staff
verified by a TOTP device get in; a staff member who has no device yet is taken to the enrolment
page after the password.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.sites import AdminSite
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import URLPattern, URLResolver, path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from marketplace.core import otp

REQUIRED_CODE = _("Enter the 6-digit code from your authenticator app.")
WRONG_CODE = _("That code is not right, or it was already used. Enter the code shown now.")
THROTTLED = _("Too many wrong codes. Wait a minute, then try again.")
NO_DEVICE = _(
    "Your account has no authenticator app yet. Ask an operator to set up two-factor sign-in "
    "for you."
)


class OTPAdminLoginForm(AdminAuthenticationForm):
    """The admin sign-in: e-mail, password and the current code of the user's authenticator app.

    A staff member without any device passes with the password alone (when self-enrolment is on)
    and is then sent to enrol; the admin itself stays closed until a device is verified."""

    otp_token = forms.CharField(
        label=_("Code from your authenticator app"),
        required=False,
        max_length=10,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9 ]*"}
        ),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        user = self.get_user()
        if user is None:
            return cleaned
        if not otp.confirmed_devices(user=user):
            if not settings.KAD_OTP_SELF_ENROLMENT:
                raise forms.ValidationError(NO_DEVICE, code="otp_no_device")
            return cleaned
        token = str(cleaned.get("otp_token") or "")
        if not token.strip():
            self.add_error("otp_token", forms.ValidationError(REQUIRED_CODE, code="required"))
            raise forms.ValidationError(REQUIRED_CODE, code="otp_required")
        device = otp.totp_token_verify(user=user, token=token)
        if device is None:
            message = THROTTLED if otp.totp_throttled(user=user) else WRONG_CODE
            self.add_error("otp_token", forms.ValidationError(message, code="invalid"))
            raise forms.ValidationError(message, code="otp_invalid")
        # django-otp's user_logged_in handler stores this device in the session.
        setattr(user, "otp_device", device)  # noqa: B010 (django-otp's attribute, not a field)
        return cleaned


class KadAdminSite(AdminSite):
    site_header = _("Kad administration")
    site_title = _("Kad administration")
    index_title = _("Co-op operations")
    login_form = OTPAdminLoginForm
    login_template = "kad_admin/login.html"

    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and otp._is_verified(request.user)

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        user = request.user
        if (
            request.method == "GET"
            and user.is_active
            and user.is_staff
            and not otp._is_verified(user)
            and settings.KAD_OTP_SELF_ENROLMENT
            and not otp.confirmed_devices(user=user)
        ):
            enrol = reverse("admin:otp_enrol")
            following = request.GET.get("next", "")
            return HttpResponseRedirect(
                f"{enrol}?{urlencode({'next': following})}" if following else enrol
            )
        return super().login(request, extra_context)

    def get_urls(self) -> list[URLResolver | URLPattern]:
        from marketplace.core.otp_views import otp_enrol

        return [
            path("two-factor/enrol/", otp_enrol, {"site": self}, name="otp_enrol"),
            *super().get_urls(),
        ]
