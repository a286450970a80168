"""Reads for the dispute pages: the staff list, one dispute with its deadlines explained, and the
open work shown on the staff home (STYLE.md: selectors read, services write)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Count, DateField, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from ppid.accounts.permissions import can, filter_visible, offices_where
from ppid.disputes.models import Dispute, FollowUpTask
from ppid.disputes.workflow import Forum, Stage, TaskKind
from ppid.offices.models import Office
from ppid.workdays.engine import Calendar
from ppid.workdays.explain import deadline_explain
from ppid.workdays.models import DeadlineStep
from ppid.workdays.selectors import NoRuleSet, calendar_for_office, rule_spec

OPEN = ""  # the list's default: every case not closed
ALL = "all"


def staff_may_view(user: Any, dispute: Dispute) -> bool:
    """Staff read a dispute through a role at its office or, monitoring, at an ancestor
    (`dispute:view`). Asked of the office, so owning the request opens nothing here: the
    requester follows their dispute on the tracking pages."""
    return can(user, "dispute:view", dispute.office)


def get_dispute_for(user: Any, pk: int) -> Dispute:
    """The dispute if `user` may read it on the staff pages, else 404 (never reveal that it exists)."""
    dispute = get_object_or_404(
        Dispute.objects.select_related(
            "office", "objection", "request", "request__requester", "rule_set", "recorded_by"
        ),
        pk=pk,
    )
    if not staff_may_view(user, dispute):
        raise Http404
    return dispute


def next_due_expression() -> Case:
    """Dispute.next_due_on as a database expression, so lists sort by it."""
    return Case(
        When(stage=Stage.REGISTERED, then=F("ki_start_due_on")),
        When(stage__in=[Stage.MEDIATION, Stage.ADJUDICATION], then=F("ki_settlement_due_on")),
        When(stage=Stage.RULED, then=F("appeal_due_on")),
        default=Value(None),
        output_field=DateField(),
    )


def open_task_count() -> Coalesce:
    """The dispute's follow-up tasks not done yet, as a subquery (no GROUP BY over the list)."""
    tasks = (
        FollowUpTask.objects.filter(dispute=OuterRef("pk"), done_at__isnull=True)
        .order_by()
        .values("dispute")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(tasks, output_field=IntegerField()), Value(0))


def list_offices(user: Any) -> QuerySet[Office]:
    """Offices whose disputes `user` may read: their own and, monitoring, the descendants."""
    return filter_visible(user, "dispute:view", Office.objects.filter(is_active=True), office_field="").order_by("path")


def dispute_rows(user: Any, *, stage: str = OPEN, office: Office | None = None) -> QuerySet[Dispute]:
    """The disputes `user` may read as staff, the nearest deadline first; rows carry `next_due`
    and `open_tasks`."""
    rows = filter_visible(user, "dispute:view", Dispute.objects.all())
    if stage == OPEN:
        rows = rows.exclude(stage=Stage.CLOSED)
    elif stage != ALL:
        rows = rows.filter(stage=stage)
    if office is not None:
        rows = rows.filter(Q(office=office) | Q(office__path__startswith=f"{office.path}/"))
    return (
        rows.annotate(next_due=next_due_expression(), open_tasks=open_task_count())
        .select_related("office", "objection", "request")
        .order_by(F("next_due").asc(nulls_last=True), "-filed_on", "pk")
    )


def office_today(office: Office) -> datetime.date:
    return timezone.now().astimezone(office.zoneinfo).date()


def with_overdue(rows: Iterable[Dispute]) -> list[Dispute]:
    """Set `.overdue` on each row of a page: its next deadline passed at its office (its own time zone)."""
    result = list(rows)
    for row in result:
        due = getattr(row, "next_due", None) or row.next_due_on
        row.overdue = due is not None and due < office_today(row.office)  # type: ignore[attr-defined]
    return result


# --- the detail page ---


@dataclass(frozen=True)
class DeadlineRow:
    """One deadline of the case with how it was counted (RULES.md §7: say it on every deadline)."""

    key: str
    label: str
    due_on: datetime.date | None
    citation: str = ""
    rule_set: str = ""
    lines: list[str] = field(default_factory=list)
    current: bool = False


