from __future__ import annotations

from enum import Enum

from marketplace.core.errors import DomainError


class PlaceErrorCode(Enum):
    UNKNOWN_PROVINCE = "unknown_province"
    UNKNOWN_DISTRICT = "unknown_district"
    UNKNOWN_SUBDISTRICT = "unknown_subdistrict"
    DISTRICT_NOT_IN_PROVINCE = "district_not_in_province"
    SUBDISTRICT_NOT_IN_DISTRICT = "subdistrict_not_in_district"
    INVALID_POSTAL_CODE = "invalid_postal_code"
    UNKNOWN_POSTAL_CODE = "unknown_postal_code"
    POSTAL_CODE_NOT_IN_SUBDISTRICT = "postal_code_not_in_subdistrict"


class PlaceError(DomainError):
    """An address or location names places that do not exist or do not belong together."""


class MunicipalityErrorCode(Enum):
    INVALID = "invalid"
    SLUG_TAKEN = "slug_taken"
    UNKNOWN_PROVINCE = "unknown_province"


class MunicipalityError(DomainError):
    """A municipality could not be created or changed."""
