"""Put a domain error next to the form field it names."""

from __future__ import annotations

import re
from collections.abc import Mapping

from django import forms
from django.core.exceptions import ValidationError

from marketplace.core.errors import DomainError

# The services name address parts by their code fields; the forms by the place.
_ADDRESS_FIELDS = {
    "district_code": "district",
    "subdistrict_code": "subdistrict",
    "province_code": "province",
}


def _snake(name: str) -> str:
    """ "shippingAddress.postalCode" → "postal_code"."""
    last = name.rsplit(".", 1)[-1]
    return re.sub(r"(?<!^)([A-Z0-9])", r"_\1", last).lower()


def field_of(error: DomainError, form: forms.Form, aliases: Mapping[str, str] | None = None) -> str:
    """The form field the error is about, or "" for the form as a whole."""
    if not error.field:
        return ""
    name = (aliases or {}).get(error.field) or _snake(error.field)
    name = _ADDRESS_FIELDS.get(name, name)
    return name if name in form.fields else ""


def add_domain_error(
    form: forms.Form, error: DomainError, aliases: Mapping[str, str] | None = None
) -> None:
    form.add_error(field_of(error, form, aliases) or None, error.message)


def add_validation_error(form: forms.Form, error: ValidationError) -> None:
    """A `ValidationError` from a service (password rules) onto the fields it names."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            target = name if name in form.fields else None
            for item in errors:
                form.add_error(target, item.messages)
    else:
        form.add_error(None, error.messages)
