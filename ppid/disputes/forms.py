"""Forms of the dispute pages: recording a case, each step of it, and the list filters.

Forms only check input and build the service's arguments; every state change and every legal
check (filing window, stage, forum, upload) is the service's (STYLE.md §2).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ppid.disputes.models import Dispute
from ppid.disputes.services import DisputeData, RulingData
from ppid.disputes.workflow import (
    NEXT_FORUMS,
    RULING_FROM,
    DocumentKind,
    Forum,
    Outcome,
    PartyRole,
    RulingOrder,
    SessionKind,
    Stage,
)
from ppid.offices.models import Office


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


def _date(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput(), help_text=help_text)


def _text(label: Any, *, required: bool = True, rows: int = 3) -> forms.CharField:
    return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}))


class DisputeRecordForm(forms.Form):
    """A case the requester filed at the Komisi Informasi (Pasal 37 UU 14/2008), recorded by the legal unit."""

    commission = forms.CharField(label=_("Information Commission"), max_length=200)
    filed_on = _date(_("Filed at the Commission on"))
    ki_case_number = forms.CharField(label=_("Commission case number"), max_length=100, required=False)
    registered_on = _date(
        _("Registered by the Commission on"),
        required=False,
        help_text=_("Leave empty if the Commission registered it on the day it was filed."),
    )
    summary = _text(_("Summary of the case"), required=False)

    def dispute_data(self) -> DisputeData:
        d = self.cleaned_data
        return DisputeData(
            commission=d["commission"],
            filed_on=d["filed_on"],
            ki_case_number=d["ki_case_number"],
            registered_on=d["registered_on"],
            summary=d["summary"],
        )


class DisputeActionForm(forms.Form):
    """An action form that may offer choices fitting the dispute's current stage."""

    def __init__(self, *args: Any, dispute: Dispute, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.dispute = dispute


class ConfirmRegistrationForm(DisputeActionForm):
    ki_case_number = forms.CharField(label=_("Commission case number"), max_length=100)
    registered_on = _date(_("Registered by the Commission on"))


class PartyForm(DisputeActionForm):
    role = forms.ChoiceField(label=_("Role in the case"), choices=PartyRole.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    representative = forms.CharField(label=_("Represented by"), max_length=200, required=False)


class SessionForm(DisputeActionForm):
    kind = forms.ChoiceField(label=_("Kind of session"), choices=SessionKind.choices)
    held_on = _date(_("Date"))
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    summary = _text(_("What happened"), required=False)

    def __init__(self, *args: Any, dispute: Dispute, **kwargs: Any) -> None:
        super().__init__(*args, dispute=dispute, **kwargs)
        # Pasal 40 with Pasal 35 ayat (2): mediation only for grounds b-g and before adjudication.
        if not dispute.mediation_allowed or dispute.stage == Stage.ADJUDICATION:
            field: Any = self.fields["kind"]
            field.choices = [(SessionKind.ADJUDICATION.value, SessionKind.ADJUDICATION.label)]


AGREED = "agreed"
NOT_AGREED = "not_agreed"


class EndMediationForm(DisputeActionForm):
    result = forms.ChoiceField(
        label=_("Result of the mediation"),
        choices=[
            (AGREED, _("Agreement reached: the case ends")),
            (NOT_AGREED, _("No agreement: adjudication follows")),
        ],
        widget=forms.RadioSelect,
    )
    note = _text(_("Summary of the result"))


class RulingForm(DisputeActionForm):
    """A ruling and what it orders (Pasal 46 UU 14/2008)."""

    forum = forms.ChoiceField(label=_("Ruled by"), choices=Forum.choices)
    number = forms.CharField(label=_("Ruling number"), max_length=100)
    ruled_on = _date(_("Ruled on"))
    received_on = _date(_("Received on"), help_text=_("The appeal window counts from this day."))
    orders = forms.MultipleChoiceField(
        label=_("The ruling orders"), choices=RulingOrder.choices, widget=forms.CheckboxSelectMultiple
    )
    summary = _text(_("Summary"), required=False)

    def __init__(self, *args: Any, dispute: Dispute, **kwargs: Any) -> None:
        super().__init__(*args, dispute=dispute, **kwargs)
        forums = [(f.value, f.label) for f, stage in RULING_FROM.items() if stage == dispute.stage]
        field: Any = self.fields["forum"]
        field.choices = forums or Forum.choices

    def ruling_data(self) -> RulingData:
        d = self.cleaned_data
        return RulingData(
            forum=d["forum"],
            number=d["number"],
            ruled_on=d["ruled_on"],
            received_on=d["received_on"],
            orders=list(d["orders"]),
            summary=d["summary"],
        )


class AppealForm(DisputeActionForm):
    """Pasal 47-48: to the PTUN (a state body) or PN after the Commission; Pasal 50: cassation."""

    forum = forms.ChoiceField(label=_("Appeal to"), choices=Forum.choices)
    filed_on = _date(_("Appeal filed on"))
    appellant = forms.CharField(label=_("Appealed by"), max_length=200)
    note = _text(_("Note"), required=False, rows=2)

    def __init__(self, *args: Any, dispute: Dispute, **kwargs: Any) -> None:
        super().__init__(*args, dispute=dispute, **kwargs)
        latest = dispute.rulings.order_by("-ruled_on", "-id").first()
        if latest is not None:
            field: Any = self.fields["forum"]
            field.choices = [(f.value, f.label) for f in Forum if f in NEXT_FORUMS[Forum(latest.forum)]]


class CloseForm(DisputeActionForm):
    outcome = forms.ChoiceField(
        label=_("Why the case ends"), choices=[(o.value, o.label) for o in Outcome if o != Outcome.MEDIATION_AGREEMENT]
    )
    note = _text(_("Closing note"))


class DocumentForm(DisputeActionForm):
    kind = forms.ChoiceField(label=_("Kind of document"), choices=DocumentKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File (PDF, JPEG or PNG)"))


class TaskCompleteForm(forms.Form):
    result = _text(_("What was done"), rows=2)


STAGE_FILTER = [("", _("All open cases")), ("all", _("All cases")), *Stage.choices]


class DisputeFilterForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=STAGE_FILTER, required=False)
    office = forms.ModelChoiceField(label=_("Office"), queryset=Office.objects.none(), required=False)

    def __init__(self, *args: Any, offices: QuerySet[Office], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["office"]
        field.queryset = offices
        field.empty_label = _("All offices I may read")


class LegalMattersFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("", _("Open matters")), ("closed", _("Closed matters")), ("all", _("All matters"))],
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("Objections and disputes")), ("objection", _("Objections")), ("dispute", _("Disputes"))],
    )
    office = forms.ModelChoiceField(label=_("Office"), queryset=Office.objects.none(), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args: Any, offices: QuerySet[Office], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["office"]
        field.queryset = offices
        field.empty_label = _("All offices I oversee")
