"""Django's password rules, with their messages in Kad's catalogue.

Django ships no Thai for its password validators, so their errors are rebuilt here by code with
the same English text; the Thai comes from `locale/th` (which also translates Django's own forms,
because the project catalogue wins over Django's).
"""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy, ngettext_lazy

from marketplace.accounts.models import User

_MESSAGES = {
    "password_too_short": ngettext_lazy(
        "This password is too short. It must contain at least %(min_length)d character.",
        "This password is too short. It must contain at least %(min_length)d characters.",
        "min_length",
    ),
    "password_too_common": gettext_lazy("This password is too common."),
    "password_entirely_numeric": gettext_lazy("This password is entirely numeric."),
    "password_too_similar": gettext_lazy("The password is too similar to the %(verbose_name)s."),
}


def password_validate(password: str, *, user: User, field: str) -> None:
    """Run the configured validators; raise `ValidationError({field: [every broken rule]})`."""
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        errors = [
            ValidationError(_MESSAGES[error.code], code=error.code, params=error.params)
            if error.code in _MESSAGES
            else error
            for error in exc.error_list
        ]
        raise ValidationError({field: errors}) from exc
