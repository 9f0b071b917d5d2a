"""Becoming a seller: sign up, apply for a shop in short steps, wait for the co-op's answer.

Sign-up goes through `accounts.services.account_register`, whose rule is that an address is
confirmed before its account can sign in: the artisan gets an e-mail, opens the link, presses
"Confirm" (a POST, so that mail scanners opening links confirm nothing) and is signed in and
taken to the application. The application's steps are kept in the session until it is sent, so
going back, a refused document or a mistake on the last step loses nothing already typed.
"""

from __future__ import annotations

from typing import Any, Final
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from marketplace.accounts.models import User
from marketplace.accounts.services import account_confirm, account_register
from marketplace.core.errors import DomainError
from marketplace.core.http import client_ip
from marketplace.municipalities.models import Municipality
from marketplace.municipalities.selectors import municipality_get, municipality_list
from marketplace.vendors.models import Vendor, VendorStatus
from marketplace.vendors.selectors import vendor_application_of
from marketplace.vendors.services import vendor_apply, vendor_reapply
from vendor_portal.forms_shop import (
    ContactStepForm,
    DocumentStepForm,
    PlaceStepForm,
    ShopStepForm,
    SignupForm,
    add_domain_error,
)

SESSION_KEY: Final = "vendor_portal.application"
STEPS: Final = ("shop", "place", "contact", "document")
STEP_FORMS: Final = {"shop": ShopStepForm, "place": PlaceStepForm, "contact": ContactStepForm}
# Which step asks for each field a service may name in an error.
FIELD_STEP: Final = {
    "name_th": "shop",
    "name_en": "shop",
    "kind": "shop",
    "municipality": "shop",
    "district": "place",
    "subdistrict": "place",
    "postal_code": "place",
    "phone": "contact",
    "line_id": "contact",
    "story_th": "contact",
}


def _safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


# --- sign-up -------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    after = _safe_next(request, reverse("vendor_portal:apply"))
    if request.user.is_authenticated:
        # Already signed in: the portal's home sends a member to their shop and anyone else to
        # the application.
        return redirect(after if "next" in request.GET else reverse("vendor_portal:dashboard"))
    form = SignupForm(request.POST or None)
    if form.is_valid():
        confirm_url = request.build_absolute_uri(reverse("vendor_portal:signup_confirm"))
        try:
            account_register(
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
                first_name=form.cleaned_data["first_name"],
                redirect_url=f"{confirm_url}?{urlencode({'next': after})}",
                reset_url=request.build_absolute_uri(reverse("storefront:password_reset_confirm")),
                ip_address=client_ip(request),
                language_code=getattr(request, "LANGUAGE_CODE", "th"),
            )
        except ValidationError as exc:  # the password rules, each with its message
            form.add_error(None, exc)  # {"password": [...]}: each next to its field
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            request.session["vendor_portal.signup_email"] = form.cleaned_data["email"]
            return redirect("vendor_portal:signup_sent")
    return render(request, "vendor_portal/onboarding/signup.html", {"form": form, "next": after})


@require_GET
def signup_sent(request: HttpRequest) -> HttpResponse:
    email = request.session.get("vendor_portal.signup_email", "")
    return render(request, "vendor_portal/onboarding/signup_sent.html", {"email": email})


@require_http_methods(["GET", "POST"])
def signup_confirm(request: HttpRequest) -> HttpResponse:
    """The e-mailed link: a page with one button; pressing it confirms and signs in."""
    source = request.POST if request.method == "POST" else request.GET
    email, token = source.get("email", ""), source.get("token", "")
    after = _safe_next(request, reverse("vendor_portal:apply"))
    error = ""
    if request.method == "POST":
        try:
            user = account_confirm(email=email, token=token)
        except DomainError as exc:
            error = exc.message
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Your e-mail address is confirmed. Welcome to Kad!"))
            return redirect(after)
    context = {"email": email, "token": token, "next": after, "error": error}
    return render(request, "vendor_portal/onboarding/signup_confirm.html", context)


# --- the application -----------------------------------------------------------------------------


def _municipality(data: dict[str, Any]) -> Municipality | None:
    slug = data.get("shop", {}).get("municipality")
    if slug:
        return municipality_get(slug=slug)
    municipalities = list(municipality_list()[:2])
    return municipalities[0] if len(municipalities) == 1 else None


def _initial_from(vendor: Vendor) -> dict[str, dict[str, str]]:
    """A rejected application's answers, to correct rather than type again."""
    return {
        "shop": {
            "name_th": vendor.name_th,
            "name_en": vendor.name_en,
            "kind": vendor.kind,
            "municipality": vendor.municipality.slug,
        },
        "place": {
            "district": vendor.district_id,
            "subdistrict": vendor.subdistrict_id,
            "postal_code": vendor.postal_code,
        },
        "contact": {"phone": vendor.phone, "line_id": vendor.line_id, "story_th": vendor.story_th},
    }


def _step_form(step: str, data: dict[str, Any], bound: Any = None) -> Any:
    form_class = STEP_FORMS[step]
    kwargs: dict[str, Any] = {"initial": data.get(step, {})}
    if step == "place":
        municipality = _municipality(data)
        if municipality is None:
            return None
        kwargs["municipality"] = municipality
    return form_class(bound, **kwargs)


