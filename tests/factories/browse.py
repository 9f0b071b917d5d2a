"""Builders for the storefront's browsing tests: listed products with stock and photos, and the
settings every browsing test runs with."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from marketplace.catalog.models import Category, Product, ProductMedia
from marketplace.vendors.models import Vendor
from search import availability
from tests.factories.catalog import ProductFactory, ProductMediaFactory, ProductVariantFactory
from tests.factories.inventory import StockFactory


@pytest.fixture(autouse=True)
def browse_settings(settings: Any) -> Iterator[None]:
    """PostgreSQL search (Elasticsearch is shared by everybody's runs and our factories do not
    index) and a private local-memory cache (the Redis cache is shared, and never flushed)."""
    settings.ELASTICSEARCH_URL = ""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"browse-{uuid.uuid4().hex}",
        }
    }
    availability.reset()
    yield
    availability.reset()


def listed(
    *,
    vendor: Vendor | None = None,
    category: Category | None = None,
    price: str = "1850.00",
    quantity: int = 10,
    photos: int = 1,
    renditions: bool = True,
    **product_fields: Any,
) -> Product:
    """A published product of an approved vendor with one priced variant, stock and photos."""
    if vendor is not None:
        product_fields["vendor"] = vendor
    if category is not None:
        product_fields["category"] = category
    product = ProductFactory.create(**product_fields)
    variant = ProductVariantFactory.create(product=product, price=Decimal(price))
    if quantity:
        StockFactory.create(variant=variant, quantity=quantity)
    for _ in range(photos):
        media = ProductMediaFactory.create(product=product, width=1600, height=1200)
        if renditions:
            media.renditions = {
                str(width): {
                    "webp": f"products/renditions/{media.pk}-{width}.webp",
                    "jpeg": f"products/renditions/{media.pk}-{width}.jpg",
                }
                for width in (320, 640, 1280)
            }
            media.save(update_fields=["renditions"])
    return product


def photo(product: Product) -> ProductMedia:
    media: ProductMedia = product.media.order_by("sort_order", "id").first()  # type: ignore[assignment]
    return media
