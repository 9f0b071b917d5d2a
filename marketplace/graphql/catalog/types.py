"""Catalogue types in the shapes of Saleor's storefront API: Product, ProductVariant, Category …"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import graphene
from django.utils.translation import gettext as _

from marketplace.catalog import selectors
from marketplace.catalog.models import (
    Attribute,
    AttributeValue,
    Category,
    Collection,
    Product,
    ProductMedia,
    ProductStatus,
    ProductType,
    ProductVariant,
)
from marketplace.graphql.catalog import dataloaders as loaders
from marketplace.graphql.catalog.pages import category_page, product_page
from marketplace.graphql.core.commerce_types import (
    Image,
    Money,
    TaxedMoney,
    TaxedMoneyRange,
    ThumbnailFormatEnum,
    Weight,
    enum_value,
)
from marketplace.graphql.core.connections import CountableConnection
from marketplace.graphql.core.errors import ApiErrorCode, ApiInputError
from marketplace.graphql.core.i18n import localized
from marketplace.graphql.core.pagination import Page, connection_args
from marketplace.graphql.core.translations import (
    TranslationRoot,
    translation_field,
    translation_of,
)
from marketplace.graphql.shop.types import LanguageDisplay

DEFAULT_THUMBNAIL_SIZE = 256

ProductStatusEnum = graphene.Enum.from_enum(
    ProductStatus,
    name="ProductStatus",
    description="Shoppers only ever see published products; the shop's members see all three.",
)


# --- Attributes -----------------------------------------------------------------------------------


class AttributeValueType(graphene.ObjectType):
    slug = graphene.String(required=True)
    name = graphene.String(required=True)

    class Meta:
        name = "AttributeValue"

    @staticmethod
    def resolve_name(root: AttributeValue, info: graphene.ResolveInfo) -> str:
        return localized(root, "name")


class AttributeType(graphene.ObjectType):
    slug = graphene.String(required=True)
    name = graphene.String(required=True)

    class Meta:
        name = "Attribute"

    @staticmethod
    def resolve_name(root: Attribute, info: graphene.ResolveInfo) -> str:
        return localized(root, "name")


class SelectedAttribute(graphene.ObjectType):
    """An attribute with the values this product or variant has for it."""

    attribute = graphene.Field(AttributeType, required=True)
    values = graphene.List(graphene.NonNull(AttributeValueType), required=True)


# --- Media ----------------------------------------------------------------------------------------


def check_size(size: int | None) -> None:
    if size is not None and size < 1:
        raise ApiInputError(
            ApiErrorCode.INVALID,
            _("`size` must be a positive number of pixels."),
            field="size",
        )


def pick_rendition(renditions: Any, size: int, image_format: str) -> str | None:
    """The smallest rendition at least `size` pixels wide (else the largest), in the format."""
    if not isinstance(renditions, dict):
        return None
    widths = sorted(int(width) for width in renditions if str(width).isdigit())
    if not widths:
        return None
    chosen = next((width for width in widths if width >= size), widths[-1])
    by_format = renditions.get(str(chosen))
    path = by_format.get(image_format) if isinstance(by_format, dict) else None
    return path if isinstance(path, str) and path else None


def media_url(
    info: graphene.ResolveInfo, media: ProductMedia, size: int | None, image_format: Any
) -> str:
    """URL of a rendition, or of the (EXIF-free) original while renditions are being made."""
    check_size(size)
    path = None
    if size is not None:
        path = pick_rendition(media.renditions, size, enum_value(image_format) or "webp")
    url = media.image.storage.url(path) if path else media.image.url
    return info.context.build_absolute_uri(url)


class ProductMediaType(graphene.ObjectType):
    sort_order = graphene.Int(required=True)
    alt = graphene.String(required=True)
    url = graphene.String(
        required=True,
        size=graphene.Int(description="Width in pixels; the nearest rendition at least as wide."),
        format=graphene.Argument(ThumbnailFormatEnum, description="Format of the rendition."),
        description="Absolute URL of the image; the original when no size is given.",
    )

    class Meta:
        name = "ProductMedia"
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_alt(root: ProductMedia, info: graphene.ResolveInfo) -> str:
        return localized(root, "alt")

    @staticmethod
    def resolve_url(
        root: ProductMedia,
        info: graphene.ResolveInfo,
        size: int | None = None,
        format: Any = None,
    ) -> str:
        return media_url(info, root, size, format)


# --- Pricing --------------------------------------------------------------------------------------


class ProductPricingInfo(graphene.ObjectType):
    price_range = graphene.Field(TaxedMoneyRange, description="Cheapest to dearest variant.")


class VariantPricingInfo(graphene.ObjectType):
    price = graphene.Field(TaxedMoney)


# --- Translations ---------------------------------------------------------------------------------


class ProductTranslation(graphene.ObjectType):
    language = graphene.Field(LanguageDisplay, required=True)
    name = graphene.String()
    description = graphene.String(description="Sanitised HTML.")

    @staticmethod
    def resolve_language(root: TranslationRoot, info: graphene.ResolveInfo) -> Any:
        return root.language_display()

    @staticmethod
    def resolve_name(root: TranslationRoot, info: graphene.ResolveInfo) -> str | None:
        return root.text("name")

    @staticmethod
    def resolve_description(root: TranslationRoot, info: graphene.ResolveInfo) -> str | None:
        return root.text("description")


class CategoryTranslation(ProductTranslation):
    pass


class CollectionTranslation(ProductTranslation):
    pass


# --- Product types, categories, collections -------------------------------------------------------


class ProductTypeType(graphene.ObjectType):
    slug = graphene.String(required=True)
    name = graphene.String(required=True)
    has_variants = graphene.Boolean(required=True)

    class Meta:
        name = "ProductType"
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_name(root: ProductType, info: graphene.ResolveInfo) -> str:
        return localized(root, "name")


class CategoryType(graphene.ObjectType):
    slug = graphene.String(required=True)
    name = graphene.String(required=True)
    description = graphene.String(required=True)
    level = graphene.Int(required=True, description="0 for a top-level category.")
    parent = graphene.Field(lambda: CategoryType)
    ancestors = graphene.List(
        graphene.NonNull(lambda: CategoryType),
        required=True,
        description="The parent, its parent … from the top-level category down.",
    )
    children = graphene.Field(
        lambda: CategoryCountableConnection,
        description="Direct subcategories.",
        **connection_args(),
    )
    products = graphene.Field(
        lambda: ProductCountableConnection,
        description="Visible products of this category and its subcategories, newest first.",
        **connection_args(),
    )
    translation = translation_field(CategoryTranslation)

    class Meta:
        name = "Category"
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_name(root: Category, info: graphene.ResolveInfo) -> str:
        return localized(root, "name")

    @staticmethod
    def resolve_description(root: Category, info: graphene.ResolveInfo) -> str:
        return localized(root, "description")

    @staticmethod
    def resolve_parent(root: Category, info: graphene.ResolveInfo) -> Category | None:
        if root.parent_id is None:
            return None
        return loaders.CategoryByIdLoader.of(info).load(root.parent_id)

    @staticmethod
    def resolve_ancestors(root: Category, info: graphene.ResolveInfo) -> list[Category]:
        ancestor_ids = selectors.category_ancestor_ids(root)
        if not ancestor_ids and root.parent_id is not None:
            # No materialised path (yet): walk up through the loader instead.
            chain: list[Category] = []
            parent_id: int | None = root.parent_id
            while parent_id is not None and len(chain) < 32:
                parent = loaders.CategoryByIdLoader.of(info).load(parent_id)
                if parent is None:
                    break
                chain.insert(0, parent)
                parent_id = parent.parent_id
            return chain
        found = loaders.CategoryByIdLoader.of(info).load_many(ancestor_ids)
        return [category for category in found if category is not None]

    @staticmethod
    def resolve_children(root: Category, info: graphene.ResolveInfo, **args: Any) -> Page[Any]:
        return category_page(info, root.children.all(), **args)

    @staticmethod
    def resolve_products(root: Category, info: graphene.ResolveInfo, **args: Any) -> Page[Any]:
        return product_page(info, selectors.products_in_category(root), **args)

    @staticmethod
    def resolve_translation(
        root: Category, info: graphene.ResolveInfo, language_code: Any
    ) -> TranslationRoot | None:
        return translation_of(root, language_code, ("name", "description"))


class CollectionType(graphene.ObjectType):
    slug = graphene.String(required=True)
    name = graphene.String(required=True)
    description = graphene.String(required=True)
    products = graphene.Field(
        lambda: ProductCountableConnection,
        description="Visible products of this collection, newest first.",
        **connection_args(),
    )
    translation = translation_field(CollectionTranslation)

    class Meta:
        name = "Collection"
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_name(root: Collection, info: graphene.ResolveInfo) -> str:
        return localized(root, "name")

    @staticmethod
    def resolve_description(root: Collection, info: graphene.ResolveInfo) -> str:
        return localized(root, "description")

    @staticmethod
    def resolve_products(root: Collection, info: graphene.ResolveInfo, **args: Any) -> Page[Any]:
        return product_page(info, selectors.products_in_collection(root), **args)

    @staticmethod
    def resolve_translation(
        root: Collection, info: graphene.ResolveInfo, language_code: Any
    ) -> TranslationRoot | None:
        return translation_of(root, language_code, ("name", "description"))


# --- Variants and products ------------------------------------------------------------------------


class ProductVariantType(graphene.ObjectType):
    sku = graphene.String(required=True)
    name = graphene.String(required=True)
    pricing = graphene.Field(VariantPricingInfo)
    compare_at_price = graphene.Field(Money, description="The earlier price, shown struck out.")
    weight = graphene.Field(Weight)
    attributes = graphene.List(graphene.NonNull(SelectedAttribute), required=True)
    quantity_available = graphene.Int(
        required=True, description="Units that can still be bought, over all stock locations."
    )
    is_available = graphene.Boolean(required=True, description="At least one unit in stock.")
    product = graphene.Field(lambda: ProductObjectType, required=True)

    class Meta:
        name = "ProductVariant"
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_pricing(root: ProductVariant, info: graphene.ResolveInfo) -> dict[str, Any]:
        return {"price": TaxedMoney.of(root.price)}

    @staticmethod
    def resolve_compare_at_price(
        root: ProductVariant, info: graphene.ResolveInfo
    ) -> dict[str, Any] | None:
        if root.compare_at_price is None:
            return None
        return Money.of(root.compare_at_price)

    @staticmethod
    def resolve_weight(root: ProductVariant, info: graphene.ResolveInfo) -> dict[str, Any]:
        return {"unit": "g", "value": root.weight_grams}

    @staticmethod
    def resolve_attributes(root: ProductVariant, info: graphene.ResolveInfo) -> list[Any]:
        return loaders.AttributesByVariantIdLoader.of(info).load(root.id)

    @staticmethod
    def resolve_quantity_available(root: ProductVariant, info: graphene.ResolveInfo) -> int:
        return loaders.QuantityAvailableByVariantIdLoader.of(info).load(root.id)

    @staticmethod
    def resolve_is_available(root: ProductVariant, info: graphene.ResolveInfo) -> bool:
        return loaders.QuantityAvailableByVariantIdLoader.of(info).load(root.id) > 0

    @staticmethod
    def resolve_product(root: ProductVariant, info: graphene.ResolveInfo) -> Product | None:
        return loaders.ProductByIdLoader.of(info).load(root.product_id)


class ProductObjectType(graphene.ObjectType):
    slug = graphene.String(required=True)
    name = graphene.String(
        required=True, description="In the request's language (Accept-Language), else Thai."
    )
    description = graphene.String(required=True, description="Sanitised HTML.")
    category = graphene.Field(CategoryType)
    product_type = graphene.Field(ProductTypeType, required=True)
    vendor = graphene.Field("marketplace.graphql.vendors.types.VendorType", required=True)
    variants = graphene.List(graphene.NonNull(ProductVariantType), required=True)
    media = graphene.List(graphene.NonNull(ProductMediaType), required=True)
    thumbnail = graphene.Field(
        Image,
        size=graphene.Int(
            default_value=DEFAULT_THUMBNAIL_SIZE,
            description="Width in pixels; the nearest rendition at least as wide.",
        ),
        format=graphene.Argument(ThumbnailFormatEnum, default_value=ThumbnailFormatEnum.WEBP),
        description="The first image, as a thumbnail.",
    )
    attributes = graphene.List(graphene.NonNull(SelectedAttribute), required=True)
    pricing = graphene.Field(ProductPricingInfo)
    is_available = graphene.Boolean(required=True, description="Some variant is in stock.")
    collections = graphene.List(graphene.NonNull(CollectionType), required=True)
    maker = graphene.String(required=True, description="Who made it.")
    materials = graphene.String(required=True)
    lead_time_days = graphene.Int(required=True, description="Days before it ships.")
    made_to_order = graphene.Boolean(required=True)
    status = graphene.Field(ProductStatusEnum, required=True)
    created = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)
    translation = translation_field(ProductTranslation)

    class Meta:
        name = "Product"
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_name(root: Product, info: graphene.ResolveInfo) -> str:
        return localized(root, "name")

    @staticmethod
    def resolve_description(root: Product, info: graphene.ResolveInfo) -> str:
        return localized(root, "description")

    @staticmethod
    def resolve_category(root: Product, info: graphene.ResolveInfo) -> Category | None:
        return loaders.CategoryByIdLoader.of(info).load(root.category_id)

    @staticmethod
    def resolve_product_type(root: Product, info: graphene.ResolveInfo) -> ProductType | None:
        return loaders.ProductTypeByIdLoader.of(info).load(root.product_type_id)

    @staticmethod
    def resolve_vendor(root: Product, info: graphene.ResolveInfo) -> Any:
        from marketplace.graphql.vendors.dataloaders import VendorByIdLoader

        return VendorByIdLoader.of(info).load(root.vendor_id)

    @staticmethod
    def resolve_variants(root: Product, info: graphene.ResolveInfo) -> list[ProductVariant]:
        return loaders.VariantsByProductIdLoader.of(info).load(root.id)

    @staticmethod
    def resolve_media(root: Product, info: graphene.ResolveInfo) -> list[ProductMedia]:
        return loaders.MediaByProductIdLoader.of(info).load(root.id)

    @staticmethod
    def resolve_thumbnail(
        root: Product,
        info: graphene.ResolveInfo,
        size: int | None = DEFAULT_THUMBNAIL_SIZE,
        format: Any = None,
    ) -> dict[str, str] | None:
        media = loaders.MediaByProductIdLoader.of(info).load(root.id)
        if not media:
            return None
        first = media[0]
        return {
            "url": media_url(info, first, DEFAULT_THUMBNAIL_SIZE if size is None else size, format),
            "alt": localized(first, "alt") or localized(root, "name"),
        }

    @staticmethod
    def resolve_attributes(root: Product, info: graphene.ResolveInfo) -> list[Any]:
        return loaders.AttributesByProductIdLoader.of(info).load(root.id)

    @staticmethod
    def resolve_pricing(root: Product, info: graphene.ResolveInfo) -> dict[str, Any]:
        prices: list[Decimal] = [
            variant.price for variant in loaders.VariantsByProductIdLoader.of(info).load(root.id)
        ]
        if not prices:
            return {"price_range": None}
        return {
            "price_range": {
                "start": TaxedMoney.of(min(prices)),
                "stop": TaxedMoney.of(max(prices)),
            }
        }

    @staticmethod
    def resolve_is_available(root: Product, info: graphene.ResolveInfo) -> bool:
        variants = loaders.VariantsByProductIdLoader.of(info).load(root.id)
        quantities = loaders.QuantityAvailableByVariantIdLoader.of(info)
        return any(quantities.load(variant.id) > 0 for variant in variants)

    @staticmethod
    def resolve_collections(root: Product, info: graphene.ResolveInfo) -> list[Collection]:
        return loaders.CollectionsByProductIdLoader.of(info).load(root.id)

    @staticmethod
    def resolve_created(root: Product, info: graphene.ResolveInfo) -> Any:
        return root.created_at

    @staticmethod
    def resolve_translation(
        root: Product, info: graphene.ResolveInfo, language_code: Any
    ) -> TranslationRoot | None:
        return translation_of(root, language_code, ("name", "description"))


class ProductCountableConnection(CountableConnection):
    class Meta:
        node = ProductObjectType
        strict_types = True


class CategoryCountableConnection(CountableConnection):
    class Meta:
        node = CategoryType
        strict_types = True


class CollectionCountableConnection(CountableConnection):
    class Meta:
        node = CollectionType
        strict_types = True
