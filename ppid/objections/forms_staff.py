"""Forms of the objection staff pages: desk intake, each step of the objection, and the list filters.

Forms only check input and build the service's arguments; every state change is the service's.
Field names match the keys of the services' ValidationError dicts, so their messages land on the
field the officer typed in.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ppid.objections.services import ObjectionData
from ppid.objections.workflow import Ground, Outcome, Reaction, Status
from ppid.offices.models import Office
from ppid.requests.forms_staff import LOCAL_FORMAT, LocalDateTimeInput, as_office_time
from ppid.requests.models import Channel, DeliveryMethod
from ppid.requests.validation import CheckedUpload, check_upload

# Pasal 36 ayat (1) UU 14/2008: an objection is made in writing, so no telephone and no website
# (the requester files online themselves, from the tracking page).
DESK_CHANNELS = [(c.value, c.label) for c in (Channel.LETTER, Channel.WALK_IN, Channel.EMAIL)]
DATETIME_FORMATS = [LOCAL_FORMAT, "%Y-%m-%d %H:%M"]


def _text(label: Any, rows: int = 3, *, required: bool = True) -> forms.CharField:
    return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}))


class DeskObjectionForm(forms.Form):
    """An objection received in writing at the desk (Pasal 35 ayat (1), Pasal 36 ayat (1) UU 14/2008)."""

    grounds = forms.MultipleChoiceField(
        label=_("Grounds (Pasal 35 ayat (1) UU 14/2008)"),
        choices=Ground.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one ground of Pasal 35 ayat (1).")},
    )
    reasons = _text(_("Reasons for the objection"), 4)
    proxy_name = forms.CharField(
        label=_("Filed by a proxy (name)"),
        max_length=200,
        required=False,
        help_text=_("Leave empty when the requester files the objection themselves."),
    )
    channel = forms.ChoiceField(label=_("Received by"), choices=DESK_CHANNELS)
    received_at = forms.DateTimeField(
        label=_("Received at (office local time)"),
        widget=LocalDateTimeInput(),
        input_formats=DATETIME_FORMATS,
        help_text=_("At most 7 days back; the filing window is checked against this moment."),
    )
    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def objection_data(self) -> ObjectionData:
        d = self.cleaned_data
        return ObjectionData(grounds=list(d["grounds"]), reasons=d["reasons"], proxy_name=d["proxy_name"])

    def received_moment(self, office: Office) -> datetime.datetime:
        return as_office_time(self.cleaned_data["received_at"], office)


class RequestLookupForm(forms.Form):
    """Find the request an objection is about by the number on the requester's receipt."""

    nomor = forms.CharField(label=_("Registration number of the request"), max_length=40)


# --- the steps on the objection's page ---


class AdmissionForm(forms.Form):
    reasons = _text(_("Reasons"))


class SettlementForm(forms.Form):
    terms = _text(_("What was agreed with the requester"), 4)


class ConfirmSettlementForm(forms.Form):
    confirmation = _text(_("How the requester confirmed (letter, e-mail, signed minutes)"), 2)


class RejectSettlementForm(forms.Form):
    note = _text(_("Note"), 2, required=False)


DECISIONS = [("uphold", _("Uphold the PPID's decision")), ("grant", _("Grant the objection"))]


class DecideForm(forms.Form):
    """The Atasan PPID's written answer (Pasal 36 ayat (2)-(3) UU 14/2008)."""

    decision = forms.ChoiceField(label=_("Answer"), choices=DECISIONS, widget=forms.RadioSelect)
    reasons = _text(
        _("Reasons"),
        4,
        required=False,
    )
    order_text = _text(_("What the PPID must provide (when granting)"), 3, required=False)
    order_due_on = forms.DateField(
        label=_("To be provided by (when granting)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        grant = d["decision"] == "grant"
        return {
            "grant": grant,
            "reasons": d["reasons"],
            "order_text": d["order_text"] if grant else "",
            "order_due_on": d["order_due_on"] if grant else None,
        }


class FulfilOrderForm(forms.Form):
    method = forms.ChoiceField(label=_("How it was provided"), choices=DeliveryMethod.choices)
    delivered_at = forms.DateTimeField(
        label=_("Provided at (office local time)"), widget=LocalDateTimeInput(), input_formats=DATETIME_FORMATS
    )
    proof = forms.FileField(label=_("Proof of delivery"), required=False)
    note = _text(_("Note"), 2, required=False)

    def clean_proof(self) -> CheckedUpload | None:
        upload = self.cleaned_data.get("proof")
        return check_upload(upload) if upload else None


class ReactionForm(forms.Form):
    """Perki 1/2021 objection register: the requester's reaction (tanggapan) to the answer."""

    reaction = forms.ChoiceField(label=_("The requester's reaction"), choices=Reaction.choices)
    note = _text(_("Note"), 2, required=False)


# --- list filters ---


class WorklistFilterForm(forms.Form):
    office = forms.ModelChoiceField(label=_("Office"), required=False, queryset=Office.objects.none())
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args: Any, offices: QuerySet[Office], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["office"]
        field.queryset = offices
        field.empty_label = _("All my offices")


LATE_CHOICES = [("", _("All")), ("yes", _("Filed late")), ("no", _("Filed in time"))]


class RegisterFilterForm(forms.Form):
    office = forms.ModelChoiceField(label=_("Office"), required=False, queryset=Office.objects.none())
    descendants = forms.BooleanField(label=_("Include subordinate offices"), required=False, initial=True)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2008, max_value=2100)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *Status.choices])
    outcome = forms.ChoiceField(label=_("Outcome"), required=False, choices=[("", _("All")), *Outcome.choices])
    ground = forms.ChoiceField(label=_("Ground"), required=False, choices=[("", _("All")), *Ground.choices])
    late = forms.ChoiceField(label=_("Filing window"), required=False, choices=LATE_CHOICES)

    def __init__(self, *args: Any, offices: QuerySet[Office], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["office"]
        field.queryset = offices
        field.empty_label = _("All offices I may read")

    def selector_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "office": d["office"],
            "include_descendants": d["descendants"],
            "year": d["year"],
            "status": d["status"],
            "outcome": d["outcome"],
            "ground": d["ground"],
            "late": {"yes": True, "no": False}.get(d["late"]),
        }
