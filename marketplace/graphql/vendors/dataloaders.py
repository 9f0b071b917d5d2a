"""Loaders of vendors (see core.dataloaders)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from marketplace.graphql.core.dataloaders import BatchLoader
from marketplace.vendors.models import Vendor


class VendorByIdLoader(BatchLoader[int, Vendor | None]):
    """Vendors by id, whatever their status: callers reach them through visible products."""

    key_model = Vendor

    def batch_load(self, keys: Sequence[int]) -> Mapping[int, Vendor]:
        return Vendor.objects.in_bulk(keys)
