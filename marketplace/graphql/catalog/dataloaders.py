"""Loaders of the catalogue's relations, one per access pattern (see core.dataloaders)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from marketplace.catalog.models import (
    Attribute,
    AttributeValue,
    Category,
    Collection,
    MediaStatus,
    Product,
    ProductMedia,
    ProductType,
    ProductVariant,
)
from marketplace.catalog.selectors import shopper_visible_collections, variants_quantity_available
from marketplace.graphql.core.dataloaders import BatchLoader, ManyLoader, group_by


@dataclass(frozen=True)
class SelectedAttribute:
    """An attribute with the values one product (or variant) has for it."""

    attribute: Attribute
    values: list[AttributeValue]


class ProductByIdLoader(BatchLoader[int, Product | None]):
    key_model = Product

    def batch_load(self, keys: Sequence[int]) -> Mapping[int, Product]:
        return Product.objects.in_bulk(keys)


class CategoryByIdLoader(BatchLoader[int, Category | None]):
    key_model = Category

    def batch_load(self, keys: Sequence[int]) -> Mapping[int, Category]:
        return Category.objects.in_bulk(keys)


class ProductTypeByIdLoader(BatchLoader[int, ProductType | None]):
    key_model = ProductType

    def batch_load(self, keys: Sequence[int]) -> Mapping[int, ProductType]:
        return ProductType.objects.in_bulk(keys)


class VariantsByProductIdLoader(ManyLoader[int, ProductVariant]):
    key_model = Product

    def batch_load(self, keys: Sequence[int]) -> Mapping[int, list[ProductVariant]]:
        variants = ProductVariant.objects.filter(product_id__in=keys).order_by(
            "product_id", "sort_order", "id"
        )
        return group_by(variants, lambda variant: variant.product_id)


class MediaByProductIdLoader(ManyLoader[int, ProductMedia]):
    """A product's images in their order; failed uploads are left out."""

    key_model = Product

    def batch_load(self, keys: Sequence[int]) -> Mapping[int, list[ProductMedia]]:
        media = (
            ProductMedia.objects.filter(product_id__in=keys)
            .exclude(status=MediaStatus.FAILED)
            .order_by("product_id", "sort_order", "id")
        )
        return group_by(media, lambda item: item.product_id)


class CollectionsByProductIdLoader(ManyLoader[int, Collection]):
    """The published collections a product belongs to."""

    key_model = Product

    def batch_load(self, keys: Sequence[int]) -> Mapping[int, list[Collection]]:
        memberships = (
            Collection.products.through.objects.filter(
                product_id__in=keys,
                collection__in=shopper_visible_collections().values("id"),
            )
            .select_related("collection")
            .order_by("collection__sort_order", "collection__slug")
        )
        grouped = group_by(memberships, lambda membership: membership.product_id)
        return {
            product_id: [membership.collection for membership in rows]
            for product_id, rows in grouped.items()
        }


class AttributesByProductIdLoader(ManyLoader[int, SelectedAttribute]):
    key_model = Product

    def batch_load(self, keys: Sequence[int]) -> Mapping[int, list[SelectedAttribute]]:
        rows = (
            Product.attribute_values.through.objects.filter(product_id__in=keys)
            .select_related("attributevalue__attribute")
            .order_by("attributevalue__attribute__slug", "attributevalue__sort_order", "id")
        )
        grouped = group_by(rows, lambda row: row.product_id)
        return {
            product_id: _selected([row.attributevalue for row in product_rows])
            for product_id, product_rows in grouped.items()
        }


class AttributesByVariantIdLoader(ManyLoader[int, SelectedAttribute]):
    key_model = ProductVariant

    def batch_load(self, keys: Sequence[int]) -> Mapping[int, list[SelectedAttribute]]:
        rows = (
            ProductVariant.attribute_values.through.objects.filter(productvariant_id__in=keys)
            .select_related("attributevalue__attribute")
            .order_by("attributevalue__attribute__slug", "attributevalue__sort_order", "id")
        )
        grouped = group_by(rows, lambda row: row.productvariant_id)
        return {
            variant_id: _selected([row.attributevalue for row in variant_rows])
            for variant_id, variant_rows in grouped.items()
        }


class QuantityAvailableByVariantIdLoader(BatchLoader[int, int]):
    key_model = ProductVariant

    def batch_load(self, keys: Sequence[int]) -> Mapping[int, int]:
        return variants_quantity_available(keys)

    def missing(self) -> int:
        return 0


def _selected(values: list[AttributeValue]) -> list[SelectedAttribute]:
    by_attribute: dict[int, SelectedAttribute] = {}
    for value in values:
        selected = by_attribute.get(value.attribute_id)
        if selected is None:
            selected = SelectedAttribute(attribute=value.attribute, values=[])
            by_attribute[value.attribute_id] = selected
        selected.values.append(value)
    return list(by_attribute.values())
