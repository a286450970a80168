"""Forms of the consequence-test staff pages: asking for a test, each of its steps, and the list filters.

Forms only check input and build the services' arguments; every state change is the services'
(ppid.exemptions.services). Field names match the keys of the services' ValidationError dicts, so
their messages land on the field the officer typed in.
"""

from __future__ import annotations

import datetime
from dataclasses import fields
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ppid.accounts.permissions import can
from ppid.catalogue.models import InformationItem
from ppid.exemptions.models import ConsequenceTest, Exemption
from ppid.exemptions.services import Opinion, StartData, Steps
from ppid.exemptions.workflow import (
    Conclusion,
    ConsequenceStatus,
    ExemptionStatus,
    LegalBasisKind,
    ParticipantKind,
    Trigger,
)
from ppid.offices.models import Office, OfficeLevel
from ppid.requests.models import ExemptionGround, InformationRequest
from ppid.requests.validation import CheckedUpload, check_upload

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _text(label: Any, rows: int = 3, *, required: bool = True, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label, required=required, help_text=help_text, widget=forms.Textarea(attrs={"rows": rows})
    )


def may_ask_as_office(user: Any, office: Office) -> bool:
    """The office's PPID asks KPU RI (PKPU 22/2023 Pasal 25), or screens its own candidates at KPU RI
    (seed d.4); otherwise only a liaison team's first assessment starts a test (PKPU 4/2025 Pasal 9)."""
    return can(user, "consequence_test:request", office) or (
        office.level == OfficeLevel.RI and can(user, "exemption:screen", office)
    )


class ItemChoiceField(forms.ModelChoiceField[InformationItem]):
    def label_from_instance(self, obj: InformationItem) -> str:
        return f"{obj.title} ({obj.year}) — {obj.office.name}"


