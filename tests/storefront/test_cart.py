"""The cart page: add, change, remove, delivery per vendor; with htmx and without JavaScript."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marketplace.checkout.models import CheckoutDelivery, CheckoutLine
from marketplace.inventory.models import Stock
from tests.factories.checkout import stall
from tests.storefront.shop import add, cart_of

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def test_adding_creates_a_guest_cart_kept_in_the_session(client: Client) -> None:
    silk = stall(price="1850.00")

    response = add(client, silk, 2)

    assert response.status_code == 302 and response["Location"] == reverse("storefront:cart")
    line = cart_of(client).lines.get()
    assert (line.variant_id, line.quantity) == (silk.variant.pk, 2)
    page = client.get(reverse("storefront:cart"))
    assert page.status_code == 200
    assert "฿3,700.00" in page.content.decode()


def test_adding_the_same_variant_again_adds_to_its_line(client: Client) -> None:
    silk = stall()
    add(client, silk, 1)
    add(client, silk, 2)
    assert cart_of(client).lines.get().quantity == 3


def test_cart_is_grouped_by_vendor_with_each_vendors_delivery_choices(client: Client) -> None:
    silk, pottery = stall(price="1850.00"), stall(price="320.00")
    add(client, silk)
    add(client, pottery)

    html = client.get(reverse("storefront:cart")).content.decode()

    assert html.count('class="panel" aria-labelledby="vendor-') == 2
    assert silk.vendor.name_th in html and pottery.vendor.name_th in html
    assert f'value="{silk.post.pk}"' in html and f'value="{pottery.pickup.pk}"' in html


def test_adding_more_than_in_stock_is_refused_and_the_cart_is_unchanged(client: Client) -> None:
    silk = stall(quantity=3)
    add(client, silk, 2)
    product_page = "/p/silk/"

    response = client.post(
        reverse("storefront:cart_add"),
        {"variant": silk.variant.pk, "quantity": 5, "next": product_page},
    )

    assert response.status_code == 302 and response["Location"] == product_page
    assert cart_of(client).lines.get().quantity == 2
    shown = [str(m) for m in response.wsgi_request._messages]  # type: ignore[attr-defined]
    assert any("เหลือ" in m or "left" in m for m in shown), shown


def test_htmx_add_answers_with_a_status_partial(client: Client) -> None:
    silk = stall()
    response = client.post(
        reverse("storefront:cart_add"), {"variant": silk.variant.pk, "quantity": 1}, headers=HTMX
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="status"' in html and "<html" not in html
    assert 'id="cart-quantity" hx-swap-oob="true">1<' in html


def test_adding_an_unknown_variant_is_refused_with_a_message(client: Client) -> None:
    response = client.post(
        reverse("storefront:cart_add"), {"variant": 999999, "quantity": 1}, headers=HTMX
    )
    assert response.status_code == 200
    assert 'class="field-error"' in response.content.decode()


def test_changing_the_quantity_without_javascript_redirects_back_to_the_cart(
    client: Client,
) -> None:
    silk = stall()
    add(client, silk)
    line = cart_of(client).lines.get()

    response = client.post(reverse("storefront:cart_update"), {"line": line.pk, "quantity": 4})

    assert response.status_code == 302
    line.refresh_from_db()
    assert line.quantity == 4


def test_too_many_shows_the_message_next_to_the_line_and_keeps_the_quantity(
    client: Client,
) -> None:
    silk = stall(quantity=3)
    add(client, silk, 2)
    line = cart_of(client).lines.get()

    response = client.post(reverse("storefront:cart_update"), {"line": line.pk, "quantity": 7})

    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="quantity-{line.pk}-error"' in html
    assert 'value="7"' in html  # what the shopper typed is still there
    line.refresh_from_db()
    assert line.quantity == 2


@pytest.mark.parametrize(("typed", "status"), [("abc", 400), ("-1", 400), ("101", 400)])
def test_bad_quantities_are_explained_next_to_the_line(
    client: Client, typed: str, status: int
) -> None:
    silk = stall()
    add(client, silk, 1)
    line = cart_of(client).lines.get()

    response = client.post(reverse("storefront:cart_update"), {"line": line.pk, "quantity": typed})

    assert response.status_code == status
    assert f'id="quantity-{line.pk}-error"' in response.content.decode()
    line.refresh_from_db()
    assert line.quantity == 1


def test_htmx_quantity_change_returns_the_cart_partial(client: Client) -> None:
    silk = stall(price="100.00")
    add(client, silk)
    line = cart_of(client).lines.get()

    response = client.post(
        reverse("storefront:cart_update"), {"line": line.pk, "quantity": 3}, headers=HTMX
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="cart"') and "฿300.00" in html
    assert 'id="cart-quantity" hx-swap-oob="true">3<' in html


def test_quantity_zero_and_remove_take_the_line_out(client: Client) -> None:
    silk, pottery = stall(), stall()
    add(client, silk)
    add(client, pottery)
    cart = cart_of(client)
    silk_line = cart.lines.get(variant=silk.variant)
    pottery_line = cart.lines.get(variant=pottery.variant)

    client.post(reverse("storefront:cart_update"), {"line": silk_line.pk, "quantity": 0})
    client.post(reverse("storefront:cart_remove"), {"line": pottery_line.pk})

    assert not CheckoutLine.objects.filter(checkout=cart).exists()
    html = client.get(reverse("storefront:cart"), headers={"Accept-Language": "en"}).content
    assert b"Your cart is empty." in html


def test_someone_elses_line_cannot_be_changed(client: Client) -> None:
    silk = stall()
    other = Client()
    add(other, silk, 2)
    their_line = cart_of(other).lines.get()
    add(client, stall())

    response = client.post(
        reverse("storefront:cart_update"), {"line": their_line.pk, "quantity": 1}
    )

    assert response.status_code == 400
    their_line.refresh_from_db()
    assert their_line.quantity == 2


def test_delivery_is_chosen_per_vendor(client: Client) -> None:
    silk, pottery = stall(), stall()
    add(client, silk)
    add(client, pottery)

    client.post(
        reverse("storefront:cart_delivery"), {"vendor": silk.vendor.pk, "method": silk.post.pk}
    )
    response = client.post(
        reverse("storefront:cart_delivery"),
        {"vendor": pottery.vendor.pk, "method": silk.post.pk},  # another shop's method
    )

    assert response.status_code == 400
    assert f'id="delivery-{pottery.vendor.pk}-error"' in response.content.decode()
    chosen = dict(CheckoutDelivery.objects.values_list("vendor_id", "method_id"))
    assert chosen == {silk.vendor.pk: silk.post.pk}


def test_a_line_that_sold_out_meanwhile_is_flagged_on_the_cart(client: Client) -> None:
    silk = stall(quantity=5)
    add(client, silk, 4)
    Stock.objects.filter(pk=silk.stock.pk).update(quantity=1)

    html = client.get(reverse("storefront:cart")).content.decode()

    assert 'class="field-error"' in html
    assert cart_of(client).lines.get().quantity == 4  # nothing lost


def test_header_count_is_one_query_and_none_without_a_cart(
    client: Client, django_assert_max_num_queries
) -> None:
    from django.template import Context, Template

    from storefront.context_processors import cart as cart_context

    request = client.get(reverse("storefront:cart")).wsgi_request
    with django_assert_max_num_queries(0):
        assert int(str(cart_context(request)["cart_quantity"])) == 0
    add(client, stall(), 3)
    request = client.get(reverse("storefront:cart")).wsgi_request
    with django_assert_max_num_queries(1):
        rendered = Template("{{ cart_quantity }}").render(Context(cart_context(request)))
    assert rendered == "3"


def _cart_queries(lines: int) -> int:
    client = Client()
    for _ in range(lines):
        add(client, stall())
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("storefront:cart"))
    assert response.content.decode().count('class="cart-line"') == lines
    return len(queries)


def test_cart_page_query_count_does_not_grow_with_lines_or_vendors(
    django_assert_max_num_queries,
) -> None:
    few, many = _cart_queries(2), _cart_queries(12)
    assert few == many
    assert many <= 12
