"""Security headers and cookies on every kind of page, production HTTPS settings, size limits."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from marketplace.core.security import permissions_policy
from tests.factories.accounts import OperatorFactory
from tests.factories.otp import TOTPDeviceFactory, current_code, otp_force_login

pytestmark = pytest.mark.django_db


def assert_security_headers(response: Any) -> None:
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=(self)" in response["Permissions-Policy"]
    assert "microphone=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert "Content-Security-Policy" in response


def test_storefront_page_has_the_security_headers_and_a_lax_csrf_cookie(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert_security_headers(response)
    csrf = response.cookies["csrftoken"]  # the language switch's form sets it
    assert csrf["samesite"] == "Lax"


def test_admin_pages_have_the_security_headers_and_a_lax_httponly_session(client: Client) -> None:
    assert_security_headers(client.get(reverse("admin:login")))
    otp_force_login(client, OperatorFactory.create())
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert_security_headers(response)


def test_signing_in_sets_a_lax_httponly_session_cookie(client: Client) -> None:
    device = TOTPDeviceFactory.create()
    response = client.post(
        reverse("admin:login"),
        {
            "username": device.user.email,
            "password": "correct horse battery staple",
            "otp_token": current_code(device),
        },
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["samesite"] == "Lax"
    assert session["httponly"] is True


def test_the_camera_is_allowed_for_our_pages_only() -> None:
    assert (
        permissions_policy({"camera": ["self"], "geolocation": [], "payment": ["self", '"x"']})
        == 'camera=(self), geolocation=(), payment=(self "x")'
    )


def test_a_request_body_over_the_limit_is_refused_before_it_is_read(
    client: Client, settings
) -> None:
    settings.KAD_MAX_REQUEST_BYTES = 1000
    response = client.post(
        "/i18n/setlang/", data="x" * 2000, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413
    assert "MB" in response.content.decode()
    graphql = client.post("/graphql/", data="x" * 2000, content_type="application/json")
    assert graphql.status_code == 413
    assert graphql.json()["errors"][0]["extensions"]["code"] == "REQUEST_TOO_LARGE"
    assert client.post("/i18n/setlang/", {"language": "en"}).status_code == 302


def test_production_turns_on_hsts_secure_cookies_and_turns_off_introspection() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DJANGO_ENV")}
    env |= {
        "DJANGO_ENV": "production",
        "DEBUG": "0",
        "SECRET_KEY": "x7#k2!q9z&w4m8r1t6y3u0p5a2s9d4f7g1h8j3k6l0",
        "ALLOWED_HOSTS": "kad.lamphun.go.th",
        "DJANGO_SETTINGS_MODULE": "marketplace.settings",
        "SECURE_HSTS_PRELOAD": "1",
    }
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, "
        "s.GRAPHQL_INTROSPECTION, s.SESSION_COOKIE_SAMESITE)"
    )
    result = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == [
        "31536000",
        "True",
        "True",
        "True",
        "True",
        "True",
        "False",
        "Lax",
    ]


def test_hsts_header_is_sent_over_https_when_configured(client: Client, settings) -> None:
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    response = client.get("/healthz", secure=True)
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")
