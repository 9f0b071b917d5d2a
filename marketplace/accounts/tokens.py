"""One-time tokens for e-mailed links, made by Django's `PasswordResetTokenGenerator`.

The confirmation token uses its own salt (a password-reset token does not confirm an account, nor
the other way round) and includes the confirmed flag, so it stops working once used. Both expire
after `PASSWORD_RESET_TIMEOUT` (Django's default: 3 days).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.tokens import PasswordResetTokenGenerator, default_token_generator


class AccountConfirmationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "marketplace.accounts.tokens.AccountConfirmationTokenGenerator"

    def _make_hash_value(self, user: Any, timestamp: int) -> str:
        return f"{super()._make_hash_value(user, timestamp)}{user.is_confirmed}"


account_confirmation_token = AccountConfirmationTokenGenerator()
password_reset_token = default_token_generator
