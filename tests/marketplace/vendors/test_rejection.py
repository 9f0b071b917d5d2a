"""Turning down an application with a reason, the applicant's e-mail, and applying again."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from marketplace.vendors import services
from marketplace.vendors.errors import VendorError, VendorErrorCode
from marketplace.vendors.models import (
    MembershipRole,
    Vendor,
    VendorEvent,
    VendorStatus,
    VendorStatusChange,
)
from tests.factories.accounts import OperatorFactory, UserFactory
from tests.factories.vendors import VendorFactory, VendorMembershipFactory
from tests.marketplace.vendors.test_documents import pdf_upload

pytestmark = pytest.mark.django_db


def applicant_shop(*, language: str = "th") -> Vendor:
    vendor: Vendor = VendorFactory.create(status=VendorStatus.PENDING)
    VendorMembershipFactory.create(
        vendor=vendor,
        user=UserFactory.create(email="sri@example.com", language_code=language),
        role=MembershipRole.OWNER,
    )
    return vendor


def test_rejecting_keeps_the_reason_and_emails_it_to_the_applicant_in_their_language(
    django_capture_on_commit_callbacks: Any,
) -> None:
    vendor = applicant_shop(language="en")
    operator = OperatorFactory.create()

    with django_capture_on_commit_callbacks(execute=True):
        services.vendor_reject(vendor=vendor, reason="The document is not readable.", by=operator)

    vendor.refresh_from_db()
    assert (vendor.status, vendor.status_reason) == (
        VendorStatus.REJECTED,
        "The document is not readable.",
    )
    change = VendorStatusChange.objects.get(vendor=vendor)
    assert (change.event, change.changed_by) == (VendorEvent.REJECTED, operator)
    assert [m.to for m in mail.outbox] == [["sri@example.com"]]
    assert "was not approved" in mail.outbox[0].subject
    assert "The document is not readable." in mail.outbox[0].body
    assert "send it again" in mail.outbox[0].body


def test_the_rejection_email_is_in_thai_for_a_thai_applicant(
    django_capture_on_commit_callbacks: Any,
) -> None:
    vendor = applicant_shop(language="th")
    with django_capture_on_commit_callbacks(execute=True):
        services.vendor_reject(vendor=vendor, reason="เอกสารไม่ชัด", by=None)
    assert "เอกสารไม่ชัด" in mail.outbox[0].body
    assert "Hello" not in mail.outbox[0].body


def test_rejection_needs_a_reason_and_a_pending_shop() -> None:
    vendor = applicant_shop()
    with pytest.raises(VendorError) as blank, translation.override("en"):
        services.vendor_reject(vendor=vendor, reason="  ", by=None)
    assert (blank.value.code, blank.value.field) == (VendorErrorCode.REASON_REQUIRED, "reason")

    approved = VendorFactory.create(status=VendorStatus.APPROVED)
    with pytest.raises(VendorError) as late:
        services.vendor_reject(vendor=approved, reason="late", by=None)
    assert late.value.code is VendorErrorCode.INVALID_STATUS_TRANSITION
    assert Vendor.objects.get(pk=approved.pk).status == VendorStatus.APPROVED


def reapplication(vendor: Vendor, **overrides: Any) -> dict[str, Any]:
    owner = vendor.memberships.get(role=MembershipRole.OWNER).user
    fields: dict[str, Any] = {
        "vendor": vendor,
        "by": owner,
        "kind": vendor.kind,
        "name_th": "กลุ่มทอผ้าบ้านแป้น",
        "district_code": "5106",
        "subdistrict_code": "510602",
        "postal_code": "51120",
        "phone": "053 511 111",
    }
    return fields | overrides


def test_a_rejected_applicant_corrects_the_application_and_it_is_pending_again(
    django_capture_on_commit_callbacks: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    vendor = applicant_shop()
    services.vendor_reject(vendor=vendor, reason="ชื่อร้านไม่ตรงกับเอกสาร", by=None)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.vendor_reapply(**reapplication(vendor, registration_document=pdf_upload()))

    vendor.refresh_from_db()
    assert vendor.status == VendorStatus.PENDING
    assert (vendor.name_th, vendor.subdistrict_id, vendor.phone) == (
        "กลุ่มทอผ้าบ้านแป้น",
        "510602",
        "053511111",
    )
    assert vendor.registration_document.name.endswith(".pdf")
    assert vendor.status_changes.first().event == VendorEvent.REAPPLIED  # type: ignore[union-attr]
    assert mail.outbox == []  # the co-op sees it in the admin; the applicant knows already


def test_only_the_owner_of_a_rejected_shop_can_apply_again() -> None:
    pending = applicant_shop()
    with pytest.raises(VendorError) as not_rejected:
        services.vendor_reapply(**reapplication(pending))
    assert not_rejected.value.code is VendorErrorCode.INVALID_STATUS_TRANSITION

    services.vendor_reject(vendor=pending, reason="x", by=None)
    with pytest.raises(VendorError) as stranger:
        services.vendor_reapply(**reapplication(pending, by=UserFactory.create()))
    assert stranger.value.code is VendorErrorCode.NOT_OWNER
    assert Vendor.objects.get(pk=pending.pk).status == VendorStatus.REJECTED


def test_a_wrong_field_in_the_reapplication_changes_nothing() -> None:
    vendor = applicant_shop()
    services.vendor_reject(vendor=vendor, reason="x", by=None)
    with pytest.raises(VendorError) as refused:
        services.vendor_reapply(**reapplication(vendor, phone="12345"))
    assert refused.value.field == "phone"
    vendor.refresh_from_db()
    assert vendor.status == VendorStatus.REJECTED
    assert vendor.name_th != "กลุ่มทอผ้าบ้านแป้น"


def test_a_document_that_is_not_a_pdf_or_image_is_refused_when_applying() -> None:
    vendor = applicant_shop()
    services.vendor_reject(vendor=vendor, reason="x", by=None)
    bad = SimpleUploadedFile("doc.pdf", b"MZ\x90\x00 not really a pdf", "application/pdf")
    with pytest.raises(VendorError) as refused:
        services.vendor_reapply(**reapplication(vendor, registration_document=bad))
    assert (refused.value.code, refused.value.field) == (
        VendorErrorCode.DOCUMENT_TYPE,
        "registration_document",
    )
    assert Vendor.objects.get(pk=vendor.pk).status == VendorStatus.REJECTED
