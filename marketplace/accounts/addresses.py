"""Validation of Thai postal addresses, shared by saved addresses and the checkout.

`phone_validate` and `thai_address_clean` only read; they raise the error that names the field at
fault and return the normalised values to store. The checkout uses them for guest addresses.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from marketplace.accounts.errors import AccountError, AccountErrorCode
from marketplace.core.phone import thai_phone_normalize
from marketplace.municipalities.errors import PlaceError
from marketplace.municipalities.selectors import location_validate

# location_validate names places by their role; addresses name the code fields.
_PLACE_FIELDS = {"district": "district_code", "subdistrict": "subdistrict_code"}


def phone_validate(phone: str, *, field: str = "phone") -> str:
    """The national form ("0812345678") of a Thai phone number.

    Mobile numbers (06/08/09 + 8 digits) and fixed lines (0 + area digit + 7 digits) are accepted
    with spaces, dashes or the +66 prefix. Raises `AccountError` (`REQUIRED` or `INVALID_PHONE`).
    """
    if not phone.strip():
        raise AccountError(
            AccountErrorCode.REQUIRED, _("Enter a phone number for the courier."), field=field
        )
    normalized = thai_phone_normalize(phone)
    if normalized is None:
        raise AccountError(
            AccountErrorCode.INVALID_PHONE,
            _("Enter a Thai phone number, such as 081 234 5678 or 053 511 111."),
            field=field,
        )
    return normalized


@dataclass(frozen=True)
class CleanAddress:
    """An address whose phone is normalised and whose places agree, with their names."""

    first_name: str
    last_name: str
    company_name: str
    phone: str
    street_address_1: str
    street_address_2: str
    subdistrict_code: str
    subdistrict_name_th: str
    subdistrict_name_en: str
    district_code: str
    district_name_th: str
    district_name_en: str
    province_code: str
    province_name_th: str
    province_name_en: str
    postal_code: str
    country: str = "TH"

    def as_fields(self) -> dict[str, str]:
        return dict(self.__dict__)


def thai_address_clean(
    *,
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
) -> CleanAddress:
    """Check a Thai address and return it normalised, or raise for the first field at fault.

    Raises `AccountError` for a missing name or street, a non-Thai country or phone, and
    `PlaceError` (field `postal_code`, `district_code` or `subdistrict_code`) when the places do
    not exist or do not belong together.
    """
    required = {
        "first_name": first_name,
        "last_name": last_name,
        "street_address_1": street_address_1,
    }
    for field, value in required.items():
        if not value.strip():
            raise AccountError(AccountErrorCode.REQUIRED, _("This field is required."), field=field)
    if country.strip().upper() != "TH":
        raise AccountError(
            AccountErrorCode.INVALID,
            _("Kad delivers within Thailand only."),
            field="country",
        )
    normalized_phone = phone_validate(phone)
    try:
        subdistrict = location_validate(
            district_code=district_code.strip(),
            subdistrict_code=subdistrict_code.strip(),
            postal_code=postal_code,
            province_code=province_code.strip() if province_code else None,
        )
    except PlaceError as exc:
        exc.field = _PLACE_FIELDS.get(exc.field or "", exc.field)
        raise
    district = subdistrict.district
    province = district.province
    return CleanAddress(
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        company_name=company_name.strip(),
        phone=normalized_phone,
        street_address_1=street_address_1.strip(),
        street_address_2=street_address_2.strip(),
        subdistrict_code=subdistrict.code,
        subdistrict_name_th=subdistrict.name_th,
        subdistrict_name_en=subdistrict.name_en,
        district_code=district.code,
        district_name_th=district.name_th,
        district_name_en=district.name_en,
        province_code=province.code,
        province_name_th=province.name_th,
        province_name_en=province.name_en,
        postal_code=postal_code.strip(),
    )
