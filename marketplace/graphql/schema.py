"""The GraphQL schema root: one query class per domain, mixed in here."""

import graphene

from marketplace.graphql.shop.queries import ShopQueries


class Query(ShopQueries, graphene.ObjectType):
    pass


schema = graphene.Schema(query=Query)
