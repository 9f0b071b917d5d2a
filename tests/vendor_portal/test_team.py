"""The team page: owners invite helpers and remove them; staff only look; nobody touches
another shop's team; an invitation link signs the helper up or in, then makes them staff."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from marketplace.accounts.models import User
from marketplace.vendors.invitations import TOKEN_PLACEHOLDER, invitation_create, invitation_token
from marketplace.vendors.models import (
    MembershipRole,
    Vendor,
    VendorInvitation,
    VendorMembership,
)
from tests.factories.accounts import UserFactory
from tests.factories.vendors import VendorFactory, VendorMembershipFactory

pytestmark = pytest.mark.django_db

TEAM = reverse("vendor_portal:team")
INVITE = reverse("vendor_portal:team_invite")


@pytest.fixture(autouse=True)
def _login_url(settings: Any) -> None:
    settings.LOGIN_URL = "/accounts/login/"


class Shop:
    def __init__(self) -> None:
        self.vendor: Vendor = VendorFactory.create()
        self.owner: User = VendorMembershipFactory.create(
            vendor=self.vendor, role=MembershipRole.OWNER
        ).user
        self.staff_membership: VendorMembership = VendorMembershipFactory.create(
            vendor=self.vendor, role=MembershipRole.STAFF
        )
        self.staff: User = self.staff_membership.user


def signed_in(client: Client, user: User) -> Client:
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_the_owner_invites_a_helper_who_gets_the_link_by_email(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    shop = Shop()
    signed_in(client, shop.owner)
    page = client.get(TEAM).content.decode()
    assert shop.staff.email in page and 'name="email"' in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(INVITE, {"email": "noi@example.com"}, follow=True)

    assert "Invitation sent to noi@example.com" in response.content.decode()
    assert "noi@example.com" in response.content.decode()  # listed as waiting
    assert [m.to for m in mail.outbox] == [["noi@example.com"]]
    assert "http://testserver/vendor/invitations/" in mail.outbox[0].body


def test_a_wrong_address_is_explained_next_to_the_field(client: Client) -> None:
    shop = Shop()
    signed_in(client, shop.owner)
    response = client.post(INVITE, {"email": shop.staff.email})
    assert response.status_code == 400
    assert response.context["form"].errors["email"] == [
        f"{shop.staff.email} is already a member of this shop."
    ]
    assert not VendorInvitation.objects.exists()


def test_htmx_invite_returns_only_the_team_part(client: Client) -> None:
    shop = Shop()
    signed_in(client, shop.owner)
    response = client.post(INVITE, {"email": "noi@example.com"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="team-body">')
    assert "Invitation sent to noi@example.com" in html


def test_staff_see_the_team_but_cannot_invite_or_remove(client: Client) -> None:
    shop = Shop()
    other_staff = VendorMembershipFactory.create(vendor=shop.vendor, role=MembershipRole.STAFF)
    signed_in(client, shop.staff)

    page = client.get(TEAM)
    assert page.status_code == 200
    assert 'name="email"' not in page.content.decode()
    assert client.post(INVITE, {"email": "noi@example.com"}).status_code == 403
    remove = reverse("vendor_portal:team_remove", kwargs={"membership_id": other_staff.pk})
    assert client.post(remove).status_code == 403
    assert not VendorInvitation.objects.exists()
    assert VendorMembership.objects.filter(pk=other_staff.pk).exists()


def test_the_owner_removes_a_helper(client: Client) -> None:
    shop = Shop()
    signed_in(client, shop.owner)
    remove = reverse(
        "vendor_portal:team_remove", kwargs={"membership_id": shop.staff_membership.pk}
    )
    response = client.post(remove, follow=True)
    assert "is no longer a member of the shop" in response.content.decode()
    assert not VendorMembership.objects.filter(pk=shop.staff_membership.pk).exists()


def test_the_last_owner_cannot_remove_themselves(client: Client) -> None:
    shop = Shop()
    own = VendorMembership.objects.get(vendor=shop.vendor, user=shop.owner)
    signed_in(client, shop.owner)
    response = client.post(
        reverse("vendor_portal:team_remove", kwargs={"membership_id": own.pk}), follow=True
    )
    assert "A shop needs at least one owner" in response.content.decode()
    assert VendorMembership.objects.filter(pk=own.pk).exists()


def test_an_owner_of_another_shop_gets_not_found_and_nothing_changes(client: Client) -> None:
    mine, theirs = Shop(), Shop()
    invitation = invitation_create(
        vendor=theirs.vendor,
        email="x@example.com",
        by=theirs.owner,
        link_template=TOKEN_PLACEHOLDER,
    )
    signed_in(client, mine.owner)

    remove = reverse(
        "vendor_portal:team_remove", kwargs={"membership_id": theirs.staff_membership.pk}
    )
    withdraw = reverse(
        "vendor_portal:team_invitation_revoke", kwargs={"invitation_id": invitation.pk}
    )
    assert client.post(remove).status_code == 404
    assert client.post(withdraw).status_code == 404
    assert VendorMembership.objects.filter(pk=theirs.staff_membership.pk).exists()
    invitation.refresh_from_db()
    assert invitation.revoked_at is None
    assert theirs.staff.email not in client.get(TEAM).content.decode()


def test_the_owner_withdraws_an_invitation_and_its_link_stops_working(client: Client) -> None:
    shop = Shop()
    invitation = invitation_create(
        vendor=shop.vendor,
        email="noi@example.com",
        by=shop.owner,
        link_template=TOKEN_PLACEHOLDER,
    )
    signed_in(client, shop.owner)
    client.post(
        reverse("vendor_portal:team_invitation_revoke", kwargs={"invitation_id": invitation.pk})
    )
    accept = reverse(
        "vendor_portal:invitation_accept", kwargs={"token": invitation_token(invitation)}
    )
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get(accept)
    assert response.status_code == 410
    assert "does not work" in response.content.decode()


def test_an_invited_visitor_signs_up_or_in_then_joins_as_staff(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    shop = Shop()
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(
            vendor=shop.vendor,
            email="noi@example.com",
            by=shop.owner,
            link_template=f"http://testserver/vendor/invitations/{TOKEN_PLACEHOLDER}/",
        )
    link = re.search(r"http://testserver(/vendor/invitations/\S+/)", str(mail.outbox[0].body))
    assert link
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"

    visitor_page = client.get(link.group(1)).content.decode()
    assert "Make an account" in visitor_page
    assert reverse("vendor_portal:signup") + "?next=" in visitor_page

    noi = UserFactory.create(email="noi@example.com")
    client.force_login(noi)
    assert "Join the shop" in client.get(link.group(1)).content.decode()
    joined = client.post(link.group(1))

    assert joined.status_code == 302
    membership = VendorMembership.objects.get(vendor=shop.vendor, user=noi)
    assert membership.role == MembershipRole.STAFF
    assert client.get(reverse("vendor_portal:order_list")).status_code == 200
    assert client.post(link.group(1)).status_code == 410  # used


def test_joining_with_another_account_is_refused_with_the_invited_address(
    client: Client,
) -> None:
    shop = Shop()
    invitation = invitation_create(
        vendor=shop.vendor,
        email="noi@example.com",
        by=shop.owner,
        link_template=TOKEN_PLACEHOLDER,
    )
    someone = UserFactory.create(email="someone@example.com")
    signed_in(client, someone)
    accept = reverse(
        "vendor_portal:invitation_accept", kwargs={"token": invitation_token(invitation)}
    )
    response = client.post(accept)
    assert response.status_code == 200
    assert "This invitation was sent to noi@example.com" in response.content.decode()
    assert not VendorMembership.objects.filter(user=someone).exists()
