from __future__ import annotations

from typing import Any

import graphene

from marketplace.graphql.core.dataloaders import announce
from marketplace.graphql.municipalities.types import MunicipalityType
from marketplace.municipalities.models import Municipality


class MunicipalityQueries(graphene.ObjectType):
    municipalities = graphene.List(
        graphene.NonNull(MunicipalityType),
        required=True,
        description="The municipalities whose storefronts are open.",
    )

    @staticmethod
    def resolve_municipalities(root: Any, info: graphene.ResolveInfo) -> list[Municipality]:
        municipalities = list(Municipality.objects.filter(is_active=True).order_by("name_th", "id"))
        announce(info, municipalities)
        return municipalities
