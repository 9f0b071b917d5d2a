"""Vendors: the shops of individual artisans, community enterprises and OTOP groups."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog import selectors
from marketplace.graphql.catalog.pages import product_page
from marketplace.graphql.catalog.types import ProductCountableConnection
from marketplace.graphql.core.commerce_types import Image
from marketplace.graphql.core.connections import CountableConnection
from marketplace.graphql.core.i18n import localized
from marketplace.graphql.core.pagination import Page, connection_args
from marketplace.graphql.core.translations import (
    TranslationRoot,
    translation_field,
    translation_of,
)
from marketplace.graphql.municipalities import dataloaders as place_loaders
from marketplace.graphql.municipalities.types import (
    DistrictType,
    MunicipalityType,
    SubdistrictType,
)
from marketplace.graphql.shop.types import LanguageDisplay
from marketplace.vendors.models import Vendor, VendorKind


class VendorKindEnum(graphene.Enum):
    INDIVIDUAL = VendorKind.INDIVIDUAL.value
    COMMUNITY_ENTERPRISE = VendorKind.COMMUNITY_ENTERPRISE.value
    OTOP_GROUP = VendorKind.OTOP_GROUP.value

    class Meta:
        name = "VendorKind"


class VendorCertifications(graphene.ObjectType):
    otop_stars = graphene.Int(description="OTOP rating, 1 to 5 stars; null when unrated.")
    geographical_indication = graphene.Boolean(required=True, description="GI product.")
    community_product_standard = graphene.Boolean(
        required=True, description="Thai Community Product Standard (มผช.)."
    )


class VendorTranslation(graphene.ObjectType):
    language = graphene.Field(LanguageDisplay, required=True)
    name = graphene.String()
    story = graphene.String()

    @staticmethod
    def resolve_language(root: TranslationRoot, info: graphene.ResolveInfo) -> LanguageDisplay:
        return root.language_display()

    @staticmethod
    def resolve_name(root: TranslationRoot, info: graphene.ResolveInfo) -> str | None:
        return root.text("name")

    @staticmethod
    def resolve_story(root: TranslationRoot, info: graphene.ResolveInfo) -> str | None:
        return root.text("story")


class VendorType(graphene.ObjectType):
    slug = graphene.String(required=True)
    name = graphene.String(required=True)
    kind = graphene.Field(VendorKindEnum, required=True)
    story = graphene.String(required=True)
    municipality = graphene.Field(MunicipalityType, required=True)
    district = graphene.Field(DistrictType, required=True)
    subdistrict = graphene.Field(SubdistrictType, required=True)
    certifications = graphene.Field(VendorCertifications, required=True)
    logo = graphene.Field(Image)
    products = graphene.Field(
        ProductCountableConnection,
        description="The vendor's published products, newest first.",
        **connection_args(),
    )
    translation = translation_field(VendorTranslation)

    class Meta:
        name = "Vendor"
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_name(root: Vendor, info: graphene.ResolveInfo) -> str:
        return localized(root, "name")

    @staticmethod
    def resolve_story(root: Vendor, info: graphene.ResolveInfo) -> str:
        return localized(root, "story")

    @staticmethod
    def resolve_municipality(root: Vendor, info: graphene.ResolveInfo) -> Any:
        return place_loaders.MunicipalityByIdLoader.of(info).load(root.municipality_id)

    @staticmethod
    def resolve_district(root: Vendor, info: graphene.ResolveInfo) -> Any:
        return place_loaders.DistrictByCodeLoader.of(info).load(root.district_id)

    @staticmethod
    def resolve_subdistrict(root: Vendor, info: graphene.ResolveInfo) -> Any:
        return place_loaders.SubdistrictByCodeLoader.of(info).load(root.subdistrict_id)

    @staticmethod
    def resolve_certifications(root: Vendor, info: graphene.ResolveInfo) -> dict[str, Any]:
        return {
            "otop_stars": root.otop_stars,
            "geographical_indication": root.geographical_indication,
            "community_product_standard": root.community_product_standard,
        }

    @staticmethod
    def resolve_logo(root: Vendor, info: graphene.ResolveInfo) -> dict[str, str] | None:
        if not root.logo:
            return None
        return {
            "url": info.context.build_absolute_uri(root.logo.url),
            "alt": localized(root, "name"),
        }

    @staticmethod
    def resolve_products(root: Vendor, info: graphene.ResolveInfo, **args: Any) -> Page[Any]:
        return product_page(info, selectors.products_of_vendor(root), **args)

    @staticmethod
    def resolve_translation(
        root: Vendor, info: graphene.ResolveInfo, language_code: Any
    ) -> TranslationRoot | None:
        return translation_of(root, language_code, ("name", "story"))


class VendorCountableConnection(CountableConnection):
    class Meta:
        node = VendorType
        strict_types = True
