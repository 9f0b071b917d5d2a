"""The shopper's account: register (with e-mail confirmation), sign in and out, passwords,
orders and the address book. The rules, rate limits included, are in `accounts.services`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from marketplace.accounts import services
from marketplace.accounts.errors import AccountError
from marketplace.accounts.models import AddressType, User
from marketplace.accounts.selectors import address_get, address_list
from marketplace.municipalities.errors import PlaceError
from marketplace.orders.selectors import orders_of_user
from storefront.cart import cart_attach_on_login, request_ip
from storefront.forms.account import (
    LoginForm,
    PasswordChangeForm,
    PasswordResetForm,
    PasswordResetRequestForm,
    RegisterForm,
)
from storefront.forms.address import ThaiAddressForm, address_initial, refreshed_address_form
from storefront.forms.errors import add_domain_error, add_validation_error

# How many orders the account page lists (the newest).
ORDERS_SHOWN = 50


def _me(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # noqa: S101 - behind login_required
    return request.user


def _status(form: object) -> int:
    return 400 if getattr(form, "is_bound", False) and getattr(form, "errors", None) else 200


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("storefront:account")


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.account_login(
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
                ip_address=request_ip(request),
            )
        except AccountError as exc:
            add_domain_error(form, exc)
        else:
            login(request, user)
            cart_attach_on_login(request, user)
            return HttpResponseRedirect(_safe_next(request))
    context = {"form": form, "next": _safe_next(request)}
    return render(request, "storefront/account/login.html", context, status=_status(form))


@require_http_methods(["GET", "POST"])
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        logout(request)
        messages.success(request, _("You are signed out."))
        return redirect("storefront:home")
    return render(request, "storefront/account/logout.html")


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    form = RegisterForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.account_register(
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                redirect_url=request.build_absolute_uri(reverse("storefront:register_confirm")),
                reset_url=request.build_absolute_uri(reverse("storefront:password_reset_confirm")),
                ip_address=request_ip(request),
                language_code="en" if (get_language() or "").startswith("en") else "th",
            )
        except AccountError as exc:
            add_domain_error(form, exc)
        except ValidationError as exc:
            add_validation_error(form, exc)
        else:
            context = {"email": form.cleaned_data["email"]}
            return render(request, "storefront/account/register_done.html", context)
    template = "storefront/account/register.html"
    return render(request, template, {"form": form}, status=_status(form))


@require_GET
def register_confirm(request: HttpRequest) -> HttpResponse:
    """The link in the confirmation e-mail."""
    try:
        services.account_confirm(
            email=request.GET.get("email", ""), token=request.GET.get("token", "")
        )
    except AccountError as exc:
        context = {"error": exc.message}
        return render(request, "storefront/account/link_invalid.html", context, status=400)
    messages.success(request, _("Your e-mail address is confirmed. You can sign in now."))
    return redirect("storefront:login")


@require_http_methods(["GET", "POST"])
def password_reset(request: HttpRequest) -> HttpResponse:
    form = PasswordResetRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.password_reset_request(
                email=form.cleaned_data["email"],
                redirect_url=request.build_absolute_uri(
                    reverse("storefront:password_reset_confirm")
                ),
                ip_address=request_ip(request),
            )
        except AccountError as exc:
            add_domain_error(form, exc)
        else:
            context = {"email": form.cleaned_data["email"]}
            return render(request, "storefront/account/password_reset_sent.html", context)
    template = "storefront/account/password_reset.html"
    return render(request, template, {"form": form}, status=_status(form))


@require_http_methods(["GET", "POST"])
def password_reset_confirm(request: HttpRequest) -> HttpResponse:
    """The link in the reset e-mail: choose a new password."""
    form = PasswordResetForm(
        request.POST if request.method == "POST" else None,
        initial={"email": request.GET.get("email", ""), "token": request.GET.get("token", "")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.password_reset_confirm(
                email=form.cleaned_data["email"],
                token=form.cleaned_data["token"],
                password=form.cleaned_data["password"],
            )
        except AccountError as exc:
            context = {"error": exc.message}
            template = "storefront/account/link_invalid.html"
            return render(request, template, context, status=400)
        except ValidationError as exc:
            add_validation_error(form, exc)
        else:
            messages.success(request, _("Your new password is set. You can sign in now."))
            return redirect("storefront:login")
    template = "storefront/account/password_reset_confirm.html"
    return render(request, template, {"form": form}, status=_status(form))


@login_required
@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.password_change(
                user=_me(request),
                old_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["new_password"],
            )
        except AccountError as exc:
            add_domain_error(form, exc)
        except ValidationError as exc:
            add_validation_error(form, exc)
        else:
            update_session_auth_hash(request, user)
            messages.success(request, _("Your password is changed."))
            return redirect("storefront:account")
    template = "storefront/account/password_change.html"
    return render(request, template, {"form": form}, status=_status(form))


@login_required
@require_GET
def account(request: HttpRequest) -> HttpResponse:
    return render(request, "storefront/account/account.html", {"me": _me(request)})


@login_required
@require_GET
def account_orders(request: HttpRequest) -> HttpResponse:
    orders = list(orders_of_user(user_id=_me(request).pk)[:ORDERS_SHOWN])
    return render(request, "storefront/account/orders.html", {"orders": orders})


@login_required
@require_GET
def account_addresses(request: HttpRequest) -> HttpResponse:
    me = _me(request)
    context = {"addresses": list(address_list(user=me)), "me": me}
    return render(request, "storefront/account/addresses.html", context)


def _address_form_page(
    request: HttpRequest, form: ThaiAddressForm, address_id: int | None
) -> HttpResponse:
    context = {"form": form, "address_id": address_id}
    template = "storefront/account/address_form.html"
    return render(request, template, context, status=_status(form))


def _address_save(request: HttpRequest, form: ThaiAddressForm, address_id: int | None) -> bool:
    f = form.address()
    try:
        if address_id is None:
            services.address_create(
                user=_me(request),
                first_name=f["first_name"],
                last_name=f["last_name"],
                phone=f["phone"],
                street_address_1=f["street_address_1"],
                street_address_2=f["street_address_2"],
                province_code=f["province_code"],
                district_code=f["district_code"],
                subdistrict_code=f["subdistrict_code"],
                postal_code=f["postal_code"],
            )
        else:
            services.address_update(
                user=_me(request),
                address_id=address_id,
                first_name=f["first_name"],
                last_name=f["last_name"],
                phone=f["phone"],
                street_address_1=f["street_address_1"],
                street_address_2=f["street_address_2"],
                province_code=f["province_code"],
                district_code=f["district_code"],
                subdistrict_code=f["subdistrict_code"],
                postal_code=f["postal_code"],
            )
    except (AccountError, PlaceError) as exc:
        add_domain_error(form, exc)
        return False
    return True


@login_required
@require_http_methods(["GET", "POST"])
def account_address_edit(request: HttpRequest, address_id: int | None = None) -> HttpResponse:
    """Add an address (no id) or change one of the shopper's addresses."""
    if address_id is not None:
        address = address_get(user=_me(request), address_id=address_id)
        if address is None:
            raise Http404
        initial = address_initial(model_to_dict(address))
    else:
        initial = {}
    if request.method == "POST" and "refresh" in request.POST:
        form = refreshed_address_form(ThaiAddressForm, request.POST)
    elif request.method == "POST":
        form = ThaiAddressForm(request.POST)
        if form.is_valid() and _address_save(request, form, address_id):
            messages.success(request, _("The address is saved."))
            return redirect("storefront:account_addresses")
    else:
        form = ThaiAddressForm(initial=initial)
    return _address_form_page(request, form, address_id)


@login_required
@require_POST
def account_address_delete(request: HttpRequest, address_id: int) -> HttpResponse:
    try:
        services.address_delete(user=_me(request), address_id=address_id)
    except AccountError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The address is deleted."))
    return redirect("storefront:account_addresses")


@login_required
@require_POST
def account_address_default(request: HttpRequest, address_id: int) -> HttpResponse:
    try:
        services.address_set_default(
            user=_me(request), address_id=address_id, address_type=AddressType.SHIPPING
        )
    except AccountError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("This is now your delivery address."))
    return redirect("storefront:account_addresses")
