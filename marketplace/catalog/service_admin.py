"""Admin forms that write through the domain services.

A `ServiceModelForm` calls its service once the model form's own checks pass, so a
`DomainError` becomes an error next to its field instead of a 500, and the admin's `save_model`
has nothing left to do. The change view runs in a transaction that is rolled back when the page
comes back with errors, so a product saved by its form is not kept when one of its variant rows
is refused.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse

from marketplace.core.errors import DomainError


def add_domain_error(form: forms.BaseForm, error: DomainError) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


def adopt(instance: models.Model, saved: models.Model) -> None:
    """Make `instance` (the object the admin and its inlines hold) the row the service saved."""
    for field in saved._meta.concrete_fields:
        setattr(instance, field.attname, getattr(saved, field.attname))
    instance._state.adding = False
    instance._state.db = saved._state.db


class ServiceModelForm(forms.ModelForm[Any]):
    """A model form whose `write` calls a service; the saved row becomes `self.instance`."""

    def write(self) -> models.Model:
        raise NotImplementedError

    def full_clean(self) -> None:
        super().full_clean()
        if not self.is_bound or self.errors or not hasattr(self, "cleaned_data"):
            return
        if self.empty_permitted and not self.has_changed():
            return  # an untouched extra inline row
        if not self.instance._state.adding and not self.has_changed():
            return
        try:
            saved = self.write()
        except DomainError as error:
            add_domain_error(self, error)
            return
        adopt(self.instance, saved)


class ServiceWriteAdmin(admin.ModelAdmin[Any]):
    """A ModelAdmin whose forms have already written through the services."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        """Written by the form's service call."""

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # Many-to-many fields were set by the service; inlines save themselves.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        with transaction.atomic():
            response = super().changeform_view(request, object_id, form_url, extra_context)
            if request.method == "POST" and response.status_code != 302:
                transaction.set_rollback(True)
        return response
