"""The request's workflow as data: its statuses, outcomes and every allowed transition.

Status says where the request is in the process; the outcome (the PPID's decision) is kept
apart from it (STYLE.md §4). Each transition names the one service function that performs it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    INCOMPLETE = "incomplete", _("Incomplete: waiting for the requester")
    IN_PROGRESS = "in_progress", _("Being prepared by the work unit")
    DECIDED = "decided", _("Written notice issued")
    DELIVERED = "delivered", _("Information delivered")
    CLOSED = "closed", _("Closed: receipt confirmed")
    LAPSED = "lapsed", _("Lapsed: not completed in time")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    FORWARDED = "forwarded", _("Forwarded to another KPU office")
    REOPENED = "reopened", _("Reopened: the Atasan PPID ordered the information provided")


class Outcome(models.TextChoices):
    """Pasal 22 ayat (7) UU 14/2008 and Pasal 6 ayat (3): what the written notice decides."""

    GRANTED_FULL = "granted_full", _("Granted in full")
    GRANTED_PART = "granted_part", _("Granted in part")
    REFUSED = "refused", _("Refused (exempt information)")
    NOT_HELD = "not_held", _("Not held by this body")
    NOT_DOCUMENTED = "not_documented", _("Not yet documented")


# The clock runs in these statuses: a deadline is open and reminders apply.
OPEN_STATUSES = frozenset({Status.REGISTERED, Status.IN_PROGRESS})
# A deadline the office must meet runs in these: the notice clock, or the Atasan PPID's order.
CLOCK_STATUSES = OPEN_STATUSES | {Status.REOPENED}
# Not answered yet, nor ended otherwise: what the dashboards count as pending.
PENDING_STATUSES = CLOCK_STATUSES | {Status.INCOMPLETE}
# Statuses after which nothing more happens to the request.
FINAL_STATUSES = frozenset({Status.CLOSED, Status.LAPSED, Status.WITHDRAWN, Status.FORWARDED})

# service function → (statuses it may start from, status it leaves, or None for "unchanged")
TRANSITIONS: dict[str, tuple[frozenset[Status], Status | None]] = {
    "request_mark_incomplete": (frozenset({Status.REGISTERED, Status.IN_PROGRESS}), Status.INCOMPLETE),
    # Back to the register, or to the units when it had already been routed to them.
    "request_complete": (frozenset({Status.INCOMPLETE}), Status.REGISTERED),
    "request_lapse": (frozenset({Status.INCOMPLETE}), Status.LAPSED),
    "request_assign": (frozenset({Status.REGISTERED, Status.IN_PROGRESS}), Status.IN_PROGRESS),
    "request_extend": (OPEN_STATUSES, None),
    # A request reopened by an objection without a notice yet (ground c) still needs one.
    "request_decide": (OPEN_STATUSES | {Status.REOPENED}, Status.DECIDED),
    "request_forward": (OPEN_STATUSES | {Status.INCOMPLETE}, Status.FORWARDED),
    "request_deliver": (frozenset({Status.DECIDED}), Status.DELIVERED),
    "request_confirm_receipt": (frozenset({Status.DELIVERED}), Status.CLOSED),
    "request_withdraw": (OPEN_STATUSES | {Status.INCOMPLETE}, Status.WITHDRAWN),
    # Pasal 36 UU KIP: the Atasan PPID grants an objection and orders the information provided.
    "request_reopen": (
        OPEN_STATUSES | {Status.DECIDED, Status.DELIVERED, Status.CLOSED, Status.REOPENED},
        Status.REOPENED,
    ),
    "request_fulfil_order": (frozenset({Status.REOPENED}), Status.DELIVERED),
}


def allowed_from(action: str) -> frozenset[Status]:
    return TRANSITIONS[action][0]


def target_of(action: str) -> Status:
    """The status `action` leaves the request in; only for actions that change it."""
    target = TRANSITIONS[action][1]
    if target is None:
        raise ValueError(f"{action} does not change the status")
    return target
