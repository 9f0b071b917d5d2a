"""The category tree keeps `path` (root to node, "1/4/9/") and `level` right through moves."""

from __future__ import annotations

import pytest

from marketplace.catalog.errors import CatalogError, CatalogErrorCode
from marketplace.catalog.models import Category
from marketplace.catalog.services import category_create, category_move, category_update

pytestmark = pytest.mark.django_db


def test_a_root_category_has_its_own_id_as_path_and_level_zero() -> None:
    root = category_create(name_th="ผ้าทอ", name_en="Textiles")
    assert root.path == f"{root.pk}/"
    assert root.level == 0
    assert root.slug == "textiles"


def test_a_child_extends_its_parents_path() -> None:
    root = category_create(name_th="ผ้าทอ", name_en="Textiles")
    child = category_create(name_th="ผ้าไหม", name_en="Silk", parent=root)
    grandchild = category_create(name_th="ผ้าไหมยกดอก", name_en="Silk brocade", parent=child)
    assert child.path == f"{root.pk}/{child.pk}/"
    assert grandchild.path == f"{root.pk}/{child.pk}/{grandchild.pk}/"
    assert (child.level, grandchild.level) == (1, 2)


def test_moving_a_category_rewrites_the_path_and_level_of_its_whole_subtree() -> None:
    textiles = category_create(name_th="ผ้าทอ", name_en="Textiles")
    silk = category_create(name_th="ผ้าไหม", name_en="Silk", parent=textiles)
    brocade = category_create(name_th="ผ้าไหมยกดอก", name_en="Brocade", parent=silk)
    crafts = category_create(name_th="หัตถกรรม", name_en="Crafts")
    gifts = category_create(name_th="ของขวัญ", name_en="Gifts", parent=crafts)

    moved = category_move(category=silk, parent=gifts)

    brocade.refresh_from_db()
    assert moved.parent_id == gifts.pk
    assert moved.path == f"{crafts.pk}/{gifts.pk}/{silk.pk}/"
    assert moved.level == 2
    assert brocade.path == f"{crafts.pk}/{gifts.pk}/{silk.pk}/{brocade.pk}/"
    assert brocade.level == 3
    textiles.refresh_from_db()
    assert textiles.path == f"{textiles.pk}/"


def test_moving_a_category_to_the_top_makes_it_a_root() -> None:
    textiles = category_create(name_th="ผ้าทอ", name_en="Textiles")
    silk = category_create(name_th="ผ้าไหม", name_en="Silk", parent=textiles)
    brocade = category_create(name_th="ผ้าไหมยกดอก", name_en="Brocade", parent=silk)

    category_move(category=silk, parent=None)

    silk.refresh_from_db()
    brocade.refresh_from_db()
    assert (silk.parent_id, silk.path, silk.level) == (None, f"{silk.pk}/", 0)
    assert (brocade.path, brocade.level) == (f"{silk.pk}/{brocade.pk}/", 1)


def test_moving_a_category_under_its_own_descendant_is_refused() -> None:
    textiles = category_create(name_th="ผ้าทอ", name_en="Textiles")
    silk = category_create(name_th="ผ้าไหม", name_en="Silk", parent=textiles)
    brocade = category_create(name_th="ผ้าไหมยกดอก", name_en="Brocade", parent=silk)

    for new_parent in (brocade, silk, textiles):
        with pytest.raises(CatalogError) as caught:
            category_move(category=textiles if new_parent != silk else silk, parent=new_parent)
        assert caught.value.code == CatalogErrorCode.CATEGORY_CYCLE
        assert caught.value.field == "parent"

    textiles.refresh_from_db()
    assert textiles.parent_id is None and textiles.path == f"{textiles.pk}/"


def test_paths_of_siblings_with_a_shared_digit_prefix_are_not_confused() -> None:
    # A subtree read by path prefix must not take node 1's subtree for node 10's.
    roots = [category_create(name_th=f"หมวด {n}", name_en=f"Group {n}") for n in range(12)]
    first, other = roots[0], roots[-1]
    child = category_create(name_th="ลูก", name_en="Child", parent=other)
    category_move(category=first, parent=None)
    child.refresh_from_db()
    assert child.path == f"{other.pk}/{child.pk}/"
    assert Category.objects.filter(path__startswith=first.path).count() == 1


def test_slug_comes_from_the_thai_name_when_there_is_no_english_name() -> None:
    category = category_create(name_th="เครื่องปั้นดินเผา")
    assert category.slug == "เครื่องปั้นดินเผา"


def test_generated_slugs_are_made_unique_with_a_number() -> None:
    first = category_create(name_th="ผ้าทอ", name_en="Textiles")
    second = category_create(name_th="ผ้าทอมือ", name_en="Textiles")
    third = category_create(name_th="ผ้าทอลำพูน", name_en="Textiles")
    assert [first.slug, second.slug, third.slug] == ["textiles", "textiles-2", "textiles-3"]


def test_an_explicit_slug_that_is_taken_is_refused() -> None:
    category_create(name_th="ผ้าทอ", name_en="Textiles")
    with pytest.raises(CatalogError) as caught:
        category_create(name_th="ผ้า", slug="textiles")
    assert caught.value.code == CatalogErrorCode.SLUG_TAKEN
    assert caught.value.field == "slug"


def test_an_explicit_slug_with_punctuation_is_refused() -> None:
    with pytest.raises(CatalogError) as caught:
        category_create(name_th="ผ้า", slug="ผ้า/ไหม?")
    assert caught.value.code == CatalogErrorCode.SLUG_INVALID


def test_update_changes_names_and_keeps_the_slug() -> None:
    category = category_create(name_th="ผ้าทอ", name_en="Textiles")
    updated = category_update(
        category=category, name_en="Woven textiles", description_th="<p>ผ้า</p><script>x</script>"
    )
    assert updated.name_en == "Woven textiles"
    assert updated.slug == "textiles"
    assert updated.description_th == "<p>ผ้า</p>"


def test_a_thai_name_is_required() -> None:
    with pytest.raises(CatalogError) as caught:
        category_create(name_th="  ", name_en="Textiles")
    assert caught.value.code == CatalogErrorCode.REQUIRED
    assert caught.value.field == "name_th"
