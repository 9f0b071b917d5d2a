"""Thai postal addresses as the checkout stores them: validated by the same rules as saved
addresses (`accounts.addresses.thai_address_clean`), kept as a snapshot with place names."""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum

from django.utils.translation import gettext_lazy as _

from marketplace.accounts.addresses import thai_address_clean
from marketplace.accounts.errors import AccountError, AccountErrorCode
from marketplace.checkout.errors import CheckoutError, CheckoutErrorCode
from marketplace.municipalities.errors import PlaceError

_MAX_LENGTH = 200
_CODES: dict[Enum, CheckoutErrorCode] = {
    AccountErrorCode.REQUIRED: CheckoutErrorCode.REQUIRED,
    AccountErrorCode.INVALID_PHONE: CheckoutErrorCode.INVALID_PHONE,
}


def address_clean(raw: Mapping[str, str | None], *, prefix: str) -> dict[str, str]:
    """Validate an address and return the snapshot stored on a checkout and copied to the order.

    `prefix` names the input in errors ("shippingAddress" → field "shippingAddress.postalCode").
    Raises `CheckoutError`: REQUIRED, INVALID_PHONE, NOT_THAI_ADDRESS, or INVALID_ADDRESS when
    the places do not exist or do not belong together (the message says which).
    """
    data = {key: (value or "").strip() for key, value in raw.items()}
    for name, value in data.items():
        if len(value) > _MAX_LENGTH:
            raise CheckoutError(
                CheckoutErrorCode.INVALID_ADDRESS,
                _("This field is too long."),
                field=f"{prefix}.{_camel(name)}",
            )
    try:
        clean = thai_address_clean(
            first_name=data.get("first_name", ""),
            last_name=data.get("last_name", ""),
            phone=data.get("phone", ""),
            street_address_1=data.get("street_address_1", ""),
            street_address_2=data.get("street_address_2", ""),
            company_name=data.get("company_name", ""),
            subdistrict_code=data.get("subdistrict_code", ""),
            district_code=data.get("district_code", ""),
            postal_code=data.get("postal_code", ""),
            province_code=data.get("province_code") or None,
            country=data.get("country") or "TH",
        )
    except AccountError as exc:
        if exc.field == "country":
            code = CheckoutErrorCode.NOT_THAI_ADDRESS
        else:
            code = _CODES.get(exc.code, CheckoutErrorCode.INVALID_ADDRESS)
        raise CheckoutError(code, exc.message, field=f"{prefix}.{_camel(exc.field)}") from exc
    except PlaceError as exc:
        raise CheckoutError(
            CheckoutErrorCode.INVALID_ADDRESS,
            exc.message,
            field=f"{prefix}.{_camel(exc.field)}",
        ) from exc
    return clean.as_fields() | {
        # Short names the order e-mails and pages use, in the storefront's default language.
        "subdistrict_name": clean.subdistrict_name_th,
        "district_name": clean.district_name_th,
        "province_name": clean.province_name_th,
    }


_PLACES = {
    "district_code": "district",
    "subdistrict_code": "subdistrict",
    "province_code": "province",
}


def _camel(name: str | None) -> str:
    name = name or "postal_code"
    head, *rest = _PLACES.get(name, name).split("_")
    return head + "".join(part.capitalize() for part in rest)
