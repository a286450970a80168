"""Directions (arahan) and the PPID's work plan as data: their statuses and transitions.

Seed a.1 (the Pembina PPID guides and directs the PPID), b.1 (the Tim Pertimbangan directs all
information management and service) and d.1 (the PPID plans its work and evaluates it), RULES.md §1.
Each transition names the one service function that performs it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class IssuerRole(models.TextChoices):
    """Who gives a direction, and the permission that role uses to give and close it."""

    PEMBINA = "pembina", _("Pembina PPID")
    TIM_PERTIMBANGAN = "tim_pertimbangan", _("Tim Pertimbangan")


# Seed a.1: guidance:issue for the Pembina; seed b.1: direction:issue for the Tim Pertimbangan.
ISSUE_PERMISSION: dict[str, str] = {
    IssuerRole.PEMBINA: "guidance:issue",
    IssuerRole.TIM_PERTIMBANGAN: "direction:issue",
}


class DirectionScope(models.TextChoices):
    ONE_OFFICE = "one_office", _("One office")
    ALL_BELOW = "all_below", _("Every office below the issuing office")


class AddresseeStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    REPORTED = "reported", _("Follow-up reported")
    CLOSED = "closed", _("Closed")


OPEN_STATUSES = frozenset({AddresseeStatus.SENT, AddresseeStatus.ACKNOWLEDGED, AddresseeStatus.REPORTED})


class WorkPlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Active")
    EVALUATED = "evaluated", _("Evaluated")


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


# service function → statuses it may start from
DIRECTION_TRANSITIONS: dict[str, frozenset[AddresseeStatus]] = {
    "direction_acknowledge": frozenset({AddresseeStatus.SENT}),
    # A follow-up can be reported several times until the issuer closes the direction.
    "direction_report": frozenset({AddresseeStatus.ACKNOWLEDGED, AddresseeStatus.REPORTED}),
    "direction_close": OPEN_STATUSES,
}

WORKPLAN_TRANSITIONS: dict[str, frozenset[WorkPlanStatus]] = {
    "workplan_activate": frozenset({WorkPlanStatus.DRAFT}),
    "activity_add": frozenset({WorkPlanStatus.DRAFT, WorkPlanStatus.ACTIVE}),
    "activity_update_progress": frozenset({WorkPlanStatus.ACTIVE}),
    "workplan_evaluate": frozenset({WorkPlanStatus.ACTIVE}),
}


def activity_status_for(progress: int) -> ActivityStatus:
    """The activity's status follows its progress: nothing done, some done, all done."""
    if progress >= 100:
        return ActivityStatus.DONE
    return ActivityStatus.IN_PROGRESS if progress > 0 else ActivityStatus.PLANNED
