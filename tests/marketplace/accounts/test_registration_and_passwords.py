"""Registration, confirmation, sign-in and passwords, through the services."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.utils import translation

from marketplace.accounts import services
from marketplace.accounts.errors import AccountError, AccountErrorCode
from marketplace.accounts.models import User
from marketplace.accounts.tokens import account_confirmation_token
from tests.factories.accounts import UserFactory, random_email

pytestmark = pytest.mark.django_db

REDIRECT = "http://localhost:3000/account/confirm?next=%2F"
PASSWORD = "ผ้าไหมยกดอก-2026"


def html_part(message: Any) -> str:
    assert isinstance(message, EmailMultiAlternatives)
    content, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    return str(content)


def link_params(message: mail.EmailMessage) -> dict[str, str]:
    link = re.search(r"http://localhost:3000/\S+", str(message.body))
    assert link, message.body
    return {key: values[0] for key, values in parse_qs(urlsplit(link.group()).query).items()}


def register(email: str, ip: str, capture: Any, **extra) -> None:
    with capture(execute=True):
        services.account_register(
            email=email,
            password=extra.pop("password", PASSWORD),
            redirect_url=extra.pop("redirect_url", REDIRECT),
            ip_address=ip,
            **extra,
        )


def test_registration_makes_an_unconfirmed_account_and_mails_a_thai_confirmation_link(
    email: str, ip: str, django_capture_on_commit_callbacks: Any
) -> None:
    register(email.upper(), ip, django_capture_on_commit_callbacks, first_name="มาลี")

    user = User.objects.get(email=email)
    assert user.is_confirmed is False
    assert user.check_password(PASSWORD)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [email]
    assert "ยืนยัน" in message.subject
    assert "มาลี" in message.body
    assert 'lang="th"' in html_part(message)
    params = link_params(message)
    assert params["email"] == email
    assert params["next"] == "/"  # the storefront's own query string is kept
    assert account_confirmation_token.check_token(user, params["token"])


def test_english_account_gets_the_confirmation_in_english(
    email: str, ip: str, django_capture_on_commit_callbacks: Any
) -> None:
    register(email, ip, django_capture_on_commit_callbacks, language_code="en")
    assert mail.outbox[0].subject == "Confirm your e-mail address for Kad"
    assert 'lang="en"' in html_part(mail.outbox[0])


def test_unconfirmed_account_cannot_sign_in_until_the_link_is_opened(
    email: str, ip: str, django_capture_on_commit_callbacks: Any
) -> None:
    register(email, ip, django_capture_on_commit_callbacks)

    with pytest.raises(AccountError) as refused:
        services.account_login(email=email, password=PASSWORD, ip_address=ip)
    assert refused.value.code is AccountErrorCode.ACCOUNT_NOT_CONFIRMED

    params = link_params(mail.outbox[0])
    services.account_confirm(email=params["email"], token=params["token"])
    user = services.account_login(email=email, password=PASSWORD, ip_address=ip)
    assert user.email == email
    assert user.last_login is not None


def test_confirmation_link_works_once(
    email: str, ip: str, django_capture_on_commit_callbacks: Any
) -> None:
    register(email, ip, django_capture_on_commit_callbacks)
    params = link_params(mail.outbox[0])
    services.account_confirm(email=email, token=params["token"])

    with pytest.raises(AccountError) as again:
        services.account_confirm(email=email, token=params["token"])
    assert (again.value.code, again.value.field) == (AccountErrorCode.INVALID, "token")


def test_confirmation_link_expires(
    email: str, ip: str, django_capture_on_commit_callbacks: Any, monkeypatch: Any, settings: Any
) -> None:
    register(email, ip, django_capture_on_commit_callbacks)
    params = link_params(mail.outbox[0])
    real_now = account_confirmation_token._now
    later = timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
    monkeypatch.setattr(account_confirmation_token, "_now", lambda: real_now() + later)
    with pytest.raises(AccountError):
        services.account_confirm(email=email, token=params["token"])
    assert User.objects.get(email=email).is_confirmed is False


def test_password_reset_token_does_not_confirm_an_account(
    email: str, ip: str, django_capture_on_commit_callbacks: Any
) -> None:
    register(email, ip, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.password_reset_request(email=email, redirect_url=REDIRECT, ip_address=ip)
    reset_token = link_params(mail.outbox[0])["token"]
    with pytest.raises(AccountError):
        services.account_confirm(email=email, token=reset_token)


def test_registering_a_taken_address_answers_the_same_and_warns_its_owner(
    ip: str, django_capture_on_commit_callbacks: Any
) -> None:
    owner = UserFactory.create(email=random_email(), language_code="en")
    register(owner.email.upper(), ip, django_capture_on_commit_callbacks)  # no error

    assert User.objects.filter(email__iexact=owner.email).count() == 1
    owner.refresh_from_db()
    assert owner.check_password("correct horse battery staple")  # unchanged
    assert [m.subject for m in mail.outbox] == ["You already have a Kad account"]


def test_the_owner_of_a_taken_address_gets_a_link_to_the_reset_page_not_the_confirm_page(
    ip: str, django_capture_on_commit_callbacks: Any
) -> None:
    owner = UserFactory.create(email=random_email())
    reset_page = "http://localhost:3000/account/password/reset/confirm/"
    register(owner.email, ip, django_capture_on_commit_callbacks, reset_url=reset_page)

    [message] = mail.outbox
    link = re.search(r"https?://\S+", str(message.body))
    assert link is not None and link.group(0).startswith(reset_page + "?")
    token = link_params(message)["token"]
    services.password_reset_confirm(email=owner.email, token=token, password=PASSWORD)
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD)


def test_weak_password_is_refused_with_every_broken_rule(email: str, ip: str) -> None:
    with pytest.raises(ValidationError) as refused:
        services.account_register(
            email=email, password="1234", redirect_url=REDIRECT, ip_address=ip
        )
    codes = {error.code for error in refused.value.error_dict["password"]}
    assert {"password_too_short", "password_entirely_numeric"} <= codes
    assert not User.objects.filter(email=email).exists()


def test_redirect_to_a_foreign_site_is_refused(email: str, ip: str) -> None:
    with pytest.raises(AccountError) as refused:
        services.account_register(
            email=email, password=PASSWORD, redirect_url="https://evil.example/", ip_address=ip
        )
    assert refused.value.field == "redirect_url"
    assert not User.objects.filter(email=email).exists()


def test_wrong_password_is_refused_without_saying_which_part_was_wrong(ip: str) -> None:
    user = UserFactory.create(email=random_email())
    for attempt_email, attempt_password in [
        (user.email, "not the password"),
        ("nobody-" + user.email, "correct horse battery staple"),
    ]:
        with pytest.raises(AccountError) as refused:
            services.account_login(email=attempt_email, password=attempt_password, ip_address=ip)
        assert refused.value.code is AccountErrorCode.INVALID_CREDENTIALS


def test_password_reset_answers_the_same_for_unknown_addresses(
    email: str, ip: str, django_capture_on_commit_callbacks: Any
) -> None:
    user = UserFactory.create(email=random_email())
    with django_capture_on_commit_callbacks(execute=True):
        # Both calls answer alike (no error, nothing returned); only the owner gets mail.
        services.password_reset_request(email=email, redirect_url=REDIRECT, ip_address=ip)
        services.password_reset_request(email=user.email, redirect_url=REDIRECT, ip_address=ip)
    assert [m.to for m in mail.outbox] == [[user.email]]


def test_password_reset_sets_the_new_password_once(
    ip: str, django_capture_on_commit_callbacks: Any
) -> None:
    user = UserFactory.create(email=random_email())
    with django_capture_on_commit_callbacks(execute=True):
        services.password_reset_request(email=user.email, redirect_url=REDIRECT, ip_address=ip)
    token = link_params(mail.outbox[0])["token"]

    with pytest.raises(ValidationError) as weak:
        services.password_reset_confirm(email=user.email, token=token, password="password")
    assert weak.value.error_dict["password"][0].code == "password_too_common"

    services.password_reset_confirm(email=user.email, token=token, password=PASSWORD)
    assert services.account_login(email=user.email, password=PASSWORD, ip_address=ip)
    with pytest.raises(AccountError):
        services.password_reset_confirm(email=user.email, token=token, password=PASSWORD + "x")


def test_password_rule_messages_are_translated(email: str, ip: str) -> None:
    with translation.override("th"), pytest.raises(ValidationError) as refused:
        services.account_register(
            email=email, password="12345", redirect_url=REDIRECT, ip_address=ip
        )
    assert any("รหัสผ่าน" in message for message in refused.value.messages)


def test_password_change_needs_the_current_password(ip: str) -> None:
    user = UserFactory.create(email=random_email())
    with pytest.raises(AccountError) as refused:
        services.password_change(user=user, old_password="guess", new_password=PASSWORD)
    assert (refused.value.code, refused.value.field) == (
        AccountErrorCode.INVALID_PASSWORD,
        "old_password",
    )
    services.password_change(
        user=user, old_password="correct horse battery staple", new_password=PASSWORD
    )
    assert services.account_login(email=user.email, password=PASSWORD, ip_address=ip)
