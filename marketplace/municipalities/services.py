"""Writes of municipalities and of Thailand's places."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Final, Literal, NoReturn

import geothai
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _

from marketplace.municipalities.errors import MunicipalityError, MunicipalityErrorCode
from marketplace.municipalities.models import District, Municipality, Province, Subdistrict

_BATCH_SIZE: Final = 2000


class _Unset:
    """Marks an argument of an update that the caller did not pass."""

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Final = _Unset()


def _raise_invalid(exc: ValidationError) -> NoReturn:
    """Turn the first problem `full_clean` found into a `MunicipalityError` naming its field."""
    error_dict = (
        exc.error_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.error_list}
    )
    name, errors = next(iter(error_dict.items()))
    first = errors[0]
    if name == "slug" and first.code == "unique":
        raise MunicipalityError(
            MunicipalityErrorCode.SLUG_TAKEN,
            _("Another municipality already uses this slug."),
            field="slug",
        ) from exc
    raise MunicipalityError(
        MunicipalityErrorCode.INVALID,
        " ".join(first.messages),
        field=None if name == NON_FIELD_ERRORS else name,
    ) from exc


def _save(municipality: Municipality) -> Municipality:
    try:
        municipality.full_clean()
    except ValidationError as exc:
        _raise_invalid(exc)
    try:
        with transaction.atomic():
            municipality.save()
    except IntegrityError as exc:  # a concurrent write took the slug after full_clean looked
        raise MunicipalityError(
            MunicipalityErrorCode.SLUG_TAKEN,
            _("Another municipality already uses this slug."),
            field="slug",
        ) from exc
    return municipality


def _province(code: str) -> Province:
    province = Province.objects.filter(code=code).first()
    if province is None:
        raise MunicipalityError(
            MunicipalityErrorCode.UNKNOWN_PROVINCE,
            _("Choose a province from the list."),
            field="province",
        )
    return province


@transaction.atomic
def municipality_create(
    *,
    slug: str,
    name_th: str,
    name_en: str,
    province_code: str,
    default_commission_rate: Decimal = Decimal("10.00"),
    is_active: bool = True,
) -> Municipality:
    """Create a municipality (tenant). Raises `MunicipalityError` (slug taken, unknown province,
    invalid field such as a commission rate outside 0 to 100)."""
    municipality = Municipality(
        slug=slug.strip(),
        name_th=name_th.strip(),
        name_en=name_en.strip(),
        province=_province(province_code),
        default_commission_rate=default_commission_rate,
        is_active=is_active,
    )
    return _save(municipality)


@transaction.atomic
def municipality_update(
    *,
    municipality: Municipality,
    slug: str | _Unset = UNSET,
    name_th: str | _Unset = UNSET,
    name_en: str | _Unset = UNSET,
    province_code: str | _Unset = UNSET,
    default_commission_rate: Decimal | _Unset = UNSET,
    is_active: bool | _Unset = UNSET,
) -> Municipality:
    """Change the fields passed, leave the others. Same errors as `municipality_create`.

    A new default commission rate applies to vendors approved later; existing vendors keep theirs.
    """
    if not isinstance(slug, _Unset):
        municipality.slug = slug.strip()
    if not isinstance(name_th, _Unset):
        municipality.name_th = name_th.strip()
    if not isinstance(name_en, _Unset):
        municipality.name_en = name_en.strip()
    if not isinstance(province_code, _Unset):
        municipality.province = _province(province_code)
    if not isinstance(default_commission_rate, _Unset):
        municipality.default_commission_rate = default_commission_rate
    if not isinstance(is_active, _Unset):
        municipality.is_active = is_active
    return _save(municipality)


Level = Literal["provinces", "districts", "subdistricts"]


@dataclass
class PlacesLoadResult:
    """What `places_load` changed, per level."""

    created: dict[Level, int] = field(default_factory=dict)
    updated: dict[Level, int] = field(default_factory=dict)
    # Codes we hold that geothai no longer lists (abolished places): kept, since rows refer to them.
    not_in_source: dict[Level, list[str]] = field(default_factory=dict)


def _sync(
    model: type[models.Model],
    level: Level,
    wanted: dict[str, dict[str, Any]],
    result: PlacesLoadResult,
) -> None:
    fields = sorted({name for values in wanted.values() for name in values})
    existing = {row["code"]: row for row in model._default_manager.values("code", *fields)}
    new = [model(code=code, **values) for code, values in wanted.items() if code not in existing]
    changed = [
        model(code=code, **values)
        for code, values in wanted.items()
        if code in existing and any(existing[code][k] != v for k, v in values.items())
    ]
    model._default_manager.bulk_create(new, batch_size=_BATCH_SIZE)
    if changed:
        model._default_manager.bulk_update(changed, fields, batch_size=_BATCH_SIZE)
    result.created[level] = len(new)
    result.updated[level] = len(changed)
    result.not_in_source[level] = sorted(set(existing) - set(wanted))


@transaction.atomic
def places_load() -> PlacesLoadResult:
    """Bring provinces, districts, subdistricts and postal codes in line with `geothai`.

    Idempotent: adds places that are new, updates names and postal codes that changed, and never
    deletes (vendors and addresses point at places; an abolished one is only reported).
    """
    result = PlacesLoadResult()
    provinces = geothai.provinces()
    districts = [d for p in provinces for d in geothai.districts(p.code)]
    subdistricts = [s for d in districts for s in geothai.subdistricts(d.code)]
    _sync(
        Province,
        "provinces",
        {p.code: {"name_th": p.name_th, "name_en": p.name_en} for p in provinces},
        result,
    )
    _sync(
        District,
        "districts",
        {
            d.code: {"name_th": d.name_th, "name_en": d.name_en, "province_id": d.province_code}
            for d in districts
        },
        result,
    )
    _sync(
        Subdistrict,
        "subdistricts",
        {
            s.code: {
                "name_th": s.name_th,
                "name_en": s.name_en,
                "district_id": s.district_code,
                "postal_codes": list(s.postal_codes),
            }
            for s in subdistricts
        },
        result,
    )
    return result
