"""`thing(id:, slug:)` style lookups: exactly one of the identifying arguments must be given."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from marketplace.graphql.core.errors import ApiErrorCode, ApiInputError


def require_one(**arguments: Any) -> None:
    given = [name for name, value in arguments.items() if value is not None]
    names = ", ".join(f"`{name}`" for name in arguments)
    if len(given) != 1:
        raise ApiInputError(
            ApiErrorCode.REQUIRED,
            _("Pass exactly one of %(names)s.") % {"names": names},
            field=given[0] if given else next(iter(arguments)),
        )
