"""Types shared by every domain's GraphQL package."""

from __future__ import annotations

import graphene
from django.utils.translation import gettext as _


class BaseError(graphene.ObjectType):
    """The shape of every error a mutation returns; each domain adds `code` with its own enum."""

    field = graphene.String(
        description=(
            "Name of the input field that caused the error; null when the error is not about one."
        )
    )
    message = graphene.String(description="The error, in the request's language.")

    class Meta:
        abstract = True


class Error(BaseError):
    """An error of a domain without its own code enum."""

    code = graphene.String(required=True, description="Stable error code.")


class CountryDisplay(graphene.ObjectType):
    code = graphene.String(required=True, description="ISO 3166-1 alpha-2 code.")
    country = graphene.String(required=True, description="Country name in the request's language.")

    @staticmethod
    def thailand() -> CountryDisplay:
        return CountryDisplay(code="TH", country=_("Thailand"))
