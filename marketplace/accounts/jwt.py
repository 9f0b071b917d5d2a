"""JSON Web Tokens for the GraphQL API (Saleor's `tokenCreate` / `tokenRefresh` / `tokenVerify`).

- HS256, signed with a key derived from SECRET_KEY for this purpose only (`salted_hmac`), so a
  token can never be confused with another signature Django makes from the same secret.
- Access tokens live 5 minutes, refresh tokens 30 days; the `type` claim says which is which and
  is checked, so a refresh token cannot be used as an access token or the other way round.
- Every token carries `key`, a digest of the user's password hash and e-mail: changing either
  (password change or reset) invalidates every token issued before.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import Enum
from typing import Any

import jwt
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.errors import AccountError, AccountErrorCode
from marketplace.accounts.models import User

ALGORITHM = "HS256"
ISSUER = "kad"
ACCESS_TOKEN_LIFETIME = timedelta(minutes=5)
REFRESH_TOKEN_LIFETIME = timedelta(days=30)


class TokenType(Enum):
    ACCESS = "access"
    REFRESH = "refresh"


def _signing_key() -> bytes:
    return salted_hmac("marketplace.accounts.jwt.signing-key", "HS256", algorithm="sha256").digest()


def user_token_key(user: User) -> str:
    """A value that changes whenever the user's password or e-mail changes."""
    return salted_hmac(
        "marketplace.accounts.jwt.user-key",
        f"{user.pk}:{user.password}:{user.email}",
        algorithm="sha256",
    ).hexdigest()[:32]


def token_create(user: User, token_type: TokenType, *, now: datetime | None = None) -> str:
    issued = now or timezone.now()
    lifetime = ACCESS_TOKEN_LIFETIME if token_type is TokenType.ACCESS else REFRESH_TOKEN_LIFETIME
    payload = {
        "iss": ISSUER,
        "sub": str(user.pk),
        "email": user.email,
        "type": token_type.value,
        "key": user_token_key(user),
        "iat": int(issued.timestamp()),
        "exp": int((issued + lifetime).timestamp()),
    }
    return jwt.encode(payload, _signing_key(), algorithm=ALGORITHM)


def access_token_create(user: User, *, now: datetime | None = None) -> str:
    return token_create(user, TokenType.ACCESS, now=now)


def refresh_token_create(user: User, *, now: datetime | None = None) -> str:
    return token_create(user, TokenType.REFRESH, now=now)


def _invalid() -> AccountError:
    return AccountError(
        AccountErrorCode.JWT_INVALID_TOKEN, _("The token is not valid."), field="token"
    )


def token_decode(
    token: str, token_type: TokenType, *, now: datetime | None = None
) -> dict[str, Any]:
    """The verified claims of a token of the given type.

    Raises `AccountError`: `JWT_DECODE_ERROR` (not a token of ours, bad signature),
    `JWT_SIGNATURE_EXPIRED`, `JWT_INVALID_TOKEN` (wrong type or missing claims).
    """
    if not token:
        raise AccountError(
            AccountErrorCode.JWT_MISSING_TOKEN, _("A token is required."), field="token"
        )
    try:
        # Expiry is checked below against `now`, so that tests can move the clock.
        payload: dict[str, Any] = jwt.decode(
            token,
            _signing_key(),
            algorithms=[ALGORITHM],
            issuer=ISSUER,
            options={"verify_exp": False, "require": ["exp", "iat", "sub", "type", "key", "iss"]},
        )
    except jwt.MissingRequiredClaimError as exc:
        raise _invalid() from exc
    except jwt.InvalidTokenError as exc:
        raise AccountError(
            AccountErrorCode.JWT_DECODE_ERROR, _("The token could not be read."), field="token"
        ) from exc
    if payload["type"] != token_type.value:
        raise _invalid()
    current = (now or timezone.now()).timestamp()
    if not isinstance(payload["exp"], int) or payload["exp"] <= current:
        raise AccountError(
            AccountErrorCode.JWT_SIGNATURE_EXPIRED,
            _("The token has expired. Sign in again."),
            field="token",
        )
    return payload


def user_from_token(token: str, token_type: TokenType, *, now: datetime | None = None) -> User:
    """The active, confirmed user a valid token was issued to (raises `AccountError` otherwise)."""
    payload = token_decode(token, token_type, now=now)
    user = (
        User.objects.select_related("default_shipping_address", "default_billing_address")
        .filter(pk=payload["sub"])
        .first()
    )
    if user is None or not constant_time_compare(payload["key"], user_token_key(user)):
        raise _invalid()
    if not user.is_active or not user.is_confirmed:
        raise AccountError(
            AccountErrorCode.INACTIVE, _("This account cannot sign in."), field="token"
        )
    return user


def user_from_authorization_header(header: str, *, now: datetime | None = None) -> User | None:
    """The user of an `Authorization: Bearer <access token>` header; None when absent or invalid."""
    scheme, _space, token = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    try:
        return user_from_token(token.strip(), TokenType.ACCESS, now=now)
    except AccountError:
        return None
