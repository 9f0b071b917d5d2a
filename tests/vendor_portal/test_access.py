"""Who gets into the portal pages, whatever page it is."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from marketplace.vendors.models import MembershipRole, VendorStatus
from tests.factories.accounts import UserFactory
from tests.factories.vendors import VendorFactory, VendorMembershipFactory

pytestmark = pytest.mark.django_db


def _member(status: str, role: str = MembershipRole.OWNER) -> Client:
    membership = VendorMembershipFactory.create(
        vendor=VendorFactory.create(status=status), role=role
    )
    client = Client()
    client.force_login(membership.user)
    return client


def test_signed_out_visitors_are_sent_to_sign_in() -> None:
    response = Client().get(reverse("vendor_portal:product_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("storefront:login"))


def test_a_user_without_a_shop_is_sent_to_the_application() -> None:
    client = Client()
    client.force_login(UserFactory.create())
    response = client.get(reverse("vendor_portal:product_list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("vendor_portal:apply")


@pytest.mark.parametrize("status", [VendorStatus.PENDING, VendorStatus.SUSPENDED])
def test_pending_and_suspended_shops_still_see_their_pages(status: str) -> None:
    assert _member(status).get(reverse("vendor_portal:product_list")).status_code == 200


def test_a_rejected_shop_is_sent_to_its_application_status() -> None:
    membership = VendorMembershipFactory.create(
        vendor=VendorFactory.create(
            status=VendorStatus.REJECTED, status_reason="Photo of the registration is unreadable"
        )
    )
    client = Client()
    client.force_login(membership.user)
    response = client.get(reverse("vendor_portal:order_list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("vendor_portal:apply_status")
    status_page = client.get(response["Location"])
    assert status_page.status_code == 200
    assert "Photo of the registration is unreadable" in status_page.content.decode()


def test_sell_on_kad_takes_a_signed_in_artisan_to_their_shop_and_others_to_the_application() -> (
    None
):
    artisan = _member(VendorStatus.APPROVED)
    response = artisan.get(reverse("vendor_portal:signup"))
    assert response["Location"] == reverse("vendor_portal:dashboard")
    assert artisan.get(reverse("vendor_portal:dashboard")).status_code == 200

    shopper = Client()
    shopper.force_login(UserFactory.create())
    assert shopper.get(reverse("vendor_portal:signup"))["Location"] == reverse(
        "vendor_portal:dashboard"
    )
    assert shopper.get(reverse("vendor_portal:dashboard"))["Location"] == reverse(
        "vendor_portal:apply"
    )


def test_the_section_bar_marks_only_the_section_being_shown() -> None:
    client = _member(VendorStatus.APPROVED)
    html = client.get(reverse("vendor_portal:product_list")).content.decode()
    bar = html[html.index('<nav class="portal-nav"') : html.index("</nav>")]
    assert bar.count('aria-current="page"') == 1
    assert f'href="{reverse("vendor_portal:product_list")}" aria-current="page"' in bar
