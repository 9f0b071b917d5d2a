"""Places of Thailand (from geothai) and the municipalities that host Kad."""

from __future__ import annotations

import graphene

from marketplace.graphql.core.i18n import localized
from marketplace.graphql.municipalities import dataloaders as loaders
from marketplace.municipalities.models import District, Municipality, Province, Subdistrict


class ProvinceType(graphene.ObjectType):
    code = graphene.String(required=True, description="Official code, e.g. 51 for Lamphun.")
    name = graphene.String(required=True)

    class Meta:
        name = "Province"

    @staticmethod
    def resolve_name(root: Province, info: graphene.ResolveInfo) -> str:
        return localized(root, "name")


class DistrictType(graphene.ObjectType):
    """An amphoe (อำเภอ)."""

    code = graphene.String(required=True, description="Official code, e.g. 5101.")
    name = graphene.String(required=True)

    class Meta:
        name = "District"

    @staticmethod
    def resolve_name(root: District, info: graphene.ResolveInfo) -> str:
        return localized(root, "name")


class SubdistrictType(graphene.ObjectType):
    """A tambon (ตำบล)."""

    code = graphene.String(required=True, description="Official code, e.g. 510101.")
    name = graphene.String(required=True)

    class Meta:
        name = "Subdistrict"

    @staticmethod
    def resolve_name(root: Subdistrict, info: graphene.ResolveInfo) -> str:
        return localized(root, "name")


class MunicipalityType(graphene.ObjectType):
    slug = graphene.String(required=True)
    name = graphene.String(required=True)
    province = graphene.Field(ProvinceType, required=True)

    class Meta:
        name = "Municipality"
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_name(root: Municipality, info: graphene.ResolveInfo) -> str:
        return localized(root, "name")

    @staticmethod
    def resolve_province(root: Municipality, info: graphene.ResolveInfo) -> Province | None:
        return loaders.ProvinceByCodeLoader.of(info).load(root.province_id)
