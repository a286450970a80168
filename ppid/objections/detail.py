"""What the objection's staff page and the desk intake show besides the forms: the filing window and
how it was counted, the answer deadline, the disputes, the timeline, and which grounds apply."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ppid.accounts.permissions import can
from ppid.disputes.workflow import Stage
from ppid.events.models import Event
from ppid.objections.grounds import ground_date
from ppid.objections.models import Objection
from ppid.objections.services.common import OBJECTION_FILED, OBJECTION_FILED_LATE
from ppid.objections.workflow import Ground
from ppid.requests.models import InformationRequest
from ppid.workdays.engine import Calendar
from ppid.workdays.explain import DeadlineExplanation, deadline_explain
from ppid.workdays.models import DeadlineStep, RuleSet
from ppid.workdays.selectors import NoRuleSet, calendar_for_office, rule_set_for, rule_spec


@dataclass(frozen=True)
class FilingWindow:
    """Pasal 36 ayat (1) UU 14/2008 as counted at filing (RULES.md §7), read back from the filing event."""

    ground_arose_on: datetime.date
    basis: str
    rule_set: str
    filing_due_on: datetime.date
    is_late: bool
    lines: list[str]
    recounted_differs: bool


def _explain(
    calendar: Calendar, start: datetime.datetime | datetime.date, rule_set: RuleSet, step: str, office: str
) -> DeadlineExplanation | None:
    try:
        spec = rule_spec(rule_set, step)
    except NoRuleSet:
        return None
    return deadline_explain(calendar, start, spec, office_label=office)


def _filing_event(objection: Objection, events: list[Event]) -> Event | None:
    content_type = ContentType.objects.get_for_model(Objection)
    filed = (OBJECTION_FILED, OBJECTION_FILED_LATE)
    return next(
        (
            e
            for e in events
            if e.event_type in filed and e.content_type_id == content_type.pk and e.object_id == str(objection.pk)
        ),
        None,
    )


def filing_window(objection: Objection, events: list[Event], calendar: Calendar) -> FilingWindow:
    """The window as it was counted when the objection was filed; it is history and is not recounted
    (ppid.objections.deadlines), so a later calendar change only adds a note."""
    event = _filing_event(objection, events)
    payload: dict[str, Any] = event.payload if event is not None and isinstance(event.payload, dict) else {}
    expl = _explain(
        calendar, objection.ground_arose_on, objection.rule_set, DeadlineStep.OBJECTION_FILING, objection.office.name
    )
    lines: list[str] = []
    if expl is not None:
        # The explanation speaks of a document "received"; here day 0 is the day the ground arose.
        received = _("Received: %(day)s") % {"day": date_format(objection.ground_arose_on, "l, j F Y")}
        lines = [line for line in expl.lines() if line != received]
    return FilingWindow(
        ground_arose_on=objection.ground_arose_on,
        basis=str(payload.get("basis", "")),
        rule_set=str(payload.get("rule_set", "")) or objection.rule_set.name,
        filing_due_on=objection.filing_due_on,
        is_late=objection.is_late,
        lines=lines,
        recounted_differs=expl is not None and expl.deadline != objection.filing_due_on,
    )


def detail_context(user: Any, objection: Objection) -> dict[str, Any]:
    request = objection.request
    disputes = list(objection.disputes.all())
    events = list(Event.objects.for_objects([objection, request, *disputes]).select_related("actor", "office"))
    calendar = calendar_for_office(objection.office)
    answer = _explain(
        calendar, objection.received_at, objection.rule_set, DeadlineStep.OBJECTION_ANSWER, objection.office.name
    )
    personal = can(user, "request:view_personal", request)
    return {
        "obj": objection,
        "req": request,
        "personal": personal,
        "grounds": [(letter, Ground(letter).label) for letter in objection.grounds],
        "filing": filing_window(objection, events, calendar),
        "answer": answer,
        "disputes": disputes,
        "events": events,
        "can_print_receipt": personal,
        "has_letter": bool(objection.letter_pdf) or objection.decided_at is not None,
        # The legal unit records a case the requester took to the Commission (Pasal 37 UU 14/2008).
        "may_record_dispute": can(user, "dispute:manage", objection)
        and not any(d.stage != Stage.CLOSED for d in disputes),
    }


@dataclass(frozen=True)
class GroundOption:
    """One ground of Pasal 35 ayat (1) as it stands for a request today, for the desk's intake form."""

    letter: str
    label: str
    applies: bool
    arose_on: datetime.date | None = None
    basis: str = ""
    window_ends: datetime.date | None = None
    late: bool = False
    reason: str = ""


def ground_choices(request: InformationRequest) -> list[GroundOption]:
    """Which grounds apply to `request` now, with the window each opens (the service checks again on filing)."""
    office = request.office
    now = timezone.now()
    today = now.astimezone(office.zoneinfo).date()
    calendar = calendar_for_office(office)
    try:
        days: int | None = rule_spec(rule_set_for(office, now), DeadlineStep.OBJECTION_FILING).working_days
    except NoRuleSet:
        days = None
    options: list[GroundOption] = []
    for ground in Ground:
        try:
            found = ground_date(request, ground, today)
        except ValidationError as exc:
            options.append(GroundOption(ground.value, str(ground.label), False, reason=" ".join(exc.messages)))
            continue
        ends = calendar.deadline(found.arose_on, days) if days is not None else None
        options.append(
            GroundOption(
                ground.value,
                str(ground.label),
                True,
                arose_on=found.arose_on,
                basis=found.basis,
                window_ends=ends,
                late=ends is not None and today > ends,
            )
        )
    return options
