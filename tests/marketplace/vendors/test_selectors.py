"""What shoppers see of vendors, and what a member may manage."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from marketplace.vendors.models import MembershipRole, VendorStatus
from marketplace.vendors.selectors import (
    vendor_can_manage,
    vendor_get_by_slug,
    vendor_list_for_user,
    vendor_list_visible,
    vendor_owners,
)
from tests.factories.accounts import OperatorFactory, UserFactory
from tests.factories.municipalities import MunicipalityFactory, pa_sang, pa_sang_subdistrict
from tests.factories.vendors import VendorFactory, VendorMembershipFactory

pytestmark = pytest.mark.django_db


def test_shoppers_see_approved_vendors_only() -> None:
    approved = VendorFactory.create(status=VendorStatus.APPROVED)
    VendorFactory.create(status=VendorStatus.PENDING)
    VendorFactory.create(status=VendorStatus.SUSPENDED)
    assert list(vendor_list_visible()) == [approved]


def test_visible_vendors_of_one_municipality() -> None:
    lamphun = VendorFactory.create()
    other = MunicipalityFactory.create(slug="pasang", name_th="เทศบาลตำบลป่าซาง")
    pasang = VendorFactory.create(
        municipality=other, district=pa_sang(), subdistrict=pa_sang_subdistrict()
    )
    assert list(vendor_list_visible(municipality=other)) == [pasang]
    assert set(vendor_list_visible()) == {lamphun, pasang}


def test_visible_vendor_list_with_places_runs_one_query(
    django_assert_max_num_queries: Any,
) -> None:
    for _ in range(20):
        VendorFactory.create()
    with django_assert_max_num_queries(1):
        rows = [
            (v.name_th, v.municipality.name_th, v.district.name_th, v.subdistrict.name_th)
            for v in vendor_list_visible()
        ]
    assert len(rows) == 20
    assert rows[0][2:] == ("เมืองลำพูน", "ในเมือง")


def test_vendor_by_slug_for_shoppers_only_when_approved() -> None:
    VendorFactory.create(slug="open-shop")
    VendorFactory.create(slug="waiting-shop", status=VendorStatus.PENDING)
    VendorFactory.create(slug="closed-shop", status=VendorStatus.SUSPENDED)
    shopper = UserFactory.create()
    assert vendor_get_by_slug(slug="open-shop") is not None
    assert vendor_get_by_slug(slug="open-shop", viewer=AnonymousUser()) is not None
    for slug in ("waiting-shop", "closed-shop", "no-such-shop"):
        assert vendor_get_by_slug(slug=slug) is None
        assert vendor_get_by_slug(slug=slug, viewer=shopper) is None


def test_members_and_operators_see_their_pending_vendor_by_slug() -> None:
    membership = VendorMembershipFactory.create(
        vendor=VendorFactory.create(slug="waiting-shop", status=VendorStatus.PENDING),
        role=MembershipRole.STAFF,
    )
    assert vendor_get_by_slug(slug="waiting-shop", viewer=membership.user) == membership.vendor
    assert (
        vendor_get_by_slug(slug="waiting-shop", viewer=OperatorFactory.create())
        == membership.vendor
    )


def test_vendors_a_user_belongs_to_whatever_their_status() -> None:
    user = UserFactory.create()
    mine = [
        VendorMembershipFactory.create(user=user, vendor=VendorFactory.create(name_th="ข")).vendor,
        VendorMembershipFactory.create(
            user=user,
            vendor=VendorFactory.create(name_th="ก", status=VendorStatus.PENDING),
            role=MembershipRole.STAFF,
        ).vendor,
    ]
    VendorMembershipFactory.create()  # someone else's
    assert list(vendor_list_for_user(user=user)) == [mine[1], mine[0]]
    assert not vendor_list_for_user(user=AnonymousUser()).exists()


def test_vendors_of_a_user_list_runs_one_query(django_assert_max_num_queries: Any) -> None:
    user = UserFactory.create()
    for _ in range(5):
        VendorMembershipFactory.create(user=user)
    with django_assert_max_num_queries(1):
        names = [(v.name_th, v.district.name_th) for v in vendor_list_for_user(user=user)]
    assert len(names) == 5


def test_owner_and_staff_may_manage_only_owner_may_manage_members() -> None:
    owner = VendorMembershipFactory.create()
    staff = VendorMembershipFactory.create(vendor=owner.vendor, role=MembershipRole.STAFF)
    vendor = owner.vendor
    assert vendor_can_manage(user=owner.user, vendor=vendor)
    assert vendor_can_manage(user=staff.user, vendor=vendor)
    assert vendor_can_manage(user=owner.user, vendor=vendor, owner_only=True)
    assert not vendor_can_manage(user=staff.user, vendor=vendor, owner_only=True)


def test_outsiders_anonymous_and_deactivated_members_may_not_manage() -> None:
    owner = VendorMembershipFactory.create()
    assert not vendor_can_manage(user=UserFactory.create(), vendor=owner.vendor)
    assert not vendor_can_manage(user=AnonymousUser(), vendor=owner.vendor)
    assert not vendor_can_manage(user=None, vendor=owner.vendor)
    owner.user.is_active = False
    owner.user.save()
    assert not vendor_can_manage(user=owner.user, vendor=owner.vendor)


def test_owners_of_a_vendor() -> None:
    owner = VendorMembershipFactory.create()
    VendorMembershipFactory.create(vendor=owner.vendor, role=MembershipRole.STAFF)
    assert list(vendor_owners(vendor=owner.vendor)) == [owner.user]
