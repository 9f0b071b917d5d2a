"""Reads of places, and location_validate: every way an address can be wrong, as a user sees it."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from marketplace.municipalities.errors import PlaceError, PlaceErrorCode
from marketplace.municipalities.selectors import (
    district_list,
    location_validate,
    municipality_get,
    municipality_list,
    province_list,
    subdistrict_list,
    subdistrict_list_by_postal_code,
)
from tests.factories.municipalities import MunicipalityFactory

pytestmark = pytest.mark.django_db

NAI_MUEANG = {"district_code": "5101", "subdistrict_code": "510101", "postal_code": "51000"}


def refused(**kwargs: Any) -> PlaceError:
    with pytest.raises(PlaceError) as caught, translation.override("en"):
        location_validate(**kwargs)
    return caught.value


def test_a_consistent_lamphun_address_returns_its_subdistrict() -> None:
    subdistrict = location_validate(province_code="51", **NAI_MUEANG)
    assert (subdistrict.code, subdistrict.name_en) == ("510101", "Nai Mueang")


def test_postal_code_with_surrounding_spaces_is_accepted() -> None:
    assert location_validate(**{**NAI_MUEANG, "postal_code": " 51000 "}).code == "510101"


@pytest.mark.parametrize("postal_code", ["5100", "510000", "51OOO", ""])
def test_postal_code_that_is_not_five_digits_is_refused(postal_code: str) -> None:
    error = refused(**{**NAI_MUEANG, "postal_code": postal_code})
    assert error.code is PlaceErrorCode.INVALID_POSTAL_CODE
    assert error.field == "postal_code"
    assert error.message == "A Thai postal code has five digits."


def test_unknown_postal_code_is_refused_with_the_code_in_the_message() -> None:
    error = refused(**{**NAI_MUEANG, "postal_code": "99999"})
    assert error.code is PlaceErrorCode.UNKNOWN_POSTAL_CODE
    assert error.field == "postal_code"
    assert error.message == "Postal code 99999 does not exist in Thailand."


def test_unknown_district_is_refused() -> None:
    error = refused(**{**NAI_MUEANG, "district_code": "5199"})
    assert (error.code, error.field) == (PlaceErrorCode.UNKNOWN_DISTRICT, "district")
    assert error.message == "Choose a district from the list."


def test_district_of_another_province_is_refused() -> None:
    # Mueang Lamphun with Chiang Mai (50) as the chosen province.
    error = refused(province_code="50", **NAI_MUEANG)
    assert (error.code, error.field) == (PlaceErrorCode.DISTRICT_NOT_IN_PROVINCE, "district")
    assert error.message == "This district is not in the chosen province."


def test_unknown_subdistrict_is_refused() -> None:
    error = refused(**{**NAI_MUEANG, "subdistrict_code": "510199"})
    assert (error.code, error.field) == (PlaceErrorCode.UNKNOWN_SUBDISTRICT, "subdistrict")
    assert error.message == "Choose a subdistrict from the list."


def test_bangkok_subdistrict_with_a_lamphun_district_is_refused() -> None:
    # พระบรมมหาราชวัง (Bangkok, 10200) named with Mueang Lamphun.
    error = refused(district_code="5101", subdistrict_code="100101", postal_code="10200")
    assert (error.code, error.field) == (PlaceErrorCode.SUBDISTRICT_NOT_IN_DISTRICT, "subdistrict")
    assert error.message == "This subdistrict is not in the chosen district."


def test_existing_postal_code_of_another_subdistrict_is_refused() -> None:
    # 51120 exists (Pa Sang) but does not serve Nai Mueang.
    error = refused(**{**NAI_MUEANG, "postal_code": "51120"})
    assert error.code is PlaceErrorCode.POSTAL_CODE_NOT_IN_SUBDISTRICT
    assert error.field == "postal_code"
    assert error.message == "Postal code 51120 does not serve ในเมือง."


def test_error_message_is_shown_in_thai_to_a_thai_user() -> None:
    with pytest.raises(PlaceError) as caught:
        location_validate(**{**NAI_MUEANG, "district_code": "5199"})
    with translation.override("th"):
        assert caught.value.message == "เลือกอำเภอจากรายการ"


def test_provinces_are_listed_in_thai_alphabetical_order() -> None:
    names = list(province_list().values_list("name_th", flat=True))
    assert len(names) == 77
    assert names[0] == "กระบี่"
    assert "ลำพูน" in names


def test_districts_of_a_province_and_none_for_an_unknown_one() -> None:
    assert [d.code for d in district_list(province_code="51")][:2] == ["5101", "5102"]
    assert district_list(province_code="51").count() == 8
    assert not district_list(province_code="99").exists()


def test_subdistricts_of_a_district() -> None:
    names = [s.name_en for s in subdistrict_list(district_code="5106")]
    assert "Pa Sang" in names
    assert "Nai Mueang" not in names


def test_lookup_by_postal_code_fills_in_district_and_province(
    django_assert_max_num_queries: Any,
) -> None:
    with django_assert_max_num_queries(1):
        found = [
            (s.name_en, s.district.name_en, s.district.province.name_en)
            for s in subdistrict_list_by_postal_code(postal_code="51120")
        ]
    assert ("Pa Sang", "Pa Sang", "Lamphun") in found
    # 51120 also serves Wiang Nong Long.
    assert {district for _, district, _ in found} == {"Pa Sang", "Wiang Nong Long"}
    assert not subdistrict_list_by_postal_code(postal_code="99999").exists()


def test_place_lists_take_one_query_each(django_assert_max_num_queries: Any) -> None:
    with django_assert_max_num_queries(3):
        assert len(list(province_list())) == 77
        assert len(list(district_list(province_code="10"))) == 50
        assert len(list(subdistrict_list(district_code="5101"))) > 10


def test_municipality_list_hides_inactive_ones_and_takes_one_query(
    django_assert_max_num_queries: Any,
) -> None:
    MunicipalityFactory.create()
    MunicipalityFactory.create(slug="pasang", name_th="เทศบาลตำบลป่าซาง", is_active=False)
    with django_assert_max_num_queries(1):
        listed = [(m.slug, m.province.name_en) for m in municipality_list()]
    assert listed == [("lamphun", "Lamphun")]
    assert {m.slug for m in municipality_list(active_only=False)} == {"lamphun", "pasang"}
    assert municipality_get(slug="pasang") is None
    assert municipality_get(slug="lamphun") is not None
