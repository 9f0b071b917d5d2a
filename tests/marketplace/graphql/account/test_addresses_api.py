"""The address book over /graphql/: create, update, delete, defaults, errors on fields."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from graphql_relay import to_global_id

from marketplace.accounts import jwt, services
from marketplace.accounts.models import Address, User
from tests.factories.accounts import AddressFactory, UserFactory, random_email
from tests.factories.municipalities import nai_mueang, pa_sang_subdistrict
from tests.marketplace.graphql.account.api import gql

pytestmark = pytest.mark.django_db

ADDRESS_FIELDS = """
  id firstName lastName phone streetAddress1 city cityArea countryArea postalCode
  subdistrictCode districtCode provinceCode country { code country }
  isDefaultShippingAddress isDefaultBillingAddress
"""
CREATE = f"""
mutation Create($input: AddressInput!, $type: AddressTypeEnum) {{
  accountAddressCreate(input: $input, type: $type) {{
    address {{ {ADDRESS_FIELDS} }}
    user {{ defaultShippingAddress {{ id }} defaultBillingAddress {{ id }} }}
    errors {{ field code message }}
  }}
}}"""
UPDATE = """
mutation Update($id: ID!, $input: AddressInput!) {
  accountAddressUpdate(id: $id, input: $input) {
    address { id firstName postalCode } errors { field code message }
  }
}"""
DELETE = """
mutation Delete($id: ID!) {
  accountAddressDelete(id: $id) { address { id } user { addresses { id } } errors { field code } }
}"""
SET_DEFAULT = """
mutation SetDefault($id: ID!, $type: AddressTypeEnum!) {
  accountSetDefaultAddress(id: $id, type: $type) {
    user { defaultShippingAddress { id } defaultBillingAddress { id } } errors { field code }
  }
}"""
ME = f"""{{ me {{ addresses {{ {ADDRESS_FIELDS} }}
  defaultShippingAddress {{ id isDefaultShippingAddress }}
  defaultBillingAddress {{ id isDefaultBillingAddress }} }} }}"""


@pytest.fixture(autouse=True)
def places() -> None:
    nai_mueang()
    pa_sang_subdistrict()


@pytest.fixture
def user():
    return UserFactory.create(email=random_email())


@pytest.fixture
def token(user) -> str:
    return jwt.access_token_create(user)


def address_input(**changes: str) -> dict[str, str]:
    return {
        "firstName": "มาลี",
        "lastName": "ทองดี",
        "phone": "081 234 5678",
        "streetAddress1": "12 ถนนรอบเมืองใน",
        "subdistrictCode": "510101",
        "districtCode": "5101",
        "postalCode": "51000",
        **changes,
    }


def payload(body: dict, name: str) -> dict:
    assert "errors" not in body, body["errors"]
    return body["data"][name]


def test_address_is_created_and_named_in_the_request_language(
    client: Client, user: User, token: str, ip: str
) -> None:
    body = gql(client, CREATE, {"input": address_input()}, ip=ip, token=token, language="en")
    result = payload(body, "accountAddressCreate")
    assert result["errors"] == []
    address = result["address"]
    assert (address["city"], address["cityArea"], address["countryArea"]) == (
        "Mueang Lamphun",
        "Nai Mueang",
        "Lamphun",
    )
    assert address["phone"] == "0812345678"
    assert address["country"] == {"code": "TH", "country": "Thailand"}
    assert address["isDefaultShippingAddress"] is True
    assert result["user"]["defaultBillingAddress"] == {"id": address["id"]}

    thai = payload(gql(client, ME, ip=ip, token=token, language="th"), "me")["addresses"][0]
    assert (thai["city"], thai["countryArea"], thai["country"]["country"]) == (
        "เมืองลำพูน",
        "ลำพูน",
        "ไทย",
    )


def test_postal_code_of_another_district_is_an_error_on_postal_code(
    client: Client, user: User, token: str, ip: str
) -> None:
    wrong = address_input(postalCode=pa_sang_subdistrict().postal_codes[0])
    result = payload(
        gql(client, CREATE, {"input": wrong}, ip=ip, token=token, language="en"),
        "accountAddressCreate",
    )
    assert result["address"] is None
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("postalCode", "INVALID")]
    assert "does not serve" in result["errors"][0]["message"]
    assert not Address.objects.filter(user=user).exists()


def test_non_thai_phone_is_an_error_on_phone(
    client: Client, user: User, token: str, ip: str
) -> None:
    result = payload(
        gql(client, CREATE, {"input": address_input(phone="+1 415 555 0100")}, ip=ip, token=token),
        "accountAddressCreate",
    )
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("phone", "INVALID_PHONE")]
    assert not Address.objects.filter(user=user).exists()


def test_twenty_first_address_is_refused(client: Client, user: User, token: str, ip: str) -> None:
    AddressFactory.create_batch(services.MAX_ADDRESSES_PER_USER, user=user)
    result = payload(
        gql(client, CREATE, {"input": address_input()}, ip=ip, token=token, language="en"),
        "accountAddressCreate",
    )
    assert result["errors"][0]["code"] == "ADDRESS_LIMIT_REACHED"
    assert "20" in result["errors"][0]["message"]
    assert Address.objects.filter(user=user).count() == services.MAX_ADDRESSES_PER_USER


def test_another_users_address_cannot_be_touched(client: Client, token: str, ip: str) -> None:
    theirs = AddressFactory.create()
    their_id = to_global_id("Address", theirs.pk)
    attempts: list[tuple[str, dict[str, Any], str]] = [
        (UPDATE, {"id": their_id, "input": {"firstName": "ขโมย"}}, "accountAddressUpdate"),
        (DELETE, {"id": their_id}, "accountAddressDelete"),
        (SET_DEFAULT, {"id": their_id, "type": "SHIPPING"}, "accountSetDefaultAddress"),
    ]
    for query, variables, name in attempts:
        result = payload(gql(client, query, variables, ip=ip, token=token), name)
        assert [(e["field"], e["code"]) for e in result["errors"]] == [("id", "NOT_FOUND")]
    theirs.refresh_from_db()
    assert theirs.first_name == "สมชาย"


@pytest.mark.parametrize(
    "bad_id", ["garbage", to_global_id("User", 1), to_global_id("Address", "x")]
)
def test_unusable_ids_are_not_found_errors(
    client: Client, token: str, ip: str, bad_id: str
) -> None:
    result = payload(
        gql(client, DELETE, {"id": bad_id}, ip=ip, token=token), "accountAddressDelete"
    )
    assert result["errors"] == [{"field": "id", "code": "NOT_FOUND"}]


def test_update_delete_and_defaults(client: Client, user: User, token: str, ip: str) -> None:
    first = services.address_create(
        user=user,
        first_name="มาลี",
        last_name="ทองดี",
        phone="0812345678",
        street_address_1="1 ถนนอินทยงยศ",
        subdistrict_code="510101",
        district_code="5101",
        postal_code="51000",
    )
    second = AddressFactory.create(user=user)
    first_id, second_id = to_global_id("Address", first.pk), to_global_id("Address", second.pk)

    updated = payload(
        gql(client, UPDATE, {"id": first_id, "input": {"firstName": "ชูใจ"}}, ip=ip, token=token),
        "accountAddressUpdate",
    )
    assert updated == {
        "address": {"id": first_id, "firstName": "ชูใจ", "postalCode": "51000"},
        "errors": [],
    }

    chosen = payload(
        gql(client, SET_DEFAULT, {"id": second_id, "type": "BILLING"}, ip=ip, token=token),
        "accountSetDefaultAddress",
    )
    assert chosen["user"] == {
        "defaultShippingAddress": {"id": first_id},
        "defaultBillingAddress": {"id": second_id},
    }

    deleted = payload(
        gql(client, DELETE, {"id": second_id}, ip=ip, token=token), "accountAddressDelete"
    )
    assert deleted["address"] == {"id": second_id}
    assert deleted["user"]["addresses"] == [{"id": first_id}]
    me = payload(gql(client, ME, ip=ip, token=token), "me")
    assert me["defaultBillingAddress"] is None
    assert me["defaultShippingAddress"] == {"id": first_id, "isDefaultShippingAddress": True}


def test_address_mutations_need_a_signed_in_user(client: Client, ip: str) -> None:
    body = gql(client, CREATE, {"input": address_input()}, ip=ip)
    assert body["data"]["accountAddressCreate"] is None
    assert body["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert not Address.objects.exists()


def test_me_with_addresses_costs_a_fixed_number_of_queries(
    client: Client, user: User, token: str, ip: str, django_assert_max_num_queries: Any
) -> None:
    AddressFactory.create_batch(6, user=user)
    user.default_shipping_address = user.addresses.first()
    user.save()
    # The user with both defaults (one join), then the address list.
    with django_assert_max_num_queries(2):
        me = payload(gql(client, ME, ip=ip, token=token), "me")
    assert len(me["addresses"]) == 6
    assert sum(a["isDefaultShippingAddress"] for a in me["addresses"]) == 1
