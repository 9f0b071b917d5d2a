"""Vendor queries of the storefront API: approved vendors only."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog import selectors
from marketplace.catalog.selectors import SortColumn
from marketplace.graphql.core.dataloaders import announce
from marketplace.graphql.core.global_ids import decode_global_id
from marketplace.graphql.core.i18n import request_language
from marketplace.graphql.core.lookups import require_one
from marketplace.graphql.core.pagination import Page, connection_args, paginate
from marketplace.graphql.vendors.types import VendorCountableConnection, VendorType
from marketplace.vendors.models import Vendor


class VendorQueries(graphene.ObjectType):
    vendors = graphene.Field(
        VendorCountableConnection,
        description="Approved vendors, by name in the request's language.",
        **connection_args(),
    )
    vendor = graphene.Field(
        VendorType,
        id=graphene.ID(),
        slug=graphene.String(),
        description="An approved vendor by ID or slug; null when there is none.",
    )

    @staticmethod
    def resolve_vendors(root: Any, info: graphene.ResolveInfo, **args: Any) -> Page[Vendor]:
        language = request_language()
        vendors = selectors.shopper_visible_vendors()
        ordered = vendors.annotate(sort_name=selectors.name_expression(language))
        columns = (SortColumn("sort_name", False, str), SortColumn("id", False, int))
        page: Page[Vendor] = paginate(
            ordered, columns, signature=f"vendor:name:{language}", count=vendors.count, **args
        )
        announce(info, page.items)
        return page

    @staticmethod
    def resolve_vendor(
        root: Any, info: graphene.ResolveInfo, id: str | None = None, slug: str | None = None
    ) -> Vendor | None:
        require_one(id=id, slug=slug)
        vendor = selectors.vendor_get_visible(
            vendor_id=decode_global_id(id, expected_type="Vendor", field="id") if id else None,
            slug=slug,
        )
        if vendor is not None:
            announce(info, [vendor])
        return vendor
