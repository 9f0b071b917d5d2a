import graphene
from django.conf import settings
from django.utils.translation import get_language


class LanguageDisplay(graphene.ObjectType):
    code = graphene.String(required=True, description="Language code, e.g. TH or EN.")
    language = graphene.String(required=True, description="The language's own name.")


class Shop(graphene.ObjectType):
    """Public facts about this Kad deployment (Saleor's `shop`)."""

    name = graphene.String(required=True)
    default_currency = graphene.String(required=True)
    default_language = graphene.Field(LanguageDisplay, required=True)
    languages = graphene.List(graphene.NonNull(LanguageDisplay), required=True)
    current_language = graphene.String(required=True, description="The request's language.")

    @staticmethod
    def resolve_name(root: object, info: graphene.ResolveInfo) -> str:
        return "Kad"

    @staticmethod
    def resolve_default_currency(root: object, info: graphene.ResolveInfo) -> str:
        return "THB"

    @staticmethod
    def resolve_default_language(root: object, info: graphene.ResolveInfo) -> LanguageDisplay:
        return _language(settings.LANGUAGE_CODE)

    @staticmethod
    def resolve_languages(root: object, info: graphene.ResolveInfo) -> list[LanguageDisplay]:
        return [_language(code) for code, _name in settings.LANGUAGES]

    @staticmethod
    def resolve_current_language(root: object, info: graphene.ResolveInfo) -> str:
        return (get_language() or settings.LANGUAGE_CODE).upper()


_NATIVE_NAMES = {"th": "ไทย", "en": "English"}


def _language(code: str) -> LanguageDisplay:
    return LanguageDisplay(code=code.upper(), language=_NATIVE_NAMES.get(code, code))
