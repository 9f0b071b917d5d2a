"""Small catalogues for the GraphQL tests, built with the domain factories."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from marketplace.catalog.models import MediaStatus, Product, ProductMedia, ProductVariant
from tests.factories.catalog import ProductFactory, ProductVariantFactory
from tests.factories.inventory import StockFactory


def product_with(
    *,
    prices: tuple[str, ...] = ("100.00",),
    stock: int = 5,
    **product_fields: object,
) -> Product:
    """A product with one variant per price, each variant with `stock` units in stock."""
    product = ProductFactory.create(**product_fields)
    for price in prices:
        variant = ProductVariantFactory.create(product=product, price=Decimal(price))
        if stock:
            StockFactory.create(variant=variant, quantity=stock)
    return product


def variants_of(product: Product) -> list[ProductVariant]:
    return list(product.variants.order_by("id"))


def media_for(
    product: Product, *, sort_order: int = 0, with_renditions: bool = True
) -> ProductMedia:
    """An image row; the files themselves are not needed to build URLs."""
    name = f"products/originals/{product.slug}-{sort_order}.jpg"
    renditions = (
        {
            str(width): {
                "webp": f"products/r/{product.slug}-{sort_order}-{width}.webp",
                "jpeg": f"products/r/{product.slug}-{sort_order}-{width}.jpg",
            }
            for width in (320, 640, 1280)
        }
        if with_renditions
        else {}
    )
    return ProductMedia.objects.create(
        product=product,
        image=name,
        alt_th=f"ภาพ {product.name_th}",
        alt_en=f"Photo of {product.name_en}",
        sort_order=sort_order,
        status=MediaStatus.READY if with_renditions else MediaStatus.PROCESSING,
        renditions=renditions,
    )


def set_created(products: list[Product]) -> None:
    """Give the products distinct creation times, oldest first, a minute apart."""
    start = timezone.now() - timedelta(days=1)
    for index, product in enumerate(products):
        Product.objects.filter(pk=product.pk).update(created_at=start + timedelta(minutes=index))
