"""Saved Thai addresses: validation against geothai places, ownership, defaults and the limit."""

from __future__ import annotations

from typing import Any

import pytest

from marketplace.accounts import selectors, services
from marketplace.accounts.addresses import phone_validate
from marketplace.accounts.errors import AccountError, AccountErrorCode
from marketplace.accounts.models import Address, AddressType
from marketplace.municipalities.errors import PlaceError, PlaceErrorCode
from tests.factories.accounts import AddressFactory, UserFactory, random_email
from tests.factories.municipalities import nai_mueang, pa_sang_subdistrict

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def places() -> None:
    nai_mueang()
    pa_sang_subdistrict()


def lamphun_address(**changes: str) -> dict[str, Any]:
    return {
        "first_name": "มาลี",
        "last_name": "ทองดี",
        "phone": "081-234-5678",
        "street_address_1": "12 ถนนรอบเมืองใน",
        "subdistrict_code": "510101",
        "district_code": "5101",
        "postal_code": "51000",
        **changes,
    }


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("081 234 5678", "0812345678"),
        ("+66 81 234 5678", "0812345678"),
        ("06-1234-5678", "0612345678"),
        ("0 9123 45678", "0912345678"),
        ("053-511-111", "053511111"),
        ("02 123 4567", "021234567"),
    ],
)
def test_thai_phone_numbers_are_stored_in_national_form(raw: str, stored: str) -> None:
    assert phone_validate(raw) == stored


@pytest.mark.parametrize(
    "raw", ["+1 415 555 0100", "0812345", "08123456789", "0112345678", "081-234-567x", "12345"]
)
def test_non_thai_phone_numbers_are_refused(raw: str) -> None:
    with pytest.raises(AccountError) as refused:
        phone_validate(raw)
    assert (refused.value.code, refused.value.field) == (AccountErrorCode.INVALID_PHONE, "phone")


def test_address_is_saved_with_place_names_and_becomes_the_first_default() -> None:
    user = UserFactory.create(email=random_email())
    address = services.address_create(user=user, **lamphun_address())

    assert address.phone == "0812345678"
    assert (address.subdistrict_name_th, address.district_name_th, address.province_name_th) == (
        "ในเมือง",
        "เมืองลำพูน",
        "ลำพูน",
    )
    assert address.province_code == "51"
    user.refresh_from_db()
    assert user.default_shipping_address == address
    assert user.default_billing_address == address


def test_postal_code_of_another_district_is_refused_and_nothing_is_saved() -> None:
    user = UserFactory.create(email=random_email())
    with pytest.raises(PlaceError) as refused:
        services.address_create(
            user=user, **lamphun_address(postal_code=pa_sang_subdistrict().postal_codes[0])
        )
    assert refused.value.code is PlaceErrorCode.POSTAL_CODE_NOT_IN_SUBDISTRICT
    assert refused.value.field == "postal_code"
    assert not Address.objects.filter(user=user).exists()


def test_subdistrict_of_another_district_is_refused_on_its_code_field() -> None:
    elsewhere = pa_sang_subdistrict()
    with pytest.raises(PlaceError) as refused:
        services.address_create(
            user=UserFactory.create(email=random_email()),
            **lamphun_address(
                subdistrict_code=elsewhere.code, postal_code=elsewhere.postal_codes[0]
            ),
        )
    assert refused.value.field == "subdistrict_code"


def test_non_thai_phone_or_country_is_refused() -> None:
    user = UserFactory.create(email=random_email())
    with pytest.raises(AccountError) as phone:
        services.address_create(user=user, **lamphun_address(phone="+44 20 7946 0958"))
    assert phone.value.field == "phone"
    with pytest.raises(AccountError) as country:
        services.address_create(user=user, **lamphun_address(), country="LA")
    assert country.value.field == "country"
    assert not Address.objects.filter(user=user).exists()


def test_twenty_first_address_is_refused() -> None:
    user = UserFactory.create(email=random_email())
    AddressFactory.create_batch(services.MAX_ADDRESSES_PER_USER, user=user)
    with pytest.raises(AccountError) as refused:
        services.address_create(user=user, **lamphun_address())
    assert refused.value.code is AccountErrorCode.ADDRESS_LIMIT_REACHED
    assert "20" in refused.value.message
    assert Address.objects.filter(user=user).count() == services.MAX_ADDRESSES_PER_USER


def test_a_user_cannot_update_delete_or_choose_another_users_address() -> None:
    owner_address = AddressFactory.create()
    intruder = UserFactory.create(email=random_email())
    attempts = [
        lambda: services.address_update(
            user=intruder, address_id=owner_address.pk, first_name="ขโมย"
        ),
        lambda: services.address_delete(user=intruder, address_id=owner_address.pk),
        lambda: services.address_set_default(
            user=intruder, address_id=owner_address.pk, address_type=AddressType.SHIPPING
        ),
    ]
    for attempt in attempts:
        with pytest.raises(AccountError) as refused:
            attempt()
        assert refused.value.code is AccountErrorCode.NOT_FOUND
    owner_address.refresh_from_db()
    assert owner_address.first_name == "สมชาย"
    intruder.refresh_from_db()
    assert intruder.default_shipping_address is None


def test_update_changes_only_the_given_fields_and_rechecks_places() -> None:
    user = UserFactory.create(email=random_email())
    address = services.address_create(user=user, **lamphun_address())
    elsewhere = pa_sang_subdistrict()
    updated = services.address_update(
        user=user,
        address_id=address.pk,
        subdistrict_code=elsewhere.code,
        district_code=elsewhere.district_id,
        postal_code=elsewhere.postal_codes[0],
    )
    assert (updated.district_name_th, updated.first_name) == (elsewhere.district.name_th, "มาลี")
    with pytest.raises(PlaceError):
        services.address_update(user=user, address_id=address.pk, postal_code="51000")
    address.refresh_from_db()
    assert address.postal_code == elsewhere.postal_codes[0]


def test_defaults_follow_set_default_and_delete() -> None:
    user = UserFactory.create(email=random_email())
    first = services.address_create(user=user, **lamphun_address())
    second = services.address_create(
        user=user, **lamphun_address(first_name="ชูใจ"), default_for=AddressType.BILLING
    )
    user.refresh_from_db()
    assert (user.default_shipping_address, user.default_billing_address) == (first, second)

    services.address_set_default(user=user, address_id=second.pk, address_type=AddressType.SHIPPING)
    services.address_delete(user=user, address_id=second.pk)
    user.refresh_from_db()
    assert user.default_shipping_address is None
    assert user.default_billing_address is None
    assert list(selectors.address_list(user=user)) == [first]


def test_address_list_is_one_query(django_assert_max_num_queries: Any) -> None:
    user = UserFactory.create(email=random_email())
    AddressFactory.create_batch(5, user=user)
    with django_assert_max_num_queries(1):
        addresses = list(selectors.address_list(user=user))
        assert all(a.user.default_shipping_address_id is None for a in addresses)
