"""The base of every mutation: call one service, turn refusals into `errors`, never into a 500.

A subclass sets `error_type` (its domain's error type, with `code` as the domain's enum),
`error_code_enum` (the Python enum behind it) and `fallback_code` (used for a `DomainError` of
another domain or a `ValidationError` whose code the enum does not know), declares its
`errors` field as a list of `error_type`, and implements `perform_mutation`.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any, ClassVar

import graphene
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from graphene.utils.str_converters import to_camel_case

from marketplace.core.errors import DomainError
from marketplace.graphql.core.context import PermissionDenied, api_user


class BaseMutation(graphene.Mutation):
    error_type: ClassVar[type[graphene.ObjectType]]
    error_code_enum: ClassVar[type[Enum]]
    fallback_code: ClassVar[Enum]
    login_required: ClassVar[bool] = False

    class Meta:
        abstract = True

    # Each subclass implements it as a classmethod taking the mutation's own arguments.
    perform_mutation: ClassVar[Callable[..., Any]]

    @classmethod
    def mutate(cls, root: Any, info: graphene.ResolveInfo, **data: Any) -> Any:
        if cls.login_required and api_user(info) is None:
            raise PermissionDenied(_("Sign in to do this."))
        try:
            result = cls.perform_mutation(root, info, **data)
        except DomainError as exc:
            return cls(errors=[cls.error_from_domain(exc)])
        except ValidationError as exc:
            return cls(errors=cls.errors_from_validation(exc))
        if getattr(result, "errors", None) is None:
            result.errors = []
        return result

    @classmethod
    def _code(cls, code: Enum | str | None) -> Enum:
        if isinstance(code, cls.error_code_enum):
            return code
        value = code.value if isinstance(code, Enum) else code
        try:
            return cls.error_code_enum(value)
        except ValueError:
            return cls.fallback_code

    @staticmethod
    def _field(name: str | None) -> str | None:
        if not name or name == NON_FIELD_ERRORS:
            return None
        return to_camel_case(name)

    @classmethod
    def error_from_domain(cls, exc: DomainError) -> graphene.ObjectType:
        return cls.error_type(
            field=cls._field(exc.field), message=exc.message, code=cls._code(exc.code)
        )

    @classmethod
    def errors_from_validation(cls, exc: ValidationError) -> list[graphene.ObjectType]:
        by_field = getattr(exc, "error_dict", None) or {NON_FIELD_ERRORS: exc.error_list}
        return [
            cls.error_type(field=cls._field(name), message=message, code=cls._code(error.code))
            for name, errors in by_field.items()
            for error in errors
            for message in error.messages
        ]
