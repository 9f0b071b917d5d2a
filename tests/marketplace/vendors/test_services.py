"""Applying for a shop, editing it, its status and its members."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.utils import translation

from marketplace.municipalities.errors import PlaceError, PlaceErrorCode
from marketplace.vendors import services
from marketplace.vendors.errors import VendorError, VendorErrorCode
from marketplace.vendors.models import (
    MembershipRole,
    Vendor,
    VendorEvent,
    VendorKind,
    VendorMembership,
    VendorStatus,
    VendorStatusChange,
)
from tests.factories.accounts import OperatorFactory, UserFactory
from tests.factories.municipalities import MunicipalityFactory
from tests.factories.vendors import VendorFactory, VendorMembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Any:
    """Error messages are lazy: they are read after the `override` that raised them ended, so
    the test reads them in English throughout (the Thai catalogue translates them)."""
    with translation.override("en"):
        yield


def application(**overrides: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "user": UserFactory.create(),
        "municipality": MunicipalityFactory.create(),
        "kind": VendorKind.INDIVIDUAL,
        "name_th": "ผ้าฝ้ายทอมือป้าศรี",
        "name_en": "Auntie Sri's Hand-woven Cotton",
        "district_code": "5106",
        "subdistrict_code": "510602",
        "postal_code": "51120",
        "phone": "081-234-5678",
        "story_th": "ทอผ้าฝ้ายด้วยกี่พื้นเมือง",
    }
    return fields | overrides


def refused(error_type: type[Exception], **overrides: Any) -> Any:
    with pytest.raises(error_type) as caught, translation.override("en"):
        services.vendor_apply(**application(**overrides))
    return caught.value


# --- vendor_apply --------------------------------------------------------------------------------


def test_applying_makes_a_pending_shop_owned_by_the_applicant() -> None:
    fields = application()
    vendor = services.vendor_apply(**fields)

    stored = Vendor.objects.get(pk=vendor.pk)
    assert stored.status == VendorStatus.PENDING
    assert stored.slug == "auntie-sris-hand-woven-cotton"
    assert stored.phone == "0812345678"
    assert (stored.district_id, stored.subdistrict_id, stored.postal_code) == (
        "5106",
        "510602",
        "51120",
    )
    assert stored.email == fields["user"].email
    assert stored.commission_rate == Decimal("10.00")
    membership = VendorMembership.objects.get(vendor=vendor)
    assert (membership.user, membership.role) == (fields["user"], MembershipRole.OWNER)


def test_commission_starts_at_the_municipalitys_default() -> None:
    municipality = MunicipalityFactory.create(default_commission_rate=Decimal("7.50"))
    vendor = services.vendor_apply(**application(municipality=municipality))
    assert Vendor.objects.get(pk=vendor.pk).commission_rate == Decimal("7.50")


def test_slug_comes_from_the_romanised_thai_name_without_an_english_one() -> None:
    vendor = services.vendor_apply(**application(name_en="", name_th="กลุ่มทอผ้าไหมบ้านหนองเงือก"))
    assert vendor.slug == "klum-tho-phamai-ban-nong-ngueak"


def test_same_name_gets_a_numbered_slug() -> None:
    first = services.vendor_apply(**application())
    second = services.vendor_apply(**application())
    third = services.vendor_apply(**application())
    assert [first.slug, second.slug, third.slug] == [
        "auntie-sris-hand-woven-cotton",
        "auntie-sris-hand-woven-cotton-2",
        "auntie-sris-hand-woven-cotton-3",
    ]


def test_unknown_postal_code_is_refused() -> None:
    error = refused(PlaceError, postal_code="59999")
    assert (error.code, error.field) == (PlaceErrorCode.UNKNOWN_POSTAL_CODE, "postal_code")
    assert error.message == "Postal code 59999 does not exist in Thailand."
    assert not Vendor.objects.exists()


def test_bangkok_subdistrict_with_a_lamphun_district_is_refused() -> None:
    error = refused(
        PlaceError, district_code="5101", subdistrict_code="100101", postal_code="10200"
    )
    assert error.code is PlaceErrorCode.SUBDISTRICT_NOT_IN_DISTRICT
    assert error.message == "This subdistrict is not in the chosen district."
    assert not Vendor.objects.exists()


def test_location_outside_the_municipalitys_province_is_refused() -> None:
    # A consistent Bangkok address for a Lamphun municipality.
    error = refused(
        PlaceError, district_code="1001", subdistrict_code="100101", postal_code="10200"
    )
    assert (error.code, error.field) == (PlaceErrorCode.DISTRICT_NOT_IN_PROVINCE, "district")


@pytest.mark.parametrize("phone", ["+1 415 555 0100", "12345", "0812-34567"])
def test_phone_number_that_is_not_thai_is_refused(phone: str) -> None:
    error = refused(VendorError, phone=phone)
    assert (error.code, error.field) == (VendorErrorCode.INVALID_PHONE, "phone")
    assert error.message == "Enter a Thai phone number, such as 081 234 5678 or 053 511 111."
    assert not Vendor.objects.exists()


def test_missing_phone_is_refused() -> None:
    error = refused(VendorError, phone="  ")
    assert (error.code, error.field) == (VendorErrorCode.PHONE_REQUIRED, "phone")


def test_missing_thai_name_is_refused() -> None:
    error = refused(VendorError, name_th=" ")
    assert (error.code, error.field) == (VendorErrorCode.NAME_REQUIRED, "name_th")
    assert error.message == "Enter the shop's name in Thai."


def test_unknown_kind_is_refused() -> None:
    error = refused(VendorError, kind="factory")
    assert (error.code, error.field) == (VendorErrorCode.INVALID, "kind")


def test_inactive_municipality_accepts_no_application() -> None:
    error = refused(VendorError, municipality=MunicipalityFactory.create(is_active=False))
    assert error.code is VendorErrorCode.MUNICIPALITY_INACTIVE


def test_invalid_email_is_refused_with_the_field() -> None:
    error = refused(VendorError, email="not-an-address")
    assert (error.code, error.field) == (VendorErrorCode.INVALID, "email")


# --- vendor_update and commission -----------------------------------------------------------


def test_update_changes_the_fields_passed_and_keeps_the_slug() -> None:
    vendor = VendorFactory.create(slug="ban-nong-nguek")
    services.vendor_update(
        vendor=vendor, name_en="Nong Nguek Silk", phone="+66 53 511 111", otop_stars=5
    )
    stored = Vendor.objects.get(pk=vendor.pk)
    assert (stored.name_en, stored.phone, stored.otop_stars) == ("Nong Nguek Silk", "053511111", 5)
    assert stored.slug == "ban-nong-nguek"
    assert stored.name_th == vendor.name_th


def test_update_moves_the_shop_within_the_province() -> None:
    vendor = VendorFactory.create()
    services.vendor_update(
        vendor=vendor, district_code="5106", subdistrict_code="510602", postal_code="51120"
    )
    stored = Vendor.objects.get(pk=vendor.pk)
    assert (stored.district_id, stored.subdistrict_id, stored.postal_code) == (
        "5106",
        "510602",
        "51120",
    )


def test_update_of_the_subdistrict_alone_is_checked_against_the_current_district() -> None:
    vendor = VendorFactory.create()  # Mueang Lamphun
    with pytest.raises(PlaceError) as caught:
        services.vendor_update(vendor=vendor, subdistrict_code="510602", postal_code="51120")
    assert caught.value.code is PlaceErrorCode.SUBDISTRICT_NOT_IN_DISTRICT
    assert Vendor.objects.get(pk=vendor.pk).subdistrict_id == "510101"


def test_update_with_a_foreign_phone_number_is_refused() -> None:
    vendor = VendorFactory.create()
    with pytest.raises(VendorError) as caught:
        services.vendor_update(vendor=vendor, phone="+44 20 7946 0958")
    assert caught.value.code is VendorErrorCode.INVALID_PHONE
    assert Vendor.objects.get(pk=vendor.pk).phone == "0812345678"


def test_otop_stars_above_five_are_refused() -> None:
    with pytest.raises(VendorError) as caught:
        services.vendor_update(vendor=VendorFactory.create(), otop_stars=6)
    assert (caught.value.code, caught.value.field) == (VendorErrorCode.INVALID, "otop_stars")


def test_commission_rate_is_set() -> None:
    vendor = VendorFactory.create()
    services.vendor_commission_set(vendor=vendor, rate=Decimal("12.50"))
    assert Vendor.objects.get(pk=vendor.pk).commission_rate == Decimal("12.50")


@pytest.mark.parametrize("rate", ["-0.01", "100.01", "12.345", "NaN"])
def test_commission_rate_outside_0_to_100_or_finer_than_satang_is_refused(rate: str) -> None:
    vendor = VendorFactory.create()
    with pytest.raises(VendorError) as caught:
        services.vendor_commission_set(vendor=vendor, rate=Decimal(rate))
    assert (caught.value.code, caught.value.field) == (
        VendorErrorCode.INVALID_COMMISSION_RATE,
        "commission_rate",
    )
    assert Vendor.objects.get(pk=vendor.pk).commission_rate == Decimal("10.00")


# --- status ----------------------------------------------------------------------------------


def test_approving_a_pending_vendor_records_who_and_when() -> None:
    operator = OperatorFactory.create()
    vendor = VendorFactory.create(status=VendorStatus.PENDING)
    services.vendor_approve(vendor=vendor, by=operator)
    stored = Vendor.objects.get(pk=vendor.pk)
    assert stored.status == VendorStatus.APPROVED
    assert stored.approved_at is not None
    change = VendorStatusChange.objects.get(vendor=vendor)
    assert (change.event, change.changed_by) == (VendorEvent.APPROVED, operator)


def test_approving_an_approved_vendor_is_refused() -> None:
    vendor = VendorFactory.create(status=VendorStatus.APPROVED)
    with pytest.raises(VendorError) as caught, translation.override("en"):
        services.vendor_approve(vendor=vendor)
    assert caught.value.code is VendorErrorCode.INVALID_STATUS_TRANSITION
    assert caught.value.message == (
        "Only a shop waiting for approval can be approved; this one is Approved."
    )
    assert not VendorStatusChange.objects.exists()


def test_suspending_keeps_the_reason() -> None:
    vendor = VendorFactory.create(status=VendorStatus.APPROVED)
    services.vendor_suspend(vendor=vendor, reason="  ขายสินค้าที่ไม่ได้ผลิตเอง  ")
    stored = Vendor.objects.get(pk=vendor.pk)
    assert (stored.status, stored.status_reason) == (
        VendorStatus.SUSPENDED,
        "ขายสินค้าที่ไม่ได้ผลิตเอง",
    )
    assert VendorStatusChange.objects.get(vendor=vendor).reason == "ขายสินค้าที่ไม่ได้ผลิตเอง"


@pytest.mark.parametrize("reason", ["", "   \n"])
def test_suspending_without_a_reason_is_refused(reason: str) -> None:
    vendor = VendorFactory.create(status=VendorStatus.APPROVED)
    with pytest.raises(VendorError) as caught, translation.override("en"):
        services.vendor_suspend(vendor=vendor, reason=reason)
    assert (caught.value.code, caught.value.field) == (VendorErrorCode.REASON_REQUIRED, "reason")
    assert caught.value.message == "Say why the shop is suspended: the owners will read it."
    assert Vendor.objects.get(pk=vendor.pk).status == VendorStatus.APPROVED


def test_suspending_a_suspended_vendor_is_refused() -> None:
    vendor = VendorFactory.create(status=VendorStatus.SUSPENDED)
    with pytest.raises(VendorError) as caught:
        services.vendor_suspend(vendor=vendor, reason="again")
    assert caught.value.code is VendorErrorCode.INVALID_STATUS_TRANSITION


def test_reinstating_a_suspended_vendor_approves_it_and_clears_the_reason() -> None:
    vendor = VendorFactory.create(status=VendorStatus.APPROVED)
    services.vendor_suspend(vendor=vendor, reason="รูปสินค้าไม่ตรงกับของจริง")
    services.vendor_reinstate(vendor=vendor)
    stored = Vendor.objects.get(pk=vendor.pk)
    assert (stored.status, stored.status_reason) == (VendorStatus.APPROVED, "")
    assert list(
        VendorStatusChange.objects.filter(vendor=vendor)
        .order_by("id")
        .values_list("event", flat=True)
    ) == [VendorEvent.SUSPENDED, VendorEvent.REINSTATED]


def test_reinstating_a_pending_vendor_is_refused() -> None:
    with pytest.raises(VendorError) as caught:
        services.vendor_reinstate(vendor=VendorFactory.create(status=VendorStatus.PENDING))
    assert caught.value.code is VendorErrorCode.INVALID_STATUS_TRANSITION


# --- members ---------------------------------------------------------------------------------


def test_staff_member_is_added_and_removed() -> None:
    owner = VendorMembershipFactory.create()
    helper = UserFactory.create()
    services.membership_add(vendor=owner.vendor, user=helper, role=MembershipRole.STAFF)
    assert VendorMembership.objects.get(vendor=owner.vendor, user=helper).role == "staff"
    services.membership_remove(vendor=owner.vendor, user=helper)
    assert not VendorMembership.objects.filter(user=helper).exists()


def test_adding_a_member_twice_is_refused() -> None:
    owner = VendorMembershipFactory.create()
    with pytest.raises(VendorError) as caught:
        services.membership_add(vendor=owner.vendor, user=owner.user)
    assert (caught.value.code, caught.value.field) == (VendorErrorCode.ALREADY_MEMBER, "user")


def test_the_last_owner_cannot_be_removed() -> None:
    owner = VendorMembershipFactory.create()
    services.membership_add(
        vendor=owner.vendor, user=UserFactory.create(), role=MembershipRole.STAFF
    )
    with pytest.raises(VendorError) as caught, translation.override("en"):
        services.membership_remove(vendor=owner.vendor, user=owner.user)
    assert caught.value.code is VendorErrorCode.LAST_OWNER
    assert caught.value.message == (
        "A shop needs at least one owner: add another owner before removing this one."
    )
    assert VendorMembership.objects.filter(pk=owner.pk).exists()


def test_an_owner_can_leave_when_another_owner_remains() -> None:
    owner = VendorMembershipFactory.create()
    services.membership_add(
        vendor=owner.vendor, user=UserFactory.create(), role=MembershipRole.OWNER
    )
    services.membership_remove(vendor=owner.vendor, user=owner.user)
    assert not VendorMembership.objects.filter(pk=owner.pk).exists()


def test_the_last_owner_cannot_become_staff() -> None:
    owner = VendorMembershipFactory.create()
    with pytest.raises(VendorError) as caught:
        services.membership_role_set(vendor=owner.vendor, user=owner.user, role="staff")
    assert caught.value.code is VendorErrorCode.LAST_OWNER
    assert VendorMembership.objects.get(pk=owner.pk).role == MembershipRole.OWNER


def test_removing_someone_who_is_not_a_member_is_refused() -> None:
    owner = VendorMembershipFactory.create()
    with pytest.raises(VendorError) as caught:
        services.membership_remove(vendor=owner.vendor, user=UserFactory.create())
    assert caught.value.code is VendorErrorCode.NOT_MEMBER


def test_unknown_role_is_refused() -> None:
    owner = VendorMembershipFactory.create()
    with pytest.raises(VendorError) as caught:
        services.membership_add(vendor=owner.vendor, user=UserFactory.create(), role="boss")
    assert (caught.value.code, caught.value.field) == (VendorErrorCode.INVALID, "role")
