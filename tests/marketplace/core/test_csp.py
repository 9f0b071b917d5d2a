"""Content-Security-Policy: our own scripts and styles only; Stripe.js only on the payment page."""

from __future__ import annotations

from typing import Any

import pytest
from csp.decorators import csp_update
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path, reverse

from tests.factories.accounts import OperatorFactory
from tests.factories.municipalities import nai_mueang
from tests.factories.otp import otp_force_login
from tests.storefront.test_payment import pay_url, place

pytestmark = pytest.mark.django_db


def policy(response: Any) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives: dict[str, list[str]] = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def assert_strict(directives: dict[str, list[str]]) -> None:
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    every_source = [source for sources in directives.values() for source in sources]
    assert "'unsafe-inline'" not in every_source
    assert "'unsafe-eval'" not in every_source


# A stand-in with the payment page's decorator, for the policy itself (the real page is below).
@csp_update(settings.CSP_STRIPE)
def dummy_payment_page(request: HttpRequest) -> HttpResponse:
    return HttpResponse("<script src='https://js.stripe.com/v3/'></script>")


urlpatterns = [path("pay/", dummy_payment_page)]


def test_a_storefront_page_allows_only_our_own_scripts_and_no_stripe(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    directives = policy(response)
    assert_strict(directives)
    assert directives["img-src"][:2] == ["'self'", "data:"]
    assert "js.stripe.com" not in response["Content-Security-Policy"]


def test_the_payment_page_adds_stripe_js_and_nothing_else(client: Client) -> None:
    nai_mueang()
    order, _response = place(client, "bank_transfer")
    response = client.get(pay_url(order))
    assert response.status_code == 200
    directives = policy(response)
    assert "https://js.stripe.com" in directives["script-src"]
    assert "https://js.stripe.com" in directives["frame-src"]
    assert "https://api.stripe.com" in directives["connect-src"]
    assert directives["default-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in directives["script-src"]


@pytest.mark.urls(__name__)
def test_the_stripe_settings_extend_the_policy_where_the_decorator_is(client: Client) -> None:
    directives = policy(client.get("/pay/"))
    for directive, sources in settings.CSP_STRIPE.items():
        assert set(sources) <= set(directives[directive]), directive
    assert directives["script-src"][0] == "'self'"


def test_admin_pages_have_the_strict_policy(client: Client) -> None:
    login = client.get(reverse("admin:login"))
    assert_strict(policy(login))
    otp_force_login(client, OperatorFactory.create())
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200
    assert_strict(policy(index))
    assert index["X-Frame-Options"] == "DENY"
