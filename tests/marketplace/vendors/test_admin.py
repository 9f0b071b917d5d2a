"""Operators approve, suspend and reinstate vendors in the Django admin."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail
from django.test import Client
from django.urls import reverse

from marketplace.vendors.models import Vendor, VendorStatus, VendorStatusChange
from tests.factories.accounts import OperatorFactory, UserFactory
from tests.factories.otp import otp_force_login
from tests.factories.vendors import VendorFactory, VendorMembershipFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:vendors_vendor_changelist")


@pytest.fixture
def operator_client(client: Client) -> Client:
    otp_force_login(client, OperatorFactory.create())
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def owned_vendor(status: str, email: str) -> Vendor:
    vendor: Vendor = VendorFactory.create(status=status)
    VendorMembershipFactory.create(
        vendor=vendor, user=UserFactory.create(email=email, language_code="en")
    )
    return vendor


def messages_of(response: Any) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_approve_action_approves_and_emails_the_owner(
    operator_client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    vendor = owned_vendor(VendorStatus.PENDING, "owner@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        response = operator_client.post(
            CHANGELIST,
            {"action": "approve", ACTION_CHECKBOX_NAME: [vendor.pk], "index": 0},
            follow=True,
        )
    assert response.status_code == 200
    assert "Approved 1 vendor." in messages_of(response)
    assert Vendor.objects.get(pk=vendor.pk).status == VendorStatus.APPROVED
    assert [m.to for m in mail.outbox] == [["owner@example.com"]]
    assert "approved" in mail.outbox[0].subject


def test_approve_action_shows_the_domain_error_for_a_vendor_it_cannot_approve(
    operator_client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    pending = owned_vendor(VendorStatus.PENDING, "a@example.com")
    suspended = owned_vendor(VendorStatus.SUSPENDED, "b@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        response = operator_client.post(
            CHANGELIST,
            {"action": "approve", ACTION_CHECKBOX_NAME: [pending.pk, suspended.pk], "index": 0},
            follow=True,
        )
    shown = messages_of(response)
    assert (
        f"{suspended.name_th}: Only a shop waiting for approval can be approved; "
        "this one is Suspended."
    ) in shown
    assert "Approved 1 vendor." in shown
    assert Vendor.objects.get(pk=suspended.pk).status == VendorStatus.SUSPENDED
    assert [m.to for m in mail.outbox] == [["a@example.com"]]


def test_suspend_action_first_asks_for_the_reason(operator_client: Client) -> None:
    vendor = owned_vendor(VendorStatus.APPROVED, "owner@example.com")
    response = operator_client.post(
        CHANGELIST, {"action": "suspend", ACTION_CHECKBOX_NAME: [vendor.pk], "index": 0}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="reason"' in page
    assert vendor.name_th in page
    assert Vendor.objects.get(pk=vendor.pk).status == VendorStatus.APPROVED


def test_suspend_with_a_reason_suspends_and_emails_the_reason(
    operator_client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    vendor = owned_vendor(VendorStatus.APPROVED, "owner@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        response = operator_client.post(
            CHANGELIST,
            {
                "action": "suspend",
                ACTION_CHECKBOX_NAME: [vendor.pk],
                "apply": "Suspend",
                "reason": "Products are not hand-made",
            },
            follow=True,
        )
    assert "Suspended 1 vendor." in messages_of(response)
    stored = Vendor.objects.get(pk=vendor.pk)
    assert (stored.status, stored.status_reason) == (
        VendorStatus.SUSPENDED,
        "Products are not hand-made",
    )
    change = VendorStatusChange.objects.get(vendor=vendor)
    assert change.changed_by is not None and change.changed_by.is_superuser
    assert len(mail.outbox) == 1
    assert "Reason: Products are not hand-made" in mail.outbox[0].body


def test_suspend_without_a_reason_asks_again_and_changes_nothing(
    operator_client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    vendor = owned_vendor(VendorStatus.APPROVED, "owner@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        response = operator_client.post(
            CHANGELIST,
            {"action": "suspend", ACTION_CHECKBOX_NAME: [vendor.pk], "apply": "x", "reason": " "},
        )
    assert response.status_code == 200
    assert 'name="reason"' in response.content.decode()
    assert "Say why the shop is suspended: the owners will read it." in messages_of(response)
    assert Vendor.objects.get(pk=vendor.pk).status == VendorStatus.APPROVED
    assert mail.outbox == []


def test_reinstate_action_reopens_a_suspended_vendor(
    operator_client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    vendor = owned_vendor(VendorStatus.SUSPENDED, "owner@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        response = operator_client.post(
            CHANGELIST,
            {"action": "reinstate", ACTION_CHECKBOX_NAME: [vendor.pk], "index": 0},
            follow=True,
        )
    assert "Reinstated 1 vendor." in messages_of(response)
    assert Vendor.objects.get(pk=vendor.pk).status == VendorStatus.APPROVED
    assert "open again" in mail.outbox[0].subject


def test_changelist_filters_and_searches(operator_client: Client) -> None:
    VendorFactory.create(name_th="เครื่องปั้นดินเผา", status=VendorStatus.PENDING)
    VendorFactory.create(name_th="ผ้าไหมยกดอก", geographical_indication=True)
    response = operator_client.get(CHANGELIST, {"status__exact": "pending"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list.values_list("name_th", flat=True)) == [
        "เครื่องปั้นดินเผา"
    ]
    response = operator_client.get(CHANGELIST, {"certification": "gi"})
    assert [v.name_th for v in response.context["cl"].result_list] == ["ผ้าไหมยกดอก"]
    response = operator_client.get(CHANGELIST, {"q": "ยกดอก"})
    assert [v.name_th for v in response.context["cl"].result_list] == ["ผ้าไหมยกดอก"]


def test_changelist_query_count_does_not_grow_with_vendors(
    operator_client: Client, django_assert_max_num_queries: Any
) -> None:
    for _ in range(30):
        VendorFactory.create()
    with django_assert_max_num_queries(20):
        response = operator_client.get(CHANGELIST)
    assert response.status_code == 200


def test_change_form_refuses_a_foreign_phone_next_to_the_field(operator_client: Client) -> None:
    vendor = VendorMembershipFactory.create().vendor
    url = reverse("admin:vendors_vendor_change", args=[vendor.pk])
    form = operator_client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in ("logo", "cover")
    }
    data |= {
        "phone": "+1 415 555 0100",
        "district": "5101",
        "subdistrict": "510101",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "status_changes-TOTAL_FORMS": "0",
        "status_changes-INITIAL_FORMS": "0",
    }
    response = operator_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["phone"] == ["Enter a Thai phone number, such as 081 234 5678 or 053 511 111."]
    assert Vendor.objects.get(pk=vendor.pk).phone == "0812345678"


def test_change_form_saves_through_the_services(operator_client: Client) -> None:
    vendor = VendorMembershipFactory.create().vendor
    url = reverse("admin:vendors_vendor_change", args=[vendor.pk])
    form = operator_client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in ("logo", "cover")
    }
    data |= {
        "phone": "053 511 111",
        "commission_rate": "12.50",
        "district": "5106",
        "subdistrict": "510602",
        "postal_code": "51120",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "status_changes-TOTAL_FORMS": "0",
        "status_changes-INITIAL_FORMS": "0",
    }
    response = operator_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    stored = Vendor.objects.get(pk=vendor.pk)
    assert (stored.phone, str(stored.commission_rate), stored.subdistrict_id) == (
        "053511111",
        "12.50",
        "510602",
    )


def test_reject_action_asks_for_the_reason_then_rejects_and_emails_it(
    operator_client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    vendor = owned_vendor(VendorStatus.PENDING, "applicant@example.com")
    asked = operator_client.post(
        CHANGELIST, {"action": "reject", ACTION_CHECKBOX_NAME: [vendor.pk], "index": 0}
    )
    assert asked.status_code == 200
    assert "Turn down applications" in asked.content.decode()
    assert Vendor.objects.get(pk=vendor.pk).status == VendorStatus.PENDING

    with django_capture_on_commit_callbacks(execute=True):
        response = operator_client.post(
            CHANGELIST,
            {
                "action": "reject",
                ACTION_CHECKBOX_NAME: [vendor.pk],
                "apply": "1",
                "reason": "Please send a readable photo of the registration.",
            },
            follow=True,
        )

    assert "Turned down 1 application." in messages_of(response)
    vendor.refresh_from_db()
    assert vendor.status == VendorStatus.REJECTED
    assert vendor.status_reason == "Please send a readable photo of the registration."
    assert [m.to for m in mail.outbox] == [["applicant@example.com"]]
    assert "Please send a readable photo" in mail.outbox[0].body


def test_reject_action_without_a_reason_asks_again_and_changes_nothing(
    operator_client: Client,
) -> None:
    vendor = owned_vendor(VendorStatus.PENDING, "applicant@example.com")
    response = operator_client.post(
        CHANGELIST,
        {"action": "reject", ACTION_CHECKBOX_NAME: [vendor.pk], "apply": "1", "reason": " "},
    )
    assert response.status_code == 200
    assert "the applicant will read it" in response.content.decode()
    assert Vendor.objects.get(pk=vendor.pk).status == VendorStatus.PENDING
    assert mail.outbox == []


def test_operators_open_the_registration_document_through_the_admin_only(
    operator_client: Client, settings: Any, tmp_path: Any
) -> None:
    from marketplace.vendors import services
    from tests.marketplace.vendors.test_documents import pdf_upload
    from tests.marketplace.vendors.test_services import application

    settings.MEDIA_ROOT = tmp_path
    vendor = services.vendor_apply(**application(registration_document=pdf_upload()))
    url = reverse("admin:vendors_vendor_registration_document", args=[vendor.pk])

    change_page = operator_client.get(reverse("admin:vendors_vendor_change", args=[vendor.pk]))
    assert url in change_page.content.decode()
    document = operator_client.get(url)
    assert document.status_code == 200
    assert b"".join(document.streaming_content).startswith(b"%PDF-")  # type: ignore[attr-defined]

    shopper = Client()
    shopper.force_login(UserFactory.create())
    assert shopper.get(url).status_code == 302  # to the admin's sign-in, not the file
