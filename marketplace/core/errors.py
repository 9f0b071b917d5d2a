"""The base of every domain error.

Each domain has an `errors.py` with an error-code `Enum` and one exception class deriving from
`DomainError`. Interfaces (GraphQL, pages, admin, commands) map a `DomainError` to what the user
sees: GraphQL `errors { field code message }`, a message next to a form field, an admin message.
The message is translated lazily, so it renders in the language of the request that shows it.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from django.utils.functional import Promise


class DomainError(Exception):
    """A rule of the domain refused an operation; `code` is stable, `message` is for people."""

    def __init__(
        self,
        code: Enum,
        message: str | Promise,
        *,
        field: str | None = None,
        params: dict[str, Any] | None = None,
    ) -> None:
        self.code = code
        self.field = field
        self.params = params or {}
        self._message = message
        super().__init__(str(message))

    @property
    def message(self) -> str:
        # `%` on the lazy string itself, so plural forms (ngettext_lazy) pick their number.
        return str(self._message % self.params) if self.params else str(self._message)

    def __str__(self) -> str:
        return self.message

    def as_dict(self) -> dict[str, str | None]:
        return {"field": self.field, "code": self.code.value, "message": self.message}
