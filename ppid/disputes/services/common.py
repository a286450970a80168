"""Shared steps of the dispute transitions: lock, check stage and right, record the event."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ppid.accounts.permissions import acting_role, can
from ppid.disputes.models import Dispute
from ppid.disputes.workflow import Stage, allowed_from
from ppid.events.registry import register_event_type
from ppid.events.services import event_record
from ppid.workdays.selectors import calendar_for_office, rule_spec

DISPUTE_RECORDED = register_event_type(
    "dispute.recorded", gettext_lazy("Dispute at the Information Commission recorded")
)
DISPUTE_REPORTED = register_event_type("dispute.reported", gettext_lazy("Requester reported a dispute"))
DISPUTE_REGISTERED = register_event_type(
    "dispute.registration_confirmed", gettext_lazy("Registration at the Commission confirmed")
)
DISPUTE_PARTY_ADDED = register_event_type("dispute.party_added", gettext_lazy("Party added"))
DISPUTE_SESSION = register_event_type("dispute.session_recorded", gettext_lazy("Session recorded"))
DISPUTE_MEDIATION_AGREED = register_event_type("dispute.mediation_agreed", gettext_lazy("Mediation ended in agreement"))
DISPUTE_MEDIATION_FAILED = register_event_type(
    "dispute.mediation_failed", gettext_lazy("Mediation failed: adjudication follows")
)
DISPUTE_RULING = register_event_type("dispute.ruling_recorded", gettext_lazy("Ruling recorded"))
DISPUTE_APPEALED = register_event_type("dispute.appealed", gettext_lazy("Ruling appealed"))
DISPUTE_CLOSED = register_event_type("dispute.closed", gettext_lazy("Dispute closed"))
DISPUTE_DOCUMENT = register_event_type("dispute.document_added", gettext_lazy("Document added to the case"))
DISPUTE_TASK_CREATED = register_event_type("dispute.task_created", gettext_lazy("Follow-up task created"))
DISPUTE_TASK_DONE = register_event_type("dispute.task_done", gettext_lazy("Follow-up task done"))


class DisputeStateError(Exception):
    """The dispute is not at a stage that allows this step (often: someone else changed it first)."""


def lock_for(dispute: Dispute, action: str, *, actor: Any, permission: str) -> Dispute:
    locked = (
        Dispute.objects.select_for_update()
        .select_related("office", "objection", "request", "request__requester", "rule_set")
        .get(pk=dispute.pk)
    )
    if not can(actor, permission, locked):
        raise PermissionDenied(_("You may not do this with dispute %(number)s.") % {"number": locked.dispute_number})
    if locked.stage not in allowed_from(action):
        raise DisputeStateError(
            _("Dispute %(number)s is now at “%(stage)s”; this step is not possible any more. Reload the page.")
            % {"number": locked.dispute_number, "stage": Stage(locked.stage).label}
        )
    return locked


def record(
    dispute: Dispute,
    event_type: str,
    *,
    actor: Any,
    permission: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
    payload: dict[str, Any] | None = None,
) -> None:
    """One event on the dispute; the request's timeline shows it too (ppid.requests.timeline)."""
    event_record(
        event_type=event_type,
        obj=dispute,
        actor=actor,
        actor_role=acting_role(actor, permission, dispute) if actor is not None else "",
        office=dispute.office,
        before=before,
        after=after,
        note=note,
        payload={"request": dispute.request.registration_number, **(payload or {})},
    )


def due_after(dispute: Dispute, start: datetime.date | datetime.datetime, step: str) -> datetime.date:
    """The end of `step` counted from `start` at the dispute's office under its rule set (RULES.md §7)."""
    return calendar_for_office(dispute.office).deadline(start, rule_spec(dispute.rule_set, step).working_days)
