"""Keeps the deadlines of open requests in step with the calendar (ppid.workdays recompute registry).

Two clocks can run on a request: the notice deadline while it is registered or in progress, and
the requester's completion period while it is incomplete (RULES.md §4, §7).
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterator

from ppid.requests.models import InformationRequest
from ppid.requests.workflow import OPEN_STATUSES, Status
from ppid.workdays.engine import Calendar
from ppid.workdays.models import DeadlineStep
from ppid.workdays.providers import OpenDeadline, provider_register
from ppid.workdays.selectors import rule_spec

NOTICE = "notice_due"
COMPLETION = "completion_due"


def open_request_deadlines(office_ids: Collection[int] | None) -> Iterator[OpenDeadline]:
    requests = InformationRequest.objects.filter(status__in=[*OPEN_STATUSES, Status.INCOMPLETE])
    if office_ids is not None:
        requests = requests.filter(office_id__in=office_ids)
    for request in requests.select_related("rule_set").iterator(chunk_size=2000):
        if request.status == Status.INCOMPLETE:
            if request.completion_due_on and request.marked_incomplete_at:
                yield OpenDeadline(request, request.office_id, request.completion_due_on, COMPLETION)
            continue
        due_on = request.extended_due_on or request.notice_due_on
        if due_on is not None and request.clock_started_at is not None:
            yield OpenDeadline(request, request.office_id, due_on, NOTICE)


def recompute_request_deadline(deadline: OpenDeadline, calendar: Calendar) -> datetime.date:
    """Recount from when the clock started; an extension counts on from the new original deadline."""
    request: InformationRequest = deadline.holder
    if deadline.key == COMPLETION:
        assert request.marked_incomplete_at is not None  # selected above
        days = rule_spec(request.rule_set, DeadlineStep.COMPLETENESS_COMPLETION).working_days
        request.completion_due_on = calendar.deadline(request.marked_incomplete_at, days)
        request.save(update_fields=["completion_due_on"])
        return request.completion_due_on
    assert request.clock_started_at is not None  # selected above
    notice_days = rule_spec(request.rule_set, DeadlineStep.REQUEST_NOTICE).working_days
    fields = ["notice_due_on"]
    request.notice_due_on = calendar.deadline(request.clock_started_at, notice_days)
    if request.extended_due_on is not None:
        extension_days = rule_spec(request.rule_set, DeadlineStep.REQUEST_EXTENSION).working_days
        request.extended_due_on = calendar.add_working_days(request.notice_due_on, extension_days)
        fields.append("extended_due_on")
    request.save(update_fields=fields)
    return request.extended_due_on or request.notice_due_on


def register_provider() -> None:
    provider_register(name="requests", open_deadlines=open_request_deadlines, recompute=recompute_request_deadline)
