import graphene

from marketplace.graphql.account.inputs import AddressInput
from marketplace.graphql.core.enums import LanguageCodeEnum


class CheckoutLineInput(graphene.InputObjectType):
    quantity = graphene.Int(required=True, description="The number of items purchased.")
    variant_id = graphene.ID(required=True, description="ID of the product variant.")


class CheckoutLineUpdateInput(graphene.InputObjectType):
    quantity = graphene.Int(required=True, description="The new quantity; 0 removes the line.")
    variant_id = graphene.ID(required=True, description="ID of the product variant.")


class CheckoutCreateInput(graphene.InputObjectType):
    lines = graphene.List(graphene.NonNull(CheckoutLineInput), description="The cart's lines.")
    email = graphene.String(description="The customer's e-mail address.")
    shipping_address = AddressInput(description="The delivery address.")
    billing_address = AddressInput(description="The billing address.")
    language_code = LanguageCodeEnum(description="Language of the order's e-mails.")
