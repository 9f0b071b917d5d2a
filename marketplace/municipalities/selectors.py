"""Reads of Thailand's places, and the check that an address's places agree with each other."""

from __future__ import annotations

import re

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from marketplace.municipalities.errors import PlaceError, PlaceErrorCode
from marketplace.municipalities.models import District, Municipality, Province, Subdistrict

_POSTAL_CODE = re.compile(r"^\d{5}$")


def province_list() -> QuerySet[Province]:
    """Every province, in Thai alphabetical order (as Thai address forms list them)."""
    return Province.objects.order_by("name_th")


def district_list(*, province_code: str) -> QuerySet[District]:
    """The districts of a province (empty for an unknown code), in code order."""
    return District.objects.filter(province_id=province_code).order_by("code")


def subdistrict_list(*, district_code: str) -> QuerySet[Subdistrict]:
    """The subdistricts of a district (empty for an unknown code), in code order."""
    return Subdistrict.objects.filter(district_id=district_code).order_by("code")


def subdistrict_list_by_postal_code(*, postal_code: str) -> QuerySet[Subdistrict]:
    """The subdistricts a postal code serves, with their district and province loaded.

    Lets an address form fill in subdistrict, district and province from the postal code.
    """
    return (
        Subdistrict.objects.filter(postal_codes__contains=[postal_code.strip()])
        .select_related("district__province")
        .order_by("code")
    )


def municipality_list(*, active_only: bool = True) -> QuerySet[Municipality]:
    """Municipalities hosting Kad, with their province loaded."""
    municipalities = Municipality.objects.select_related("province").order_by("name_th")
    return municipalities.filter(is_active=True) if active_only else municipalities


def municipality_get(*, slug: str, active_only: bool = True) -> Municipality | None:
    return municipality_list(active_only=active_only).filter(slug=slug).first()


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


def subdistrict_get(*, code: str) -> Subdistrict | None:
    """One subdistrict by its geothai code (None for an unknown code)."""
    return Subdistrict.objects.filter(code=code.strip()).first() if code.strip() else None
