"""Two-factor devices, and signing a test client in past the admin's second factor."""

from __future__ import annotations

import factory
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from marketplace.accounts.models import User
from tests.factories.accounts import OperatorFactory


class TOTPDeviceFactory(factory.django.DjangoModelFactory[TOTPDevice]):
    class Meta:
        model = TOTPDevice

    user = factory.SubFactory(OperatorFactory)
    name = "authenticator app"
    confirmed = True


def current_code(device: TOTPDevice) -> str:
    """The code the device's authenticator app shows now."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def otp_force_login(client: Client, user: User) -> TOTPDevice:
    """`client.force_login(user)` plus what a sign-in with a valid code leaves in the session:
    the verified device. Staff need it for the admin and the officers' reports."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDeviceFactory.create(user=user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device
