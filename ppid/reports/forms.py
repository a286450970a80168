"""The dashboard's filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class DashboardFilterForm(forms.Form):
    """The period (a year, or from/to dates) and whether to roll up the offices below."""

    office = forms.ChoiceField(label=_("Office"), required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2008, max_value=2100)
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    rollup = forms.BooleanField(label=_("Include subordinate offices"), required=False)

    def __init__(self, *args: Any, offices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["office"]
        field.choices = offices

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if bool(start) != bool(end):
            self.add_error("date_to", _("Give both ends of the period, or a year."))
        elif start and end and start > end:
            self.add_error("date_to", _("The end of the period is before its start."))
        return data
