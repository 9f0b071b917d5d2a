"""Forms of the listing pages: few fields each, plain words, Thai first.

Forms only parse input; the rules are the catalogue services', whose errors the views put next
to the field they name."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.models import Category, ProductType
from marketplace.core.errors import DomainError


def add_domain_error(form: forms.Form, error: DomainError) -> None:
    """Show a service's refusal next to its field (or above the form)."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


class ProductForm(forms.Form):
    name_th = forms.CharField(label=_("Product name (Thai)"), max_length=250)
    name_en = forms.CharField(
        label=_("Product name (English)"),
        max_length=250,
        required=False,
        help_text=_("Optional. Helps visitors who do not read Thai."),
    )
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.order_by("path", "sort_order", "name_th")
    )
    description_th = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What it is made of, how it is made, its size."),
    )


class ProductCreateForm(ProductForm):
    product_type = forms.ModelChoiceField(
        label=_("Kind of product"),
        queryset=ProductType.objects.order_by("name_th"),
        required=False,
        empty_label=_("General (sizes and colours)"),
    )
    field_order = ["name_th", "category", "product_type", "name_en", "description_th"]


class VariantForm(forms.Form):
    size = forms.CharField(
        label=_("Size"), max_length=100, required=False, help_text=_("For example: 2 metres, M")
    )
    colour = forms.CharField(label=_("Colour"), max_length=100, required=False)
    price = forms.DecimalField(
        label=_("Price (baht)"),
        min_value=0,
        max_digits=12,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01"}),
    )
    stock = forms.IntegerField(
        label=_("In stock"),
        min_value=0,
        initial=0,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    weight_grams = forms.IntegerField(
        label=_("Weight (grams)"),
        min_value=0,
        required=False,
        help_text=_("With its packing; used for the delivery price."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    sku = forms.CharField(
        label=_("Your code for it (SKU)"),
        max_length=64,
        required=False,
        help_text=_("Optional; we make one when you leave it empty."),
    )


class PhotoForm(forms.Form):
    # A FileField, not an ImageField: the catalogue's image checks give the message.
    image = forms.FileField(
        label=_("Photo"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )
    alt_th = forms.CharField(
        label=_("What the photo shows"),
        max_length=250,
        required=False,
        help_text=_("Read aloud for people who cannot see the photo."),
    )


class AltForm(forms.Form):
    alt_th = forms.CharField(label=_("What the photo shows"), max_length=250, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Product sheet (CSV or Excel)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )
    only_valid_rows = forms.BooleanField(
        label=_("Import only the valid rows (skip rows with problems)"), required=False
    )
