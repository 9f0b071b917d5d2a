"""Rate limits on sign-in, registration and password reset, counted in the real Redis."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from marketplace.accounts import ratelimit, services
from marketplace.accounts.errors import AccountError, AccountErrorCode
from tests.conftest import require_env
from tests.factories.accounts import UserFactory, random_email, random_ip

pytestmark = pytest.mark.django_db

REDIRECT = "http://localhost/reset"


@pytest.fixture(autouse=True)
def _real_redis(settings) -> None:
    require_env("REDIS_URL")
    assert "redis" in settings.CACHES["default"]["BACKEND"].lower()


def fail_login(email: str, ip: str) -> AccountError:
    with pytest.raises(AccountError) as refused:
        services.account_login(email=email, password="wrong", ip_address=ip)
    return refused.value


def test_sixth_wrong_password_for_an_account_is_delayed_with_the_wait(email: str) -> None:
    user = UserFactory.create(email=email)
    for _ in range(ratelimit.LOGIN_PER_ACCOUNT.limit):
        assert fail_login(user.email, random_ip()).code is AccountErrorCode.INVALID_CREDENTIALS

    blocked = fail_login(user.email, random_ip())
    assert blocked.code is AccountErrorCode.LOGIN_ATTEMPT_DELAYED
    with translation.override("en"):
        assert blocked.message == "Too many attempts. Try again in 15 minutes."
    with translation.override("th"):
        assert blocked.message == "ลองหลายครั้งเกินไป โปรดลองใหม่ในอีก 15 นาที"
    # Even the right password waits: otherwise guessing could go on.
    with pytest.raises(AccountError) as right:
        services.account_login(
            email=user.email, password="correct horse battery staple", ip_address=random_ip()
        )
    assert right.value.code is AccountErrorCode.LOGIN_ATTEMPT_DELAYED


def test_one_ip_address_guessing_many_accounts_is_delayed(ip: str) -> None:
    for _ in range(ratelimit.LOGIN_PER_IP.limit):
        fail_login(random_email(), ip)
    assert fail_login(random_email(), ip).code is AccountErrorCode.LOGIN_ATTEMPT_DELAYED
    assert fail_login(random_email(), random_ip()).code is AccountErrorCode.INVALID_CREDENTIALS


def test_a_successful_sign_in_clears_the_account_count(email: str, ip: str) -> None:
    user = UserFactory.create(email=email)
    for _ in range(ratelimit.LOGIN_PER_ACCOUNT.limit - 1):
        fail_login(user.email, ip)
    services.account_login(email=user.email, password="correct horse battery staple", ip_address=ip)
    assert fail_login(user.email, ip).code is AccountErrorCode.INVALID_CREDENTIALS


def test_password_reset_requests_are_limited_per_address_known_or_not(
    email: str, django_capture_on_commit_callbacks: Any
) -> None:
    known = UserFactory.create(email=random_email()).email
    for address in (known, email):
        for _ in range(ratelimit.PASSWORD_RESET_PER_ACCOUNT.limit):
            with django_capture_on_commit_callbacks(execute=True):
                services.password_reset_request(
                    email=address, redirect_url=REDIRECT, ip_address=random_ip()
                )
        with pytest.raises(AccountError) as refused:
            services.password_reset_request(
                email=address, redirect_url=REDIRECT, ip_address=random_ip()
            )
        assert refused.value.code is AccountErrorCode.TOO_MANY_ATTEMPTS
        with translation.override("en"):
            assert refused.value.message == "Too many attempts. Try again in 60 minutes."


def test_registrations_are_limited_per_ip_address(
    ip: str, django_capture_on_commit_callbacks: Any
) -> None:
    for _ in range(ratelimit.REGISTER_PER_IP.limit):
        with django_capture_on_commit_callbacks(execute=True):
            services.account_register(
                email=random_email(),
                password="ผ้าไหม-ลำพูน-2026",
                redirect_url=REDIRECT,
                ip_address=ip,
            )
    with pytest.raises(AccountError) as refused:
        services.account_register(
            email=random_email(), password="ผ้าไหม-ลำพูน-2026", redirect_url=REDIRECT, ip_address=ip
        )
    assert refused.value.code is AccountErrorCode.TOO_MANY_ATTEMPTS


def test_the_wait_counts_down_to_the_end_of_the_window() -> None:
    key = random_email()
    rule = ratelimit.Rule("test:countdown", limit=1, window_seconds=600)
    ratelimit.record(rule, key, now=1_000.0)
    assert ratelimit.seconds_to_wait(rule, key, now=1_000.0) == 600
    assert ratelimit.seconds_to_wait(rule, key, now=1_539.5) == 61
    with pytest.raises(AccountError) as refused:
        ratelimit.check({rule: key}, now=1_539.5)
    with translation.override("en"):
        assert refused.value.message == "Too many attempts. Try again in 2 minutes."
    with pytest.raises(AccountError) as last_minute:
        ratelimit.check({rule: key}, now=1_590.0)
    with translation.override("en"):
        assert last_minute.value.message == "Too many attempts. Try again in 1 minute."
    ratelimit.reset(rule, key)
