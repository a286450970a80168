"""Reads of directions and work plans: who sees what, overdue follow-ups, and the plan's summary
for the annual report (Perki 1/2021 Pasal 56)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet
from django.utils import timezone

from ppid.accounts.permissions import can, filter_visible, offices_where
from ppid.guidance.models import Direction, DirectionAddressee, WorkPlan
from ppid.guidance.workflow import ISSUE_PERMISSION, OPEN_STATUSES, ActivityStatus, IssuerRole
from ppid.offices.models import Office


def _offices(user: Any, action: str) -> QuerySet[Office, Any]:
    return Office.objects.filter(offices_where(user, action)).values("pk")


def issued_visible(user: Any) -> QuerySet[Direction]:
    """Directions issued where `user` holds the issuer's permission of the direction's role."""
    condition = Q(pk__in=[])
    for role, permission in ISSUE_PERMISSION.items():
        condition |= Q(issuer_role=role, office__in=_offices(user, permission))
    return Direction.objects.filter(condition)


def inbox(user: Any) -> QuerySet[DirectionAddressee]:
    """The addressee rows of the offices where `user` is the PPID who responds (seed a.1, b.1)."""
    return DirectionAddressee.objects.filter(office__in=_offices(user, "direction:respond"))


def overdue_q(today: datetime.date | None = None, prefix: str = "") -> Q:
    """Overdue: the follow-up date has passed and the issuer has not closed the direction."""
    day = today or timezone.localdate()
    return Q(**{f"{prefix}direction__due_on__lt": day, f"{prefix}status__in": sorted(OPEN_STATUSES)})


def is_issuer_viewer(user: Any, direction: Direction) -> bool:
    return can(user, ISSUE_PERMISSION[IssuerRole(direction.issuer_role)], direction.office)


def may_view_direction(user: Any, direction: Direction) -> bool:
    return is_issuer_viewer(user, direction) or inbox(user).filter(direction=direction).exists()


def with_counts(directions: QuerySet[Direction], today: datetime.date | None = None) -> QuerySet[Direction]:
    """Per direction: addressees, open ones and overdue ones, in the same query."""
    day = today or timezone.localdate()
    open_q = Q(addressees__status__in=sorted(OPEN_STATUSES))
    return directions.annotate(
        total=Count("addressees"),
        open=Count("addressees", filter=open_q),
        overdue=Count("addressees", filter=open_q & Q(due_on__lt=day)),
    )


def visible_plans(user: Any) -> QuerySet[WorkPlan]:
    """Plans of offices where `user` manages the plan or reads reports (monitoring from above)."""
    return WorkPlan.objects.filter(
        Q(pk__in=filter_visible(user, "report:view", WorkPlan.objects.all()).values("pk"))
        | Q(office__in=_offices(user, "workplan:manage"))
    )


@dataclass(frozen=True)
class WorkPlanSummary:
    year: int
    status: str
    activities: int
    average_progress: float
    completed: int
    evaluation: str


def workplan_summary(office: Office, year: int) -> WorkPlanSummary | None:
    """The plan of `office` for `year` in figures, for the annual report; None without a plan."""
    plan = WorkPlan.objects.filter(office=office, year=year).first()
    if plan is None:
        return None
    figures = plan.activities.aggregate(
        count=Count("pk"), average=Avg("progress"), done=Count("pk", filter=Q(status=ActivityStatus.DONE))
    )
    return WorkPlanSummary(
        year=year,
        status=plan.status,
        activities=figures["count"],
        average_progress=round(float(figures["average"] or 0), 1),
        completed=figures["done"],
        evaluation=plan.evaluation,
    )
