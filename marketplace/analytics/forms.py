from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.analytics.errors import AnalyticsError
from marketplace.analytics.selectors import Period, period_check


class ReportFilterForm(forms.Form):
    """The report's GET parameters: which municipality and which days."""

    municipality = forms.SlugField(label=_("Municipality"), required=False)
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, default: Period, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.default = default

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start: date = data.get("start") or self.default.start
        end: date = data.get("end") or self.default.end
        try:
            data["period"] = period_check(start=start, end=end)
        except AnalyticsError as error:
            self.add_error(error.field, error.message)
        return data
