"""Reads of Thailand's places, and the check that an address's places agree with each other."""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

from marketplace.municipalities.errors import PlaceError, PlaceErrorCode
from marketplace.municipalities.models import District, Subdistrict

_POSTAL_CODE = re.compile(r"^\d{5}$")


def location_validate(
    *,
    district_code: str,
    subdistrict_code: str,
    postal_code: str,
    province_code: str | None = None,
) -> Subdistrict:
    """Return the subdistrict when province, district, subdistrict and postal code agree.

    Raises `PlaceError` naming the first field that is wrong, so a form can show the message
    next to it. Used everywhere an address or a vendor location is written.
    """
    postal_code = postal_code.strip()
    if not _POSTAL_CODE.match(postal_code):
        raise PlaceError(
            PlaceErrorCode.INVALID_POSTAL_CODE,
            _("A Thai postal code has five digits."),
            field="postal_code",
        )
    if not Subdistrict.objects.filter(postal_codes__contains=[postal_code]).exists():
        raise PlaceError(
            PlaceErrorCode.UNKNOWN_POSTAL_CODE,
            _("Postal code %(postal_code)s does not exist in Thailand."),
            field="postal_code",
            params={"postal_code": postal_code},
        )
    district = District.objects.filter(code=district_code).first()
    if district is None:
        raise PlaceError(
            PlaceErrorCode.UNKNOWN_DISTRICT, _("Choose a district from the list."), field="district"
        )
    if province_code is not None and district.province_id != province_code:
        raise PlaceError(
            PlaceErrorCode.DISTRICT_NOT_IN_PROVINCE,
            _("This district is not in the chosen province."),
            field="district",
        )
    subdistrict = Subdistrict.objects.filter(code=subdistrict_code).first()
    if subdistrict is None:
        raise PlaceError(
            PlaceErrorCode.UNKNOWN_SUBDISTRICT,
            _("Choose a subdistrict from the list."),
            field="subdistrict",
        )
    if subdistrict.district_id != district.code:
        raise PlaceError(
            PlaceErrorCode.SUBDISTRICT_NOT_IN_DISTRICT,
            _("This subdistrict is not in the chosen district."),
            field="subdistrict",
        )
    if postal_code not in subdistrict.postal_codes:
        raise PlaceError(
            PlaceErrorCode.POSTAL_CODE_NOT_IN_SUBDISTRICT,
            _("Postal code %(postal_code)s does not serve %(subdistrict)s."),
            field="postal_code",
            params={"postal_code": postal_code, "subdistrict": subdistrict.name_th},
        )
    return subdistrict