class StartForm(forms.Form):
    """Ask for a consequence test (PKPU 22/2023 Pasal 25 ayat (1)-(2); Perki 1/2021 Pasal 49)."""

    office = forms.ModelChoiceField(label=_("Asked by (office)"), queryset=Office.objects.none(), empty_label=None)
    information = forms.CharField(
        label=_("Information to be tested"), max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )
    trigger = forms.ChoiceField(label=_("Occasion (Perki 1/2021 Pasal 49)"), choices=Trigger.choices)
    request_number = forms.CharField(
        label=_("Related request (registration number)"),
        max_length=40,
        required=False,
        help_text=_("Optional: the request that raised the question, at the office that asks."),
    )
    item = ItemChoiceField(label=_("Related DIP item"), queryset=InformationItem.objects.none(), required=False)
    # Set by the "start a review test" link of a DIK entry (Pasal 20: a duration ends, a review follows).
    reviews = forms.ModelChoiceField(queryset=Exemption.objects.all(), required=False, widget=forms.HiddenInput())
    first_assessment = _text(
        _("First assessment (kajian awal)"),
        6,
        required=False,
        help_text=_("Required when a liaison team asks for the test (PKPU 4/2025 Pasal 9)."),
    )

    def __init__(
        self, *args: Any, user: Any, offices: QuerySet[Office], items: QuerySet[InformationItem], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        office_field: Any = self.fields["office"]
        office_field.queryset = offices
        if len(offices) == 1:
            office_field.widget = forms.HiddenInput()
        item_field: Any = self.fields["item"]
        item_field.queryset = items
        item_field.empty_label = _("— none —")
        self.related_request: InformationRequest | None = None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        office: Office | None = data.get("office")
        if office is None:
            return data
        item: InformationItem | None = data.get("item")
        if item is not None and item.office_id != office.pk:
            self.add_error("item", _("Choose an item of the office that asks for the test."))
        number = (data.get("request_number") or "").strip()
        if number:
            found = InformationRequest.objects.filter(office=office, registration_number=number).first()
            if found is None or not can(self.user, "request:view", found):
                self.add_error("request_number", _("No request with this number at the office that asks."))
            self.related_request = found
        if not may_ask_as_office(self.user, office):
            if not (data.get("first_assessment") or "").strip():
                self.add_error(
                    "first_assessment", _("A liaison team asks for a test with its first assessment (kajian awal).")
                )
            if item is not None and not can(self.user, "exemption:first_assessment", item):
                self.add_error("item", _("A liaison team asks for a test only on its own work unit's items."))
        return data

    def start_data(self) -> StartData:
        d = self.cleaned_data
        return StartData(
            information=d["information"],
            trigger=d["trigger"],
            first_assessment=d["first_assessment"],
            request=self.related_request,
            item=d["item"],
            reviews=d.get("reviews"),
        )


# --- the steps on the test's page ---


class NoteForm(forms.Form):
    note = _text(_("Note"), 2, required=False)


class ScreenForm(forms.Form):
    note = _text(_("Why the information is a candidate for exemption"), 3)


class DismissForm(forms.Form):
    note = _text(_("Why no test is needed"), 3)


class ClassifyForm(forms.Form):
    note = _text(_("The advisory team's classification"), 4, required=False)


class HandOverForm(forms.Form):
    """Seed b.3: nothing to type, the advisory team confirms the hand-over."""


STEP_LABELS = {
    "material_scope": _("1. The material: its nature and scope"),
    "potential_harm": _("2. The potential harm if it were opened"),
    "basis_kind": _("3. Statutory basis"),
    "pasal17_letter": _("Pasal 17 letter"),
    "pasal17_point": _("Sub-point (angka)"),
    "other_law": _("Another Undang-Undang and its article"),
    "public_interest": _("4. The public interest in opening it"),
    "balancing": _("5. Weighing the harm against the public interest"),
    "conclusion": _("6. Conclusion"),
    "duration_until": _("Exempt until (duration, Pasal 20 UU 14/2008)"),
}


class StepsForm(forms.Form):
    """PKPU 22/2023 Pasal 25 ayat (3), in its order. A blank field leaves what was written before."""

    material_scope = _text(STEP_LABELS["material_scope"], 3, required=False)
    potential_harm = _text(STEP_LABELS["potential_harm"], 3, required=False)
    basis_kind = forms.ChoiceField(
        label=STEP_LABELS["basis_kind"], choices=[("", "—"), *LegalBasisKind.choices], required=False
    )
    pasal17_letter = forms.ChoiceField(
        label=STEP_LABELS["pasal17_letter"], choices=[("", "—"), *ExemptionGround.choices], required=False
    )
    pasal17_point = forms.CharField(label=STEP_LABELS["pasal17_point"], max_length=20, required=False)
    other_law = forms.CharField(label=STEP_LABELS["other_law"], max_length=300, required=False)
    public_interest = _text(STEP_LABELS["public_interest"], 3, required=False)
    balancing = _text(STEP_LABELS["balancing"], 3, required=False)
    conclusion = forms.ChoiceField(
        label=STEP_LABELS["conclusion"], choices=[("", "—"), *Conclusion.choices], required=False
    )
    duration_until = forms.DateField(
        label=STEP_LABELS["duration_until"],
        required=False,
        widget=DATE_INPUT,
        help_text=_("Required for Pasal 17 letters a-f: such exemptions are not permanent."),
    )

    def __init__(self, *args: Any, today: datetime.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_duration_until(self) -> datetime.date | None:
        value: datetime.date | None = self.cleaned_data.get("duration_until")
        if value is not None and value <= self.today:
            raise forms.ValidationError(_("An exemption must end after today."))
        return value

    def steps(self) -> Steps:
        return Steps(**{step.name: self.cleaned_data[step.name] for step in fields(Steps)})

    @staticmethod
    def initial_from(test: ConsequenceTest) -> dict[str, Any]:
        return {step.name: getattr(test, step.name) for step in fields(Steps)}


AGREEMENT = [("yes", _("Agrees with the conclusion")), ("no", _("Does not agree")), ("", _("No position"))]


def _agrees(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class OpinionForm(forms.Form):
    """A participant's own opinion, signed in their name (seed d.6; PKPU 22/2023 Pasal 24)."""

    kind = forms.ChoiceField(label=_("Taking part as"), choices=ParticipantKind.choices)
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    opinion = _text(_("Opinion"), 4)
    agrees = forms.ChoiceField(
        label=_("On the conclusion"), choices=AGREEMENT, required=False, widget=forms.RadioSelect, initial=""
    )

    def __init__(self, *args: Any, kinds: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["kind"]
        field.choices = kinds
        if len(kinds) == 1:
            field.initial = kinds[0][0]
            field.widget = forms.HiddenInput()

    def opinion_data(self) -> Opinion:
        d = self.cleaned_data
        return Opinion(kind=d["kind"], opinion=d["opinion"], agrees=_agrees(d["agrees"]), position=d["position"])


class ExpertOpinionForm(forms.Form):
    """The PPID records the opinion of an expert invited to the test (PKPU 22/2023 Pasal 24)."""

    name = forms.CharField(label=_("Expert's name"), max_length=200)
    position = forms.CharField(label=_("Expertise or position"), max_length=200, required=False)
    opinion = _text(_("Opinion"), 4)
    agrees = forms.ChoiceField(
        label=_("On the conclusion"), choices=AGREEMENT, required=False, widget=forms.RadioSelect, initial=""
    )

    def opinion_data(self) -> Opinion:
        d = self.cleaned_data
        return Opinion(
            kind=ParticipantKind.EXPERT,
            opinion=d["opinion"],
            agrees=_agrees(d["agrees"]),
            name=d["name"],
            position=d["position"],
        )


class DecisionForm(forms.Form):
    """The Keputusan KPU that sets the result (PKPU 22/2023 Pasal 26)."""

    decision_number = forms.CharField(label=_("Keputusan KPU number"), max_length=100)
    decision_date = forms.DateField(label=_("Keputusan KPU date"), widget=DATE_INPUT)
    decision_file = forms.FileField(
        label=_("Keputusan KPU document"),
        required=False,
        help_text=_("The signed decision as PDF (or a JPEG/PNG scan). Kept with the DIK entry."),
    )

    def clean_decision_file(self) -> CheckedUpload | None:
        upload = self.cleaned_data.get("decision_file")
        return check_upload(upload) if upload else None


# --- list filters ---


class ConsequenceFilterForm(forms.Form):
    waiting = forms.BooleanField(label=_("Only those waiting for my step"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *ConsequenceStatus.choices])
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2008, max_value=2100)


REVIEW_CHOICES = [("", _("All")), ("due", _("Ending soon or ended: to be reviewed"))]


class ExemptionFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *ExemptionStatus.choices])
    review = forms.ChoiceField(label=_("Review"), required=False, choices=REVIEW_CHOICES)
