"""Writes of the accounts domain: registration, sign-in, passwords and saved addresses.

Every function takes keyword arguments, runs in one transaction and raises `AccountError` (or a
Django `ValidationError` listing every password rule that failed, or `PlaceError` for places that
do not agree). E-mails leave through Celery tasks queued on commit. Nothing here reads a request:
callers pass the client's IP address where rate limits need it.
"""

from __future__ import annotations

from typing import NoReturn
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.hashers import make_password
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.http.request import validate_host
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.accounts import ratelimit, tasks
from marketplace.accounts.addresses import thai_address_clean
from marketplace.accounts.errors import AccountError, AccountErrorCode
from marketplace.accounts.models import Address, AddressType, User
from marketplace.accounts.passwords import password_validate
from marketplace.accounts.tokens import account_confirmation_token, password_reset_token

MAX_ADDRESSES_PER_USER = 20
LANGUAGE_CODES = ("th", "en")


# --- validation helpers --------------------------------------------------------------------------


def _email_normalize(email: str) -> str:
    email = email.strip().lower()
    if not email:
        raise AccountError(
            AccountErrorCode.REQUIRED, _("Enter your e-mail address."), field="email"
        )
    try:
        validate_email(email)
    except ValidationError as exc:
        raise AccountError(
            AccountErrorCode.INVALID, _("Enter a valid e-mail address."), field="email"
        ) from exc
    return email


def _redirect_url_validate(url: str | None) -> str:
    """The storefront address that e-mailed links lead to; only hosts this site serves.

    Without this check anyone could make Kad send e-mails whose links lead to a site of theirs.
    """
    if not url:
        raise AccountError(
            AccountErrorCode.REQUIRED, _("A redirect URL is required."), field="redirect_url"
        )
    parts = urlsplit(url)
    allowed = [*settings.ALLOWED_HOSTS, *getattr(settings, "ALLOWED_CLIENT_HOSTS", [])]
    if parts.scheme not in ("http", "https") or not validate_host(parts.hostname or "", allowed):
        raise AccountError(
            AccountErrorCode.INVALID,
            _("This redirect URL is not allowed."),
            field="redirect_url",
        )
    return url


def _raise_invalid(exc: ValidationError) -> NoReturn:
    """Turn the first problem `full_clean` found into an `AccountError` naming its field."""
    error_dict = getattr(exc, "error_dict", {NON_FIELD_ERRORS: exc.error_list})
    name, errors = next(iter(error_dict.items()))
    raise AccountError(
        AccountErrorCode.INVALID,
        errors[0].messages[0],
        field=None if name == NON_FIELD_ERRORS else name,
    ) from exc


def _invalid_link() -> AccountError:
    return AccountError(
        AccountErrorCode.INVALID,
        _("This link is invalid or has expired. Ask for a new one."),
        field="token",
    )


# --- registration and confirmation ---------------------------------------------------------------


def account_register(
    *,
    email: str,
    password: str,
    redirect_url: str | None,
    ip_address: str,
    first_name: str = "",
    last_name: str = "",
    language_code: str = "th",
    reset_url: str | None = None,
) -> None:
    """Open an unconfirmed account and e-mail its confirmation link (`redirect_url?email=&token=`).

    Answers the same whether or not the address already has an account, so registration cannot
    be used to find out who shops at Kad: for an existing account its owner gets an e-mail with a
    password-reset link instead, to `reset_url` (the page that sets a new password; the API's
    callers, which give one `redirect_url` as in Saleor, get that one). Rate limited per IP
    address and per e-mail address.
    """
    ratelimit.hit(
        {ratelimit.REGISTER_PER_IP: ip_address, ratelimit.REGISTER_PER_ACCOUNT: email.lower()}
    )
    email = _email_normalize(email)
    redirect_url = _redirect_url_validate(redirect_url)
    reset_url = _redirect_url_validate(reset_url) if reset_url else redirect_url
    if language_code not in LANGUAGE_CODES:
        raise AccountError(
            AccountErrorCode.INVALID, _("Choose Thai or English."), field="language_code"
        )
    user = User(
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        language_code=language_code,
        is_confirmed=False,
    )
    password_validate(password, user=user, field="password")
    # Hashed before looking the address up, so both answers take the same time.
    user.password = make_password(password)
    try:
        user.full_clean(exclude=["password", "email"])
    except ValidationError as exc:
        _raise_invalid(exc)

    with transaction.atomic():
        existing = User.objects.filter(email__iexact=email).first()
        if existing is None:
            try:
                with transaction.atomic():
                    user.save()
            except IntegrityError:  # registered at the same moment by another request
                existing = User.objects.filter(email__iexact=email).first()
        if existing is None:
            user_id = user.pk
            transaction.on_commit(
                lambda: tasks.account_confirmation_email_send.delay(user_id, redirect_url)
            )
        elif existing.is_active:
            existing_id = existing.pk
            transaction.on_commit(
                lambda: tasks.account_exists_email_send.delay(existing_id, reset_url)
            )


