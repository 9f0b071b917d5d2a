from decimal import Decimal
from typing import Any

import factory

from marketplace.catalog.models import (
    Attribute,
    AttributeValue,
    Category,
    Collection,
    MediaStatus,
    Product,
    ProductMedia,
    ProductStatus,
    ProductType,
    ProductVariant,
)
from tests.factories.vendors import VendorFactory


class CategoryFactory(factory.django.DjangoModelFactory[Category]):
    """A category with the `path` ("1/4/9/": root to itself) and `level` the services keep."""

    class Meta:
        model = Category

    parent = None
    slug = factory.Sequence(lambda n: f"category-{n}")
    name_th = factory.Sequence(lambda n: f"ผ้าทอ {n}")
    name_en = factory.Sequence(lambda n: f"Textiles {n}")

    @classmethod
    def _create(cls, model_class: type[Category], *args: Any, **kwargs: Any) -> Category:
        category: Category = super()._create(model_class, *args, **kwargs)
        if not category.path:
            parent = category.parent
            category.path = f"{parent.path if parent else ''}{category.pk}/"
            category.level = parent.level + 1 if parent else 0
            category.save(update_fields=["path", "level"])
        return category


class AttributeFactory(factory.django.DjangoModelFactory[Attribute]):
    class Meta:
        model = Attribute
        django_get_or_create = ("slug",)

    slug = "material"
    name_th = "วัสดุ"
    name_en = "Material"


class AttributeValueFactory(factory.django.DjangoModelFactory[AttributeValue]):
    class Meta:
        model = AttributeValue
        django_get_or_create = ("attribute", "slug")

    attribute = factory.SubFactory(AttributeFactory)
    slug = "silk"
    name_th = "ไหม"
    name_en = "Silk"


class ProductTypeFactory(factory.django.DjangoModelFactory[ProductType]):
    class Meta:
        model = ProductType
        django_get_or_create = ("slug",)

    slug = "textile"
    name_th = "ผ้า"
    name_en = "Textile"


class ProductFactory(factory.django.DjangoModelFactory[Product]):
    class Meta:
        model = Product

    vendor = factory.SubFactory(VendorFactory)
    product_type = factory.SubFactory(ProductTypeFactory)
    category = factory.SubFactory(CategoryFactory)
    slug = factory.Sequence(lambda n: f"product-{n}")
    name_th = factory.Sequence(lambda n: f"ผ้าไหมยกดอกลำพูน ลายดอกพิกุล {n}")
    name_en = factory.Sequence(lambda n: f"Lamphun silk brocade, Phikun pattern {n}")
    description_th = "<p>ทอมือด้วยไหมแท้ ลายดอกพิกุล</p>"
    description_en = "<p>Hand-woven from pure silk in the Phikun flower pattern.</p>"
    status = ProductStatus.PUBLISHED
    maker = "ป้าศรีนวล"
    materials = "ไหม"


class ProductVariantFactory(factory.django.DjangoModelFactory[ProductVariant]):
    class Meta:
        model = ProductVariant

    product = factory.SubFactory(ProductFactory)
    sku = factory.Sequence(lambda n: f"SKU-{n:06d}")
    name = "2 เมตร"
    price = Decimal("1850.00")
    weight_grams = 400


class CollectionFactory(factory.django.DjangoModelFactory[Collection]):
    class Meta:
        model = Collection

    slug = factory.Sequence(lambda n: f"collection-{n}")
    name_th = factory.Sequence(lambda n: f"ของขวัญปีใหม่ {n}")
    name_en = factory.Sequence(lambda n: f"New Year gifts {n}")
    is_published = True


class ProductMediaFactory(factory.django.DjangoModelFactory[ProductMedia]):
    """A small photo without renditions; use `catalog.images.media_add` to test processing."""

    class Meta:
        model = ProductMedia

    product = factory.SubFactory(ProductFactory)
    image = factory.django.ImageField(width=64, height=48, color="maroon", format="JPEG")
    alt_th = "ผ้าไหมยกดอกสีแดง"
    alt_en = "Red silk brocade"
    width = 64
    height = 48
    sort_order = factory.Sequence(lambda n: n)
    status = MediaStatus.READY
