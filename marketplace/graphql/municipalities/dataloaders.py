"""Loaders of places and municipalities (see core.dataloaders)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from marketplace.graphql.core.dataloaders import BatchLoader
from marketplace.municipalities.models import District, Municipality, Province, Subdistrict


class MunicipalityByIdLoader(BatchLoader[int, Municipality | None]):
    key_model = Municipality

    def batch_load(self, keys: Sequence[int]) -> Mapping[int, Municipality]:
        return Municipality.objects.in_bulk(keys)


class ProvinceByCodeLoader(BatchLoader[str, Province | None]):
    key_model = Province

    def batch_load(self, keys: Sequence[str]) -> Mapping[str, Province]:
        return Province.objects.in_bulk(keys)


class DistrictByCodeLoader(BatchLoader[str, District | None]):
    key_model = District

    def batch_load(self, keys: Sequence[str]) -> Mapping[str, District]:
        return District.objects.in_bulk(keys)


class SubdistrictByCodeLoader(BatchLoader[str, Subdistrict | None]):
    key_model = Subdistrict

    def batch_load(self, keys: Sequence[str]) -> Mapping[str, Subdistrict]:
        return Subdistrict.objects.in_bulk(keys)
