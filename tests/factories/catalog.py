from decimal import Decimal

import factory

from marketplace.catalog.models import (
    Attribute,
    AttributeValue,
    Category,
    Collection,
    Product,
    ProductStatus,
    ProductType,
    ProductVariant,
)
from tests.factories.vendors import VendorFactory


class CategoryFactory(factory.django.DjangoModelFactory[Category]):
    class Meta:
        model = Category

    slug = factory.Sequence(lambda n: f"category-{n}")
    name_th = factory.Sequence(lambda n: f"ผ้าทอ {n}")
    name_en = factory.Sequence(lambda n: f"Textiles {n}")
    path = ""
    level = 0


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
