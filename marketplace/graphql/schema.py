"""The GraphQL schema root: one query class per domain, mixed in here."""

import graphene

from marketplace.graphql.account.mutations import AccountMutations
from marketplace.graphql.account.queries import AccountQueries
from marketplace.graphql.analytics.queries import AnalyticsQueries
from marketplace.graphql.catalog.mutations import CatalogMutations
from marketplace.graphql.catalog.queries import CatalogQueries
from marketplace.graphql.checkout.mutations import CheckoutMutations
from marketplace.graphql.checkout.queries import CheckoutQueries
from marketplace.graphql.municipalities.queries import MunicipalityQueries
from marketplace.graphql.orders.mutations import VendorOrderMutations
from marketplace.graphql.orders.queries import OrderQueries
from marketplace.graphql.payments.mutations import PaymentMutations
from marketplace.graphql.search.queries import SearchQueries
from marketplace.graphql.shop.queries import ShopQueries
from marketplace.graphql.vendors.queries import VendorQueries


class Query(
    CatalogQueries,
    VendorQueries,
    MunicipalityQueries,
    AccountQueries,
    CheckoutQueries,
    OrderQueries,
    AnalyticsQueries,
    SearchQueries,
    ShopQueries,
    graphene.ObjectType,
):
    pass


class Mutation(
    AccountMutations,
    CheckoutMutations,
    PaymentMutations,
    CatalogMutations,
    VendorOrderMutations,
    graphene.ObjectType,
):
    pass


schema = graphene.Schema(query=Query, mutation=Mutation)