def account_confirm(*, email: str, token: str) -> User:
    """Confirm the e-mail address of a new account with the token from its confirmation link.

    The token works once and for `PASSWORD_RESET_TIMEOUT`; an unknown address and a bad token give
    the same `INVALID` error on `token`.
    """
    with transaction.atomic():
        user = (
            User.objects.select_for_update()
            .filter(email__iexact=email.strip(), is_active=True)
            .first()
        )
        if user is None or not account_confirmation_token.check_token(user, token):
            raise _invalid_link()
        user.is_confirmed = True
        user.save(update_fields=["is_confirmed"])
    return user


# --- signing in ----------------------------------------------------------------------------------


def account_login(*, email: str, password: str, ip_address: str) -> User:
    """The user whose e-mail and password these are, for a session or an API token.

    Failed attempts are counted per e-mail address and per IP address; past the limit every
    attempt (even a right one) gets `LOGIN_ATTEMPT_DELAYED` with the wait. An unconfirmed account
    gets `ACCOUNT_NOT_CONFIRMED`. Records the sign-in time.
    """
    email = email.strip().lower()
    rules = {ratelimit.LOGIN_PER_ACCOUNT: email, ratelimit.LOGIN_PER_IP: ip_address}
    ratelimit.check(rules, code=AccountErrorCode.LOGIN_ATTEMPT_DELAYED)
    user = authenticate(None, email=email, password=password)
    if not isinstance(user, User):
        for rule, key in rules.items():
            ratelimit.record(rule, key)
        raise AccountError(
            AccountErrorCode.INVALID_CREDENTIALS,
            _("The e-mail address or password is not right."),
            field="email",
        )
    if not user.is_confirmed:
        raise AccountError(
            AccountErrorCode.ACCOUNT_NOT_CONFIRMED,
            _("Confirm your e-mail address first: open the link in the e-mail we sent you."),
            field="email",
        )
    ratelimit.reset(ratelimit.LOGIN_PER_ACCOUNT, email)
    with transaction.atomic():
        user.last_login = timezone.now()
        user.save(update_fields=["last_login"])
    return user


# --- passwords -----------------------------------------------------------------------------------


def password_reset_request(*, email: str, redirect_url: str | None, ip_address: str) -> None:
    """E-mail a password-reset link (`redirect_url?email=&token=`) if the address has an account.

    Answers the same whether or not it has one (nothing to learn about who has an account), and is
    rate limited per IP address and per e-mail address, known or not.
    """
    ratelimit.hit(
        {
            ratelimit.PASSWORD_RESET_PER_IP: ip_address,
            ratelimit.PASSWORD_RESET_PER_ACCOUNT: email.strip().lower(),
        }
    )
    email = _email_normalize(email)
    redirect_url = _redirect_url_validate(redirect_url)
    with transaction.atomic():
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is not None:
            user_id = user.pk
            transaction.on_commit(
                lambda: tasks.password_reset_email_send.delay(user_id, redirect_url)
            )


def password_reset_confirm(*, email: str, token: str, password: str) -> User:
    """Set a new password with the token from a reset link; the link then stops working.

    Following the link proves the e-mail address, so an unconfirmed account becomes confirmed.
    Raises `AccountError` (`INVALID` on `token`) or `ValidationError` (password rules).
    """
    with transaction.atomic():
        user = (
            User.objects.select_for_update()
            .filter(email__iexact=email.strip(), is_active=True)
            .first()
        )
        if user is None or not password_reset_token.check_token(user, token):
            raise _invalid_link()
        password_validate(password, user=user, field="password")
        user.set_password(password)
        user.is_confirmed = True
        user.save(update_fields=["password", "is_confirmed"])
    return user


def password_change(*, user: User, old_password: str, new_password: str) -> User:
    """Change a signed-in user's password; every API token issued before stops working."""
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        if not locked.check_password(old_password):
            raise AccountError(
                AccountErrorCode.INVALID_PASSWORD,
                _("The current password is not right."),
                field="old_password",
            )
        password_validate(new_password, user=locked, field="new_password")
        locked.set_password(new_password)
        locked.save(update_fields=["password"])
    user.password = locked.password
    return user


# --- saved addresses -----------------------------------------------------------------------------


def _address_not_found() -> AccountError:
    return AccountError(AccountErrorCode.NOT_FOUND, _("This address does not exist."), field="id")


