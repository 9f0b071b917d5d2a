"""Helpers of the buying-page tests: a browser's cart filled through the pages themselves."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from marketplace.checkout.models import Checkout
from storefront.cart import SESSION_TOKEN
from tests.factories.checkout import LAMPHUN_ADDRESS, VendorStall

ADDRESS_FORM = {
    "first_name": "มาลี",
    "last_name": "ศรีสุข",
    "phone": "081-234-5678",
    "street_address_1": "99/1 ถนนอินทยงยศ",
    "street_address_2": "",
    "province": "51",
    "district": "5101",
    "subdistrict": "510101",
    "postal_code": "51000",
}
assert ADDRESS_FORM["postal_code"] == LAMPHUN_ADDRESS["postal_code"]


def add(client: Client, s: VendorStall, quantity: int = 1, **extra: Any) -> Any:
    return client.post(
        reverse("storefront:cart_add"),
        {"variant": s.variant.pk, "quantity": quantity},
        **extra,
    )


def cart_of(client: Client) -> Checkout:
    return Checkout.objects.get(token=client.session[SESSION_TOKEN])


def ready_to_pay(client: Client, *stalls: VendorStall, quantity: int = 1) -> Checkout:
    """Cart, e-mail, address and delivery done through the pages."""
    for s in stalls:
        add(client, s, quantity)
    client.post(reverse("storefront:checkout_email"), {"email": "malee@example.com"})
    client.post(reverse("storefront:checkout_address"), ADDRESS_FORM)
    client.post(
        reverse("storefront:checkout_delivery"),
        {f"method-{s.vendor.pk}": s.post.pk for s in stalls},
    )
    return cart_of(client)
