"""`translation(languageCode:)` on translatable types, as in Saleor.

Kad stores each text twice, `<field>_th` and `<field>_en`. Thai is the original, so
`translation(languageCode: TH)` always answers; `EN` answers when some English text exists and
is null otherwise (the plain fields then fall back to Thai).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import graphene

from marketplace.graphql.core.commerce_types import enum_value
from marketplace.graphql.core.enums import LanguageCodeEnum
from marketplace.graphql.shop.types import LanguageDisplay

_NATIVE_NAMES = {"th": "ไทย", "en": "English"}


def language_display(code: str) -> LanguageDisplay:
    return LanguageDisplay(code=code.upper(), language=_NATIVE_NAMES.get(code, code))


@dataclass(frozen=True)
class TranslationRoot:
    instance: Any
    language: str

    def text(self, field: str) -> str | None:
        return getattr(self.instance, f"{field}_{self.language}", "") or None

    def language_display(self) -> LanguageDisplay:
        return language_display(self.language)


def translation_field(translation_type: type[graphene.ObjectType]) -> graphene.Field:
    return graphene.Field(
        translation_type,
        language_code=graphene.Argument(
            LanguageCodeEnum, required=True, description="The language of the text."
        ),
        description="The text in one language; null when there is none in that language.",
    )


def translation_of(
    instance: Any, language_code: Any, fields: Sequence[str]
) -> TranslationRoot | None:
    language = enum_value(language_code)
    root = TranslationRoot(instance, language)
    if language == "th" or any(root.text(field) for field in fields):
        return root
    return None
