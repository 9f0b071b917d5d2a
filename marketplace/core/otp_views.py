"""The enrolment page: a staff member without a device scans a QR code and types the first code."""

from __future__ import annotations

from django import forms
from django.contrib.admin.sites import AdminSite
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login

from marketplace.core import otp


class EnrolForm(forms.Form):
    otp_token = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=10,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9 ]*"}
        ),
    )


def _next_url(request: HttpRequest) -> str:
    following = request.POST.get("next") or request.GET.get("next") or ""
    if following and url_has_allowed_host_and_scheme(
        following, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return following
    return reverse("admin:index")


@never_cache
def otp_enrol(request: HttpRequest, site: AdminSite) -> HttpResponse:
    user = request.user
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    if otp.confirmed_devices(user=user):
        # Adding a device needs a verified sign-in first; an operator resets a lost one.
        return HttpResponseRedirect(_next_url(request))
    device = otp.totp_enrolment_device(user=user)
    form = EnrolForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        if otp.totp_enrolment_confirm(device=device, token=form.cleaned_data["otp_token"]):
            otp_login(request, device)
            return HttpResponseRedirect(_next_url(request))
        form.add_error(
            "otp_token",
            _("That code does not match. Check the app shows Kad, then enter the code shown now."),
        )
    context = {
        **site.each_context(request),
        "title": _("Set up two-factor sign-in"),
        "form": form,
        "qr_code": otp.totp_qr_data_uri(device),
        "secret": otp.totp_secret(device),
        "next": _next_url(request),
    }
    return render(request, "kad_admin/otp_enrol.html", context)
