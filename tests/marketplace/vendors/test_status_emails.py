"""Owners hear about approval and suspension by e-mail, in their language, exactly once."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from marketplace.vendors import services
from marketplace.vendors.errors import VendorError, VendorErrorCode
from marketplace.vendors.models import MembershipRole, VendorStatus, VendorStatusChange
from marketplace.vendors.tasks import vendor_status_email_send
from tests.factories.accounts import UserFactory
from tests.factories.vendors import VendorFactory, VendorMembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending_vendor() -> Any:
    vendor = VendorFactory.create(
        status=VendorStatus.PENDING,
        name_th="กลุ่มทอผ้าไหมบ้านหนองเงือก",
        name_en="Ban Nong Nguek Silk Weavers",
    )
    VendorMembershipFactory.create(vendor=vendor, user=UserFactory.create(email="sri@example.com"))
    VendorMembershipFactory.create(
        vendor=vendor,
        user=UserFactory.create(email="nok@example.com", first_name="Nok", language_code="en"),
    )
    VendorMembershipFactory.create(
        vendor=vendor,
        user=UserFactory.create(email="helper@example.com"),
        role=MembershipRole.STAFF,
    )
    return vendor


def test_approval_emails_each_owner_in_their_language_after_commit(
    pending_vendor: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.vendor_approve(vendor=pending_vendor)
        assert mail.outbox == [], "nothing is sent before the transaction commits"
    assert len(callbacks) == 1

    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {"sri@example.com", "nok@example.com"}  # not the staff member
    thai, english = by_recipient["sri@example.com"], by_recipient["nok@example.com"]
    assert "กลุ่มทอผ้าไหมบ้านหนองเงือก" in thai.subject
    assert "สมศรี" in thai.body
    assert "อนุมัติ" in thai.body
    assert english.subject == 'Your shop "Ban Nong Nguek Silk Weavers" is approved on Kad'
    assert english.body.startswith("Hello Nok,")
    assert "approved your shop" in english.body
    assert VendorStatusChange.objects.get(vendor=pending_vendor).notified_at is not None


def test_suspension_email_gives_the_reason(
    pending_vendor: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.vendor_suspend(
            vendor=pending_vendor, reason="Photos show factory-made cloth & tags"
        )
    english = next(m for m in mail.outbox if m.to == ["nok@example.com"])
    thai = next(m for m in mail.outbox if m.to == ["sri@example.com"])
    assert english.subject == 'Your shop "Ban Nong Nguek Silk Weavers" is suspended'
    assert "Reason: Photos show factory-made cloth & tags" in english.body  # not HTML-escaped
    assert "Photos show factory-made cloth & tags" in thai.body
    assert "ระงับ" in thai.subject


def test_running_the_task_again_sends_nothing_more(
    pending_vendor: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.vendor_approve(vendor=pending_vendor)
    assert len(mail.outbox) == 2
    assert vendor_status_email_send.delay(pending_vendor.pk, "approved").get() == 0
    assert len(mail.outbox) == 2


def test_a_second_suspension_is_told_again(
    pending_vendor: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.vendor_suspend(vendor=pending_vendor, reason="first")
    with django_capture_on_commit_callbacks(execute=True):
        services.vendor_reinstate(vendor=pending_vendor)
    with django_capture_on_commit_callbacks(execute=True):
        services.vendor_suspend(vendor=pending_vendor, reason="second")
    subjects = [m.subject for m in mail.outbox if m.to == ["nok@example.com"]]
    assert subjects == [
        'Your shop "Ban Nong Nguek Silk Weavers" is suspended',
        'Your shop "Ban Nong Nguek Silk Weavers" is open again',
        'Your shop "Ban Nong Nguek Silk Weavers" is suspended',
    ]
    assert "second" in mail.outbox[-1].body


def test_a_stale_approval_is_not_sent_after_a_suspension(
    pending_vendor: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # Both changes commit before the first task runs: owners must not read "approved" last.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.vendor_approve(vendor=pending_vendor)
        services.vendor_suspend(vendor=pending_vendor, reason="wrong address")
    for callback in callbacks:
        callback()
    assert {m.subject for m in mail.outbox} == {
        'Your shop "Ban Nong Nguek Silk Weavers" is suspended',
        'ร้าน "กลุ่มทอผ้าไหมบ้านหนองเงือก" ถูกระงับ',
    }
    assert not VendorStatusChange.objects.filter(notified_at__isnull=True).exists()


def test_a_failed_change_queues_no_email(
    pending_vendor: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(VendorError) as caught:
            services.vendor_suspend(vendor=pending_vendor, reason="   ")
    assert caught.value.code is VendorErrorCode.REASON_REQUIRED
    assert callbacks == []
    assert mail.outbox == []
