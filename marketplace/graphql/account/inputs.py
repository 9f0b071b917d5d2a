import graphene

from marketplace.graphql.core.enums import LanguageCodeEnum


class AccountRegisterInput(graphene.InputObjectType):
    first_name = graphene.String(description="Given name.")
    last_name = graphene.String(description="Family name.")
    language_code = LanguageCodeEnum(
        description="Language of the account's e-mails; the request's language when omitted."
    )
    email = graphene.String(required=True, description="The e-mail address of the user.")
    password = graphene.String(required=True, description="Password.")
    redirect_url = graphene.String(
        description=(
            "Storefront page the confirmation link leads to; `email` and `token` are added to its "
            "query string. Required."
        )
    )


class AddressInput(graphene.InputObjectType):
    """A Thai address. Places are geothai codes and must agree with each other and the postal
    code; fields left out of an update keep their value."""

    first_name = graphene.String(description="Given name.")
    last_name = graphene.String(description="Family name.")
    company_name = graphene.String(description="Company or group name.")
    street_address_1 = graphene.String(description="House number, village, soi, road.")
    street_address_2 = graphene.String(description="Second address line.")
    subdistrict_code = graphene.String(description="Subdistrict (tambon) code, e.g. 510101.")
    district_code = graphene.String(description="District (amphoe) code, e.g. 5101.")
    province_code = graphene.String(
        description="Province code, e.g. 51; taken from the district when omitted."
    )
    postal_code = graphene.String(description="Five-digit postal code.")
    country = graphene.String(description="Country code; only TH is served.")
    phone = graphene.String(description="Thai phone number, e.g. 081 234 5678.")
