"""Search queries of the storefront API (mixed into the schema root by the lead)."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.graphql.core.i18n import request_language
from marketplace.graphql.search.types import SearchSuggestion
from search.selectors import product_autocomplete

MAX_PREFIX = 100


class SearchQueries(graphene.ObjectType):
    search_suggestions = graphene.Field(
        graphene.NonNull(graphene.List(graphene.NonNull(SearchSuggestion))),
        query=graphene.String(required=True, description="What the shopper has typed so far."),
        first=graphene.Int(default_value=8, description="At most this many (1 to 20)."),
        description="Autocomplete for the search box: products whose Thai, English or "
        "romanised name, or a word of it, starts with `query`.",
    )

    @staticmethod
    def resolve_search_suggestions(
        root: Any, info: graphene.ResolveInfo, query: str, first: int | None = 8
    ) -> list[SearchSuggestion]:
        english = request_language() == "en"
        # An explicit `first: null` means "the default", as in Saleor's lists.
        first = 8 if first is None else first
        return [
            SearchSuggestion.from_suggestion(suggestion, english=english)
            for suggestion in product_autocomplete(query[:MAX_PREFIX], limit=first)
        ]
