"""Keeps the answer deadline of pending objections in step with the calendar (recompute registry).

Pasal 36 ayat (2) UU 14/2008: the Atasan PPID answers within the rule-set period counted from
registration. The filing window is history once the objection is filed and is not recounted."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterator

from ppid.objections.models import Objection
from ppid.objections.workflow import PENDING_STATUSES
from ppid.workdays.engine import Calendar
from ppid.workdays.models import DeadlineStep
from ppid.workdays.providers import OpenDeadline, provider_register
from ppid.workdays.selectors import rule_spec

ANSWER = "answer_due"


def open_objection_deadlines(office_ids: Collection[int] | None) -> Iterator[OpenDeadline]:
    objections = Objection.objects.filter(status__in=PENDING_STATUSES)
    if office_ids is not None:
        objections = objections.filter(office_id__in=office_ids)
    for objection in objections.select_related("rule_set").iterator(chunk_size=2000):
        yield OpenDeadline(objection, objection.office_id, objection.answer_due_on, ANSWER)


def recompute_objection_deadline(deadline: OpenDeadline, calendar: Calendar) -> datetime.date:
    objection: Objection = deadline.holder
    days = rule_spec(objection.rule_set, DeadlineStep.OBJECTION_ANSWER).working_days
    objection.answer_due_on = calendar.deadline(objection.received_at, days)
    objection.save(update_fields=["answer_due_on"])
    return objection.answer_due_on


def register_provider() -> None:
    provider_register(
        name="objections", open_deadlines=open_objection_deadlines, recompute=recompute_objection_deadline
    )
