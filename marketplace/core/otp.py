"""Two-factor sign-in for operators and officers: TOTP devices (django-otp).

Everyone with `is_staff` (operators, municipal officers, superusers) signs in to the admin with
their password and a 6-digit code from an authenticator app. A staff member without a device
enrols at their first sign-in: after the password, the admin shows a QR code (an SVG drawn here,
no outside service) and asks for the first code; the device counts only once a code matched.
`KAD_OTP_SELF_ENROLMENT = False` turns that off, and then an operator gives the device
(`manage.py otp_device_reset` removes a lost one so that its owner can enrol again).

The admin site checks verification itself (`marketplace.core.admin_site`); other staff pages
listed in `KAD_OTP_REQUIRED_PATHS` (the officers' reports) are guarded by `OTPRequiredMiddleware`.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django_otp import verify_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from marketplace.accounts.models import User

DEVICE_NAME = "authenticator app"


def confirmed_devices(*, user: User) -> list[TOTPDevice]:
    return list(TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk"))


def totp_token_verify(*, user: User, token: str) -> TOTPDevice | None:
    """The user's confirmed device that accepts `token`, or None. Each device counts failures and
    refuses for a while after several (django-otp's throttling); a code is accepted once."""
    token = token.strip().replace(" ", "")
    if not token.isdigit():
        return None
    for device in confirmed_devices(user=user):
        allowed, _details = device.verify_is_allowed()
        if allowed and verify_token(user, device.persistent_id, token) is not None:
            return device
    return None


def totp_throttled(*, user: User) -> bool:
    """True when every device of the user refuses codes for now (too many wrong ones)."""
    devices = confirmed_devices(user=user)
    return bool(devices) and not any(device.verify_is_allowed()[0] for device in devices)


@transaction.atomic
def totp_enrolment_device(*, user: User) -> TOTPDevice:
    """The unconfirmed device the user is enrolling (made once; its key stays the same until it is
    confirmed, so reloading the page shows the same QR code)."""
    device = (
        TOTPDevice.objects.select_for_update()
        .filter(user=user, confirmed=False)
        .order_by("pk")
        .first()
    )
    if device is None:
        device = TOTPDevice(user=user, name=DEVICE_NAME, confirmed=False)
        device.full_clean()
        device.save()
    return device


@transaction.atomic
def totp_enrolment_confirm(*, device: TOTPDevice, token: str) -> bool:
    """Confirm the enrolling device when `token` is its current code; True when confirmed."""
    locked = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    token = token.strip().replace(" ", "")
    if not token.isdigit() or not locked.verify_token(token):
        return False
    locked.confirmed = True
    locked.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user_id=locked.user_id, confirmed=False).delete()
    device.refresh_from_db()
    return True


@transaction.atomic
def totp_device_set(*, user: User, key_hex: str, name: str = DEVICE_NAME) -> TOTPDevice:
    """Give `user` a confirmed device with a known key (the published demo operator only)."""
    device, _created = TOTPDevice.objects.update_or_create(
        user=user, name=name, defaults={"key": key_hex, "confirmed": True}
    )
    device.full_clean()
    return device


@transaction.atomic
def totp_devices_reset(*, user: User) -> int:
    """Remove every device of the user; they enrol again at their next admin sign-in."""
    deleted, _per_model = TOTPDevice.objects.filter(user=user).delete()
    return deleted


def totp_secret(device: TOTPDevice) -> str:
    """The key as authenticator apps take it when typed in (base32, in groups of four)."""
    raw = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def totp_qr_data_uri(device: TOTPDevice) -> str:
    """The device's otpauth:// address as a QR code, an SVG in a data: URI (allowed by the CSP's
    img-src, unlike an inline <svg> with style attributes)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    svg = image.to_string(encoding="unicode")
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def _is_verified(user: Any) -> bool:
    check = getattr(user, "is_verified", None)
    return bool(check()) if callable(check) else False


class OTPRequiredMiddleware:
    """Staff pages outside the admin (`KAD_OTP_REQUIRED_PATHS`) also need a verified device: a
    staff member signed in with the password only is sent to the admin sign-in for the code.

    Must come after django-otp's OTPMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        prefixes = tuple(getattr(settings, "KAD_OTP_REQUIRED_PATHS", ()))
        user = getattr(request, "user", None)
        if (
            prefixes
            and request.path_info.startswith(prefixes)
            and user is not None
            and user.is_authenticated
            and user.is_staff
            and not _is_verified(user)
        ):
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        return self.get_response(request)
