"""The `Upload` scalar: a file sent with the GraphQL multipart request spec.

A client POSTs multipart/form-data with `operations` (the JSON request, the file variables set
to null), `map` ({"0": ["variables.image"]}) and the file parts ("0", "1", …); the endpoint puts
each Django `UploadedFile` into the variables where the map says. The scalar's value is then that
`UploadedFile` (any Django `File`, so tests can pass a `SimpleUploadedFile` directly).

A file cannot be written inside the document or sent as a JSON value: both are refused with a
GraphQL error, never a 500.
"""

from __future__ import annotations

from typing import Any

import graphene
from django.core.files import File
from django.utils.translation import gettext as _
from graphql import GraphQLError


class Upload(graphene.Scalar):
    """A file sent as a part of a multipart request (the GraphQL multipart request spec)."""

    @staticmethod
    def serialize(value: Any) -> None:
        # Files are only ever inputs; nothing answers with one.
        return None

    @staticmethod
    def parse_literal(node: Any, _variables: Any = None) -> Any:
        raise GraphQLError(
            _("A file cannot be written in the query; send it as a part of a multipart request.")
        )

    @staticmethod
    def parse_value(value: Any) -> File[Any]:
        if isinstance(value, File):
            return value
        raise GraphQLError(
            _(
                "Send the file as a part of a multipart request (the GraphQL multipart request "
                "spec), not as a value in the JSON."
            )
        )
