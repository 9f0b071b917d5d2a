"""The storefront API end to end: a guest buys from two vendors over /graphql/."""

from __future__ import annotations

import json
from typing import Any

import graphene
import pytest
from django.core import mail
from django.test import Client

from marketplace.checkout.models import Checkout
from marketplace.orders.models import Order
from tests.factories.accounts import UserFactory
from tests.factories.checkout import LAMPHUN_ADDRESS, stall

pytestmark = pytest.mark.django_db

CHECKOUT_FIELDS = """
  id token email quantity
  totalPrice { gross { amount currency } }
  problems { code }
  lines { id quantity priceChanged variant { sku } totalPrice { gross { amount } } }
  deliveryGroups {
    vendor { id name }
    subtotalPrice { gross { amount } }
    availableDeliveryMethods { id name price { amount } active }
    deliveryMethod { id }
  }
  shippingAddress { city cityArea countryArea postalCode phone }
"""
ERRORS = "errors { field code message }"


def gql(client: Client, query: str, variables: dict[str, Any], language: str = "th") -> Any:
    response = client.post(
        "/graphql/",
        data=json.dumps({"query": query, "variables": variables}),
        content_type="application/json",
        headers={"accept-language": language},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert "errors" not in body, body["errors"]
    return body["data"]


def variant_id(pk: int) -> str:
    return graphene.Node.to_global_id("ProductVariant", pk)


def address_input() -> dict[str, Any]:
    fields = {
        "first_name": "firstName",
        "last_name": "lastName",
        "phone": "phone",
        "street_address_1": "streetAddress1",
        "district_code": "districtCode",
        "subdistrict_code": "subdistrictCode",
        "postal_code": "postalCode",
        "province_code": "provinceCode",
    }
    return {camel: LAMPHUN_ADDRESS[snake] for snake, camel in fields.items()}


def test_guest_buys_two_products_from_two_vendors_and_gets_one_order_with_two_parcels(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    silk, pottery = stall(price="1850.00"), stall(price="320.00")
    created = gql(
        client,
        f"""mutation($input: CheckoutCreateInput!) {{
              checkoutCreate(input: $input) {{ checkout {{ {CHECKOUT_FIELDS} }} {ERRORS} }} }}""",
        {
            "input": {
                "email": "malee@example.com",
                "lines": [
                    {"variantId": variant_id(silk.variant.id), "quantity": 1},
                    {"variantId": variant_id(pottery.variant.id), "quantity": 2},
                ],
                "shippingAddress": address_input(),
            }
        },
    )["checkoutCreate"]
    assert created["errors"] == []
    checkout = created["checkout"]
    assert checkout["quantity"] == 3
    assert checkout["totalPrice"]["gross"] == {"amount": 2490.0, "currency": "THB"}
    assert checkout["shippingAddress"]["city"] == "เมืองลำพูน"
    assert {p["code"] for p in checkout["problems"]} == {"DELIVERY_METHOD_REQUIRED"}
    groups = checkout["deliveryGroups"]
    assert [g["subtotalPrice"]["gross"]["amount"] for g in groups] == [1850.0, 640.0]

    for group in groups:
        post = next(m for m in group["availableDeliveryMethods"] if m["price"]["amount"] > 0)
        chosen = gql(
            client,
            f"""mutation($id: ID!, $vendor: ID!, $method: ID!) {{
                  checkoutDeliveryMethodUpdate(
                    id: $id, vendorId: $vendor, deliveryMethodId: $method)
                  {{ checkout {{ totalPrice {{ gross {{ amount }} }} }} {ERRORS} }} }}""",
            {"id": checkout["id"], "vendor": group["vendor"]["id"], "method": post["id"]},
        )["checkoutDeliveryMethodUpdate"]
        assert chosen["errors"] == []
    assert chosen["checkout"]["totalPrice"]["gross"]["amount"] == 2590.0

    complete = f"""mutation($id: ID!, $total: Decimal) {{
          checkoutComplete(id: $id, expectedTotal: $total) {{
            order {{ number status total {{ gross {{ amount }} }}
                     vendorOrders {{ number status vendor {{ name }}
                                     lines {{ productSku quantity }} }} }}
            {ERRORS} }} }}"""
    with django_capture_on_commit_callbacks(execute=True):
        placed = gql(client, complete, {"id": checkout["id"], "total": "2590.00"})
    order = placed["checkoutComplete"]["order"]
    assert placed["checkoutComplete"]["errors"] == []
    assert order["total"]["gross"]["amount"] == 2590.0
    assert order["status"] == "UNFULFILLED"
    assert [len(vo["lines"]) for vo in order["vendorOrders"]] == [1, 1]
    assert Order.objects.count() == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        ["malee@example.com", silk.owner.user.email, pottery.owner.user.email]
    )

    again = gql(client, complete, {"id": checkout["id"], "total": None})
    assert again["checkoutComplete"]["order"]["number"] == order["number"]

    found = gql(
        client,
        """query($n: String!, $e: String!) { orderLookup(number: $n, email: $e) {
             number vendorOrders { statusDisplay } } }""",
        {"n": order["number"], "e": "MALEE@example.com"},
        language="en",
    )
    assert found["orderLookup"]["vendorOrders"][0]["statusDisplay"] == "Waiting for the maker"
    nobody = gql(
        client,
        "query($n: String!, $e: String!) { orderLookup(number: $n, email: $e) { number } }",
        {"n": order["number"], "e": "other@example.com"},
    )
    assert nobody["orderLookup"] is None


@pytest.mark.parametrize(
    ("lines", "code", "field"),
    [
        ([{"quantity": 0}], "ZERO_QUANTITY", "quantity"),
        ([{"quantity": -3}], "INVALID_QUANTITY", "quantity"),
        ([{"quantity": 11}], "INSUFFICIENT_STOCK", "quantity"),
        ([{"quantity": 2_000_000_000}], "QUANTITY_GREATER_THAN_LIMIT", "quantity"),
        ([{"quantity": 1, "variantId": "bm9wZQ=="}], "PRODUCT_NOT_AVAILABLE", "variantId"),
    ],
)
def test_bad_lines_get_their_error_code_and_no_cart_is_made(
    client: Client, lines: list[dict[str, Any]], code: str, field: str
) -> None:
    silk = stall(quantity=10)
    data = gql(
        client,
        f"""mutation($input: CheckoutCreateInput!) {{
              checkoutCreate(input: $input) {{ checkout {{ id }} {ERRORS} }} }}""",
        {"input": {"lines": [{"variantId": variant_id(silk.variant.id)} | x for x in lines]}},
        language="en",
    )["checkoutCreate"]
    assert data["checkout"] is None
    [error] = data["errors"]
    assert (error["code"], error["field"]) == (code, field)
    assert error["message"]
    assert not Checkout.objects.exists()


def test_address_errors_name_the_field_in_the_shoppers_language(client: Client) -> None:
    silk = stall()
    made = gql(
        client,
        "mutation($input: CheckoutCreateInput!) { checkoutCreate(input: $input) "
        "{ checkout { id } } }",
        {"input": {"lines": [{"variantId": variant_id(silk.variant.id), "quantity": 1}]}},
    )["checkoutCreate"]["checkout"]
    query = f"""mutation($id: ID!, $a: AddressInput!) {{
        checkoutShippingAddressUpdate(id: $id, shippingAddress: $a) {{
          checkout {{ shippingAddress {{ postalCode }} }} {ERRORS} }} }}"""
    wrong = address_input() | {"postalCode": "50200"}
    thai = gql(client, query, {"id": made["id"], "a": wrong}, language="th")
    english = gql(client, query, {"id": made["id"], "a": wrong}, language="en")
    for data in (thai, english):
        [error] = data["checkoutShippingAddressUpdate"]["errors"]
        assert (error["code"], error["field"]) == ("INVALID_ADDRESS", "shippingAddress.postalCode")
    assert "50200" in english["checkoutShippingAddressUpdate"]["errors"][0]["message"]
    assert (
        thai["checkoutShippingAddressUpdate"]["errors"][0]["message"]
        != english["checkoutShippingAddressUpdate"]["errors"][0]["message"]
    )


def test_a_shoppers_cart_cannot_be_read_or_changed_by_someone_else(client: Client) -> None:
    from marketplace.checkout.services import LineInput, checkout_create

    silk = stall()
    owned = checkout_create(user=UserFactory.create(), lines=[LineInput(silk.variant.id, 1)])
    read = gql(client, "query($t: UUID) { checkout(token: $t) { id } }", {"t": str(owned.token)})
    assert read["checkout"] is None
    changed = gql(
        client,
        f"""mutation($t: UUID, $lines: [CheckoutLineInput!]!) {{
              checkoutLinesAdd(token: $t, lines: $lines) {{ {ERRORS} }} }}""",
        {
            "t": str(owned.token),
            "lines": [{"variantId": variant_id(silk.variant.id), "quantity": 1}],
        },
    )
    assert changed["checkoutLinesAdd"]["errors"][0]["code"] == "NOT_FOUND"
    assert owned.lines.get().quantity == 1


def test_me_lists_the_shoppers_orders_in_constant_queries(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    from marketplace.accounts.jwt import access_token_create
    from tests.marketplace.orders.test_fulfilment import place

    user = UserFactory.create()
    for _ in range(3):
        order = place(stall(), stall())
        Order.objects.filter(pk=order.pk).update(user=user)
    query = """{ me { orders(first: 10) { totalCount edges { node {
        number total { gross { amount } } vendorOrders { number vendor { name }
        lines { productName quantity } } } } } } }"""
    headers = {"authorization": f"Bearer {access_token_create(user)}"}
    with django_assert_max_num_queries(12):
        response = client.post(
            "/graphql/",
            data=json.dumps({"query": query}),
            content_type="application/json",
            headers=headers,
        )
    orders = response.json()["data"]["me"]["orders"]
    assert orders["totalCount"] == 3
    assert all(len(edge["node"]["vendorOrders"]) == 2 for edge in orders["edges"])


def test_an_id_beyond_the_database_range_is_an_error_not_a_crash(client: Client) -> None:
    huge = graphene.Node.to_global_id("ProductVariant", 2**70)
    data = gql(
        client,
        f"""mutation($input: CheckoutCreateInput!) {{
              checkoutCreate(input: $input) {{ checkout {{ id }} {ERRORS} }} }}""",
        {"input": {"lines": [{"variantId": huge, "quantity": 1}]}},
    )["checkoutCreate"]
    assert [e["code"] for e in data["errors"]] == ["PRODUCT_NOT_AVAILABLE"]
