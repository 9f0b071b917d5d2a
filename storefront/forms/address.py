"""The Thai address form: province → district → subdistrict → postal code, from geothai.

Each list depends on the choice before it. With htmx the next list arrives as soon as a place is
chosen; without JavaScript the shopper presses "Show the next list" and the form comes back with
it (nothing typed is lost). Whether the places belong together is the domain's check
(`accounts.addresses.thai_address_clean`); this form only asks for each part.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from marketplace.municipalities.models import District, Province, Subdistrict
from marketplace.municipalities.selectors import (
    district_list,
    province_list,
    subdistrict_get,
    subdistrict_list,
)

PLACE_FIELDS = ("province", "district", "subdistrict", "postal_code")


def _name(place: Province | District | Subdistrict) -> str:
    english = (get_language() or "th").startswith("en")
    return (place.name_en or place.name_th) if english else place.name_th


class ThaiAddressForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=20,
        help_text=_("For the courier, e.g. 081 234 5678"),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    street_address_1 = forms.CharField(
        label=_("House number, village, road"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    street_address_2 = forms.CharField(
        label=_("More details (optional)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-line2"}),
    )
    province = forms.CharField(
        label=_("Province"),
        widget=forms.Select(),
        error_messages={"required": _("Choose a province from the list.")},
    )
    district = forms.CharField(
        label=_("District"),
        widget=forms.Select(),
        error_messages={"required": _("Choose a district from the list.")},
    )
    subdistrict = forms.CharField(
        label=_("Subdistrict"),
        widget=forms.Select(),
        error_messages={"required": _("Choose a subdistrict from the list.")},
    )
    postal_code = forms.CharField(
        label=_("Postal code"),
        max_length=5,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "postal-code", "pattern": "[0-9]{5}"}
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self._place_choices()

    def _value(self, name: str) -> str:
        value = self.data.get(name) if self.is_bound else self.initial.get(name)
        return str(value or "").strip()

    def _place_choices(self) -> None:
        province, district = self._value("province"), self._value("district")
        choose = [("", _("— choose —"))]
        provinces = [(p.code, _name(p)) for p in province_list()]
        districts = (
            [(d.code, _name(d)) for d in district_list(province_code=province)] if province else []
        )
        if district not in {code for code, _label in districts}:
            district = ""
        subdistricts = (
            [(s.code, _name(s)) for s in subdistrict_list(district_code=district)]
            if district
            else []
        )
        self.fields["province"].widget.choices = choose + provinces
        self.fields["district"].widget.choices = choose + districts
        self.fields["subdistrict"].widget.choices = choose + subdistricts

    def suggest_postal_code(self) -> None:
        """When the chosen subdistrict has one postal code, fill it in (unless the one typed
        already serves it)."""
        if self.is_bound:
            return
        subdistrict = subdistrict_get(code=self._value("subdistrict"))
        if subdistrict is None or self._value("postal_code") in subdistrict.postal_codes:
            return
        if len(subdistrict.postal_codes) == 1:
            self.initial["postal_code"] = subdistrict.postal_codes[0]

    def address(self) -> dict[str, str]:
        """The cleaned input under the names the address services take."""
        data = self.cleaned_data
        return {
            "first_name": data["first_name"],
            "last_name": data["last_name"],
            "phone": data["phone"],
            "street_address_1": data["street_address_1"],
            "street_address_2": data.get("street_address_2", ""),
            "province_code": data["province"],
            "district_code": data["district"],
            "subdistrict_code": data["subdistrict"],
            "postal_code": data["postal_code"],
            "country": "TH",
        }


def address_initial(snapshot: dict[str, Any] | None) -> dict[str, str]:
    """Form values from a stored address (a checkout's snapshot or a saved `Address`'s fields)."""
    if not snapshot:
        return {}
    return {
        "first_name": snapshot.get("first_name", ""),
        "last_name": snapshot.get("last_name", ""),
        "phone": snapshot.get("phone", ""),
        "street_address_1": snapshot.get("street_address_1", ""),
        "street_address_2": snapshot.get("street_address_2", ""),
        "province": snapshot.get("province_code", ""),
        "district": snapshot.get("district_code", ""),
        "subdistrict": snapshot.get("subdistrict_code", ""),
        "postal_code": snapshot.get("postal_code", ""),
    }


def refreshed_address_form(
    form_class: type[ThaiAddressForm], data: Any, **kwargs: Any
) -> ThaiAddressForm:
    """The form again with what was typed and the next list of places, without any errors
    (the shopper asked for the list, not to save)."""
    initial = {name: data.get(name, "") for name in form_class.base_fields}
    form = form_class(initial=initial, **kwargs)
    form.suggest_postal_code()
    return form
