"""municipality_create / municipality_update, and the load_places refresh."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from marketplace.municipalities.errors import MunicipalityError, MunicipalityErrorCode
from marketplace.municipalities.models import District, Municipality, Subdistrict
from marketplace.municipalities.services import (
    municipality_create,
    municipality_update,
    places_load,
)
from tests.factories.municipalities import MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_create_municipality_in_a_province() -> None:
    municipality = municipality_create(
        slug="pasang",
        name_th=" เทศบาลตำบลป่าซาง ",
        name_en="Pa Sang Subdistrict Municipality",
        province_code="51",
        default_commission_rate=Decimal("8.50"),
    )
    stored = Municipality.objects.get(slug="pasang")
    assert stored.pk == municipality.pk
    assert stored.name_th == "เทศบาลตำบลป่าซาง"
    assert stored.province.name_en == "Lamphun"
    assert stored.default_commission_rate == Decimal("8.50")
    assert stored.is_active


def test_create_with_a_taken_slug_is_refused() -> None:
    MunicipalityFactory.create(slug="lamphun")
    with pytest.raises(MunicipalityError) as caught, translation.override("en"):
        municipality_create(slug="lamphun", name_th="ซ้ำ", name_en="Again", province_code="51")
    assert (caught.value.code, caught.value.field) == (MunicipalityErrorCode.SLUG_TAKEN, "slug")
    assert Municipality.objects.count() == 1


def test_create_in_an_unknown_province_is_refused() -> None:
    with pytest.raises(MunicipalityError) as caught:
        municipality_create(slug="x", name_th="เอ็กซ์", name_en="X", province_code="99")
    assert (caught.value.code, caught.value.field) == (
        MunicipalityErrorCode.UNKNOWN_PROVINCE,
        "province",
    )


@pytest.mark.parametrize("rate", [Decimal("-1"), Decimal("100.01")])
def test_commission_rate_outside_0_to_100_is_refused(rate: Decimal) -> None:
    with pytest.raises(MunicipalityError) as caught:
        municipality_create(
            slug="x", name_th="เอ็กซ์", name_en="X", province_code="51", default_commission_rate=rate
        )
    assert (caught.value.code, caught.value.field) == (
        MunicipalityErrorCode.INVALID,
        "default_commission_rate",
    )
    assert not Municipality.objects.exists()


def test_blank_name_is_refused_with_the_field() -> None:
    with pytest.raises(MunicipalityError) as caught:
        municipality_create(slug="x", name_th="  ", name_en="X", province_code="51")
    assert (caught.value.code, caught.value.field) == (MunicipalityErrorCode.INVALID, "name_th")


def test_update_changes_only_the_fields_passed() -> None:
    municipality = MunicipalityFactory.create()
    municipality_update(municipality=municipality, is_active=False, name_en="Lamphun City")
    municipality.refresh_from_db()
    assert (municipality.is_active, municipality.name_en) == (False, "Lamphun City")
    assert municipality.name_th == "เทศบาลเมืองลำพูน"
    assert municipality.slug == "lamphun"


def test_update_to_another_municipalitys_slug_is_refused() -> None:
    MunicipalityFactory.create(slug="pasang")
    municipality = MunicipalityFactory.create(slug="lamphun")
    with pytest.raises(MunicipalityError) as caught:
        municipality_update(municipality=municipality, slug="pasang")
    assert caught.value.code is MunicipalityErrorCode.SLUG_TAKEN
    assert Municipality.objects.get(pk=municipality.pk).slug == "lamphun"


def test_load_places_on_loaded_database_changes_nothing() -> None:
    result = places_load()
    assert result.created == {"provinces": 0, "districts": 0, "subdistricts": 0}
    assert result.updated == {"provinces": 0, "districts": 0, "subdistricts": 0}


def test_load_places_restores_names_and_postal_codes_and_adds_missing_places() -> None:
    District.objects.filter(code="5106").update(name_en="Pasang (old spelling)")
    Subdistrict.objects.filter(code="510101").update(postal_codes=["51001"])
    Subdistrict.objects.filter(code="510611").delete()  # นครเจดีย์: as if geothai added it later

    out = StringIO()
    call_command("load_places", stdout=out)

    assert District.objects.get(code="5106").name_en == "Pa Sang"
    assert Subdistrict.objects.get(code="510101").postal_codes == ["51000"]
    assert Subdistrict.objects.get(code="510611").name_th == "นครเจดีย์"
    report = out.getvalue()
    assert "districts: 0 new, 1 updated" in report
    assert "subdistricts: 1 new, 1 updated" in report


def test_load_places_keeps_and_reports_a_place_geothai_no_longer_lists() -> None:
    Subdistrict.objects.create(
        code="519999", district_id="5101", name_th="เลิกแล้ว", name_en="Abolished"
    )
    out = StringIO()
    call_command("load_places", stdout=out)
    assert Subdistrict.objects.filter(code="519999").exists()
    assert "1 no longer in geothai (kept): 519999" in out.getvalue()
