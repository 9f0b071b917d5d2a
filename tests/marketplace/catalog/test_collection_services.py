"""Collections: curated product lists."""

from __future__ import annotations

import pytest

from marketplace.catalog.errors import CatalogError, CatalogErrorCode
from marketplace.catalog.services import (
    collection_add_products,
    collection_create,
    collection_remove_products,
    collection_update,
)
from tests.factories.catalog import ProductFactory

pytestmark = pytest.mark.django_db


def test_a_collection_is_created_with_a_slug_and_sanitised_description() -> None:
    products = ProductFactory.create_batch(2)
    collection = collection_create(
        name_th="ของขวัญปีใหม่",
        name_en="New Year gifts",
        description_th="<p>ของฝาก</p><script>x()</script>",
        products=products,
    )
    assert collection.slug == "new-year-gifts"
    assert collection.description_th == "<p>ของฝาก</p>"
    assert set(collection.products.all()) == set(products)
    assert collection.is_published is False


def test_adding_products_keeps_each_once_and_removing_ignores_absent_ones() -> None:
    first, second, third = ProductFactory.create_batch(3)
    collection = collection_create(name_th="ผ้าไหม", products=[first])
    collection_add_products(collection=collection, products=[first, second])
    assert set(collection.products.all()) == {first, second}
    collection_remove_products(collection=collection, products=[second, third])
    assert list(collection.products.all()) == [first]


def test_updating_a_collection_publishes_it_and_can_rename_its_slug() -> None:
    collection = collection_create(name_th="ผ้าไหม", name_en="Silk")
    updated = collection_update(collection=collection, is_published=True, slug="silk-picks")
    assert (updated.is_published, updated.slug) == (True, "silk-picks")


def test_a_collection_slug_in_use_is_refused() -> None:
    collection_create(name_th="ผ้าไหม", name_en="Silk")
    other = collection_create(name_th="ผ้าฝ้าย", name_en="Cotton")
    with pytest.raises(CatalogError) as caught:
        collection_update(collection=other, slug="silk")
    assert caught.value.code == CatalogErrorCode.SLUG_TAKEN
