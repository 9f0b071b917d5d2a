"""Checkout steps: e-mail, Thai address (chained place lists), delivery per vendor, placing."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from marketplace.checkout.models import Checkout
from marketplace.inventory.models import Stock
from marketplace.orders.models import Order
from payments.models import Gateway, Payment
from tests.factories.checkout import stall
from tests.factories.municipalities import nai_mueang, pa_sang_subdistrict
from tests.storefront.shop import ADDRESS_FORM, add, cart_of, ready_to_pay

pytestmark = pytest.mark.django_db

EN = {"Accept-Language": "en"}


@pytest.fixture(autouse=True)
def places() -> None:
    nai_mueang()
    pa_sang_subdistrict()


def test_checkout_with_an_empty_cart_goes_back_to_the_cart(client: Client) -> None:
    for name in ("checkout", "checkout_email", "checkout_address", "checkout_payment"):
        response = client.get(reverse(f"storefront:{name}"))
        assert response["Location"] == reverse("storefront:cart"), name


def test_checkout_starts_at_the_first_step_not_done(client: Client) -> None:
    add(client, stall())
    assert client.get(reverse("storefront:checkout"))["Location"] == reverse(
        "storefront:checkout_email"
    )
    client.post(reverse("storefront:checkout_email"), {"email": "Malee@Example.com"})
    assert cart_of(client).email == "malee@example.com"
    assert client.get(reverse("storefront:checkout"))["Location"] == reverse(
        "storefront:checkout_address"
    )


@pytest.mark.parametrize("email", ["", "not-an-address"])
def test_a_bad_email_is_explained_next_to_the_field(client: Client, email: str) -> None:
    add(client, stall())
    response = client.post(reverse("storefront:checkout_email"), {"email": email}, headers=EN)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_email_error"' in html and "e-mail address" in html
    assert cart_of(client).lines.count() == 1  # nothing lost


def test_address_page_lists_provinces_and_the_chosen_provinces_districts(client: Client) -> None:
    add(client, stall())
    client.post(reverse("storefront:checkout_email"), {"email": "malee@example.com"})

    html = client.get(reverse("storefront:checkout_address")).content.decode()

    assert '<option value="51">ลำพูน</option>' in html
    assert 'hx-get="/address/places/"' in html
    assert 'name="refresh"' in html  # the no-JavaScript way to the next list


def test_without_javascript_the_next_list_comes_back_with_everything_typed(
    client: Client,
) -> None:
    add(client, stall())
    client.post(reverse("storefront:checkout_email"), {"email": "malee@example.com"})
    typed = {**ADDRESS_FORM, "district": "", "subdistrict": "", "postal_code": "", "refresh": "1"}

    response = client.post(reverse("storefront:checkout_address"), typed)

    html = response.content.decode()
    assert response.status_code == 200
    assert '<option value="5101">เมืองลำพูน</option>' in html
    assert 'value="99/1 ถนนอินทยงยศ"' in html
    assert "field-error" not in html  # asking for a list is not a mistake
    assert cart_of(client).shipping_address is None


def test_htmx_places_answer_the_next_list_and_suggest_the_postal_code(client: Client) -> None:
    response = client.get(
        reverse("storefront:address_places"),
        {"province": "51", "district": "5101", "subdistrict": "510101", "postal_code": ""},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="address-places"')
    assert '<option value="510101" selected>ในเมือง</option>' in html
    assert 'value="51000"' in html


def test_changing_province_drops_the_districts_of_the_old_one(client: Client) -> None:
    response = client.get(
        reverse("storefront:address_places"), {"province": "10", "district": "5101"}
    )
    html = response.content.decode()
    assert 'value="5101"' not in html
    assert '<option value="1001">' in html


def test_a_valid_address_is_stored_and_leads_to_delivery(client: Client) -> None:
    add(client, stall())
    client.post(reverse("storefront:checkout_email"), {"email": "malee@example.com"})

    response = client.post(reverse("storefront:checkout_address"), ADDRESS_FORM)

    assert response["Location"] == reverse("storefront:checkout_delivery")
    stored = cart_of(client).shipping_address or {}
    assert (stored["subdistrict_code"], stored["postal_code"], stored["phone"]) == (
        "510101",
        "51000",
        "0812345678",
    )


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"postal_code": "99999"}, "postal_code", "99999"),
        ({"postal_code": "5100"}, "postal_code", "five digits"),
        ({"subdistrict": "510602"}, "subdistrict", "not in the chosen district"),
        ({"postal_code": "51120"}, "postal_code", "does not serve"),
        ({"district": "5106", "subdistrict": "510101"}, "subdistrict", "not in the chosen"),
        ({"province": "10"}, "district", "not in the chosen province"),
        ({"phone": "12345"}, "phone", "Thai phone number"),
        ({"first_name": ""}, "first_name", "required"),
        ({"subdistrict": ""}, "subdistrict", "Choose a subdistrict"),
    ],
)
def test_bad_addresses_are_explained_next_to_the_field_at_fault(
    client: Client, changes: dict[str, str], field: str, words: str
) -> None:
    add(client, stall(), 2)
    client.post(reverse("storefront:checkout_email"), {"email": "malee@example.com"})

    response = client.post(
        reverse("storefront:checkout_address"), {**ADDRESS_FORM, **changes}, headers=EN
    )

    assert response.status_code == 400
    html = response.content.decode()
    error_start = html.index(f'id="id_{field}_error"')
    assert words in html[error_start : error_start + 300]
    assert 'value="99/1 ถนนอินทยงยศ"' in html or field == "street_address_1"
    checkout = cart_of(client)
    assert checkout.shipping_address is None
    assert checkout.lines.get().quantity == 2  # nothing lost from the cart


def test_delivery_step_needs_a_choice_for_every_parcel(client: Client) -> None:
    silk, pottery = stall(), stall()
    add(client, silk)
    add(client, pottery)
    client.post(reverse("storefront:checkout_email"), {"email": "malee@example.com"})
    client.post(reverse("storefront:checkout_address"), ADDRESS_FORM)

    response = client.post(
        reverse("storefront:checkout_delivery"), {f"method-{silk.vendor.pk}": silk.pickup.pk}
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="delivery-{pottery.vendor.pk}-error"' in html
    assert f'id="delivery-{silk.vendor.pk}-error"' not in html
    assert f'id="delivery-{silk.vendor.pk}-{silk.pickup.pk}" checked' in html  # kept


def test_guest_places_one_order_with_two_parcels_paid_cash_on_delivery(client: Client) -> None:
    silk, pottery = stall(price="1850.00"), stall(price="320.00")
    checkout = ready_to_pay(client, silk, pottery)
    page = client.get(reverse("storefront:checkout_payment"))
    assert page.status_code == 200 and "฿2,270.00" in page.content.decode()

    response = client.post(
        reverse("storefront:checkout_payment"),
        {"method": Gateway.CASH_ON_DELIVERY.value, "total": "2270.00"},
    )

    order = Order.objects.get(checkout_token=checkout.token)
    assert response["Location"] == reverse(
        "storefront:order_confirmation", kwargs={"number": order.number}
    )
    assert order.vendor_orders.count() == 2 and order.total == 2270
    assert Payment.objects.get(order=order).gateway == Gateway.CASH_ON_DELIVERY
    assert not Checkout.objects.filter(token=checkout.token).exists()
    confirmation = client.get(response["Location"]).content.decode()
    assert order.number in confirmation
    assert silk.vendor.name_th in confirmation and pottery.vendor.name_th in confirmation


def test_stock_running_out_before_placing_is_refused_and_the_cart_is_kept(
    client: Client,
) -> None:
    silk = stall(quantity=2)
    checkout = ready_to_pay(client, silk, quantity=2)
    Stock.objects.filter(pk=silk.stock.pk).update(quantity=1)

    response = client.post(
        reverse("storefront:checkout_payment"),
        {"method": Gateway.CASH_ON_DELIVERY.value, "total": "1050.00"},
        headers=EN,
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "sold out" in html and 'role="alert"' in html
    assert not Order.objects.exists()
    assert Checkout.objects.get(token=checkout.token).lines.get().quantity == 2


def test_a_total_that_changed_since_the_page_was_shown_is_not_charged(client: Client) -> None:
    silk = stall(price="500.00")
    ready_to_pay(client, silk)

    response = client.post(
        reverse("storefront:checkout_payment"),
        {"method": Gateway.CASH_ON_DELIVERY.value, "total": "400.00"},
        headers=EN,
    )

    assert response.status_code == 400
    assert "The total is now ฿550.00" in response.content.decode()
    assert not Order.objects.exists()


def test_payment_step_without_a_method_says_so(client: Client) -> None:
    ready_to_pay(client, stall())
    response = client.post(reverse("storefront:checkout_payment"), {"total": "550.00"}, headers=EN)
    assert response.status_code == 400
    assert "Choose how you would like to pay." in response.content.decode()


def test_payment_step_before_delivery_is_chosen_goes_back_to_delivery(client: Client) -> None:
    add(client, stall())
    client.post(reverse("storefront:checkout_email"), {"email": "malee@example.com"})
    client.post(reverse("storefront:checkout_address"), ADDRESS_FORM)
    response = client.get(reverse("storefront:checkout_payment"))
    assert response["Location"] == reverse("storefront:checkout_delivery")
