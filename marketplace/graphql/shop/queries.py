import graphene

from marketplace.graphql.shop.types import Shop


class ShopQueries(graphene.ObjectType):
    shop = graphene.Field(Shop, required=True, description="This marketplace's public settings.")

    @staticmethod
    def resolve_shop(root: object, info: graphene.ResolveInfo) -> Shop:
        return Shop()
