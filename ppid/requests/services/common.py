"""Shared steps of the request transitions: lock, check state and right, record the event."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ppid.accounts.permissions import acting_role, can
from ppid.events.registry import register_event_type
from ppid.events.services import event_record
from ppid.requests.models import InformationRequest
from ppid.requests.workflow import Status, allowed_from
from ppid.workdays.models import DeadlineStep
from ppid.workdays.selectors import calendar_for_office, rule_spec

REQUEST_SUBMITTED = register_event_type("request.submitted", gettext_lazy("Request registered"))
REQUEST_MARKED_INCOMPLETE = register_event_type("request.marked_incomplete", gettext_lazy("Request marked incomplete"))
REQUEST_COMPLETED = register_event_type("request.completed", gettext_lazy("Request completed: the clock starts"))
REQUEST_LAPSED = register_event_type("request.lapsed", gettext_lazy("Request lapsed: not completed in time"))
REQUEST_ASSIGNED = register_event_type("request.assigned", gettext_lazy("Request assigned to work units"))
REQUEST_EXTENDED = register_event_type("request.extended", gettext_lazy("Deadline extended"))
REQUEST_DECIDED = register_event_type("request.decided", gettext_lazy("Written notice issued"))
REQUEST_FORWARDED = register_event_type("request.forwarded", gettext_lazy("Request forwarded to another KPU office"))
REQUEST_RECEIVED_BY_FORWARD = register_event_type(
    "request.received_by_forward", gettext_lazy("Request received from another KPU office")
)
REQUEST_DELIVERED = register_event_type("request.delivered", gettext_lazy("Information delivered"))
REQUEST_RECEIPT_CONFIRMED = register_event_type("request.receipt_confirmed", gettext_lazy("Receipt confirmed"))
REQUEST_WITHDRAWN = register_event_type("request.withdrawn", gettext_lazy("Request withdrawn"))


class RequestStateError(Exception):
    """The request is not in a state that allows this step (often: someone else changed it first)."""


def lock_for(request: InformationRequest, action: str, *, actor: Any, permission: str) -> InformationRequest:
    """Lock the row, then check that `action` is allowed from its current status and by `actor`."""
    locked = InformationRequest.objects.select_for_update().select_related("office", "requester").get(pk=request.pk)
    if not can(actor, permission, locked):
        raise PermissionDenied(
            _("You may not do this with request %(number)s.") % {"number": locked.registration_number}
        )
    if locked.status not in allowed_from(action):
        raise RequestStateError(
            _("Request %(number)s is now “%(status)s”; this step is not possible any more. Reload the page.")
            % {"number": locked.registration_number, "status": Status(locked.status).label}
        )
    return locked


def record(
    request: InformationRequest,
    event_type: str,
    *,
    actor: Any,
    permission: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
    payload: dict[str, Any] | None = None,
    acted_at: InformationRequest | None = None,
) -> None:
    """One event on `request`'s timeline; the actor's role is looked up where they acted
    (`acted_at`, e.g. the forwarding office for the forwarded copy), by default the request itself."""
    role = acting_role(actor, permission, acted_at or request) if actor is not None else ""
    event_record(
        event_type=event_type,
        obj=request,
        actor=actor,
        actor_role=role,
        office=request.office,
        before=before,
        after=after,
        note=note,
        payload=payload,
    )


def due_after(
    request: InformationRequest, start: datetime.datetime | datetime.date, step: DeadlineStep
) -> datetime.date:
    """The deadline of `step` counted from `start` at the request's office, under its rule set (RULES.md §7)."""
    spec = rule_spec(request.rule_set, step)
    return calendar_for_office(request.office).deadline(start, spec.working_days)


def add_working_days(request: InformationRequest, day: datetime.date, step: DeadlineStep) -> datetime.date:
    """`day` plus the working days of `step`: an extension counts on from the original deadline (RULES.md §7)."""
    spec = rule_spec(request.rule_set, step)
    return calendar_for_office(request.office).add_working_days(day, spec.working_days)
