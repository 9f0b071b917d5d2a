"""A slug field that accepts Thai.

Django's unicode slugs allow only `\\w` characters, and Python's `\\w` excludes the combining
marks Thai writes with (vowel signs above and below, tone marks): Django would turn ผ้าไหม into
ผาไหม. These slugs keep Thai words whole.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# Letters, digits and the Thai block (which holds the combining marks), joined by hyphens.
_SLUG_PATTERN = re.compile(r"^[-\w\u0E00-\u0E7F]+\Z")
_NOT_SLUG_CHARACTERS = re.compile(r"[^\w\u0E00-\u0E7F\s-]")
_SEPARATORS = re.compile(r"[-\s_]+")

validate_thai_slug = RegexValidator(
    _SLUG_PATTERN,
    _("Use letters (Thai or English), digits and hyphens only."),
    code="invalid",
)


def thai_slugify(value: str) -> str:
    """Lower-case, NFC-normalised, punctuation removed, words joined with single hyphens."""
    text = unicodedata.normalize("NFC", value).lower()
    text = _NOT_SLUG_CHARACTERS.sub("", text)
    return _SEPARATORS.sub("-", text).strip("-")


class ThaiSlugFormField(forms.CharField):
    default_validators = [validate_thai_slug]


class ThaiSlugField(models.SlugField):
    """A `SlugField` (same column and index) whose validation accepts Thai words whole."""

    default_validators = [validate_thai_slug]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # SlugField would put its own unicode validator on the instance (and CharField caches the
        # validators during __init__), so it is told "not unicode" and the flag is set after.
        kwargs.pop("allow_unicode", None)
        super().__init__(*args, **kwargs)
        self.allow_unicode = True

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("allow_unicode", None)
        return name, path, args, kwargs

    def formfield(
        self,
        form_class: type[forms.Field] | None = None,
        choices_form_class: type[forms.ChoiceField] | None = None,
        **kwargs: Any,
    ) -> forms.Field | None:
        # Skip SlugField.formfield: its form field would add Django's unicode-slug validator.
        return models.CharField.formfield(
            self,
            form_class=form_class or ThaiSlugFormField,
            choices_form_class=choices_form_class,
            **kwargs,
        )
