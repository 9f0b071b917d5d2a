"""A test-only /graphql/ endpoint serving the account queries and mutations.

The real schema root (marketplace/graphql/schema.py) wires these classes in separately; until
then the tests go through the same view and middleware with this schema.
"""

import graphene
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from marketplace.graphql.account.mutations import AccountMutations
from marketplace.graphql.account.queries import AccountQueries
from marketplace.graphql.shop.queries import ShopQueries
from marketplace.graphql.views import KadGraphQLView


class Query(AccountQueries, ShopQueries, graphene.ObjectType):
    pass


schema = graphene.Schema(query=Query, mutation=AccountMutations)

urlpatterns = [path("graphql/", csrf_exempt(KadGraphQLView.as_view(schema=schema)))]
