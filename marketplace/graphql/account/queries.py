import graphene

from marketplace.accounts.models import User as UserModel
from marketplace.graphql.account.types import User
from marketplace.graphql.core.context import api_user


class AccountQueries(graphene.ObjectType):
    me = graphene.Field(User, description="The signed-in user (from the bearer token), or null.")

    @staticmethod
    def resolve_me(root: object, info: graphene.ResolveInfo) -> UserModel | None:
        return api_user(info)
