import graphene


class LanguageCodeEnum(graphene.Enum):
    """The languages Kad speaks (Saleor's enum, limited to the languages of this site)."""

    TH = "th"
    EN = "en"
