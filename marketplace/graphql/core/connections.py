"""The base of every list in the API: a Relay connection with `totalCount` (Saleor's shape)."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.graphql.core.pagination import Page


class CountableConnection(graphene.relay.Connection):
    """Its root is a `pagination.Page`; `totalCount` runs a COUNT only when it is asked for."""

    class Meta:
        abstract = True

    total_count = graphene.Int(description="How many elements match, across all pages.")

    @staticmethod
    def resolve_total_count(root: Page[Any], info: graphene.ResolveInfo) -> int:
        return root.total_count()
