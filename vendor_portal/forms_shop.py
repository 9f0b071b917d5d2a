"""Forms of the portal's onboarding, team and order pages.

They parse and check what a person typed so that each problem shows next to its field; the
rules themselves stay in the services (which the views call and whose errors they map back).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from marketplace.core.errors import DomainError
from marketplace.core.phone import thai_phone_normalize
from marketplace.municipalities.models import Municipality
from marketplace.municipalities.selectors import (
    district_list,
    location_validate,
    municipality_list,
    subdistrict_list,
)
from marketplace.vendors.documents import registration_document_check
from marketplace.vendors.models import VendorKind

# Carriers Thai makers use most; the field still accepts any other name.
CARRIERS = (
    "ไปรษณีย์ไทย",
    "Kerry Express",
    "Flash Express",
    "J&T Express",
    "Best Express",
    "SCG Express",
    "Ninja Van",
    "Lalamove",
)


def _choices(form: forms.Form, name: str, choices: list[tuple[str, Any]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared as one below
    field.choices = choices


def add_domain_error(form: forms.Form, exc: DomainError) -> None:
    """Show a service's error next to its field (or above the form when it names none)."""
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


class SignupForm(forms.Form):
    first_name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        help_text=_("At least 8 characters. A short sentence you will remember is good."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


# --- the shop application, one short step per screen -------------------------------------------


class ShopStepForm(forms.Form):
    name_th = forms.CharField(
        label=_("Shop name (in Thai)"),
        max_length=200,
        error_messages={"required": _("Enter the shop's name in Thai.")},
    )
    name_en = forms.CharField(
        label=_("Shop name in English (if you have one)"), max_length=200, required=False
    )
    kind = forms.ChoiceField(
        label=_("Who sells?"),
        choices=VendorKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who sells.")},
    )
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        municipalities = list(municipality_list())
        if len(municipalities) > 1:
            self.fields["municipality"].required = True
            _choices(
                self,
                "municipality",
                [("", _("Choose…"))] + [(m.slug, m.name_th) for m in municipalities],
            )
        else:
            # One city hosts Kad: nothing to choose.
            del self.fields["municipality"]
        self.only_municipality = municipalities[0] if len(municipalities) == 1 else None


class PlaceStepForm(forms.Form):
    """District and subdistrict of the municipality's province, chained: the subdistricts (and
    their postal codes) are those of the district chosen."""

    district = forms.ChoiceField(
        label=_("District (amphoe)"), error_messages={"required": _("Choose the district.")}
    )
    subdistrict = forms.ChoiceField(
        label=_("Subdistrict (tambon)"),
        error_messages={"required": _("Choose the subdistrict.")},
    )
    postal_code = forms.ChoiceField(
        label=_("Postal code"), error_messages={"required": _("Choose the postal code.")}
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        choose = [("", _("Choose…"))]
        districts = district_list(province_code=municipality.province_id)
        _choices(self, "district", choose + [(d.code, d.name_th) for d in districts])
        district = self._value("district")
        subdistricts = list(subdistrict_list(district_code=district)) if district else []
        _choices(self, "subdistrict", choose + [(s.code, s.name_th) for s in subdistricts])
        subdistrict_code = self._value("subdistrict")
        chosen = next((s for s in subdistricts if s.code == subdistrict_code), None)
        codes = sorted(
            {code for s in ([chosen] if chosen else subdistricts) for code in s.postal_codes}
        )
        _choices(
            self,
            "postal_code",
            (choose if len(codes) != 1 else []) + [(code, code) for code in codes],
        )

    def _value(self, name: str) -> str:
        value = self.data.get(name) if self.is_bound else self.initial.get(name)
        return str(value or "")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        try:
            location_validate(
                province_code=self.municipality.province_id,
                district_code=data["district"],
                subdistrict_code=data["subdistrict"],
                postal_code=data["postal_code"],
            )
        except DomainError as exc:
            add_domain_error(self, exc)
        return data


class ContactStepForm(forms.Form):
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=20,
        help_text=_("The co-op calls this number about your shop and orders."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        error_messages={"required": _("Enter a phone number the co-op can call.")},
    )
    line_id = forms.CharField(label=_("LINE ID (if you have one)"), max_length=50, required=False)
    story_th = forms.CharField(
        label=_("Your story"),
        required=False,
        help_text=_("What do you make, and how? Shoppers like to know the maker."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def clean_phone(self) -> str:
        phone = str(self.cleaned_data["phone"])
        if thai_phone_normalize(phone) is None:
            raise ValidationError(
                _("Enter a Thai phone number, such as 081 234 5678 or 053 511 111.")
            )
        return phone


class DocumentStepForm(forms.Form):
    registration_document = forms.FileField(
        label=_("Registration document"),
        help_text=_(
            "A photo or PDF of your community enterprise or OTOP registration, or of your ID "
            "card if you sell on your own."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/*"}),
        error_messages={"required": _("Add a photo or PDF of the document.")},
    )

    def __init__(self, *args: Any, document_on_file: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A re-application keeps the document already sent unless a new one is chosen.
        self.fields["registration_document"].required = not document_on_file

    def clean_registration_document(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("registration_document")
        if upload:
            try:
                registration_document_check(upload)
            except DomainError as exc:
                raise ValidationError(exc.message) from exc
        return upload or None


# --- team and orders -----------------------------------------------------------------------------


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail of the person to invite"),
        widget=forms.EmailInput(attrs={"autocomplete": "off", "inputmode": "email"}),
    )


class ShipForm(forms.Form):
    carrier = forms.CharField(
        label=_("Carrier"),
        max_length=100,
        required=False,  # pick-up parcels need none; the service says when it is missing
        widget=forms.TextInput(attrs={"list": "carriers", "autocomplete": "off"}),
    )
    tracking_number = forms.CharField(
        label=_("Tracking number"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why can't you send this order?"),
        help_text=_("The shopper reads this. Their money is refunded."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why the order is cancelled.")},
    )
