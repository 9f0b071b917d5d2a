"""Thai postal addresses as the checkout stores them: validated, normalised, with place names."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

from marketplace.checkout.errors import CheckoutError, CheckoutErrorCode
from marketplace.municipalities.errors import PlaceError
from marketplace.municipalities.selectors import location_validate
from marketplace.vendors.phone import thai_phone_normalize

REQUIRED_FIELDS = (
    "first_name",
    "last_name",
    "phone",
    "street_address_1",
    "district_code",
    "subdistrict_code",
    "postal_code",
)
_MAX_LENGTH = 200


def address_clean(raw: Mapping[str, str | None], *, prefix: str) -> dict[str, str]:
    """Validate an address and return the snapshot stored on a checkout and copied to the order.

    `prefix` names the input in errors ("shippingAddress" → field "shippingAddress.postalCode").
    Raises `CheckoutError` for a missing field, a non-Thai country or phone number, and (through
    `location_validate`) places that do not exist or do not belong together.
    """
    data = {key: (value or "").strip() for key, value in raw.items()}
    country = data.get("country", "TH").upper() or "TH"
    if country != "TH":
        raise CheckoutError(
            CheckoutErrorCode.NOT_THAI_ADDRESS,
            _("Kad delivers within Thailand only."),
            field=f"{prefix}.country",
        )
    for name in REQUIRED_FIELDS:
        if not data.get(name):
            raise CheckoutError(
                CheckoutErrorCode.REQUIRED,
                _("This field is required."),
                field=f"{prefix}.{_camel(name)}",
            )
        if len(data[name]) > _MAX_LENGTH:
            raise CheckoutError(
                CheckoutErrorCode.INVALID_ADDRESS,
                _("This field is too long."),
                field=f"{prefix}.{_camel(name)}",
            )
    phone = thai_phone_normalize(data["phone"])
    if phone is None:
        raise CheckoutError(
            CheckoutErrorCode.INVALID_PHONE,
            _("Enter a Thai phone number, e.g. 081 234 5678."),
            field=f"{prefix}.phone",
        )
    try:
        subdistrict = location_validate(
            province_code=data.get("province_code") or None,
            district_code=data["district_code"],
            subdistrict_code=data["subdistrict_code"],
            postal_code=data["postal_code"],
        )
    except PlaceError as exc:
        raise CheckoutError(
            CheckoutErrorCode.INVALID_ADDRESS,
            exc.message,
            field=f"{prefix}.{_camel(exc.field or 'postal_code')}",
        ) from exc
    district = subdistrict.district
    province = district.province
    return {
        "first_name": data["first_name"],
        "last_name": data["last_name"],
        "phone": phone,
        "street_address_1": data["street_address_1"],
        "street_address_2": data.get("street_address_2", ""),
        "subdistrict_code": subdistrict.code,
        "subdistrict_name": subdistrict.name_th,
        "district_code": district.code,
        "district_name": district.name_th,
        "province_code": province.code,
        "province_name": province.name_th,
        "postal_code": data["postal_code"],
        "country": "TH",
    }


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)
