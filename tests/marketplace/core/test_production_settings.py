"""DJANGO_ENV=production refuses insecure settings, and names each one."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

SECURE = {
    "DJANGO_ENV": "production",
    "DEBUG": "0",
    "SECRET_KEY": "x7#k2!q9z&w4m8r1t6y3u0p5a2s9d4f7g1h8j3k6l0",
    "ALLOWED_HOSTS": "kad.lamphun.go.th",
    "DATABASE_URL": "postgres://kad@127.0.0.1:5432/kad",
}


def load_settings(**overrides: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in SECURE}
    env |= SECURE | overrides
    env["DJANGO_SETTINGS_MODULE"] = "marketplace.settings"
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.PASSWORD_HASHERS[0])"
    )
    return subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )


def test_secure_production_settings_start_with_hsts_secure_cookies_and_argon2() -> None:
    result = load_settings()
    assert result.returncode == 0, result.stderr
    hsts, secure_cookie, hasher = result.stdout.split()
    assert int(hsts) >= 31_536_000
    assert secure_cookie == "True"
    assert hasher.endswith("Argon2PasswordHasher")


@pytest.mark.parametrize(
    ("overrides", "named"),
    [
        ({"DEBUG": "1"}, "DEBUG"),
        ({"SECRET_KEY": ""}, "SECRET_KEY"),
        ({"SECRET_KEY": "django-insecure-kad-development-key-not-for-production"}, "SECRET_KEY"),
        ({"ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_insecure_value_and_names_it(
    overrides: dict[str, str], named: str
) -> None:
    result = load_settings(**overrides)
    assert result.returncode != 0
    assert "Refusing to start with DJANGO_ENV=production" in result.stderr
    assert named in result.stderr


def test_production_names_every_problem_at_once() -> None:
    result = load_settings(DEBUG="1", SECRET_KEY="short", ALLOWED_HOSTS="*")
    assert result.returncode != 0
    for named in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"):
        assert named in result.stderr


def test_non_postgres_database_is_refused() -> None:
    result = load_settings(DATABASE_URL="sqlite:///kad.db")
    assert result.returncode != 0
    assert "PostgreSQL" in result.stderr
