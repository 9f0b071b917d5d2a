"""The data migration loads all of Thailand's places from geothai, and can be reversed."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

import geothai
import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from marketplace.municipalities.models import District, Province, Subdistrict
from tests.factories.municipalities import (
    lamphun,
    mueang_lamphun,
    nai_mueang,
    pa_sang,
    pa_sang_subdistrict,
)

pytestmark = pytest.mark.django_db

MIGRATION = "0003_load_geothai_places"


def test_every_province_district_and_subdistrict_of_geothai_is_loaded() -> None:
    districts = [d for p in geothai.provinces() for d in geothai.districts(p.code)]
    subdistricts = [s for d in districts for s in geothai.subdistricts(d.code)]
    assert Province.objects.count() == len(geothai.provinces()) == 77
    assert District.objects.count() == len(districts)
    assert Subdistrict.objects.count() == len(subdistricts)


def test_lamphun_has_its_eight_districts_with_thai_and_english_names() -> None:
    names = list(
        District.objects.filter(province_id="51").order_by("code").values_list("name_en", flat=True)
    )
    assert names == [
        "Mueang Lamphun",
        "Mae Tha",
        "Ban Hong",
        "Li",
        "Thung Hua Chang",
        "Pa Sang",
        "Ban Thi",
        "Wiang Nong Long",
    ]
    assert District.objects.get(code="5106").name_th == "ป่าซาง"


def test_subdistricts_carry_their_postal_codes() -> None:
    assert Subdistrict.objects.get(code="510101").postal_codes == ["51000"]
    several = Subdistrict.objects.filter(postal_codes__len__gt=1)
    assert several.exists(), "some subdistricts are served by more than one post office"


def test_place_factories_return_the_loaded_rows_with_matching_names() -> None:
    assert lamphun().name_en == "Lamphun"
    assert mueang_lamphun().name_th == "เมืองลำพูน"
    assert nai_mueang().postal_codes == ["51000"]
    assert pa_sang().name_en == "Pa Sang"
    assert pa_sang_subdistrict().district_id == pa_sang().code
    assert "51120" in pa_sang_subdistrict().postal_codes


def test_migration_reverses_to_no_places_and_loads_again() -> None:
    migration = importlib.import_module(f"marketplace.municipalities.migrations.{MIGRATION}")
    state = MigrationExecutor(connection).loader.project_state(("municipalities", MIGRATION))
    schema_editor = SimpleNamespace(connection=connection)

    migration.unload_places(state.apps, schema_editor)
    assert (Province.objects.count(), District.objects.count(), Subdistrict.objects.count()) == (
        0,
        0,
        0,
    )

    migration.load_places(state.apps, schema_editor)
    assert Subdistrict.objects.get(code="510602").name_en == "Pa Sang"
    assert Province.objects.count() == 77
