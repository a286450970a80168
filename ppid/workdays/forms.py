"""The public deadline calculator and calendar filter."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ppid.offices.models import Office
from ppid.workdays.models import DeadlineStep


def _offices() -> forms.ModelChoiceField:  # type: ignore[type-arg]
    return forms.ModelChoiceField(
        queryset=Office.objects.filter(is_active=True),
        to_field_name="code",
        label=_("Office"),
        required=False,
        empty_label=None,
    )


class CalendarFilterForm(forms.Form):
    office = _offices()
    year = forms.IntegerField(label=_("Year"), min_value=2010, max_value=2100, required=False)


class DeadlineForm(forms.Form):
    """I submitted on … at office …: by when must I be answered?"""

    office = _offices()
    received_on = forms.DateField(label=_("Date submitted"), widget=forms.DateInput(attrs={"type": "date"}))
    received_time = forms.TimeField(
        label=_("Time submitted (office local time)"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
        help_text=_("Leave empty if you submitted during office hours."),
    )
    step = forms.ChoiceField(label=_("What is due"), choices=DeadlineStep.choices, initial=DeadlineStep.REQUEST_NOTICE)

    def received_at(self) -> datetime.date | datetime.datetime:
        day: datetime.date = self.cleaned_data["received_on"]
        time: datetime.time | None = self.cleaned_data.get("received_time")
        return day if time is None else datetime.datetime.combine(day, time)

    @staticmethod
    def today() -> datetime.date:
        return timezone.localdate()
