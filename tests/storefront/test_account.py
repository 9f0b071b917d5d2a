"""The shopper's account: register and confirm, sign in (the cart follows), passwords, addresses."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from marketplace.accounts.models import Address, User
from marketplace.checkout.models import Checkout
from tests.factories.accounts import AddressFactory, UserFactory, random_email, random_ip
from tests.factories.checkout import stall
from tests.factories.municipalities import nai_mueang, pa_sang_subdistrict
from tests.storefront.shop import ADDRESS_FORM, add, cart_of

pytestmark = pytest.mark.django_db

EN = {"Accept-Language": "en"}
PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def places() -> None:
    nai_mueang()
    pa_sang_subdistrict()


@pytest.fixture
def client() -> Client:
    """A browser with an address of its own: rate limits count per IP in the shared Redis."""
    return Client(REMOTE_ADDR=random_ip())


def shopper(**kwargs: object) -> User:
    return UserFactory.create(email=random_email(), **kwargs)


def link_in_last_mail() -> str:
    found = re.search(r"http://testserver\S+", str(mail.outbox[-1].body))
    assert found, mail.outbox[-1].body
    return found.group(0).replace("&amp;", "&")


def test_register_sends_a_confirmation_link_that_confirms_the_account(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    email = random_email()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("storefront:register"),
            {"email": email, "password": PASSWORD, "first_name": "มาลี", "last_name": ""},
        )
    assert response.status_code == 200 and email in response.content.decode()
    assert not User.objects.get(email=email).is_confirmed

    confirmed = client.get(link_in_last_mail())

    assert confirmed["Location"] == reverse("storefront:login")
    assert User.objects.get(email=email).is_confirmed


def test_register_refuses_a_weak_password_next_to_the_field(client: Client) -> None:
    response = client.post(
        reverse("storefront:register"),
        {"email": random_email(), "password": "12345678"},
        headers=EN,
    )
    assert response.status_code == 400
    html = response.content.decode()
    error_start = html.index('id="id_password_error"')
    assert "too common" in html[error_start:] or "entirely numeric" in html[error_start:]


def test_a_bad_confirmation_link_says_so(client: Client) -> None:
    response = client.get(
        reverse("storefront:register_confirm"), {"email": random_email(), "token": "x"}, headers=EN
    )
    assert response.status_code == 400
    assert "invalid or has expired" in response.content.decode()


def test_sign_in_attaches_the_guest_cart_to_the_shopper(client: Client) -> None:
    me = shopper()
    silk = stall()
    add(client, silk, 2)
    guest_token = cart_of(client).token

    response = client.post(reverse("storefront:login"), {"email": me.email, "password": PASSWORD})

    assert response["Location"] == reverse("storefront:account")
    cart = Checkout.objects.get(token=guest_token)
    assert cart.user == me
    assert cart_of(client).token == guest_token


def test_sign_in_joins_the_guest_cart_into_the_shoppers_own(client: Client) -> None:
    me = shopper()
    silk, pottery = stall(), stall()
    earlier = Client()
    earlier.force_login(me)
    add(earlier, silk, 1)
    own = cart_of(earlier)
    add(client, pottery, 1)

    client.post(reverse("storefront:login"), {"email": me.email, "password": PASSWORD})

    assert cart_of(client).token == own.token
    assert set(own.lines.values_list("variant_id", flat=True)) == {
        silk.variant.pk,
        pottery.variant.pk,
    }


def test_wrong_password_is_refused_next_to_the_email(client: Client) -> None:
    me = shopper()
    response = client.post(
        reverse("storefront:login"), {"email": me.email, "password": "wrong"}, headers=EN
    )
    assert response.status_code == 400
    assert "The e-mail address or password is not right." in response.content.decode()


def test_sign_in_goes_to_a_safe_next_page_only(client: Client) -> None:
    me = shopper()
    login = reverse("storefront:login")
    response = client.post(
        login, {"email": me.email, "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("storefront:account")
    client.logout()
    response = client.post(login, {"email": me.email, "password": PASSWORD, "next": "/cart/"})
    assert response["Location"] == "/cart/"


def test_account_pages_need_a_sign_in(client: Client) -> None:
    for name in ("account", "account_orders", "account_addresses", "password_change"):
        response = client.get(reverse(f"storefront:{name}"))
        assert response["Location"].startswith(reverse("storefront:login") + "?next="), name


def test_logout_is_a_post(client: Client) -> None:
    client.force_login(shopper())
    assert client.get(reverse("storefront:logout")).status_code == 200
    assert client.get(reverse("storefront:account")).status_code == 200
    client.post(reverse("storefront:logout"))
    assert client.get(reverse("storefront:account")).status_code == 302


def test_password_reset_link_sets_a_new_password(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    me = shopper()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("storefront:password_reset"), {"email": me.email})
    link = link_in_last_mail()
    form_page = client.get(link)
    assert form_page.status_code == 200
    token = form_page.context["form"].initial["token"]

    response = client.post(
        reverse("storefront:password_reset_confirm"),
        {"email": me.email, "token": token, "password": "a new silk password"},
    )

    assert response["Location"] == reverse("storefront:login")
    me.refresh_from_db()
    assert me.check_password("a new silk password")


def test_password_reset_for_an_unknown_address_answers_the_same(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("storefront:password_reset"), {"email": random_email()})
    assert response.status_code == 200 and not mail.outbox


def test_password_change_checks_the_current_password(client: Client) -> None:
    me = shopper()
    client.force_login(me)
    url = reverse("storefront:password_change")
    wrong = client.post(
        url, {"old_password": "nope", "new_password": "another silk password"}, headers=EN
    )
    assert wrong.status_code == 400
    assert 'id="id_old_password_error"' in wrong.content.decode()

    right = client.post(url, {"old_password": PASSWORD, "new_password": "another silk password"})

    assert right["Location"] == reverse("storefront:account")
    me.refresh_from_db()
    assert me.check_password("another silk password")
    assert client.get(reverse("storefront:account")).status_code == 200  # still signed in


def test_address_book_create_edit_default_delete(client: Client) -> None:
    me = shopper()
    client.force_login(me)

    created = client.post(reverse("storefront:account_address_create"), ADDRESS_FORM)
    assert created["Location"] == reverse("storefront:account_addresses")
    address = Address.objects.get(user=me)
    me.refresh_from_db()
    assert me.default_shipping_address_id == address.pk  # the first address is the default

    second = AddressFactory.create(user=me)
    client.post(reverse("storefront:account_address_default", args=[second.pk]))
    me.refresh_from_db()
    assert me.default_shipping_address_id == second.pk

    edit = reverse("storefront:account_address_edit", args=[address.pk])
    assert 'value="99/1 ถนนอินทยงยศ"' in client.get(edit).content.decode()
    client.post(edit, {**ADDRESS_FORM, "street_address_1": "7 ถนนจามเทวี"})
    address.refresh_from_db()
    assert address.street_address_1 == "7 ถนนจามเทวี"

    client.post(reverse("storefront:account_address_delete", args=[address.pk]))
    assert not Address.objects.filter(pk=address.pk).exists()


def test_an_address_with_a_wrong_postal_code_is_not_saved(client: Client) -> None:
    me = shopper()
    client.force_login(me)
    response = client.post(
        reverse("storefront:account_address_create"),
        {**ADDRESS_FORM, "postal_code": "51120"},
        headers=EN,
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "does not serve" in html[html.index('id="id_postal_code_error"') :]
    assert not Address.objects.filter(user=me).exists()


def test_someone_elses_address_is_not_found(client: Client) -> None:
    theirs = AddressFactory.create(user=shopper())
    client.force_login(shopper())
    edit = reverse("storefront:account_address_edit", args=[theirs.pk])
    assert client.get(edit).status_code == 404
    client.post(reverse("storefront:account_address_delete", args=[theirs.pk]))
    assert Address.objects.filter(pk=theirs.pk).exists()


def test_checkout_address_is_prefilled_from_the_default_address(client: Client) -> None:
    me = shopper()
    AddressFactory.create(user=me)
    me.default_shipping_address = Address.objects.get(user=me)
    me.save()
    client.force_login(me)
    add(client, stall())
    client.post(reverse("storefront:checkout_email"), {"email": me.email})

    html = client.get(reverse("storefront:checkout_address")).content.decode()

    assert 'value="99/1 หมู่ 2 ถนนอินทยงยศ"' in html
    assert '<option value="510101" selected>' in html


def _addresses_queries(count: int) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    me = shopper()
    AddressFactory.create_batch(count, user=me)
    client = Client()
    client.force_login(me)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("storefront:account_addresses"))
    assert response.content.decode().count("<address>") == count
    return len(queries)


def test_address_book_query_count_does_not_grow_with_addresses() -> None:
    assert _addresses_queries(2) == _addresses_queries(9)