def _locked_address(*, user: User, address_id: int) -> Address:
    address = Address.objects.select_for_update().filter(pk=address_id, user=user).first()
    if address is None:
        raise _address_not_found()
    address.user = user
    return address


def _default_set(user: User, address: Address, address_type: AddressType) -> None:
    if address_type == AddressType.SHIPPING:
        user.default_shipping_address = address
        user.save(update_fields=["default_shipping_address"])
    else:
        user.default_billing_address = address
        user.save(update_fields=["default_billing_address"])


def address_create(
    *,
    user: User,
    first_name: str,
    last_name: str,
    phone: str,
    street_address_1: str,
    subdistrict_code: str,
    district_code: str,
    postal_code: str,
    province_code: str | None = None,
    street_address_2: str = "",
    company_name: str = "",
    country: str = "TH",
    default_for: AddressType | None = None,
) -> Address:
    """Save a checked Thai address in the user's address book (at most 20 addresses).

    The user's first address becomes their default shipping and billing address; `default_for`
    makes the new one the default of that kind. The user's row is locked while counting, so two
    requests at once cannot pass the limit. Raises `AccountError` or `PlaceError`.
    """
    clean = thai_address_clean(
        first_name=first_name,
        last_name=last_name,
        phone=phone,
        street_address_1=street_address_1,
        street_address_2=street_address_2,
        company_name=company_name,
        subdistrict_code=subdistrict_code,
        district_code=district_code,
        province_code=province_code,
        postal_code=postal_code,
        country=country,
    )
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        if Address.objects.filter(user=user).count() >= MAX_ADDRESSES_PER_USER:
            raise AccountError(
                AccountErrorCode.ADDRESS_LIMIT_REACHED,
                _("You can save up to %(limit)d addresses. Delete one to add another."),
                params={"limit": MAX_ADDRESSES_PER_USER},
            )
        address = Address(user=user, **clean.as_fields())
        try:
            address.full_clean()
        except ValidationError as exc:
            _raise_invalid(exc)
        address.save()
        user.refresh_from_db(fields=["default_shipping_address", "default_billing_address"])
        if default_for == AddressType.SHIPPING or user.default_shipping_address_id is None:
            _default_set(user, address, AddressType.SHIPPING)
        if default_for == AddressType.BILLING or user.default_billing_address_id is None:
            _default_set(user, address, AddressType.BILLING)
    return address


def address_update(
    *,
    user: User,
    address_id: int,
    first_name: str | None = None,
    last_name: str | None = None,
    phone: str | None = None,
    street_address_1: str | None = None,
    street_address_2: str | None = None,
    company_name: str | None = None,
    subdistrict_code: str | None = None,
    district_code: str | None = None,
    province_code: str | None = None,
    postal_code: str | None = None,
    country: str | None = None,
) -> Address:
    """Change some fields of one of the user's addresses (None keeps a field) and re-check it.

    Another user's address answers `NOT_FOUND`, exactly like an id that does not exist.
    """
    with transaction.atomic():
        address = _locked_address(user=user, address_id=address_id)
        clean = thai_address_clean(
            first_name=address.first_name if first_name is None else first_name,
            last_name=address.last_name if last_name is None else last_name,
            phone=address.phone if phone is None else phone,
            street_address_1=address.street_address_1
            if street_address_1 is None
            else street_address_1,
            street_address_2=address.street_address_2
            if street_address_2 is None
            else street_address_2,
            company_name=address.company_name if company_name is None else company_name,
            subdistrict_code=address.subdistrict_code
            if subdistrict_code is None
            else subdistrict_code,
            district_code=address.district_code if district_code is None else district_code,
            # The province follows the district unless the caller names one to check against.
            province_code=province_code,
            postal_code=address.postal_code if postal_code is None else postal_code,
            country=address.country if country is None else country,
        )
        for name, value in clean.as_fields().items():
            setattr(address, name, value)
        try:
            address.full_clean()
        except ValidationError as exc:
            _raise_invalid(exc)
        address.save()
    return address


def address_delete(*, user: User, address_id: int) -> Address:
    """Delete one of the user's addresses; a default it was stops being set.

    Returns the deleted address (with its former id, for the API's answer).
    """
    with transaction.atomic():
        address = _locked_address(user=user, address_id=address_id)
        address.delete()
    address.pk = address_id
    if user.default_shipping_address_id == address_id:
        user.default_shipping_address = None
    if user.default_billing_address_id == address_id:
        user.default_billing_address = None
    return address


def address_set_default(*, user: User, address_id: int, address_type: AddressType) -> User:
    """Make one of the user's addresses their default shipping or billing address."""
    with transaction.atomic():
        address = _locked_address(user=user, address_id=address_id)
        _default_set(user, address, address_type)
    return user
