"""Owners invite helpers by e-mail: a signed link that works once, for a week, for that address."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from marketplace.vendors.errors import VendorError, VendorErrorCode
from marketplace.vendors.invitations import (
    TOKEN_PLACEHOLDER,
    invitation_accept,
    invitation_create,
    invitation_open,
    invitation_revoke,
    invitation_token,
)
from marketplace.vendors.models import MembershipRole, Vendor, VendorInvitation, VendorMembership
from tests.factories.accounts import UserFactory
from tests.factories.vendors import VendorFactory, VendorMembershipFactory

pytestmark = pytest.mark.django_db

LINK = f"http://testserver/vendor/invitations/{TOKEN_PLACEHOLDER}/"


def owned() -> tuple[Vendor, Any]:
    vendor: Vendor = VendorFactory.create(name_th="ร้านผ้าป้าศรี", name_en="Auntie Sri")
    owner = VendorMembershipFactory.create(vendor=vendor, role=MembershipRole.OWNER).user
    return vendor, owner


def invite(vendor: Vendor, owner: Any, email: str = "Noi@Example.com", **kw: Any) -> Any:
    return invitation_create(vendor=vendor, email=email, by=owner, link_template=LINK, **kw)


def token_in(body: str) -> str:
    found = re.search(r"/vendor/invitations/([^/\s]+)/", body)
    assert found, body
    return found.group(1)


def test_the_invited_person_gets_an_email_with_a_link_that_makes_them_staff(
    django_capture_on_commit_callbacks: Any,
) -> None:
    vendor, owner = owned()
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(vendor, owner, language_code="en")

    assert invitation.email == "noi@example.com"
    assert [m.to for m in mail.outbox] == [["noi@example.com"]]
    assert "Auntie Sri" in mail.outbox[0].subject
    token = token_in(str(mail.outbox[0].body))
    noi = UserFactory.create(email="noi@example.com")

    membership = invitation_accept(token=token, user=noi)

    assert (membership.vendor, membership.role) == (vendor, MembershipRole.STAFF)
    invitation.refresh_from_db()
    assert (invitation.accepted_by, invitation.accepted_at is not None) == (noi, True)


def test_the_link_works_only_once() -> None:
    vendor, owner = owned()
    invitation = invite(vendor, owner)
    noi = UserFactory.create(email="noi@example.com")
    token = invitation_token(invitation)
    invitation_accept(token=token, user=noi)

    with pytest.raises(VendorError) as again:
        invitation_accept(token=token, user=noi)
    assert again.value.code is VendorErrorCode.INVITATION_USED


def test_an_expired_invitation_is_refused_and_makes_no_member() -> None:
    vendor, owner = owned()
    invitation = invite(vendor, owner)
    VendorInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    noi = UserFactory.create(email="noi@example.com")

    with pytest.raises(VendorError) as refused:
        invitation_accept(token=invitation_token(invitation), user=noi)

    assert refused.value.code is VendorErrorCode.INVITATION_EXPIRED
    assert not VendorMembership.objects.filter(vendor=vendor, user=noi).exists()


def test_a_tampered_or_withdrawn_link_is_refused() -> None:
    vendor, owner = owned()
    invitation = invite(vendor, owner)
    token = invitation_token(invitation)
    with pytest.raises(VendorError) as tampered:
        invitation_open(token=token[:-2] + ("AA" if not token.endswith("AA") else "BB"))
    assert tampered.value.code is VendorErrorCode.INVITATION_INVALID

    invitation_revoke(invitation=invitation, by=owner)
    with pytest.raises(VendorError) as withdrawn:
        invitation_open(token=token)
    assert withdrawn.value.code is VendorErrorCode.INVITATION_INVALID


def test_a_forwarded_link_does_not_let_another_account_in() -> None:
    vendor, owner = owned()
    invitation = invite(vendor, owner)
    someone = UserFactory.create(email="someone@example.com")

    with pytest.raises(VendorError) as refused:
        invitation_accept(token=invitation_token(invitation), user=someone)

    assert refused.value.code is VendorErrorCode.INVITATION_WRONG_ACCOUNT
    assert not VendorMembership.objects.filter(vendor=vendor, user=someone).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_staff_cannot_invite_and_members_are_not_invited_twice() -> None:
    vendor, owner = owned()
    staff = VendorMembershipFactory.create(vendor=vendor, role=MembershipRole.STAFF).user
    with pytest.raises(VendorError) as not_owner:
        invite(vendor, staff)
    assert not_owner.value.code is VendorErrorCode.NOT_OWNER

    with pytest.raises(VendorError) as member:
        invite(vendor, owner, email=staff.email.upper())
    assert (member.value.code, member.value.field) == (VendorErrorCode.ALREADY_MEMBER, "email")
    with pytest.raises(VendorError) as bad:
        invite(vendor, owner, email="not an address")
    assert (bad.value.code, bad.value.field) == (VendorErrorCode.INVALID_EMAIL, "email")
    assert not VendorInvitation.objects.exists()


def test_inviting_the_same_address_again_renews_the_open_invitation(
    django_capture_on_commit_callbacks: Any,
) -> None:
    vendor, owner = owned()
    first = invite(vendor, owner)
    VendorInvitation.objects.filter(pk=first.pk).update(
        expires_at=timezone.now() + timedelta(hours=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        again = invite(vendor, owner)
    assert again.pk == first.pk
    assert again.expires_at > timezone.now() + timedelta(days=6)
    assert len(mail.outbox) == 1
