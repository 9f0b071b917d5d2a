"""Two-factor sign-in to the admin for operators and officers (TOTP authenticator apps)."""

from __future__ import annotations

import base64
import re
from io import StringIO
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from marketplace.core import demo
from tests.factories.accounts import OperatorFactory, UserFactory
from tests.factories.otp import TOTPDeviceFactory, current_code, otp_force_login
from tests.marketplace.analytics import builders

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
EN = {"accept-language": "en"}
LOGIN = reverse("admin:login")
INDEX = reverse("admin:index")
ENROL = reverse("admin:otp_enrol")


def sign_in(client: Client, email: str, code: str = "", *, follow: bool = False) -> Any:
    return client.post(
        f"{LOGIN}?next={INDEX}",
        {"username": email, "password": PASSWORD, "otp_token": code, "next": INDEX},
        follow=follow,
        headers=EN,
    )


def opens_admin(client: Client) -> bool:
    return client.get(INDEX).status_code == 200


def test_the_password_alone_does_not_open_the_admin_for_staff_with_a_device(
    client: Client,
) -> None:
    device = TOTPDeviceFactory.create()
    response = sign_in(client, device.user.email)
    assert response.status_code == 200
    assert "Enter the 6-digit code" in response.content.decode()
    assert not opens_admin(client)


def test_a_wrong_code_is_refused_next_to_the_field(client: Client) -> None:
    device = TOTPDeviceFactory.create()
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    response = sign_in(client, device.user.email, wrong)
    assert response.status_code == 200
    assert response.context["form"].errors["otp_token"]
    assert not opens_admin(client)


def test_a_valid_code_opens_the_admin_and_is_not_accepted_twice(client: Client) -> None:
    device = TOTPDeviceFactory.create()
    code = current_code(device)
    response = sign_in(client, device.user.email, code)
    assert response.status_code == 302
    assert response["Location"] == INDEX
    assert opens_admin(client)

    replay = Client()
    assert sign_in(replay, device.user.email, code).status_code == 200
    assert not opens_admin(replay)


def test_a_session_signed_in_without_the_second_factor_is_sent_to_sign_in(
    client: Client,
) -> None:
    client.force_login(OperatorFactory.create())  # e.g. through the storefront's sign-in
    response = client.get(reverse("admin:orders_order_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_officer_reports_also_need_the_second_factor(client: Client) -> None:
    officer = builders.officer(builders.municipality("lamphun"))
    client.force_login(officer)  # type: ignore[arg-type]
    response = client.get("/reports/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    verified = Client()
    otp_force_login(verified, officer)  # type: ignore[arg-type]
    assert verified.get("/reports/").status_code == 200


def test_staff_without_a_device_enrols_with_a_qr_code_and_the_first_code(client: Client) -> None:
    operator = OperatorFactory.create()
    response = sign_in(client, operator.email, follow=True)
    assert response.redirect_chain[-1][0].startswith(ENROL)
    page = response.content.decode()
    assert re.search(
        r'<img src="data:image/svg\+xml;base64,[A-Za-z0-9+/=]+"[^>]* alt="[^"]+"', page
    )
    assert not opens_admin(client)

    device = TOTPDevice.objects.get(user=operator)
    assert not device.confirmed
    secret = response.context["secret"].replace(" ", "")
    assert base64.b32decode(secret + "=" * (-len(secret) % 8)) == device.bin_key
    # The same key on reload: the QR code the staff member scanned stays valid.
    assert client.get(ENROL).context["secret"] == response.context["secret"]

    refused = client.post(ENROL, {"otp_token": "000000", "next": INDEX}, headers=EN)
    assert refused.context["form"].errors["otp_token"]
    assert not opens_admin(client)
    device.refresh_from_db()
    device.throttle_reset()  # a wrong code locks the device for a second; the person retyping waits

    confirmed = client.post(ENROL, {"otp_token": current_code(device), "next": INDEX})
    assert confirmed.status_code == 302
    assert confirmed["Location"] == INDEX
    device.refresh_from_db()
    assert device.confirmed
    assert opens_admin(client)


def test_the_enrolment_qr_code_holds_the_otpauth_address_of_the_device(client: Client) -> None:
    operator = OperatorFactory.create(email="prapa@example.com")
    client.force_login(operator)
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=operator)
    url = urlsplit(device.config_url)
    assert url.scheme == "otpauth"
    assert parse_qs(url.query)["issuer"] == ["Kad"]


def test_a_staff_member_with_a_device_cannot_add_another_without_signing_in_fully(
    client: Client,
) -> None:
    device = TOTPDeviceFactory.create()
    client.force_login(device.user)
    response = client.get(ENROL)
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=device.user).count() == 1


def test_without_self_enrolment_a_staff_member_without_a_device_is_refused(
    client: Client, settings
) -> None:
    settings.KAD_OTP_SELF_ENROLMENT = False
    operator = OperatorFactory.create()
    response = sign_in(client, operator.email)
    assert response.status_code == 200
    assert "no authenticator app yet" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=operator).exists()


def test_a_shopper_cannot_enrol(client: Client) -> None:
    client.force_login(UserFactory.create())
    assert client.get(ENROL)["Location"].startswith(LOGIN)
    assert not TOTPDevice.objects.exists()


def test_the_demo_operator_signs_in_with_the_published_key(client: Client) -> None:
    demo._accounts()
    out = StringIO()
    call_command("demo_otp_code", stdout=out)
    code = out.getvalue().strip()
    assert code == f"{totp(bytes.fromhex(demo.DEMO_OPERATOR_TOTP_KEY)):06d}"
    response = client.post(
        LOGIN,
        {
            "username": demo.DEMO_OPERATOR_EMAIL,
            "password": demo.DEMO_OPERATOR_PASSWORD,
            "otp_token": code,
        },
    )
    assert response.status_code == 302
    assert opens_admin(client)
    demo._accounts()  # a second seed run keeps one device
    assert TOTPDevice.objects.filter(user__email=demo.DEMO_OPERATOR_EMAIL).count() == 1


def test_resetting_a_lost_device_lets_its_owner_enrol_again(client: Client) -> None:
    device = TOTPDeviceFactory.create()
    out = StringIO()
    call_command("otp_device_reset", device.user.email, stdout=out)
    assert "removed 1" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=device.user).exists()
    response = sign_in(client, device.user.email, follow=True)
    assert response.redirect_chain[-1][0].startswith(ENROL)
