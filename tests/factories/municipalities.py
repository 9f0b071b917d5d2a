"""Places of Lamphun with their real geothai codes (the data migration loads the same rows)."""

import factory

from marketplace.municipalities.models import District, Municipality, Province, Subdistrict


def lamphun() -> Province:
    province, _ = Province.objects.get_or_create(
        code="51", defaults={"name_th": "ลำพูน", "name_en": "Lamphun"}
    )
    return province


def mueang_lamphun() -> District:
    district, _ = District.objects.get_or_create(
        code="5101",
        defaults={"province": lamphun(), "name_th": "เมืองลำพูน", "name_en": "Mueang Lamphun"},
    )
    return district


def nai_mueang() -> Subdistrict:
    """ในเมือง, Mueang Lamphun, 51000."""
    subdistrict, _ = Subdistrict.objects.get_or_create(
        code="510101",
        defaults={
            "district": mueang_lamphun(),
            "name_th": "ในเมือง",
            "name_en": "Nai Mueang",
            "postal_codes": ["51000"],
        },
    )
    return subdistrict


def pa_sang() -> District:
    district, _ = District.objects.get_or_create(
        code="5106",
        defaults={"province": lamphun(), "name_th": "ป่าซาง", "name_en": "Pa Sang"},
    )
    return district


def pa_sang_subdistrict() -> Subdistrict:
    """ป่าซาง, Pa Sang, 51120."""
    subdistrict, _ = Subdistrict.objects.get_or_create(
        code="510602",
        defaults={
            "district": pa_sang(),
            "name_th": "ป่าซาง",
            "name_en": "Pa Sang",
            "postal_codes": ["51120"],
        },
    )
    return subdistrict


def phra_nakhon() -> District:
    """เขตพระนคร, Bangkok: a district of another province."""
    return District.objects.get(code="1001")


def phra_borom_maha_ratchawang() -> Subdistrict:
    """พระบรมมหาราชวัง, Phra Nakhon, Bangkok, 10200."""
    return Subdistrict.objects.get(code="100101")


class MunicipalityFactory(factory.django.DjangoModelFactory[Municipality]):
    class Meta:
        model = Municipality
        django_get_or_create = ("slug",)

    slug = "lamphun"
    name_th = "เทศบาลเมืองลำพูน"
    name_en = "Lamphun Town Municipality"
    province = factory.LazyFunction(lamphun)
