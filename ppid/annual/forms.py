"""Forms of the annual report pages: starting a report, the narrative, the Atasan's return note."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ppid.annual.layout import NARRATIVE_HEADINGS
from ppid.offices.models import Office


class CreateForm(forms.Form):
    office = forms.ModelChoiceField(label=_("Office"), queryset=Office.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2000)

    def __init__(self, *args: Any, offices: QuerySet[Office], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["office"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = offices


class NarrativeForm(forms.Form):
    """Pasal 56 narrative sections written by the PPID."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, heading in NARRATIVE_HEADINGS.items():
            self.fields[name] = forms.CharField(label=heading, required=False, widget=forms.Textarea(attrs={"rows": 4}))


class ReturnForm(forms.Form):
    note = forms.CharField(label=_("What should the PPID change?"), widget=forms.Textarea(attrs={"rows": 3}))
