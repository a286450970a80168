"""Forms of the requester's objection pages, and what the filing form tells them about each ground.

Forms only check what the requester typed; filing, confirming, reacting and reporting go through
ppid.objections.services and ppid.disputes.services, which say whether the step is allowed.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ppid.accounts.permissions import can
from ppid.disputes.services.filing import filing_window_from
from ppid.objections.grounds import NOT_OBJECTABLE, ground_date
from ppid.objections.models import Objection
from ppid.objections.workflow import PENDING_STATUSES, Ground, Reaction
from ppid.requests.forms_public import AccessibleForm
from ppid.requests.models import InformationRequest
from ppid.requests.workflow import Status as RequestStatus
from ppid.workdays.models import DeadlineStep
from ppid.workdays.selectors import calendar_for_office, rule_set_for, rule_spec

# Pasal 35 ayat (1) UU 14/2008 in plain words, for a requester who has never read the law.
GROUND_HELP: dict[Ground, Promise] = {
    Ground.A: gettext_lazy(
        "The PPID refused to give you all or part of the information, saying it is exempt under Pasal 17 UU KIP."
    ),
    Ground.B: gettext_lazy("Information the office must publish regularly (Pasal 9 UU KIP) was not made available."),
    Ground.C: gettext_lazy("You did not receive a written answer to your request within the time the law allows."),
    Ground.D: gettext_lazy("The answer you received was about something other than what you asked for."),
    Ground.E: gettext_lazy("The PPID agreed to give you the information, but you have not received it."),
    Ground.F: gettext_lazy("The costs you were asked to pay are unreasonable."),
    Ground.G: gettext_lazy("The information reached you later than the law allows."),
}


@dataclass(frozen=True)
class GroundOption:
    """One Pasal 35 ayat (1) ground as the filing page shows it for one request, today."""

    value: str
    label: str
    help: str
    applies: bool
    reason: str  # why it does not apply (the service's own message), when it does not
    arose_on: datetime.date | None = None
    basis: str = ""
    window_ends: datetime.date | None = None
    late: bool = False


@dataclass(frozen=True)
class FilingRule:
    """The filing period of the rule set in force today (Pasal 36 ayat (1) UU 14/2008)."""

    working_days: int
    citation: str
    rule_set: str


def office_today(request: InformationRequest) -> datetime.date:
    return timezone.now().astimezone(request.office.zoneinfo).date()


def filing_rule(request: InformationRequest) -> FilingRule:
    """The rule set objection_file will apply to an objection filed now (RULES.md §7)."""
    rule_set = rule_set_for(request.office, timezone.now())
    spec = rule_spec(rule_set, DeadlineStep.OBJECTION_FILING)
    return FilingRule(working_days=spec.working_days, citation=spec.citation, rule_set=spec.rule_set)


def ground_options(request: InformationRequest, today: datetime.date) -> list[GroundOption]:
    """Each ground a-g: whether it applies to `request` today, when it arose and when its window ends.

    Pasal 36 ayat (1) UU 14/2008: 30 working days from the day the ground arose (RULES.md §7). The
    dates come from ppid.objections.grounds, the same code objection_file uses, so the page and the
    register never disagree. A ground whose window has passed still applies: the objection is
    registered late and the Atasan PPID decides whether to admit it."""
    days = filing_rule(request).working_days
    calendar = calendar_for_office(request.office)
    options: list[GroundOption] = []
    for ground in Ground:
        label, help_text = str(ground.label), str(GROUND_HELP[ground])
        try:
            found = ground_date(request, ground, today)
        except ValidationError as exc:
            options.append(GroundOption(ground.value, label, help_text, applies=False, reason=" ".join(exc.messages)))
            continue
        ends = calendar.deadline(found.arose_on, days)
        options.append(
            GroundOption(
                ground.value,
                label,
                help_text,
                applies=True,
                reason="",
                arose_on=found.arose_on,
                basis=found.basis,
                window_ends=ends,
                late=today > ends,
            )
        )
    return options


def filing_blocked(request: InformationRequest) -> str:
    """Why no objection can be filed on `request` now, or "" (the checks objection_file makes first)."""
    if request.status in NOT_OBJECTABLE:
        return _("No objection can be filed on request %(number)s: it is “%(status)s”.") % {
            "number": request.registration_number,
            "status": request.get_status_display(),
        }
    pending = request.objections.filter(status__in=PENDING_STATUSES).first()
    if pending is not None:
        return _("Objection %(number)s on this request is still waiting for an answer.") % {
            "number": pending.objection_number
        }
    return ""


@dataclass(frozen=True)
class DisputeWindow:
    """Pasal 37 ayat (2) UU 14/2008: the period to bring the dispute to the Komisi Informasi."""

    opens_on: datetime.date
    due_on: datetime.date
    working_days: int
    citation: str
    late: bool


def dispute_window(objection: Objection, today: datetime.date) -> tuple[DisputeWindow | None, str]:
    """The window (from disputes.services.filing, as dispute_report computes it) or why there is none."""
    try:
        opened = filing_window_from(objection, today)
    except ValidationError as exc:
        return None, " ".join(exc.messages)
    spec = rule_spec(rule_set_for(objection.office, today), DeadlineStep.DISPUTE_FILING)
    due = calendar_for_office(objection.office).deadline(opened, spec.working_days)
    return DisputeWindow(opened, due, spec.working_days, spec.citation, today > due), ""


# A written notice was issued on requests in these statuses: grounds a and d-g can have arisen.
ANSWERED_STATUSES = frozenset({RequestStatus.DECIDED, RequestStatus.DELIVERED, RequestStatus.CLOSED})


def may_file(request: InformationRequest, actor: Any, objections: list[Objection]) -> bool:
    """Whether the tracking page offers “File an objection”, without a query: the requester may
    file, nothing blocks it (`objections` are the request's, already loaded) and some ground can
    have arisen (a notice was issued, or the deadline has passed: Pasal 35 ayat (1) huruf c).

    The filing page itself says exactly which grounds apply (ground_options)."""
    if not can(actor, "objection:file", request) or request.status in NOT_OBJECTABLE:
        return False
    if any(objection.status in PENDING_STATUSES for objection in objections):
        return False
    due = request.extended_due_on or request.notice_due_on
    return request.status in ANSWERED_STATUSES or (due is not None and office_today(request) > due)


class ObjectionForm(AccessibleForm):
    """Pasal 35 ayat (1): one or more grounds, and the requester's reasons. Nothing is pre-checked."""

    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    grounds = forms.MultipleChoiceField(
        label=gettext_lazy("Grounds of your objection (Pasal 35 ayat (1) UU KIP)"),
        choices=Ground.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Choose every ground that fits. Grounds that do not apply to your request say why."),
        error_messages={"required": gettext_lazy("Choose at least one ground.")},
    )
    reasons = forms.CharField(
        label=gettext_lazy("Why you object"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("Say what happened and what you want the Atasan PPID to decide."),
        error_messages={"required": gettext_lazy("Explain why you object.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            # A fresh key per form shown; a second click or a reload sends the same key again.
            self.initial.setdefault("submission_key", uuid.uuid4().hex)


class SettlementForm(AccessibleForm):
    """Pasal 35 ayat (2): the requester confirms, or does not confirm, the agreement the PPID recorded."""

    decision = forms.ChoiceField(
        label=gettext_lazy("Do you agree with this outcome?"),
        choices=[
            ("confirm", gettext_lazy("Yes, I agree: my objection is settled")),
            ("reject", gettext_lazy("No, I do not agree: the Atasan PPID must answer my objection")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose whether you agree.")},
    )
    note = forms.CharField(
        label=gettext_lazy("Note (optional)"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReactionForm(AccessibleForm):
    """Perki 1/2021 objection register: the requester's reaction (tanggapan) to the Atasan's answer."""

    reaction = forms.ChoiceField(
        label=gettext_lazy("Your reaction to the answer"),
        choices=Reaction.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose your reaction.")},
    )
    note = forms.CharField(
        label=gettext_lazy("Note (optional)"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class DisputeReportForm(AccessibleForm):
    """Pasal 37 UU 14/2008: the requester tells the office they brought the dispute to the Commission."""

    commission = forms.CharField(
        label=gettext_lazy("Information Commission"),
        max_length=200,
        help_text=gettext_lazy("The Komisi Informasi where you filed the dispute."),
    )
    filed_on = forms.DateField(
        label=gettext_lazy("Date you filed it"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("As on the Commission's receipt."),
    )
    ki_case_number = forms.CharField(
        label=gettext_lazy("Commission's case number (optional)"),
        required=False,
        max_length=100,
        help_text=gettext_lazy("If the Commission has already given one."),
    )
    summary = forms.CharField(
        label=gettext_lazy("What you asked the Commission (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
