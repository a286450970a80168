"""Forms of the survey: the respondent's answers and the staff's choice of office and period."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ppid.offices.models import Office
from ppid.surveys.models import SurveyElement
from ppid.surveys.services import COMMENT_MAX_LENGTH

SCORE_CHOICES = [
    ("1", _("1 – Not good")),
    ("2", _("2 – Less than good")),
    ("3", _("3 – Good")),
    ("4", _("4 – Very good")),
]


class SurveyForm(forms.Form):
    """One radio group per active element (named by its code) and an optional comment."""

    comment = forms.CharField(
        label=_("Comments or suggestions (optional)"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, elements: list[SurveyElement], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.elements = elements
        for element in elements:
            self.fields[element.code] = forms.ChoiceField(
                label=element.question,
                choices=SCORE_CHOICES,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose a score from 1 to 4.")},
            )

    def element_fields(self) -> list[tuple[SurveyElement, forms.BoundField]]:
        return [(element, self[element.code]) for element in self.elements]

    def scores(self) -> dict[str, str]:
        return {element.code: self.cleaned_data[element.code] for element in self.elements}


class ResultsFilterForm(forms.Form):
    office = forms.ModelChoiceField(label=_("Office"), queryset=Office.objects.none())
    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))
    include_descendants = forms.BooleanField(label=_("Include the offices below it"), required=False)

    def __init__(self, *args: Any, offices: QuerySet[Office], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["office"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = offices

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", _("The end of the period is before its start."))
        return data


def default_period(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """From 1 January of this year to today: the period of the annual report so far."""
    today = today or timezone.localdate()
    return today.replace(month=1, day=1), today
