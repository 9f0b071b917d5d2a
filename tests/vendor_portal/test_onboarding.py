"""Becoming a seller in the portal: sign up, confirm, apply in short steps, wait, re-apply."""

from __future__ import annotations

import re
from io import BytesIO
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from marketplace.accounts.models import User
from marketplace.vendors import services
from marketplace.vendors.models import MembershipRole, Vendor, VendorKind, VendorStatus
from tests.factories.accounts import UserFactory, random_email, random_ip
from tests.factories.municipalities import MunicipalityFactory

pytestmark = pytest.mark.django_db

SHOP = {"name_th": "ผ้าฝ้ายทอมือป้าศรี", "name_en": "", "kind": VendorKind.INDIVIDUAL}
PLACE = {"district": "5106", "subdistrict": "510602", "postal_code": "51120"}
CONTACT = {"phone": "081-234-5678", "line_id": "pasri", "story_th": "ทอผ้าฝ้ายด้วยกี่พื้นเมือง"}


@pytest.fixture(autouse=True)
def _media_and_login(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    # The storefront's sign-in page may not be wired in this checkout yet.
    settings.LOGIN_URL = "/accounts/login/"


@pytest.fixture
def applicant(client: Client) -> User:
    MunicipalityFactory.create()
    user: User = UserFactory.create()
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return user


def step_url(step: str) -> str:
    return reverse("vendor_portal:apply_step", kwargs={"step": step})


def pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("registration.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")


def photo() -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", (30, 20), (10, 80, 160)).save(buffer, format="JPEG")
    return SimpleUploadedFile("IMG_2041.JPG", buffer.getvalue(), "image/jpeg")


def answer_first_three_steps(client: Client) -> None:
    for step, data in (("shop", SHOP), ("place", PLACE), ("contact", CONTACT)):
        response = client.post(step_url(step), data)
        assert response.status_code == 302, response.content.decode()[:2000]


def errors_of(response: Any, field: str) -> list[str]:
    return [str(e) for e in response.context["form"].errors.get(field, [])]


# --- sign-up -------------------------------------------------------------------------------------


def test_signing_up_sends_a_confirmation_link_that_signs_in_and_leads_to_the_application(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    email = random_email()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("vendor_portal:signup"),
            {"first_name": "ศรี", "email": email, "password": "ผ้าฝ้าย-ลำพูน-2569"},
            REMOTE_ADDR=random_ip(),
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("vendor_portal:signup_sent")
    assert email in client.get(response["Location"]).content.decode()
    user = User.objects.get(email=email)
    assert not user.is_confirmed
    link = re.search(r"https?://\S+", str(mail.outbox[0].body))
    assert link and "/vendor/signup/confirm/" in link.group(0)

    page = client.get(link.group(0))  # opening the link changes nothing yet
    assert page.status_code == 200
    assert not User.objects.get(pk=user.pk).is_confirmed
    form = page.context
    confirmed = client.post(
        reverse("vendor_portal:signup_confirm"),
        {"email": form["email"], "token": form["token"], "next": form["next"]},
    )

    assert confirmed.status_code == 302
    assert confirmed["Location"] == reverse("vendor_portal:apply")
    assert User.objects.get(pk=user.pk).is_confirmed
    assert client.get(reverse("vendor_portal:apply")).status_code == 200  # signed in


def test_a_weak_password_is_explained_next_to_the_field_and_the_rest_is_kept(
    client: Client,
) -> None:
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    email = random_email()
    response = client.post(
        reverse("vendor_portal:signup"),
        {"first_name": "ศรี", "email": email, "password": "12345678"},
        REMOTE_ADDR=random_ip(),
    )
    assert response.status_code == 200
    assert errors_of(response, "password")
    html = response.content.decode()
    assert f'value="{email}"' in html and 'value="ศรี"' in html
    assert not User.objects.filter(email=email).exists()


def test_a_bad_confirmation_link_says_so_and_signs_nobody_in(client: Client) -> None:
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    user = UserFactory.create(is_confirmed=False)
    response = client.post(
        reverse("vendor_portal:signup_confirm"), {"email": user.email, "token": "nope"}
    )
    assert response.status_code == 200
    assert "invalid or has expired" in response.content.decode()
    assert "_auth_user_id" not in client.session


# --- the application -----------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_up_first(client: Client) -> None:
    response = client.get(reverse("vendor_portal:apply"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("vendor_portal:signup"))


def test_an_applicant_answers_four_short_steps_and_waits_for_approval(
    client: Client, applicant: User
) -> None:
    assert client.get(reverse("vendor_portal:apply")).status_code == 200
    answer_first_three_steps(client)

    response = client.post(step_url("document"), {"registration_document": photo()})

    assert response.status_code == 302
    assert response["Location"] == reverse("vendor_portal:apply_status")
    vendor = Vendor.objects.get(memberships__user=applicant)
    assert vendor.status == VendorStatus.PENDING
    assert vendor.memberships.get().role == MembershipRole.OWNER
    assert (vendor.name_th, vendor.kind, vendor.subdistrict_id, vendor.postal_code) == (
        "ผ้าฝ้ายทอมือป้าศรี",
        VendorKind.INDIVIDUAL,
        "510602",
        "51120",
    )
    assert (vendor.phone, vendor.line_id) == ("0812345678", "pasri")
    assert vendor.registration_document.name.endswith(".jpg")
    assert "IMG_2041" not in vendor.registration_document.name
    status_page = client.get(response["Location"])
    assert "Waiting for approval" in status_page.content.decode()
    # Asking to apply again while waiting shows the status instead.
    assert client.get(reverse("vendor_portal:apply"))["Location"] == response["Location"]


def test_missing_fields_are_named_next_to_them_and_what_was_typed_stays(
    client: Client, applicant: User
) -> None:
    response = client.post(step_url("shop"), {"name_th": "", "name_en": "Sri's", "kind": ""})
    assert response.status_code == 400
    assert errors_of(response, "name_th") == ["Enter the shop's name in Thai."]
    assert errors_of(response, "kind") == ["Choose who sells."]
    assert 'value="Sri&#x27;s"' in response.content.decode()

    client.post(step_url("shop"), SHOP)
    response = client.post(step_url("contact"), {})  # place not answered yet
    assert response["Location"] == step_url("place")
    client.post(step_url("place"), PLACE)
    response = client.post(step_url("contact"), {"phone": "12", "line_id": "pasri"})
    assert errors_of(response, "phone") == [
        "Enter a Thai phone number, such as 081 234 5678 or 053 511 111."
    ]
    assert 'value="pasri"' in response.content.decode()
    # Going back shows the answers already given.
    back = client.get(step_url("shop")).content.decode()
    assert 'value="ผ้าฝ้ายทอมือป้าศรี"' in back
    assert not Vendor.objects.exists()


def test_a_wrong_document_is_refused_with_a_message_and_nothing_is_lost(
    client: Client, applicant: User, settings: Any
) -> None:
    answer_first_three_steps(client)
    exe = SimpleUploadedFile("registration.pdf", b"MZ\x90\x00\x03", "application/pdf")

    response = client.post(step_url("document"), {"registration_document": exe})

    assert response.status_code == 400
    assert errors_of(response, "registration_document") == [
        "Send the document as a PDF file or a photo (JPEG, PNG or WebP)."
    ]
    assert not Vendor.objects.exists()
    settings.KAD_MAX_UPLOAD_BYTES = 10
    too_big = client.post(step_url("document"), {"registration_document": pdf()})
    assert "too large" in errors_of(too_big, "registration_document")[0]
    missing = client.post(step_url("document"), {})
    assert errors_of(missing, "registration_document") == ["Add a photo or PDF of the document."]

    settings.KAD_MAX_UPLOAD_BYTES = 15 * 1024 * 1024
    sent = client.post(step_url("document"), {"registration_document": pdf()})
    assert sent.status_code == 302
    assert Vendor.objects.get().name_th == SHOP["name_th"]


def test_a_location_outside_the_municipality_is_refused_at_its_step(
    client: Client, applicant: User
) -> None:
    client.post(step_url("shop"), SHOP)
    response = client.post(
        step_url("place"), {"district": "1001", "subdistrict": "100101", "postal_code": "10200"}
    )
    assert response.status_code == 400
    assert errors_of(response, "district")


def test_subdistricts_follow_the_chosen_district_with_and_without_javascript(
    client: Client, applicant: User
) -> None:
    client.post(step_url("shop"), SHOP)
    partial = client.get(reverse("vendor_portal:apply_places"), {"district": "5106"})
    html = partial.content.decode()
    assert 'value="510602"' in html and 'value="510101"' not in html

    no_js = client.post(step_url("place"), {"district": "5106", "refresh": "1"})
    assert no_js.status_code == 200
    assert 'value="510602"' in no_js.content.decode()
    assert 'value="5106" selected' in no_js.content.decode()


def test_a_rejected_applicant_sees_the_reason_and_sends_a_corrected_application(
    client: Client, applicant: User
) -> None:
    answer_first_three_steps(client)
    client.post(step_url("document"), {"registration_document": pdf()})
    vendor = Vendor.objects.get()
    services.vendor_reject(vendor=vendor, reason="ชื่อร้านไม่ตรงกับเอกสาร", by=None)

    status_page = client.get(reverse("vendor_portal:apply_status")).content.decode()
    assert "ชื่อร้านไม่ตรงกับเอกสาร" in status_page
    form = client.get(reverse("vendor_portal:apply"))
    assert form.status_code == 200
    assert 'value="ผ้าฝ้ายทอมือป้าศรี"' in form.content.decode()  # answers kept to correct

    client.post(step_url("shop"), {**SHOP, "name_th": "กลุ่มผ้าฝ้ายป้าศรี"})
    response = client.post(step_url("document"), {})  # the document on file stays

    assert response.status_code == 302
    vendor.refresh_from_db()
    assert (vendor.status, vendor.name_th) == (VendorStatus.PENDING, "กลุ่มผ้าฝ้ายป้าศรี")
    assert Vendor.objects.count() == 1