def _render_step(
    request: HttpRequest, step: str, form: Any, *, vendor: Vendor | None, status: int = 200
) -> HttpResponse:
    index = STEPS.index(step)
    context = {
        "form": form,
        "step": step,
        "number": index + 1,
        "count": len(STEPS),
        "previous": STEPS[index - 1] if index else None,
        "reapplying": vendor is not None,
        "vendor": vendor,
        "summary": request.session.get(SESSION_KEY, {}),
    }
    return render(request, f"vendor_portal/onboarding/apply_{step}.html", context, status=status)


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, step: str = "shop") -> HttpResponse:
    user = request.user
    if not isinstance(user, User):
        return redirect(f"{reverse('vendor_portal:signup')}?{urlencode({'next': request.path})}")
    vendor = vendor_application_of(user=user)
    if vendor is not None and vendor.status != VendorStatus.REJECTED:
        return redirect("vendor_portal:apply_status")
    if step not in STEPS:
        return redirect("vendor_portal:apply")
    data: dict[str, Any] = request.session.get(SESSION_KEY) or {}
    if not data and vendor is not None:
        data = request.session[SESSION_KEY] = _initial_from(vendor)
    # Steps are answered in order: a later one is not shown before the earlier are done.
    for earlier in STEPS[: STEPS.index(step)]:
        if earlier not in data:
            return redirect("vendor_portal:apply_step", step=earlier)
    if step == "document":
        return _document_step(request, data, vendor)
    if request.method == "POST" and "refresh" in request.POST:
        # Without JavaScript: show the subdistricts of the district just chosen.
        form = _step_form(step, {**data, step: request.POST.dict()})
        return _render_step(request, step, form, vendor=vendor)
    form = _step_form(step, data, request.POST if request.method == "POST" else None)
    if form is None:
        return redirect("vendor_portal:apply")
    if request.method == "POST" and form.is_valid():
        data[step] = {key: str(value) for key, value in form.cleaned_data.items()}
        request.session[SESSION_KEY] = data
        return redirect("vendor_portal:apply_step", step=STEPS[STEPS.index(step) + 1])
    return _render_step(request, step, form, vendor=vendor, status=400 if form.is_bound else 200)


def _document_step(
    request: HttpRequest, data: dict[str, Any], vendor: Vendor | None
) -> HttpResponse:
    on_file = bool(vendor and vendor.registration_document)
    if request.method != "POST":
        return _render_step(
            request, "document", DocumentStepForm(document_on_file=on_file), vendor=vendor
        )
    form = DocumentStepForm(request.POST, request.FILES, document_on_file=on_file)
    if not form.is_valid():
        return _render_step(request, "document", form, vendor=vendor, status=400)
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - apply() let only signed-in users through
    fields = {
        "kind": data["shop"]["kind"],
        "name_th": data["shop"]["name_th"],
        "name_en": data["shop"]["name_en"],
        "district_code": data["place"]["district"],
        "subdistrict_code": data["place"]["subdistrict"],
        "postal_code": data["place"]["postal_code"],
        "phone": data["contact"]["phone"],
        "line_id": data["contact"]["line_id"],
        "story_th": data["contact"]["story_th"],
        "registration_document": form.cleaned_data["registration_document"],
    }
    try:
        if vendor is not None:
            vendor_reapply(vendor=vendor, by=user, **fields)
        else:
            municipality = _municipality(data)
            if municipality is None:
                return redirect("vendor_portal:apply")
            vendor_apply(user=user, municipality=municipality, **fields)
    except DomainError as exc:
        step = FIELD_STEP.get(exc.field or "", "document")
        if step == "document":
            add_domain_error(form, exc)
            return _render_step(request, "document", form, vendor=vendor, status=400)
        step_form = _step_form(step, data, data.get(step))
        step_form.is_valid()
        add_domain_error(step_form, exc)
        return _render_step(request, step, step_form, vendor=vendor, status=400)
    request.session.pop(SESSION_KEY, None)
    messages.success(request, _("Your application is sent. The co-op will reply by e-mail."))
    return redirect("vendor_portal:apply_status")


@require_GET
def apply_places(request: HttpRequest) -> HttpResponse:
    """htmx: the subdistrict and postal-code fields for the district just chosen."""
    data = request.session.get(SESSION_KEY) or {}
    municipality = _municipality(data)
    if municipality is None or not request.user.is_authenticated:
        return HttpResponse(status=204)
    form = PlaceStepForm(initial=request.GET.dict(), municipality=municipality)
    return render(request, "vendor_portal/onboarding/_place_fields.html", {"form": form})


@require_GET
def apply_status(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not isinstance(user, User):
        return redirect(f"{reverse('vendor_portal:signup')}?{urlencode({'next': request.path})}")
    vendor = vendor_application_of(user=user)
    if vendor is None:
        return redirect("vendor_portal:apply")
    return render(request, "vendor_portal/onboarding/apply_status.html", {"vendor": vendor})
