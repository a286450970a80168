"""Shared steps of the objection transitions: lock, check state and right, record the event."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ppid.accounts.permissions import acting_role, can
from ppid.events.registry import register_event_type
from ppid.events.services import event_record
from ppid.objections.models import Objection
from ppid.objections.workflow import Status, allowed_from

OBJECTION_FILED = register_event_type("objection.filed", gettext_lazy("Objection registered"))
OBJECTION_FILED_LATE = register_event_type(
    "objection.filed_late", gettext_lazy("Objection registered after the filing window")
)
OBJECTION_ADMITTED = register_event_type("objection.admitted", gettext_lazy("Late objection admitted"))
OBJECTION_NOT_ADMITTED = register_event_type("objection.not_admitted", gettext_lazy("Late objection not admitted"))
OBJECTION_SETTLEMENT_PROPOSED = register_event_type(
    "objection.settlement_proposed", gettext_lazy("Agreement recorded by the PPID")
)
OBJECTION_SETTLED = register_event_type("objection.settled", gettext_lazy("Objection settled by agreement"))
OBJECTION_SETTLEMENT_REJECTED = register_event_type(
    "objection.settlement_rejected", gettext_lazy("Requester did not confirm the agreement")
)
OBJECTION_UPHELD = register_event_type("objection.upheld", gettext_lazy("Atasan PPID upheld the PPID's decision"))
OBJECTION_GRANTED = register_event_type("objection.granted", gettext_lazy("Atasan PPID granted the objection"))
OBJECTION_ORDER_FULFILLED = register_event_type(
    "objection.order_fulfilled", gettext_lazy("PPID carried out the Atasan PPID's order")
)
OBJECTION_REACTION = register_event_type(
    "objection.reaction_recorded", gettext_lazy("Requester's reaction to the answer recorded")
)
OBJECTION_ANSWER_REMINDER = register_event_type(
    "objection.answer_reminder", gettext_lazy("Reminder: the objection's answer is due soon")
)
OBJECTION_ANSWER_OVERDUE = register_event_type(
    "objection.answer_overdue", gettext_lazy("Warning: the objection's answer is overdue")
)


class ObjectionStateError(Exception):
    """The objection is not in a state that allows this step (often: someone else changed it first)."""


def lock_for(objection: Objection, action: str, *, actor: Any, permission: str) -> Objection:
    """Lock the row, then check that `action` is allowed from its current status and by `actor`."""
    locked = (
        Objection.objects.select_for_update()
        .select_related("office", "request", "request__office", "request__requester", "rule_set")
        .get(pk=objection.pk)
    )
    if not can(actor, permission, locked):
        raise PermissionDenied(
            _("You may not do this with objection %(number)s.") % {"number": locked.objection_number}
        )
    if locked.status not in allowed_from(action):
        raise ObjectionStateError(
            _("Objection %(number)s is now “%(status)s”; this step is not possible any more. Reload the page.")
            % {"number": locked.objection_number, "status": Status(locked.status).label}
        )
    return locked


def record(
    objection: Objection,
    event_type: str,
    *,
    actor: Any,
    permission: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
    payload: dict[str, Any] | None = None,
) -> None:
    """One event on the objection; the request's timeline shows it too (ppid.requests.timeline)."""
    event_record(
        event_type=event_type,
        obj=objection,
        actor=actor,
        actor_role=acting_role(actor, permission, objection) if actor is not None else "",
        office=objection.office,
        before=before,
        after=after,
        note=note,
        payload={"request": objection.request.registration_number, **(payload or {})},
    )


def local_today(objection: Objection) -> datetime.date:
    return timezone.now().astimezone(objection.office.zoneinfo).date()
