"""The account API end to end over /graphql/: register, confirm, sign in, tokens, passwords."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from marketplace.accounts import jwt, ratelimit
from tests.factories.accounts import UserFactory, random_email, random_ip
from tests.marketplace.graphql.account.api import gql

pytestmark = pytest.mark.django_db

PASSWORD = "ผ้าไหมยกดอก-2026"
REDIRECT = "http://localhost:3000/account/confirm/"

REGISTER = """
mutation Register($input: AccountRegisterInput!) {
  accountRegister(input: $input) { requiresConfirmation errors { field code message } }
}"""
CONFIRM = """
mutation Confirm($email: String!, $token: String!) {
  confirmAccount(email: $email, token: $token) { user { email isConfirmed } errors { code } }
}"""
TOKEN_CREATE = """
mutation Login($email: String!, $password: String!) {
  tokenCreate(email: $email, password: $password) {
    token refreshToken user { email } errors { field code message }
  }
}"""
TOKEN_REFRESH = """
mutation Refresh($refreshToken: String) {
  tokenRefresh(refreshToken: $refreshToken) { token user { email } errors { field code } }
}"""
TOKEN_VERIFY = """
mutation Verify($token: String!) {
  tokenVerify(token: $token) { isValid payload user { email } errors { code } }
}"""
ME = "{ me { id email firstName lastName languageCode isConfirmed addresses { id } } }"
REQUEST_RESET = """
mutation Reset($email: String!, $redirectUrl: String!) {
  requestPasswordReset(email: $email, redirectUrl: $redirectUrl) { errors { field code message } }
}"""
SET_PASSWORD = """
mutation SetPassword($email: String!, $password: String!, $token: String!) {
  setPassword(email: $email, password: $password, token: $token) {
    token refreshToken errors { field code message }
  }
}"""
PASSWORD_CHANGE = """
mutation Change($old: String, $new: String!) {
  passwordChange(oldPassword: $old, newPassword: $new) { user { email } errors { field code } }
}"""


def data(body: dict, name: str) -> dict:
    assert "errors" not in body, body["errors"]
    return body["data"][name]


def link_params(message: mail.EmailMessage) -> dict[str, str]:
    link = re.search(r"http://localhost:3000/\S+", str(message.body))
    assert link
    return {key: values[0] for key, values in parse_qs(urlsplit(link.group()).query).items()}


def login(client: Client, email: str, password: str, ip: str, language: str = "th") -> dict:
    body = gql(
        client, TOKEN_CREATE, {"email": email, "password": password}, ip=ip, language=language
    )
    return data(body, "tokenCreate")


def test_register_confirm_sign_in_and_read_me(
    client: Client, email: str, ip: str, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        registered = gql(
            client,
            REGISTER,
            {
                "input": {
                    "email": email,
                    "password": PASSWORD,
                    "firstName": "Malee",
                    "redirectUrl": REDIRECT,
                }
            },
            ip=ip,
            language="en",
        )
    assert data(registered, "accountRegister") == {"requiresConfirmation": True, "errors": []}
    assert mail.outbox[0].subject == "Confirm your e-mail address for Kad"  # Accept-Language: en

    before = login(client, email, PASSWORD, ip)
    assert before["token"] is None
    assert before["errors"][0]["code"] == "ACCOUNT_NOT_CONFIRMED"

    params = link_params(mail.outbox[0])
    confirmed = data(gql(client, CONFIRM, params, ip=ip), "confirmAccount")
    assert confirmed == {"user": {"email": email, "isConfirmed": True}, "errors": []}

    tokens = login(client, email, PASSWORD, ip)
    assert tokens["errors"] == [] and tokens["user"] == {"email": email}
    me = data(gql(client, ME, ip=ip, token=tokens["token"]), "me")
    assert me["email"] == email
    assert (me["firstName"], me["languageCode"], me["isConfirmed"]) == ("Malee", "EN", True)
    assert me["addresses"] == []


def test_me_is_null_without_a_valid_token(client: Client, ip: str) -> None:
    assert data(gql(client, ME, ip=ip), "me") is None
    assert data(gql(client, ME, ip=ip, token="garbage"), "me") is None
    user = UserFactory.create(email=random_email())
    session_only = Client()
    session_only.force_login(user)  # the API does not honour the session cookie
    assert data(gql(session_only, ME, ip=ip), "me") is None


def test_wrong_password_gets_an_error_in_the_request_language(client: Client, ip: str) -> None:
    user = UserFactory.create(email=random_email())
    english = login(client, user.email, "wrong", ip, language="en")
    assert english["token"] is None
    assert english["errors"] == [
        {
            "field": "email",
            "code": "INVALID_CREDENTIALS",
            "message": "The e-mail address or password is not right.",
        }
    ]
    thai = login(client, user.email, "wrong", ip, language="th")
    assert thai["errors"][0]["message"] == "อีเมลหรือรหัสผ่านไม่ถูกต้อง"


def test_expired_access_token_is_renewed_with_the_refresh_token(client: Client, ip: str) -> None:
    user = UserFactory.create(email=random_email())
    tokens = login(client, user.email, "correct horse battery staple", ip)
    expired = jwt.access_token_create(user, now=timezone.now() - timedelta(minutes=6))
    assert data(gql(client, ME, ip=ip, token=expired), "me") is None
    verify = data(gql(client, TOKEN_VERIFY, {"token": expired}, ip=ip), "tokenVerify")
    assert verify["isValid"] is False
    assert verify["errors"] == [{"code": "JWT_SIGNATURE_EXPIRED"}]

    refreshed = data(
        gql(client, TOKEN_REFRESH, {"refreshToken": tokens["refreshToken"]}, ip=ip), "tokenRefresh"
    )
    assert refreshed["errors"] == [] and refreshed["user"] == {"email": user.email}
    assert data(gql(client, ME, ip=ip, token=refreshed["token"]), "me")["email"] == user.email
    verified = data(gql(client, TOKEN_VERIFY, {"token": refreshed["token"]}, ip=ip), "tokenVerify")
    assert verified["isValid"] is True
    assert verified["payload"]["type"] == "access"


def test_refresh_token_is_refused_after_a_password_change(client: Client, ip: str) -> None:
    user = UserFactory.create(email=random_email())
    tokens = login(client, user.email, "correct horse battery staple", ip)
    wrong_old = data(
        gql(
            client, PASSWORD_CHANGE, {"old": "guess", "new": PASSWORD}, ip=ip, token=tokens["token"]
        ),
        "passwordChange",
    )
    assert wrong_old["errors"] == [{"field": "oldPassword", "code": "INVALID_PASSWORD"}]
    changed = data(
        gql(
            client,
            PASSWORD_CHANGE,
            {"old": "correct horse battery staple", "new": PASSWORD},
            ip=ip,
            token=tokens["token"],
        ),
        "passwordChange",
    )
    assert changed == {"user": {"email": user.email}, "errors": []}

    refused = data(
        gql(client, TOKEN_REFRESH, {"refreshToken": tokens["refreshToken"]}, ip=ip), "tokenRefresh"
    )
    assert refused["token"] is None
    assert refused["errors"] == [{"field": "token", "code": "JWT_INVALID_TOKEN"}]
    assert data(gql(client, ME, ip=ip, token=tokens["token"]), "me") is None


@pytest.mark.parametrize("token", ["garbage", "a.b.c", "", "Bearer x"])
def test_garbage_refresh_tokens_are_errors_not_crashes(client: Client, ip: str, token: str) -> None:
    refused = data(gql(client, TOKEN_REFRESH, {"refreshToken": token}, ip=ip), "tokenRefresh")
    assert refused["token"] is None
    assert refused["errors"][0]["code"] in {"JWT_DECODE_ERROR", "JWT_MISSING_TOKEN"}


def test_password_change_needs_a_signed_in_user(client: Client, ip: str) -> None:
    body = gql(client, PASSWORD_CHANGE, {"old": "x", "new": PASSWORD}, ip=ip)
    assert body["data"]["passwordChange"] is None
    assert body["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"


def test_password_reset_request_does_not_reveal_whether_the_address_exists(
    client: Client, email: str, ip: str, django_capture_on_commit_callbacks: Any
) -> None:
    user = UserFactory.create(email=random_email())
    with django_capture_on_commit_callbacks(execute=True):
        known = gql(client, REQUEST_RESET, {"email": user.email, "redirectUrl": REDIRECT}, ip=ip)
        unknown = gql(client, REQUEST_RESET, {"email": email, "redirectUrl": REDIRECT}, ip=ip)
    assert known == unknown == {"data": {"requestPasswordReset": {"errors": []}}}
    assert [m.to for m in mail.outbox] == [[user.email]]

    params = link_params(mail.outbox[0])
    weak = data(
        gql(client, SET_PASSWORD, {**params, "password": "12345678"}, ip=ip, language="en"),
        "setPassword",
    )
    assert {e["code"] for e in weak["errors"]} == {
        "PASSWORD_TOO_COMMON",
        "PASSWORD_ENTIRELY_NUMERIC",
    }
    assert {e["field"] for e in weak["errors"]} == {"password"}
    done = data(gql(client, SET_PASSWORD, {**params, "password": PASSWORD}, ip=ip), "setPassword")
    assert done["errors"] == [] and done["token"]
    assert login(client, user.email, PASSWORD, ip)["errors"] == []


def test_foreign_redirect_url_is_an_error_on_its_field(client: Client, ip: str) -> None:
    body = gql(
        client,
        REQUEST_RESET,
        {"email": random_email(), "redirectUrl": "https://evil.example/"},
        ip=ip,
    )
    assert data(body, "requestPasswordReset")["errors"][0]["field"] == "redirectUrl"


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Too many attempts. Try again in 15 minutes."),
        ("th", "ลองหลายครั้งเกินไป โปรดลองใหม่ในอีก 15 นาที"),
    ],
)
def test_sign_in_rate_limit_says_how_long_to_wait(
    client: Client, email: str, language: str, message: str
) -> None:
    UserFactory.create(email=email)
    for _ in range(ratelimit.LOGIN_PER_ACCOUNT.limit):
        assert login(client, email, "wrong", random_ip())["errors"][0]["code"] == (
            "INVALID_CREDENTIALS"
        )
    blocked = login(client, email, "wrong", random_ip(), language=language)
    assert blocked["errors"] == [
        {"field": None, "code": "LOGIN_ATTEMPT_DELAYED", "message": message}
    ]
