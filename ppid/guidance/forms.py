"""Forms of the directions and work-plan pages. They only check input and build the services'
arguments; field names match the keys of the services' ValidationError dicts."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ppid.guidance.services import ActivityData, DirectionData
from ppid.guidance.workflow import AddresseeStatus, DirectionScope
from ppid.offices.models import Office

DATE = forms.DateInput(attrs={"type": "date"})


class DirectionForm(forms.Form):
    office = forms.ModelChoiceField(queryset=Office.objects.none(), label=_("Issuing office"))
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("Direction"), widget=forms.Textarea(attrs={"rows": 6}))
    due_on = forms.DateField(label=_("Follow-up expected by"), widget=DATE)
    scope = forms.ChoiceField(label=_("Addressed to"), choices=DirectionScope.choices, widget=forms.RadioSelect)
    target = forms.ModelChoiceField(
        queryset=Office.objects.none(),
        label=_("Addressed office"),
        required=False,
        help_text=_("For one office: the issuing office or an office below it."),
    )

    def __init__(self, *args: Any, offices: QuerySet[Office], targets: QuerySet[Office], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices  # type: ignore[attr-defined]
        self.fields["target"].queryset = targets  # type: ignore[attr-defined]

    def data_for_service(self) -> DirectionData:
        c = self.cleaned_data
        return DirectionData(title=c["title"], text=c["text"], due_on=c["due_on"], scope=c["scope"], target=c["target"])


class ReportForm(forms.Form):
    text = forms.CharField(label=_("Follow-up"), widget=forms.Textarea(attrs={"rows": 4}))
    document = forms.FileField(label=_("Document (PDF, JPEG or PNG)"), required=False)


class CloseForm(forms.Form):
    note = forms.CharField(label=_("Closing note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AddresseeFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", "—"), *AddresseeStatus.choices])
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)


class WorkPlanForm(forms.Form):
    office = forms.ModelChoiceField(queryset=Office.objects.none(), label=_("Office"))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)

    def __init__(self, *args: Any, offices: QuerySet[Office], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices  # type: ignore[attr-defined]


class ActivityForm(forms.Form):
    title = forms.CharField(label=_("Activity"), max_length=200)
    target = forms.CharField(label=_("Target"), max_length=300)
    target_value = forms.DecimalField(label=_("Numeric target"), required=False, max_digits=12, decimal_places=2)
    owner = forms.CharField(label=_("Owner (work unit or person)"), max_length=200)
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("Ends on"), widget=DATE)

    def data_for_service(self) -> ActivityData:
        return ActivityData(**self.cleaned_data)


class ProgressForm(forms.Form):
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    note = forms.CharField(label=_("Progress notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class EvaluationForm(forms.Form):
    evaluation = forms.CharField(label=_("Evaluation"), widget=forms.Textarea(attrs={"rows": 6}))
