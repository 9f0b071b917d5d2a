"""Error codes of the accounts domain (registration, sign-in, passwords, saved addresses).

The codes follow Saleor's `AccountErrorCode` where Saleor has one, so API clients written for
Saleor understand them; `TOO_MANY_ATTEMPTS` and `ADDRESS_LIMIT_REACHED` are Kad's own.
"""

# The codes name password and token problems; they are not secrets (ruff S105 misreads them).
# ruff: noqa: S105

from __future__ import annotations

from enum import Enum

from marketplace.core.errors import DomainError


class AccountErrorCode(Enum):
    INVALID = "invalid"
    REQUIRED = "required"
    UNIQUE = "unique"
    NOT_FOUND = "not_found"
    INACTIVE = "inactive"
    INVALID_CREDENTIALS = "invalid_credentials"
    INVALID_PASSWORD = "invalid_password"
    ACCOUNT_NOT_CONFIRMED = "account_not_confirmed"
    PASSWORD_TOO_SHORT = "password_too_short"
    PASSWORD_TOO_COMMON = "password_too_common"
    PASSWORD_ENTIRELY_NUMERIC = "password_entirely_numeric"
    PASSWORD_TOO_SIMILAR = "password_too_similar"
    JWT_SIGNATURE_EXPIRED = "jwt_signature_expired"
    JWT_INVALID_TOKEN = "jwt_invalid_token"
    JWT_DECODE_ERROR = "jwt_decode_error"
    JWT_MISSING_TOKEN = "jwt_missing_token"
    LOGIN_ATTEMPT_DELAYED = "login_attempt_delayed"
    TOO_MANY_ATTEMPTS = "too_many_attempts"
    INVALID_PHONE = "invalid_phone"
    ADDRESS_LIMIT_REACHED = "address_limit_reached"
    PERMISSION_DENIED = "permission_denied"


class AccountError(DomainError):
    """An account operation was refused; `field` names the input at fault, when there is one."""

    @property
    def message(self) -> str:
        # `%` on the lazy string itself (not on its str()) so that lazy plurals
        # (ngettext_lazy with a named number) pick the right form for the wait in minutes.
        if self.params:
            return str(self._message % self.params)
        return str(self._message)