# Which deadline Dispute.next_due_on is, per stage.
CURRENT_DEADLINE = {
    Stage.REGISTERED: "ki_start",
    Stage.MEDIATION: "ki_settlement",
    Stage.ADJUDICATION: "ki_settlement",
    Stage.RULED: "appeal",
}


def _row(
    dispute: Dispute,
    calendar: Calendar,
    key: str,
    label: str,
    start: datetime.date | None,
    step: str,
    due_on: datetime.date | None,
) -> DeadlineRow:
    current = CURRENT_DEADLINE.get(Stage(dispute.stage)) == key
    if start is None or due_on is None:
        return DeadlineRow(key, label, due_on, current=current)
    try:
        spec = rule_spec(dispute.rule_set, step)
    except NoRuleSet:
        return DeadlineRow(key, label, due_on, rule_set=dispute.rule_set.name, current=current)
    explanation = deadline_explain(calendar, start, spec, office_label=dispute.office.name)
    return DeadlineRow(key, label, due_on, spec.citation, dispute.rule_set.name, explanation.lines(), current)


def deadline_rows(dispute: Dispute) -> list[DeadlineRow]:
    """The filing window (Pasal 37 ayat (2)), the Commission's start and settlement (Pasal 38)
    and, after a ruling, the appeal window (Pasal 48 to the PTUN/PN, Pasal 50 cassation)."""
    meta = Dispute._meta
    calendar = calendar_for_office(dispute.office)
    latest = dispute.rulings.order_by("-ruled_on", "-id").first()
    appeal_step = DeadlineStep.COURT_APPEAL if latest is None or latest.forum == Forum.KI else DeadlineStep.CASSATION
    return [
        _row(
            dispute,
            calendar,
            "filing",
            str(meta.get_field("filing_due_on").verbose_name),
            dispute.filing_window_from,
            DeadlineStep.DISPUTE_FILING,
            dispute.filing_due_on,
        ),
        _row(
            dispute,
            calendar,
            "ki_start",
            str(meta.get_field("ki_start_due_on").verbose_name),
            dispute.registered_on,
            DeadlineStep.KI_START,
            dispute.ki_start_due_on,
        ),
        _row(
            dispute,
            calendar,
            "ki_settlement",
            str(meta.get_field("ki_settlement_due_on").verbose_name),
            dispute.registered_on,
            DeadlineStep.KI_SETTLEMENT,
            dispute.ki_settlement_due_on,
        ),
        _row(
            dispute,
            calendar,
            "appeal",
            str(meta.get_field("appeal_due_on").verbose_name),
            latest.received_on if latest else None,
            appeal_step,
            dispute.appeal_due_on,
        ),
    ]


# --- the staff home ---


def tasks_for(user: Any) -> QuerySet[FollowUpTask]:
    """Open follow-up tasks `user` completes: the Atasan's follow-up (seed c.5) and the PPID's DIP
    entry (Pasal 11 ayat (2)), at the offices where they hold that duty."""
    condition = Q(kind=TaskKind.FOLLOW_UP) & offices_where(user, "dispute:follow_up", prefix="office")
    condition |= Q(kind=TaskKind.PUBLISH_DIP) & offices_where(user, "dip:publish_ruling", prefix="office")
    return (
        FollowUpTask.objects.filter(done_at__isnull=True)
        .filter(condition)
        .select_related("dispute", "office")
        .order_by(F("due_on").asc(nulls_last=True), "created_at", "pk")
    )


def managed_disputes(user: Any) -> QuerySet[Dispute]:
    """Open disputes of the offices where `user` is the legal unit (`dispute:manage`), nearest deadline first."""
    return (
        Dispute.objects.exclude(stage=Stage.CLOSED)
        .filter(offices_where(user, "dispute:manage", prefix="office"))
        .annotate(next_due=next_due_expression())
        .select_related("office")
        .order_by(F("next_due").asc(nulls_last=True), "pk")
    )
