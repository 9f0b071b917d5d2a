"""API tokens: lifetimes, types, signatures, and invalidation by a password change."""

from __future__ import annotations

from datetime import timedelta
from enum import Enum
from typing import Any

import jwt as pyjwt
import pytest
from django.utils import timezone

from marketplace.accounts import jwt, services
from marketplace.accounts.errors import AccountError, AccountErrorCode
from tests.factories.accounts import UserFactory, random_email

pytestmark = pytest.mark.django_db


def refused_code(token: str, token_type: jwt.TokenType, **kwargs: Any) -> Enum:
    with pytest.raises(AccountError) as refused:
        jwt.user_from_token(token, token_type, **kwargs)
    return refused.value.code


def test_access_token_identifies_its_user_for_five_minutes() -> None:
    user = UserFactory.create(email=random_email())
    issued = timezone.now()
    token = jwt.access_token_create(user, now=issued)

    assert (
        jwt.user_from_token(token, jwt.TokenType.ACCESS, now=issued + timedelta(minutes=4)) == user
    )
    late = issued + timedelta(minutes=5, seconds=1)
    assert (
        refused_code(token, jwt.TokenType.ACCESS, now=late)
        is AccountErrorCode.JWT_SIGNATURE_EXPIRED
    )


def test_refresh_token_lasts_thirty_days() -> None:
    user = UserFactory.create(email=random_email())
    issued = timezone.now()
    token = jwt.refresh_token_create(user, now=issued)
    assert (
        jwt.user_from_token(token, jwt.TokenType.REFRESH, now=issued + timedelta(days=29)) == user
    )
    assert (
        refused_code(token, jwt.TokenType.REFRESH, now=issued + timedelta(days=30, seconds=1))
        is AccountErrorCode.JWT_SIGNATURE_EXPIRED
    )


def test_a_token_of_one_type_is_refused_as_the_other() -> None:
    user = UserFactory.create(email=random_email())
    refresh = jwt.refresh_token_create(user)
    access = jwt.access_token_create(user)
    assert refused_code(refresh, jwt.TokenType.ACCESS) is AccountErrorCode.JWT_INVALID_TOKEN
    assert refused_code(access, jwt.TokenType.REFRESH) is AccountErrorCode.JWT_INVALID_TOKEN


def test_password_change_invalidates_earlier_tokens() -> None:
    user = UserFactory.create(email=random_email())
    refresh = jwt.refresh_token_create(user)
    services.password_change(
        user=user, old_password="correct horse battery staple", new_password="ลำพูน-ยกดอก-99"
    )
    assert refused_code(refresh, jwt.TokenType.REFRESH) is AccountErrorCode.JWT_INVALID_TOKEN
    assert jwt.user_from_token(jwt.refresh_token_create(user), jwt.TokenType.REFRESH) == user


@pytest.mark.parametrize(
    "forge",
    [
        # Signed with another key.
        lambda claims: pyjwt.encode(
            claims, "not-our-secret-but-long-enough-32b", algorithm="HS256"
        ),
        # Unsigned.
        lambda claims: pyjwt.encode(claims, None, algorithm="none"),
        # Garbage.
        lambda claims: "not.a.token",
    ],
)
def test_forged_and_garbage_tokens_are_refused(forge: Any) -> None:
    user = UserFactory.create(email=random_email())
    genuine = pyjwt.decode(jwt.access_token_create(user), options={"verify_signature": False})
    assert refused_code(forge(genuine), jwt.TokenType.ACCESS) is AccountErrorCode.JWT_DECODE_ERROR


def test_deactivated_user_tokens_stop_working() -> None:
    user = UserFactory.create(email=random_email())
    token = jwt.access_token_create(user)
    user.is_active = False
    user.save()
    assert refused_code(token, jwt.TokenType.ACCESS) is AccountErrorCode.INACTIVE


def test_authorization_header_gives_the_user_or_nobody() -> None:
    user = UserFactory.create(email=random_email())
    token = jwt.access_token_create(user)
    assert jwt.user_from_authorization_header(f"Bearer {token}") == user
    assert jwt.user_from_authorization_header(f"bearer {token}") == user
    assert jwt.user_from_authorization_header(f"Token {token}") is None
    assert jwt.user_from_authorization_header("Bearer garbage") is None
    assert jwt.user_from_authorization_header("") is None
