from __future__ import annotations

import graphene
from graphql_relay import to_global_id

from search.types import Suggestion


class SearchSuggestion(graphene.ObjectType):
    """A product the search box can complete to."""

    id = graphene.ID(required=True, description="The product's global ID.")
    slug = graphene.String(required=True)
    name = graphene.String(required=True, description="The name in the request's language.")
    name_th = graphene.String(required=True)
    name_en = graphene.String(required=True)

    @staticmethod
    def from_suggestion(suggestion: Suggestion, *, english: bool) -> SearchSuggestion:
        return SearchSuggestion(
            id=to_global_id("Product", str(suggestion.product_id)),
            slug=suggestion.slug,
            name=(suggestion.name_en or suggestion.name_th) if english else suggestion.name_th,
            name_th=suggestion.name_th,
            name_en=suggestion.name_en,
        )
