"""Vendor stock locations: places validated, one default per vendor."""

from __future__ import annotations

import pytest

from marketplace.inventory.models import StockLocation
from marketplace.inventory.services import location_create, location_update
from marketplace.municipalities.errors import PlaceError, PlaceErrorCode
from tests.factories.municipalities import nai_mueang, pa_sang_subdistrict
from tests.factories.vendors import VendorFactory

pytestmark = pytest.mark.django_db


def create(vendor: object, **overrides: object) -> StockLocation:
    subdistrict = nai_mueang()
    fields: dict[str, object] = {
        "vendor": vendor,
        "name": "โรงทอบ้านหนองเงือก",
        "district_code": subdistrict.district_id,
        "subdistrict_code": subdistrict.code,
        "postal_code": "51000",
    }
    fields.update(overrides)
    return location_create(**fields)  # type: ignore[arg-type]


def test_the_first_location_of_a_vendor_is_its_default() -> None:
    vendor = VendorFactory.create()
    location = create(vendor)
    assert location.is_default is True
    assert location.subdistrict_id == nai_mueang().code
    assert location.district_id == nai_mueang().district_id


def test_a_new_default_location_replaces_the_previous_default() -> None:
    vendor = VendorFactory.create()
    first = create(vendor)
    second = create(vendor, name="ร้านสหกรณ์", is_default=True)
    third = create(vendor, name="โกดัง")
    first.refresh_from_db()
    assert (first.is_default, second.is_default, third.is_default) == (False, True, False)


def test_a_postal_code_that_does_not_serve_the_subdistrict_is_refused() -> None:
    pa_sang_subdistrict()  # 51120 exists, but not in Nai Mueang
    with pytest.raises(PlaceError) as caught:
        create(VendorFactory.create(), postal_code="51120")
    assert caught.value.code == PlaceErrorCode.POSTAL_CODE_NOT_IN_SUBDISTRICT
    assert caught.value.field == "postal_code"
    assert not StockLocation.objects.exists()


def test_a_subdistrict_of_another_district_is_refused() -> None:
    with pytest.raises(PlaceError) as caught:
        create(VendorFactory.create(), subdistrict_code=pa_sang_subdistrict().code)
    assert caught.value.field == "subdistrict"


def test_moving_a_location_validates_the_new_places_together() -> None:
    location = create(VendorFactory.create())
    moved = location_update(
        location=location,
        district_code=pa_sang_subdistrict().district_id,
        subdistrict_code=pa_sang_subdistrict().code,
        postal_code="51120",
    )
    assert (moved.subdistrict_id, moved.postal_code) == (pa_sang_subdistrict().code, "51120")
    with pytest.raises(PlaceError):
        location_update(location=location, postal_code="51000")


def test_making_a_location_the_default_unsets_the_other() -> None:
    vendor = VendorFactory.create()
    first = create(vendor)
    second = create(vendor, name="โกดัง")
    location_update(location=second, is_default=True, name="โกดังใหม่")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.is_default, second.is_default, second.name) == (False, True, "โกดังใหม่")
